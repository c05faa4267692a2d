/**
 * The schema version an export carries and an import checks: the name of the latest migration
 * (prisma/migrations/<timestamp>_<name>; names sort by time). Both providers' migration sets
 * have the same names (a test guards against drift), so one list serves both.
 */
import fs from "node:fs";
import path from "node:path";

const MIGRATIONS = path.resolve(import.meta.dirname, "..", "..", "..", "prisma", "migrations");

/** The migrations this code ships, oldest first. */
export function knownMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(MIGRATIONS, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

/** This code's schema version: its latest migration's name. */
export function currentSchemaVersion(): string {
  const last = knownMigrations().at(-1);
  if (!last) throw new Error(`No migrations found in ${MIGRATIONS}`);
  return last;
}
