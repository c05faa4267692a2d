/**
 * The app's schema version is the name of its latest migration (both providers' migration sets
 * carry the same names). A backup records the version of the database it copied; restore
 * refuses a version this code does not know.
 */
import fs from "node:fs";
import path from "node:path";
import type { RawQuery } from "~/data/database-is-empty.server";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/** The migrations this code ships, oldest first. */
export function knownMigrations(provider: "sqlite" | "postgresql"): string[] {
  const dir = path.join(ROOT, "prisma", ...(provider === "postgresql" ? ["postgres"] : []), "migrations");
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{14}_/.test(name) && fs.existsSync(path.join(dir, name, "migration.sql")))
    .sort();
}

/** The latest migration this code ships. */
export function latestKnownMigration(provider: "sqlite" | "postgresql"): string {
  const all = knownMigrations(provider);
  const last = all[all.length - 1];
  if (!last) throw new Error("no migrations found under prisma/");
  return last;
}

/** The latest migration applied to a database (finished, not rolled back); null when none. */
export async function appliedSchemaVersion(query: RawQuery, tables: readonly string[]): Promise<string | null> {
  if (!tables.includes("_prisma_migrations")) return null;
  const rows = await query(
    'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1',
  );
  return rows[0] ? String(rows[0].name) : null;
}

export type VersionVerdict = { ok: true } | { ok: false; reason: string };

/** Whether this code can take a database of `version`: it must be one of its own migrations. */
export function judgeSchemaVersion(version: string, provider: "sqlite" | "postgresql"): VersionVerdict {
  const known = knownMigrations(provider);
  if (known.includes(version)) return { ok: true };
  const latest = known[known.length - 1] ?? "";
  if (version > latest) {
    return {
      ok: false,
      reason: `the backup's schema version ${version} is newer than this code knows (its latest is ${latest}): restore it with the version of Coproduce that took it, or a later one`,
    };
  }
  return { ok: false, reason: `the backup's schema version ${version} is not a migration this code knows (its latest is ${latest})` };
}
