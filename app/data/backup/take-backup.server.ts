/**
 * `npm run backup`: copies the database the app uses (DATABASE_URL) into one backup file while
 * the app keeps running — SQLite through its online backup API, PostgreSQL through pg_dump —
 * with a manifest: engine, schema version, when, rows per table (read from the copy itself) and
 * the copy's checksum. Everything the app keeps in its database is in it, the collaboration log
 * and snapshots (CollabUpdate, CollabSnapshot: boards' and documents' content) included. The file
 * appears under its name only once complete.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { countRows, listTables, type RawQuery } from "~/data/database-is-empty.server";
import { writeArchive } from "./archive";
import { BackupUsageError } from "./errors";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_ENTRY, NOT_INCLUDED, PAYLOAD_ENTRY, type Manifest } from "./manifest";
import { appliedSchemaVersion } from "./schema-version";
import { currentSessionSecret, fingerprint } from "./session-secret";
import { copyLiveSqlite, withSqliteFile } from "./sqlite-engine";
import { dumpPostgres, pgDumpVersion } from "./postgres-engine";

export type BackupOptions = {
  /** DATABASE_URL of the database to back up (unset: the app's default SQLite file). */
  databaseUrl?: string;
  /** A file to create, or an existing folder to put a file named after the engine and time in. Default: ./backups/ */
  out?: string;
  env?: NodeJS.ProcessEnv;
};

export type BackupResult = { file: string; manifest: Manifest; seconds: number };

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

/** Where the backup goes: a new file (never overwritten). */
export function backupPath(out: string | undefined, engine: "sqlite" | "postgresql", now: Date): string {
  const name = `coproduce-${engine}-${stamp(now)}.tar`;
  const target = path.resolve(out ?? "backups");
  if (out === undefined || out.endsWith("/") || (fs.existsSync(target) && fs.statSync(target).isDirectory())) {
    fs.mkdirSync(target, { recursive: true });
    const file = path.join(target, name);
    if (fs.existsSync(file)) throw new BackupUsageError(`${file} already exists (a backup was taken this very second): try again`);
    return file;
  }
  if (fs.existsSync(target)) throw new BackupUsageError(`${target} already exists: a backup never overwrites a file; choose another --out`);
  if (!fs.existsSync(path.dirname(target))) throw new BackupUsageError(`the folder ${path.dirname(target)} does not exist`);
  return target;
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

type ReadInCopy = { schemaVersion: string | null; rowCounts: Record<string, number>; documents: number };

/** What the manifest says about the copy, read from the copy (or the dump's snapshot). */
async function readCopy(query: RawQuery, provider: "sqlite" | "postgresql"): Promise<ReadInCopy> {
  const tables = await listTables(query, provider);
  const schemaVersion = await appliedSchemaVersion(query, tables);
  const rowCounts = await countRows(query, provider);
  let documents = 0;
  if (tables.includes("CollabUpdate") && tables.includes("CollabSnapshot")) {
    const [row] = await query('SELECT COUNT(*) AS n FROM (SELECT "docName" FROM "CollabUpdate" UNION SELECT "docName" FROM "CollabSnapshot") AS d');
    documents = Number(row?.n ?? 0);
  }
  return { schemaVersion, rowCounts, documents };
}

export async function takeBackup(options: BackupOptions = {}): Promise<BackupResult> {
  const env = options.env ?? process.env;
  let target: ReturnType<typeof resolveDatabaseTarget>;
  try {
    target = resolveDatabaseTarget(options.databaseUrl ?? env.DATABASE_URL);
  } catch (error) {
    throw new BackupUsageError((error as Error).message);
  }
  if (target.provider === "sqlite" && target.filePath === ":memory:") throw new BackupUsageError("an in-memory database cannot be backed up");
  const started = new Date();
  const file = backupPath(options.out, target.provider, started);
  const suffix = crypto.randomBytes(4).toString("hex");
  const payload = `${file}.${suffix}.database`;
  const partial = `${file}.${suffix}.partial`;
  try {
    let read: ReadInCopy;
    let method: string;
    if (target.provider === "sqlite") {
      await copyLiveSqlite(target.filePath, payload);
      read = await withSqliteFile(payload, (query) => readCopy(query, "sqlite"));
      method = "SQLite online backup API (better-sqlite3), one step: a consistent snapshot";
    } else {
      read = await dumpPostgres(target.url, payload, (query) => readCopy(query, "postgresql"));
      method = `${pgDumpVersion()}, custom format, from an exported REPEATABLE READ snapshot`;
    }
    if (!read.schemaVersion) throw new Error("the database has no migrations applied: is DATABASE_URL a Coproduce database?");
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      engine: target.provider,
      schemaVersion: read.schemaVersion,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      method,
      rowCounts: read.rowCounts,
      collab: { updates: read.rowCounts.CollabUpdate ?? 0, snapshots: read.rowCounts.CollabSnapshot ?? 0, documents: read.documents },
      payload: { name: PAYLOAD_ENTRY[target.provider], bytes: fs.statSync(payload).size, sha256: await sha256Of(payload) },
      sessionSecretFingerprint: fingerprint(currentSessionSecret(env)),
      notIncluded: NOT_INCLUDED,
    };
    await writeArchive(partial, [
      { name: MANIFEST_ENTRY, bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
      { name: manifest.payload.name, file: payload },
    ]);
    fs.renameSync(partial, file);
    return { file, manifest, seconds: (Date.now() - started.getTime()) / 1000 };
  } finally {
    fs.rmSync(payload, { force: true });
    fs.rmSync(partial, { force: true });
  }
}
