// `npm run restore -- <backup file> [--database-url <url>]`: puts a backup into an empty
// database of the same engine (app/data/backup/restore-backup.server.ts).
import { readArguments } from "./arguments";
import { restoreBackup } from "~/data/backup/restore-backup.server";
import { exitFor } from "~/data/backup/exit-codes";

const USAGE = `Usage: npm run restore -- <backup file> [--database-url <url>]

Restores a backup made by \`npm run backup\` into a new, empty database of the same engine
(stop the app first). It refuses, changing nothing, when the target holds any data, when the
backup is of the other engine (use \`npm run export\` / \`npm run import\` to move between SQLite
and PostgreSQL), when its schema is newer than this code, or when the file was altered.
Start the app afterwards: it applies any migrations newer than the backup.

  --database-url <url>   the target (default: DATABASE_URL, else file:./data/coproduce.db);
                         a PostgreSQL database must exist (createdb)
  --help                 this text

Exit codes: 0 restored, 1 failed, 2 bad arguments, 3 refused (nothing changed).`;

const parsed = readArguments(
  USAGE,
  { "database-url": { type: "string" } },
  { count: 1, missing: "Which backup? Give its file.", tooMany: "Give one backup file." },
);

try {
  const { manifest, target, seconds, warnings } = await restoreBackup({ file: parsed.files[0]!, databaseUrl: parsed.values["database-url"] });
  const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
  console.log(`Restored into ${target} in ${seconds.toFixed(2)} s`);
  console.log(`  backup taken ${manifest.startedAt}, ${manifest.engine}, schema ${manifest.schemaVersion}`);
  console.log(`  ${rows} rows in ${Object.keys(manifest.rowCounts).length} tables, as the backup's manifest says`);
  console.log(`  collaboration: ${manifest.collab.documents} documents, ${manifest.collab.updates} log updates, ${manifest.collab.snapshots} snapshots`);
  for (const warning of warnings) console.warn(`  Warning: ${warning}`);
  console.log("  Start the app now: it applies any migrations newer than the backup.");
} catch (error) {
  process.exit(exitFor(error, "restore"));
}
