// `npm run retention [-- --days <n>]`: deletes phone contributors' contact details kept longer
// than CONTACT_RETENTION_DAYS after their challenge closed (app/use-cases/clear-expired-contacts.server.ts).
// The web process does this daily on its own; this is for cron, or to run it now.
import { readArguments } from "./arguments";
import { parseEnv } from "~/config/env.server";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { createDb } from "~/data/db.server";
import { clearExpiredContacts } from "~/use-cases/clear-expired-contacts.server";

const USAGE = `Usage: npm run retention -- [--days <n>]

Deletes the name and contact details phone contributors left with their ideas, once their
challenge closed more than CONTACT_RETENTION_DAYS days ago (default 90). The ideas stay. The
activity log of each locality says how many were cleared (never what they were).

  --days <n>   the retention period for this run (default: CONTACT_RETENTION_DAYS)
  --help       this text

Uses DATABASE_URL (default file:./data/coproduce.db). Exit codes: 0 done, 1 failed, 2 bad arguments.`;

const { values } = readArguments(USAGE, { days: { type: "string" } });

let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv({ ...process.env, ...(values.days === undefined ? {} : { CONTACT_RETENTION_DAYS: values.days }) });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const db = await createDb(resolveDatabaseTarget(config.DATABASE_URL));
try {
  const result = await clearExpiredContacts(db, { retentionDays: config.CONTACT_RETENTION_DAYS });
  console.log(
    result.cleared === 0
      ? `Nothing to clear (contact details are kept ${config.CONTACT_RETENTION_DAYS} days after a challenge closes).`
      : `Cleared the contact details of ${result.cleared} idea(s) in ${result.localities.length} locality(ies), kept ${config.CONTACT_RETENTION_DAYS} days after their challenge closed.`,
  );
  await db.$disconnect();
} catch (error) {
  console.error(`retention failed: ${(error as Error).message}`);
  await db.$disconnect().catch(() => {});
  process.exit(1);
}
