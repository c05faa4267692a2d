// The SQLite schema is the one model; the PostgreSQL schema is derived from it.
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PROVIDERS = {
  sqlite: {
    schema: path.join(ROOT, "prisma", "schema.prisma"),
    migrations: path.join(ROOT, "prisma", "migrations"),
    exampleUrl: "file:./data/coproduce.db",
  },
  postgresql: {
    schema: path.join(ROOT, "prisma", "postgres", "schema.prisma"),
    migrations: path.join(ROOT, "prisma", "postgres", "migrations"),
    // migrate diff connects through the adapter, so this must reach a server (any database).
    exampleUrl: process.env.MIGRATION_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  },
} as const;
export type Provider = keyof typeof PROVIDERS;

/** The schema each migration set was last generated from (kept beside the migrations). */
export function snapshotPath(provider: Provider): string {
  return path.join(PROVIDERS[provider].migrations, "schema.snapshot.prisma");
}

/** The PostgreSQL schema text for a SQLite schema text: only the datasource and output differ. */
export function derivePostgresSchema(sqliteSchema: string): string {
  return sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output          = "../app/generated/prisma-sqlite"', 'output          = "../../app/generated/prisma-postgres"')
    .replace(
      "// The one data model. prisma/postgres/schema.prisma is derived from this file by",
      "// DERIVED from prisma/schema.prisma by `npm run db:migration` — do not edit. Derived by",
    );
}

export function readSchema(provider: Provider): string {
  return fs.readFileSync(PROVIDERS[provider].schema, "utf8");
}
