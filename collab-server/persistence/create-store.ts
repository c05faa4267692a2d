import { resolveDatabaseTarget, ensureSqliteDirectory, type DatabaseTarget } from "../../app/config/database-url.server";
import { createPgStore } from "./pg-store";
import { createSqliteStore } from "./sqlite-store";
import type { CollabStore } from "./store";

/** The store for the app's database (DATABASE_URL's scheme picks the driver). */
export function createStore(target: DatabaseTarget = resolveDatabaseTarget()): CollabStore {
  if (target.provider === "postgresql") return createPgStore(target.url);
  ensureSqliteDirectory(target);
  return createSqliteStore(target.filePath);
}
