// A Longbridge session with a one-step agenda, made once per test process in the e2e server's
// database, for the access-control table's session-plan rows (the demo data's sessions have no
// agenda). Synchronous, so a row's `path` can ask for it: one row written straight into the
// SQLite file, as the app stores it.
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";

const DB_FILE = path.resolve(import.meta.dirname, "..", "..", ".tmp", `e2e-${Number(process.env.E2E_PORT ?? 3199)}`, "coproduce.db");
const made = new Map<string, string>();

/** The access table's session in locality `L` (made on first use): its id. */
export function planAccessSession(localityId: string): string {
  const found = made.get(localityId);
  if (found) return found;
  const db = new Database(DB_FILE, { fileMustExist: true, timeout: 15_000 });
  try {
    const id = `plansession${crypto.randomBytes(10).toString("hex")}`;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const steps = JSON.stringify([{ title: "Welcome", minutes: 10, prompt: "Say hello", tool: "none", columns: [] }]);
    db.prepare(
      "INSERT INTO Workshop (id, localityId, title, startsAt, languages, durationMinutes, planSteps, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'en', 60, ?, ?, ?)",
    ).run(id, localityId, "Access table session", now, steps, now, now);
    made.set(localityId, id);
    return id;
  } finally {
    db.close();
  }
}

/** A new insight of locality `L` with one "How might we…?" question not opened yet (for "Ideas day"); returns the question's id. */
export function seedQuestion(localityId: string, text: string): string {
  const db = new Database(DB_FILE, { fileMustExist: true, timeout: 15_000 });
  try {
    const insightId = `planinsight${crypto.randomBytes(10).toString("hex")}`;
    const questionId = `planquestion${crypto.randomBytes(10).toString("hex")}`;
    const now = new Date().toISOString().replace("Z", "+00:00");
    db.transaction(() => {
      db.prepare("INSERT INTO Insight (id, localityId, statement, confidence, createdAt, updatedAt) VALUES (?, ?, ?, 'medium', ?, ?)").run(
        insightId,
        localityId,
        "We learned that parents plan their week on Sunday evenings",
        now,
        now,
      );
      db.prepare("INSERT INTO InsightQuestion (id, insightId, text, position, createdAt) VALUES (?, ?, ?, 0, ?)").run(questionId, insightId, text, now);
    })();
    return questionId;
  } finally {
    db.close();
  }
}
