// Prisma CLI configuration. The DATABASE_URL scheme picks the schema, its migrations and
// the driver adapter, so `prisma migrate deploy` works for SQLite and PostgreSQL alike
// with the JS schema engine (no native binary download).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabaseTarget, ensureSqliteDirectory } from "./app/config/database-url.server";
import { createMigrationPool } from "./prisma/migration-pool";

const target = resolveDatabaseTarget();
// The CLI reads env("DATABASE_URL") from the schema's datasource; give it the resolved URL.
process.env.DATABASE_URL = target.url;
const base = target.provider === "sqlite" ? "prisma" : path.join("prisma", "postgres");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(base, "schema.prisma"),
  migrations: { path: path.join(base, "migrations") },
  async adapter() {
    if (target.provider === "sqlite") {
      ensureSqliteDirectory(target);
      return new PrismaBetterSQLite3({ url: target.url });
    }
    return new PrismaPg(createMigrationPool(target.url));
  },
});
