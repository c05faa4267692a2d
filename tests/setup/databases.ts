// Real databases for integration tests: a migrated SQLite file per suite, and a fresh
// PostgreSQL database per suite on 127.0.0.1:5432, each copied from a migrated template (skipped with a message when PostgreSQL
// is not running, except under CI=true where it must run).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { createDb, type Db } from "~/data/db.server";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { PG_ADMIN_URL, postgresAvailable } from "./postgres";

export { PG_ADMIN_URL, postgresAvailable };

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TMP = path.join(ROOT, "tests", ".tmp");

export type Provider = "sqlite" | "postgresql";
export type TestDatabase = { provider: Provider; url: string; db: Db; drop: () => Promise<void> };

function migrate(url: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

/** Providers to run integration suites against. */
export async function providers(): Promise<Provider[]> {
  return (await postgresAvailable()) ? ["sqlite", "postgresql"] : ["sqlite"];
}

/** A short hash of a provider's migrations: a template database is only reused for the same schema. */
function migrationsHash(provider: Provider): string {
  const dir = path.join(ROOT, "prisma", ...(provider === "postgresql" ? ["postgres"] : []), "migrations");
  const hash = crypto.createHash("sha256");
  for (const entry of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, entry, "migration.sql");
    if (fs.existsSync(file)) hash.update(entry).update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 12);
}

let pgTemplate: Promise<string> | undefined;
/**
 * A migrated PostgreSQL database to copy (CREATE DATABASE … TEMPLATE): migrating takes seconds,
 * copying a fraction of one. Named after the migrations, shared by test processes and runs; made
 * once under an advisory lock, under a temporary name renamed when complete. (Templates of older
 * migrations are left alone: another checkout's tests may be copying them right now.)
 */
function postgresTemplate(): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `coproduce_template_${migrationsHash("postgresql")}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query("SELECT pg_advisory_lock(hashtext('coproduce-test-template'))");
      const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (existing.rowCount === 0) {
        const building = `${name}_building`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${building}"`);
        const url = new URL(PG_ADMIN_URL);
        url.pathname = `/${building}`;
        migrate(url.toString());
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext('coproduce-test-template'))").catch(() => {});
      await admin.end();
    }
    return name;
  })();
  return pgTemplate;
}

let sqliteTemplate: string | undefined;
/** A fresh, migrated database of the given provider. */
export async function freshDatabase(provider: Provider): Promise<TestDatabase> {
  const id = `${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  if (provider === "sqlite") {
    fs.mkdirSync(TMP, { recursive: true });
    if (!sqliteTemplate) {
      // Shared by test processes, named after the migrations; built under a private name and
      // renamed into place (atomic), so a process never copies a half-migrated file.
      sqliteTemplate = path.join(TMP, `template_${migrationsHash("sqlite")}.db`);
      if (!fs.existsSync(sqliteTemplate)) {
        const building = path.join(TMP, `template_building_${id}.db`);
        migrate(`file:${building}`);
        fs.renameSync(building, sqliteTemplate);
        for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(building + suffix, { force: true });
      }
    }
    const file = path.join(TMP, `test_${id}.db`);
    fs.copyFileSync(sqliteTemplate, file);
    const url = `file:${file}`;
    const db = await createDb(resolveDatabaseTarget(url));
    return {
      provider,
      url,
      db,
      drop: async () => {
        await db.$disconnect();
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const name = `coproduce_test_${id}`;
  const template = await postgresTemplate();
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await createDb(resolveDatabaseTarget(url.toString()));
  return {
    provider,
    url: url.toString(),
    db,
    drop: async () => {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
