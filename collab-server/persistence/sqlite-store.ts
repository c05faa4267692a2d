import Database from "better-sqlite3";
import type { CollabStore, LoadedDocument } from "./store";

/** The collab log in the app's SQLite file, through better-sqlite3 (WAL, synchronous=FULL). */
export function createSqliteStore(filePath: string): CollabStore {
  const db = new Database(filePath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  // No synchronous waiting for the lock: the app's connection to this file holds it across
  // awaits inside its transactions, and a synchronous wait here would block the very event loop
  // that transaction needs to finish. Busy answers come back at once; `whenFree` waits and retries.
  db.pragma("busy_timeout = 0");
  // A 4 MB page cache (better-sqlite3's default is 16 MB): the log is written once and read on
  // load, so a big cache mostly holds memory — a 10-minute churn run grew RSS 16% with it.
  db.pragma("cache_size = -4000");

  const snapshotOf = db.prepare<[string], { data: Buffer; upToId: number }>('SELECT "data", "upToId" FROM "CollabSnapshot" WHERE "docName" = ?');
  const logAfter = db.prepare<[string, number], { id: number; data: Buffer }>(
    'SELECT "id", "data" FROM "CollabUpdate" WHERE "docName" = ? AND "id" > ? ORDER BY "id"',
  );
  const insert = db.prepare<[string, Buffer]>('INSERT INTO "CollabUpdate" ("docName", "data") VALUES (?, ?)');
  const upsertSnapshot = db.prepare<[string, Buffer, number, string]>(
    `INSERT INTO "CollabSnapshot" ("docName", "data", "upToId", "updatedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("docName") DO UPDATE SET "data" = excluded."data", "upToId" = excluded."upToId", "updatedAt" = excluded."updatedAt"`,
  );
  const deleteUpTo = db.prepare<[string, number]>('DELETE FROM "CollabUpdate" WHERE "docName" = ? AND "id" <= ?');
  const eraseLog = db.prepare<[string]>('DELETE FROM "CollabUpdate" WHERE "docName" = ?');
  const eraseSnapshot = db.prepare<[string]>('DELETE FROM "CollabSnapshot" WHERE "docName" = ?');
  const eraseOne = db.transaction((docName: string) => {
    eraseLog.run(docName);
    eraseSnapshot.run(docName);
  });
  const candidates = db.prepare<[number], { docName: string }>('SELECT "docName" FROM "CollabUpdate" GROUP BY "docName" HAVING COUNT(*) >= ?');

  function readAll(docName: string): { snapshot: { data: Buffer; upToId: number } | undefined; log: Array<{ id: number; data: Buffer }> } {
    const snapshot = snapshotOf.get(docName);
    return { snapshot, log: logAfter.all(docName, snapshot?.upToId ?? 0) };
  }

  const readConsistent = db.transaction((docName: string) => readAll(docName));

  const appendAll = db.transaction((entries: ReadonlyArray<{ docName: string; update: Uint8Array }>) => {
    for (const e of entries) insert.run(e.docName, Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength));
  });

  const compactOne = db.transaction((docName: string, merge: (updates: Uint8Array[]) => Uint8Array): number => {
    const { snapshot, log } = readAll(docName);
    if (log.length === 0) return 0;
    const merged = merge([...(snapshot ? [snapshot.data] : []), ...log.map((r) => r.data)].map(toBytes));
    const upToId = log[log.length - 1]!.id;
    upsertSnapshot.run(docName, Buffer.from(merged), upToId, new Date().toISOString());
    deleteUpTo.run(docName, upToId);
    return log.length;
  });

  return {
    kind: "sqlite",
    async load(docName): Promise<LoadedDocument> {
      // One read transaction: a compaction elsewhere cannot fall between snapshot and log.
      const { snapshot, log } = await whenFree(() => readConsistent(docName));
      const updates = [...(snapshot ? [toBytes(snapshot.data)] : []), ...log.map((r) => toBytes(r.data))];
      return { updates, storedBytes: updates.reduce((n, u) => n + u.byteLength, 0), logCount: log.length };
    },
    async appendBatch(entries) {
      if (entries.length) await whenFree(() => appendAll.immediate(entries));
    },
    async compact(docName, merge) {
      return whenFree(() => compactOne.immediate(docName, merge));
    },
    async erase(docName) {
      await whenFree(() => eraseOne.immediate(docName));
    },
    async compactionCandidates(minUpdates) {
      return whenFree(() => candidates.all(minUpdates).map((r) => r.docName));
    },
    async close() {
      db.close();
    },
  };
}

/** How long a write waits for the lock in all (about 5 s, like a busy timeout), without blocking. */
const BUSY_RETRIES = 200;

/** Runs a statement, and while SQLite answers "busy" waits a few milliseconds (asynchronously) and tries again. */
async function whenFree<T>(run: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const busy = typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
      if (!busy || attempt >= BUSY_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt * 2, 25)));
    }
  }
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
