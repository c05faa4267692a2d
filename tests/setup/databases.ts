// Real databases for integration tests: a migrated SQLite file per suite, and a fresh
// PostgreSQL database per suite on 127.0.0.1:5432 (skipped with a message when PostgreSQL
// is not running, except under CI=true where it must run).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { createDb, type Db } from "~/data/db.server";
import { resolveDatabaseTarget } from "~/data/database-url.server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TMP = path.join(ROOT, "tests", ".tmp");
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type Provider = "sqlite" | "postgresql";
export type TestDatabase = { provider: Provider; url: string; db: Db; drop: () => Promise<void> };

function migrate(url: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

let pgAvailable: Promise<boolean> | undefined;
/** Whether PostgreSQL answers; under CI=true its absence is an error, not a skip. */
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (process.env.CI === "true") throw new Error(`PostgreSQL is required under CI=true: ${(error as Error).message}`);
      console.warn(`\n⚠ PostgreSQL not reachable at ${PG_ADMIN_URL}: PostgreSQL integration tests are SKIPPED.\n`);
      return false;
    }
  })();
  return pgAvailable;
}

/** Providers to run integration suites against. */
export async function providers(): Promise<Provider[]> {
  return (await postgresAvailable()) ? ["sqlite", "postgresql"] : ["sqlite"];
}

let sqliteTemplate: string | undefined;
/** A fresh, migrated database of the given provider. */
export async function freshDatabase(provider: Provider): Promise<TestDatabase> {
  const id = `${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  if (provider === "sqlite") {
    fs.mkdirSync(TMP, { recursive: true });
    if (!sqliteTemplate) {
      sqliteTemplate = path.join(TMP, `template_${process.pid}.db`);
      fs.rmSync(sqliteTemplate, { force: true });
      migrate(`file:${sqliteTemplate}`);
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
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  migrate(url.toString());
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
