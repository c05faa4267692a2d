import pg from "pg";
import type { CollabStore, LoadedDocument } from "./store";

/** The collab log in PostgreSQL, through a pg pool (each batch is one transaction). */
export function createPgStore(connectionString: string): CollabStore {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on("error", () => {}); // an idle client's error must not crash the process; the next query reports it

  async function readAll(client: pg.PoolClient | pg.Pool, docName: string, lock = false) {
    const snap = await client.query<{ data: Buffer; upToId: number }>(
      `SELECT "data", "upToId" FROM "CollabSnapshot" WHERE "docName" = $1${lock ? " FOR UPDATE" : ""}`,
      [docName],
    );
    const snapshot = snap.rows[0];
    const log = await client.query<{ id: number; data: Buffer }>('SELECT "id", "data" FROM "CollabUpdate" WHERE "docName" = $1 AND "id" > $2 ORDER BY "id"', [
      docName,
      snapshot?.upToId ?? 0,
    ]);
    return { snapshot, log: log.rows };
  }

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    kind: "postgresql",
    async load(docName): Promise<LoadedDocument> {
      // One snapshot of the database: a compaction cannot fall between snapshot and log.
      const { snapshot, log } = await inTransaction(async (client) => {
        await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        return readAll(client, docName);
      });
      const updates = [...(snapshot ? [toBytes(snapshot.data)] : []), ...log.map((r) => toBytes(r.data))];
      return { updates, storedBytes: updates.reduce((n, u) => n + u.byteLength, 0), logCount: log.length };
    },
    async appendBatch(entries) {
      if (!entries.length) return;
      const values: unknown[] = [];
      const rows = entries.map((e, i) => {
        values.push(e.docName, Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength));
        return `($${i * 2 + 1}, $${i * 2 + 2})`;
      });
      await pool.query(`INSERT INTO "CollabUpdate" ("docName", "data") VALUES ${rows.join(", ")}`, values);
    },
    async compact(docName, merge) {
      return inTransaction(async (client) => {
        // One compaction per document at a time, across instances too.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [docName]);
        const { snapshot, log } = await readAll(client, docName, true);
        if (log.length === 0) return 0;
        const merged = merge([...(snapshot ? [snapshot.data] : []), ...log.map((r) => r.data)].map(toBytes));
        const upToId = log[log.length - 1]!.id;
        await client.query(
          `INSERT INTO "CollabSnapshot" ("docName", "data", "upToId", "updatedAt") VALUES ($1, $2, $3, now())
           ON CONFLICT ("docName") DO UPDATE SET "data" = EXCLUDED."data", "upToId" = EXCLUDED."upToId", "updatedAt" = now()`,
          [docName, Buffer.from(merged), upToId],
        );
        await client.query('DELETE FROM "CollabUpdate" WHERE "docName" = $1 AND "id" <= $2', [docName, upToId]);
        return log.length;
      });
    },
    async erase(docName) {
      await inTransaction(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [docName]);
        await client.query('DELETE FROM "CollabUpdate" WHERE "docName" = $1', [docName]);
        await client.query('DELETE FROM "CollabSnapshot" WHERE "docName" = $1', [docName]);
      });
    },
    async compactionCandidates(minUpdates) {
      const result = await pool.query<{ docName: string }>('SELECT "docName" FROM "CollabUpdate" GROUP BY "docName" HAVING COUNT(*) >= $1', [minUpdates]);
      return result.rows.map((r) => r.docName);
    },
    async close() {
      await pool.end();
    },
  };
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
