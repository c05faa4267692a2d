// Whether the PostgreSQL of the project machine answers (without loading the app's Prisma client,
// so browser suites can ask too). Under CI=true its absence is an error, never a skip.
import pg from "pg";

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

let pgAvailable: Promise<boolean> | undefined;
/** Whether PostgreSQL answers; otherwise warns that `what` is skipped (or throws under CI=true). */
export function postgresAvailable(what = "PostgreSQL integration tests are"): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (process.env.CI === "true") throw new Error(`PostgreSQL is required under CI=true: ${(error as Error).message}`);
      console.warn(`\n⚠ PostgreSQL not reachable at ${PG_ADMIN_URL}: ${what} SKIPPED.\n`);
      return false;
    }
  })();
  return pgAvailable;
}
