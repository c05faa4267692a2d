import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "~/generated/prisma-sqlite/client.ts";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client.ts";
import { countQuery } from "~/http/request-context.server";
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { rememberQueryPlans } from "./query-plan-cache.server";
import { ensureSqliteDirectory, resolveDatabaseTarget, type DatabaseTarget } from "~/config/database-url.server";

// The generated clients load these same modules for their compilers: reads' plans are remembered.
rememberQueryPlans(SqliteQueryCompiler);
rememberQueryPlans(PostgresQueryCompiler);

/** Both generated clients share one API; the SQLite one's type stands for both. */
export type Db = SqliteClient;

/**
 * The SQLite driver adapter, with interactive transactions begun IMMEDIATE. The stock adapter
 * begins them DEFERRED, so a transaction that reads and then writes fails with SQLITE_BUSY
 * (Prisma's P1008 "timed out") when another connection to the file — the collab store's, which
 * stores every edit — writes in between. IMMEDIATE takes the write lock at the start; the collab
 * store then waits for it without blocking (collab-server/persistence/sqlite-store.ts).
 */
class ImmediateTransactions extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    // The adapter opens each interactive transaction with `client.prepare("BEGIN")`.
    const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

/** Prisma reports each query it ran; the request it ran for counts it (request logs, Server-Timing). */
const queryEvents = () => ({ log: [{ emit: "event" as const, level: "query" as const }] });
type QueryEvents = { $on(event: "query", listener: (event: { duration: number }) => void): void };
const countQueries = (db: Db) => (db as unknown as QueryEvents).$on("query", (event) => countQuery(event.duration));

/** Creates a client for a DATABASE_URL; the scheme picks the driver adapter. */
export async function createDb(target: DatabaseTarget = resolveDatabaseTarget()): Promise<Db> {
  if (target.provider === "postgresql") {
    const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }), ...queryEvents() }) as unknown as Db;
    countQueries(db);
    return db;
  }
  ensureSqliteDirectory(target);
  const db = new SqliteClient({ adapter: new ImmediateTransactions({ url: target.url }), ...queryEvents() }) as unknown as Db;
  countQueries(db);
  // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable
  // across power loss (the collab layer acknowledges edits only after they are stored).
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  return db;
}

const holder = globalThis as unknown as { __coproduceDb?: Promise<Db> };

/** The process-wide client (kept across dev rebuilds). */
export function getDb(): Promise<Db> {
  holder.__coproduceDb ??= createDb();
  return holder.__coproduceDb;
}

/** Points the process-wide client at another database (integration tests run each suite against both providers). */
export function setProcessDb(db: Db): void {
  holder.__coproduceDb = Promise.resolve(db);
}

/** Throws unless the database answers (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
