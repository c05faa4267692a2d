/**
 * SQLite: the copy is made with SQLite's online backup API (better-sqlite3's `db.backup`) in one
 * step, which reads the whole database inside one read transaction: in WAL mode that is a
 * consistent snapshot taken while the app keeps writing (writers are never blocked, and the copy
 * holds every transaction committed before the step began). Restore copies the file back with
 * the same API into an empty database, or moves it into place where there is none.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { RawQuery } from "~/data/database-is-empty.server";

/** A synchronous better-sqlite3 connection as a RawQuery. */
export function sqliteQuery(db: Database.Database): RawQuery {
  return async (sql) => db.prepare(sql).all() as Array<Record<string, unknown>>;
}

/**
 * Copies the live database `source` to `dest` (a new file), then makes the copy a self-contained
 * file (rollback journal instead of WAL), so it is one file wherever it goes.
 */
export async function copyLiveSqlite(source: string, dest: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`no SQLite database at ${source}`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    // The first step only opens the backup; every later one is asked for all remaining pages, so
    // the copy is made in one step (one read transaction: a snapshot), never restarted by writers.
    await db.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(dest);
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`the copy fails SQLite's quick_check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/** Opens a SQLite file read-only and hands a RawQuery to `use`. */
export async function withSqliteFile<T>(file: string, use: (query: RawQuery) => Promise<T>): Promise<T> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await use(sqliteQuery(db));
  } finally {
    db.close();
  }
}

/**
 * Puts the database file `payload` at `target`: moved into place when there is no database
 * there, copied into the existing (empty) one with the backup API otherwise. `stillEmpty` is
 * asked again right before writing.
 */
export async function restoreSqlite(payload: string, target: string, stillEmpty: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (!fs.existsSync(target)) {
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
    // Same folder (the payload was extracted beside the target), so the rename is atomic.
    fs.renameSync(payload, target);
    return;
  }
  await stillEmpty();
  const source = new Database(payload, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
}
