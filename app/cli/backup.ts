// `npm run backup [-- --out <file or folder>] [--database-url <url>]`: one backup file of the
// database the app uses, taken while it runs (app/data/backup/take-backup.server.ts).
import { readArguments } from "./arguments";
import { takeBackup } from "~/data/backup/take-backup.server";
import { exitFor } from "~/data/backup/exit-codes";

const USAGE = `Usage: npm run backup -- [--out <file or folder>] [--database-url <url>]

Copies the database the app uses into one backup file (a tar archive: manifest.json and the
database), safely while the app is running: SQLite through its online backup API, PostgreSQL
through pg_dump. The collaboration log and snapshots (boards' and documents' content) are in it.

  --out <path>           a new file, or an existing folder (default: ./backups/), where
                         the file is named coproduce-<engine>-<time>.tar; never overwrites
  --database-url <url>   the database (default: DATABASE_URL, else file:./data/coproduce.db)
  --help                 this text

Not in the backup: SESSION_SECRET (or data/session-secret): keep it with your secrets.
Exit codes: 0 done, 1 failed, 2 bad arguments.`;

const { values } = readArguments(USAGE, { out: { type: "string" }, "database-url": { type: "string" } });

try {
  const { file, manifest, seconds } = await takeBackup({ out: values.out, databaseUrl: values["database-url"] });
  const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
  console.log(`Backup written: ${file}`);
  console.log(`  ${manifest.engine}, schema ${manifest.schemaVersion}, ${rows} rows in ${Object.keys(manifest.rowCounts).length} tables`);
  console.log(`  collaboration: ${manifest.collab.documents} documents, ${manifest.collab.updates} log updates, ${manifest.collab.snapshots} snapshots`);
  console.log(`  ${(manifest.payload.bytes / 1024 / 1024).toFixed(2)} MiB database, taken in ${seconds.toFixed(2)} s`);
  console.log("  Not included: SESSION_SECRET / data/session-secret (keep it with your secrets).");
} catch (error) {
  process.exit(exitFor(error, "backup"));
}
