// A Longbridge prototype with a test cycle whose feedback link is open, made once per test
// process in the e2e server's database, for the access-control table's feedback rows (the demo
// data need not have one). Synchronous, so a row's `path` can ask for it — and quick: three rows
// written straight into the SQLite file (no child process), as the app stores them.
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { newLinkCode } from "../../../app/domain/ideas";
import { DEFAULT_QUESTIONS, type SeededFeedback } from "../../factories/feedback";

const DB_FILE = path.resolve(import.meta.dirname, "..", "..", ".tmp", `e2e-${Number(process.env.E2E_PORT ?? 3199)}`, "coproduce.db");
const made = new Map<string, SeededFeedback & { code: string }>();

const id = (prefix: string) => `${prefix}${crypto.randomBytes(10).toString("hex")}`;
/** A moment as Prisma stores it in SQLite. */
const stamp = () => new Date().toISOString().replace("Z", "+00:00");

/** The access table's feedback cycle in locality `L` (made on first use). */
export function feedbackAccess(localityId: string): SeededFeedback & { code: string } {
  const found = made.get(localityId);
  if (found) return found;
  const db = new Database(DB_FILE, { fileMustExist: true, timeout: 15_000 });
  try {
    const seeded = db.transaction(() => {
      const now = stamp();
      const prototypeId = id("fbproto");
      const cycleId = id("fbcycle");
      const code = newLinkCode();
      db.prepare("INSERT INTO Prototype (id, localityId, title, status, createdAt, updatedAt) VALUES (?, ?, ?, 'testing', ?, ?)").run(
        prototypeId,
        localityId,
        "Access table prototype (feedback)",
        now,
        now,
      );
      db.prepare(
        `INSERT INTO TestCycle (id, prototypeId, localityId, number, believe, willResult, knowWhen, method, languages, feedbackCode, feedbackOpen, createdAt, updatedAt)
         VALUES (?, ?, ?, 1, 'We believe a coffee morning helps', 'parents will meet', 'We will know when they come back', 'pop-up', 'en,ar', ?, 1, ?, ?)`,
      ).run(cycleId, prototypeId, localityId, code, now, now);
      const questionIds = DEFAULT_QUESTIONS.map((q, i) => {
        const questionId = id("fbq");
        db.prepare("INSERT INTO FeedbackQuestion (id, cycleId, position, kind, prompts) VALUES (?, ?, ?, ?, ?)").run(
          questionId,
          cycleId,
          i + 1,
          q.kind,
          JSON.stringify(q.prompts),
        );
        return questionId;
      });
      return { prototypeId, cycleId, code, questionIds };
    })();
    made.set(localityId, seeded);
    return seeded;
  } finally {
    db.close();
  }
}
