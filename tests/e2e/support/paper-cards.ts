// A Longbridge board whose blank cards have a code, made once per test process in the e2e
// server's database, for the access-control table's rows of the public card page (the demo data
// has none). Synchronous, so a row's `path` can ask for it: one row written straight into the
// SQLite file, as the app stores it.
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { newLinkCode } from "../../../app/domain/ideas";

const DB_FILE = path.resolve(import.meta.dirname, "..", "..", ".tmp", `e2e-${Number(process.env.E2E_PORT ?? 3199)}`, "coproduce.db");
const made = new Map<string, { boardId: string; code: string }>();

/** The access table's card board in locality `L` (made on first use). */
export function paperAccess(localityId: string): { boardId: string; code: string } {
  const found = made.get(localityId);
  if (found) return found;
  const db = new Database(DB_FILE, { fileMustExist: true, timeout: 15_000 });
  try {
    const now = new Date().toISOString().replace("Z", "+00:00");
    const seeded = { boardId: `paper${crypto.randomBytes(10).toString("hex")}`, code: newLinkCode() };
    db.prepare(
      "INSERT INTO Board (id, localityId, title, purpose, locked, silent, cardCode, createdAt, updatedAt) VALUES (?, ?, 'Access table cards', 'exercise', 0, 0, ?, ?, ?)",
    ).run(seeded.boardId, localityId, seeded.code, now, now);
    made.set(localityId, seeded);
    return seeded;
  } finally {
    db.close();
  }
}
