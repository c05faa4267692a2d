/**
 * Whether a database holds any of the app's data, read from the database's own catalogue (not
 * from this code's models), so it also answers for a database that is not migrated yet or that
 * a newer version of the app migrated. Shared by `npm run restore` and `npm run import`: both
 * load only into an empty database.
 */
import type { Db } from "~/data/db.server";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Tables that hold no data of the app's: migration bookkeeping and SQLite's own. */
export function isBookkeeping(table: string): boolean {
  return table === "_prisma_migrations" || table.startsWith("sqlite_");
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Runs one SQL statement and gives its rows: a Prisma client, or any other connection (the
 * backup reads a snapshot through `pg` and a copied SQLite file through better-sqlite3).
 */
export type RawQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** A Prisma client as a RawQuery. */
export function rawQueryOf(db: Db): RawQuery {
  return (sql) => db.$queryRawUnsafe<Array<Record<string, unknown>>>(sql);
}

const through = (db: Db | RawQuery): RawQuery => (typeof db === "function" ? db : rawQueryOf(db));

/** Every table of the database (its current schema for PostgreSQL), sorted, bookkeeping included. */
export async function listTables(db: Db | RawQuery, provider: DatabaseProvider): Promise<string[]> {
  const rows = await through(db)(
    provider === "sqlite"
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  return rows.map((r) => String(r.name)).sort();
}

/** Rows per table of the app's data (every table but the bookkeeping ones), by table name. */
export async function countRows(db: Db | RawQuery, provider: DatabaseProvider): Promise<Record<string, number>> {
  const query = through(db);
  const counts: Record<string, number> = {};
  for (const table of await listTables(query, provider)) {
    if (isBookkeeping(table)) continue;
    const [row] = await query(`SELECT COUNT(*) AS n FROM ${quote(table)}`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

export type Emptiness = { empty: true } | { empty: false; tablesWithRows: string[] };

/**
 * Empty: no table but the bookkeeping ones has a row (a database that does not exist yet as
 * tables, or one only migrated, is empty). Otherwise the tables that hold rows.
 */
export async function databaseIsEmpty(db: Db | RawQuery, provider: DatabaseProvider): Promise<Emptiness> {
  const query = through(db);
  const tablesWithRows: string[] = [];
  for (const table of await listTables(query, provider)) {
    if (isBookkeeping(table)) continue;
    const rows = await query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
    if (rows.length > 0) tablesWithRows.push(table);
  }
  return tablesWithRows.length === 0 ? { empty: true } : { empty: false, tablesWithRows };
}
