/**
 * `npm run restore`: puts a backup into a database of the same engine. It checks everything it
 * can before touching the target and refuses, changing nothing, when: the file is not a
 * Coproduce backup or was altered (checksum, or the manifest disagreeing with the database in
 * it), the engines differ (that is what `npm run export`/`import` are for), the backup's schema
 * is newer than this code, or the target database holds any data. Afterwards it compares the
 * restored rows per table with the manifest.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseTarget, type DatabaseTarget } from "~/config/database-url.server";
import { countRows, databaseIsEmpty, listTables, type RawQuery } from "~/data/database-is-empty.server";
import { entryStream, readArchiveIndex, readEntry, type ArchiveEntry } from "./archive";
import { BackupUsageError, RestoreRefused } from "./errors";
import { BACKUP_FORMAT_VERSION, MANIFEST_ENTRY, PAYLOAD_ENTRY, manifestSchema, type Manifest } from "./manifest";
import { appliedSchemaVersion, judgeSchemaVersion } from "./schema-version";
import { currentSessionSecret, fingerprint } from "./session-secret";
import { restoreSqlite, sqliteQuery, withSqliteFile } from "./sqlite-engine";
import { libpqUrl, migrationsInDump, restorePostgres } from "./postgres-engine";

export type RestoreOptions = { file: string; databaseUrl?: string; env?: NodeJS.ProcessEnv };
export type RestoreResult = { manifest: Manifest; target: string; seconds: number; warnings: string[] };

/** Reads and checks a backup's manifest; refuses anything that is not one. */
export function readBackupManifest(file: string): { manifest: Manifest; payload: ArchiveEntry } {
  let entries: ArchiveEntry[];
  try {
    entries = readArchiveIndex(file);
  } catch (error) {
    throw new RestoreRefused(`${file} is not a Coproduce backup: ${(error as Error).message}`);
  }
  const first = entries[0];
  if (!first || first.name !== MANIFEST_ENTRY) throw new RestoreRefused(`${file} is not a Coproduce backup: it does not begin with ${MANIFEST_ENTRY}`);
  let json: unknown;
  try {
    json = JSON.parse(readEntry(file, first).toString("utf8"));
  } catch {
    throw new RestoreRefused(`${file} is not a Coproduce backup: its ${MANIFEST_ENTRY} is not JSON`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === "number" && version > BACKUP_FORMAT_VERSION) {
    throw new RestoreRefused(
      `${file} is in backup format ${version}, newer than this code reads (${BACKUP_FORMAT_VERSION}): restore it with a later version of Coproduce`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "manifest"}: ${i.message}`).join("; ");
    throw new RestoreRefused(`${file} is not a Coproduce backup (its manifest: ${problems})`);
  }
  const manifest = parsed.data;
  const payload = entries.find((e) => e.name === manifest.payload.name);
  if (manifest.payload.name !== PAYLOAD_ENTRY[manifest.engine] || !payload) {
    throw new RestoreRefused(`${file} is damaged: it has no ${PAYLOAD_ENTRY[manifest.engine]} entry`);
  }
  if (payload.size !== manifest.payload.bytes) {
    throw new RestoreRefused(`${file} is damaged or was altered: its database is ${payload.size} bytes, the manifest says ${manifest.payload.bytes}`);
  }
  return { manifest, payload };
}

/** Connects to the target and hands a RawQuery to `use`. */
async function withTarget<T>(target: DatabaseTarget, use: (query: RawQuery) => Promise<T>): Promise<T> {
  if (target.provider === "sqlite") {
    // Read-write but changing nothing: a read-only connection cannot open a WAL file without its -shm.
    const db = new Database(target.filePath, { fileMustExist: true });
    try {
      return await use(sqliteQuery(db));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: libpqUrl(target.url) });
  try {
    await client.connect();
  } catch (error) {
    throw new RestoreRefused(`cannot connect to the target database (${(error as Error).message}): it must exist (createdb) and be empty`);
  }
  try {
    return await use(async (sql) => (await client.query(sql)).rows);
  } finally {
    await client.end();
  }
}

async function refuseUnlessEmpty(target: DatabaseTarget): Promise<void> {
  if (target.provider === "sqlite" && !fs.existsSync(target.filePath)) return;
  const verdict = await withTarget(target, (query) => databaseIsEmpty(query, target.provider));
  if (!verdict.empty) {
    const tables = verdict.tablesWithRows.slice(0, 6).join(", ") + (verdict.tablesWithRows.length > 6 ? ", …" : "");
    throw new RestoreRefused(`the target database is not empty (rows in ${tables}): restore only into a new, empty database. Nothing was changed.`);
  }
}

/** Copies the backup's database out of the archive to `dest`, checking its SHA-256 on the way. */
async function extractPayload(file: string, entry: ArchiveEntry, expected: string, dest: string): Promise<void> {
  const hash = crypto.createHash("sha256");
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(entryStream(file, entry), tap, fs.createWriteStream(dest, { flags: "wx" }));
  if (hash.digest("hex") !== expected) {
    throw new RestoreRefused(`${file} is damaged or was altered: its database does not match the checksum in its manifest. Nothing was changed.`);
  }
}

function describe(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return target.filePath;
  const url = new URL(target.url);
  url.password = url.password ? "***" : "";
  return url.toString();
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const env = options.env ?? process.env;
  const begun = Date.now();
  const file = path.resolve(options.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupUsageError(`no backup file at ${file}`);
  let target: DatabaseTarget;
  try {
    target = resolveDatabaseTarget(options.databaseUrl ?? env.DATABASE_URL);
  } catch (error) {
    throw new BackupUsageError((error as Error).message);
  }
  if (target.provider === "sqlite" && target.filePath === ":memory:") throw new BackupUsageError("cannot restore into an in-memory database");

  const { manifest, payload } = readBackupManifest(file);
  if (manifest.engine !== target.provider) {
    throw new RestoreRefused(
      `this backup is of a ${manifest.engine} database and the target is ${target.provider}: a backup restores only onto the same engine. ` +
        "To move between SQLite and PostgreSQL, use `npm run export` with the old database and `npm run import` with the new one.",
    );
  }
  const version = judgeSchemaVersion(manifest.schemaVersion, manifest.engine);
  if (!version.ok) throw new RestoreRefused(`${version.reason}. Nothing was changed.`);
  await refuseUnlessEmpty(target);

  const dir = target.provider === "sqlite" ? path.dirname(target.filePath) : os.tmpdir();
  fs.mkdirSync(dir, { recursive: true });
  const extracted = path.join(dir, `.coproduce-restore-${crypto.randomBytes(4).toString("hex")}`);
  try {
    await extractPayload(file, payload, manifest.payload.sha256, extracted);
    const inside =
      target.provider === "sqlite"
        ? await withSqliteFile(extracted, async (query) => appliedSchemaVersion(query, await listTables(query, "sqlite")))
        : ((await migrationsInDump(extracted)).at(-1) ?? null);
    if (inside !== manifest.schemaVersion) {
      throw new RestoreRefused(
        `${file} was altered: its manifest says schema ${manifest.schemaVersion}, the database in it is at ${inside ?? "no migration"}. Nothing was changed.`,
      );
    }
    if (target.provider === "sqlite") await restoreSqlite(extracted, target.filePath, () => refuseUnlessEmpty(target));
    else await restorePostgres(extracted, target.url);
  } finally {
    fs.rmSync(extracted, { force: true });
  }

  const restored = await withTarget(target, (query) => countRows(query, target.provider));
  const differences = Object.keys({ ...manifest.rowCounts, ...restored })
    .filter((table) => (manifest.rowCounts[table] ?? 0) !== (restored[table] ?? 0))
    .map((table) => `${table}: backup ${manifest.rowCounts[table] ?? 0}, restored ${restored[table] ?? 0}`);
  if (differences.length) throw new Error(`restored, but the rows differ from the backup's manifest: ${differences.join("; ")}`);

  const warnings: string[] = [];
  const now = fingerprint(currentSessionSecret(env));
  if (manifest.sessionSecretFingerprint && now !== manifest.sessionSecretFingerprint) {
    warnings.push(
      now
        ? "the SESSION_SECRET here differs from the one in use when the backup was taken: sign-ins survive, but open pages' forms, invitation links remembered for a repeated form and story-text signatures made with the old one stop working. Use the old secret if you still have it."
        : "no SESSION_SECRET (or data/session-secret) is set up here, and the backup was taken with one: set the same secret before starting the app.",
    );
  }
  return { manifest, target: describe(target), seconds: (Date.now() - begun) / 1000, warnings };
}
