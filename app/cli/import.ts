// `npm run import -- <file> [--database-url <url>]`: loads an organisation written by
// `npm run export` into an empty, migrated database (SQLite or PostgreSQL), all or nothing.
import fs from "node:fs";
import { readArguments, refuseArguments } from "./arguments";
import { describeTarget, isExpectedError, openDatabase } from "~/data/transfer/cli-support.server";
import { importOrganisation } from "~/data/transfer/import-organisation.server";

const HELP = `Usage: npm run import -- <file> [--org <slug>] [--database-url <url>]

Loads an organisation exported with \`npm run export\` into an EMPTY database that
\`npx prisma migrate deploy\` has migrated to this version. Everything is loaded in one
transaction: on any error nothing is kept. Refuses a database that holds any data, a file from
a newer version of Coproduce or of an unknown format, and a file that was cut short or changed.

  <file>                 the export (.json or .json.gz)
  --org <slug>           refuse unless the file holds this organisation (a safety check)
  --database-url <url>   the database to load into (default: DATABASE_URL)
  --help                 this text`;

const { values, files } = readArguments(
  HELP,
  { org: { type: "string" }, "database-url": { type: "string" } },
  { count: 1, missing: "Which file? Give the export to import.", tooMany: "Give exactly one file to import." },
);
const path = files[0]!;
if (!fs.existsSync(path)) refuseArguments(HELP, `No file ${path}.`);

const { db, target } = await openDatabase(values["database-url"]);
const started = performance.now();
try {
  console.log(`Importing ${path} into ${describeTarget(target)}…`);
  const result = await importOrganisation(db, fs.readFileSync(path), {
    provider: target.provider,
    expectOrganisation: values.org,
    onProgress: (m) => console.log(`  ${m}`),
  });
  console.log(`Imported organisation "${result.organisation}" in ${Math.round(performance.now() - started)} ms.`);
} catch (error) {
  console.error(isExpectedError(error) ? `Import refused, nothing was changed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
