// `npm run export -- --org <slug> --out <file>`: writes one organisation (its records and
// collaborative documents) to one file. The work is in app/data/transfer/.
import fs from "node:fs";
import { readArguments, refuseArguments } from "./arguments";
import { describeTarget, isExpectedError, openDatabase } from "~/data/transfer/cli-support.server";
import { exportOrganisation } from "~/data/transfer/export-organisation.server";
import { serializeExport } from "~/data/transfer/export-file";

const HELP = `Usage: npm run export -- [--org <slug>] --out <file> [--database-url <url>]

Writes one organisation — every record that belongs to it, the accounts of its members and its
collaborative documents — to one JSON file (gzipped when the name ends in .gz).
The file holds personal data: keep it as you keep the database, and delete it once imported.

  --org <slug>           the organisation (may be left out when the database has only one)
  --out <file>           where to write (refuses to overwrite an existing file)
  --database-url <url>   the database to read (default: DATABASE_URL, else file:./data/coproduce.db)
  --help                 this text`;

const { values } = readArguments(HELP, { org: { type: "string" }, out: { type: "string" }, "database-url": { type: "string" } });
if (!values.out) refuseArguments(HELP, "--out <file> is required.");
if (fs.existsSync(values.out)) refuseArguments(HELP, `${values.out} already exists: choose another name (nothing was written).`);

const { db, target } = await openDatabase(values["database-url"]);
const started = performance.now();
try {
  console.log(`Exporting from ${describeTarget(target)}…`);
  const file = await exportOrganisation(db, { slug: values.org, provider: target.provider, onProgress: (m) => console.log(m) });
  const bytes = serializeExport(file, values.out.endsWith(".gz"));
  // Written under a temporary name and renamed: a half-written file never has the final name.
  const partial = `${values.out}.partial`;
  fs.writeFileSync(partial, bytes, { mode: 0o600 });
  fs.renameSync(partial, values.out);
  const rows = Object.entries(file.counts)
    .filter(([k]) => k !== "documents")
    .reduce((n, [, v]) => n + v, 0);
  console.log(
    `Wrote ${values.out}: organisation "${file.organisation}", ${rows} rows, ${file.counts.documents} documents, ${bytes.length} bytes, in ${Math.round(performance.now() - started)} ms.`,
  );
} catch (error) {
  console.error(isExpectedError(error) ? `Export refused: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
