/**
 * PostgreSQL: `pg_dump` (custom format) of a snapshot that this module exports from a
 * REPEATABLE READ transaction, so the row counts in the manifest are read from exactly what
 * the dump holds while the app keeps writing. Restore turns the dump into SQL with `pg_restore`
 * and runs it through `psql` in one transaction that first checks again that the target is
 * empty and drops its (empty) tables: it either all happens or nothing does.
 */
import fs from "node:fs";
import { spawn, execFileSync } from "node:child_process";
import pg from "pg";
import type { RawQuery } from "~/data/database-is-empty.server";

const BIN = process.env.PG_BIN_DIR ?? "/usr/bin";
const tool = (name: string) => `${BIN}/${name}`;

/** Prisma's own query parameters, which libpq (pg_dump, psql) refuses. */
const PRISMA_ONLY_PARAMS = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"];

/** DATABASE_URL as libpq takes it; refuses a schema other than public (not supported here). */
export function libpqUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema");
  if (schema && schema !== "public") throw new Error(`DATABASE_URL names the schema "${schema}": backups support the public schema only`);
  for (const name of PRISMA_ONLY_PARAMS) url.searchParams.delete(name);
  return url.toString();
}

/** "pg_dump (PostgreSQL) 15.20 …" */
export function pgDumpVersion(): string {
  return execFileSync(tool("pg_dump"), ["--version"], { encoding: "utf8" }).trim();
}

function run(command: string, args: string[], opts: { stdout?: NodeJS.WritableStream } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", opts.stdout ? "pipe" : "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    if (opts.stdout) child.stdout!.pipe(opts.stdout);
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`${command.split("/").pop()} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * Dumps the database to `dest` (custom format) from one snapshot, and hands that same snapshot
 * to `inSnapshot` (row counts, schema version) while the dump runs.
 */
export async function dumpPostgres<T>(databaseUrl: string, dest: string, inSnapshot: (query: RawQuery) => Promise<T>): Promise<T> {
  const url = libpqUrl(databaseUrl);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const snapshot = rows[0]!.id;
    const query: RawQuery = async (sql) => (await client.query(sql)).rows;
    // pg_dump imports the snapshot as it starts; the exporting transaction stays open until it is done.
    const dump = run(tool("pg_dump"), ["--format=custom", `--snapshot=${snapshot}`, `--file=${dest}`, "--dbname", url]);
    const [result] = await Promise.all([inSnapshot(query), dump]);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** The migration names recorded in a dump's `_prisma_migrations` data (finished, not rolled back). */
export async function migrationsInDump(dumpFile: string): Promise<string[]> {
  let text = "";
  const sink = new (await import("node:stream")).Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString("utf8");
      done();
    },
  });
  await run(tool("pg_restore"), ["--data-only", "--table=_prisma_migrations", "--file=-", dumpFile], { stdout: sink });
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^COPY \S*_prisma_migrations \(/.test(l));
  if (start < 0) return [];
  const columns = lines[start]!.replace(/^COPY \S+ \((.*)\) FROM stdin;$/, "$1").split(", ");
  const nameAt = columns.indexOf("migration_name");
  const finishedAt = columns.indexOf("finished_at");
  const rolledBackAt = columns.indexOf("rolled_back_at");
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "\\.") break;
    const cells = line.split("\t");
    if (cells[finishedAt] !== "\\N" && cells[rolledBackAt] === "\\N") names.push(cells[nameAt]!);
  }
  return names.sort();
}

/**
 * Inside the restore's transaction, before anything else: stop if any table of the target holds
 * a row (someone wrote since the first check), then drop the target's tables (all empty), so the
 * dump's schema is created whole.
 */
const PRELUDE = `
DO $coproduce_restore$
DECLARE t record; has_rows boolean;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', t.tablename) INTO has_rows;
    IF has_rows THEN RAISE EXCEPTION 'coproduce: the target database is not empty (table %)', t.tablename; END IF;
  END LOOP;
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE %I CASCADE', t.tablename);
  END LOOP;
END
$coproduce_restore$;
`;

/**
 * Restores `dumpFile` into the (empty) database at `databaseUrl`, all in one transaction: psql
 * gets BEGIN, the prelude, pg_restore's SQL, and COMMIT only once pg_restore has finished
 * cleanly. Any failure (pg_restore's or a statement's) ends psql without a COMMIT: nothing stays.
 */
export async function restorePostgres(dumpFile: string, databaseUrl: string): Promise<void> {
  const url = libpqUrl(databaseUrl);
  await new Promise<void>((resolve, reject) => {
    const psql = spawn(tool("psql"), ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-", "--dbname", url], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    const restore = spawn(tool("pg_restore"), ["--no-owner", "--no-privileges", "--file=-", dumpFile], { stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    psql.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    restore.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    psql.stdin!.on("error", () => {}); // psql stopped at an error: its exit code says so
    psql.stdin!.write(`BEGIN;\n${PRELUDE}\n`);
    restore.stdout!.pipe(psql.stdin!, { end: false });
    let restoreCode: number | null = null;
    restore.once("error", reject);
    psql.once("error", reject);
    restore.once("close", (code) => {
      restoreCode = code;
      if (code === 0) psql.stdin!.end("COMMIT;\n");
      else psql.kill("SIGTERM");
    });
    psql.once("close", (code) => {
      if (code === 0 && restoreCode === 0) resolve();
      else {
        if (restoreCode === null) restore.kill("SIGTERM");
        reject(new Error(`the restore was rolled back (pg_restore exit ${restoreCode}, psql exit ${code}): ${errors.trim()}`));
      }
    });
  });
}

/** Removes a file if it is there. */
export function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}
