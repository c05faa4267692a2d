import path from "node:path";
import fs from "node:fs";

/** Where the embedded database lives when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_URL = "file:./data/coproduce.db";

export type DatabaseTarget = { provider: "sqlite"; url: string; filePath: string } | { provider: "postgresql"; url: string };

/**
 * Reads DATABASE_URL: unset or `file:…` picks the SQLite file, `postgres(ql)://…` picks
 * PostgreSQL. Anything else is a configuration error.
 */
export function resolveDatabaseTarget(raw: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_SQLITE_URL;
  if (url.startsWith("file:")) {
    const rel = url.slice("file:".length);
    if (rel === "") throw new Error("DATABASE_URL 'file:' needs a path, e.g. file:./data/coproduce.db");
    const filePath = rel === ":memory:" ? rel : path.resolve(process.cwd(), rel);
    return { provider: "sqlite", url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)");
}

/** Makes sure the SQLite file's folder exists. */
export function ensureSqliteDirectory(target: DatabaseTarget): void {
  if (target.provider === "sqlite" && target.filePath !== ":memory:") {
    fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
  }
}
