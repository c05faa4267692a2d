/**
 * Loads an export file into an EMPTY database of either kind, in one transaction: every row in
 * foreign-key order (a nullable foreign key that closes a cycle is set once all rows are in),
 * then the collaborative documents. Refuses, changing nothing: a file it cannot trust or read
 * (export-file.ts), a database that is not migrated to this version, a database that is not
 * empty.
 */
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { Db } from "../db.server";
import { type RawQuery, databaseIsEmpty } from "../database-is-empty.server";
import { writeDocuments } from "./collab-documents.server";
import { type ExportFile, ExportFileError, type Row, decodeValue, parseExport } from "./export-file";
import { type DataModel, appDataModel, columnFields, delegateName, modelNamed } from "./schema-model";
import { currentSchemaVersion, knownMigrations } from "./schema-version";
import { documentPrefix, planTransfer } from "./transfer-plan";

type Delegate = {
  createMany: (args: { data: Row[] }) => Promise<unknown>;
  update: (args: { where: Row; data: Row }) => Promise<unknown>;
};
type Tx = Prisma.TransactionClient;
const delegate = (tx: Tx, model: string) => (tx as unknown as Record<string, Delegate>)[delegateName({ name: model })]!;

export class ImportError extends Error {}

export type ImportOptions = {
  provider: "sqlite" | "postgresql";
  /** Refuse unless the file holds this organisation. */
  expectOrganisation?: string;
  onProgress?: (message: string) => void;
};
export type ImportResult = { organisation: string; counts: Record<string, number> };

const BATCH = 200;

const listSome = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join(", ")} and ${names.length - 6} more` : names.join(", "));

/** Reads and checks a file's bytes (see parseExport); throws ExportFileError with a clear message. */
export function readExportFile(bytes: Buffer): ExportFile {
  return parseExport(bytes, knownMigrations());
}

/** The latest migration applied to the target, or null when it has none. */
async function appliedSchemaVersion(db: Db): Promise<string | null> {
  try {
    const rows = await db.$queryRawUnsafe<Array<{ name: string }>>(
      'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1',
    );
    return rows[0]?.name ?? null;
  } catch {
    return null;
  }
}

/**
 * A client as the emptiness check's RawQuery. On PostgreSQL each row comes back as one jsonb
 * value: the catalogue's columns are of types (name, sql_identifier) the driver adapter cannot
 * read (prisma/prisma#27403).
 */
export function catalogueQuery(db: Pick<Db, "$queryRawUnsafe">, provider: "sqlite" | "postgresql"): RawQuery {
  if (provider === "sqlite") return (sql) => db.$queryRawUnsafe(sql);
  return async (sql) => {
    const rows = await db.$queryRawUnsafe<Array<{ row: unknown }>>(`SELECT to_jsonb(q) AS "row" FROM (${sql}) AS q`);
    return rows.map((r) => (typeof r.row === "string" ? JSON.parse(r.row) : r.row) as Record<string, unknown>);
  };
}

export async function importOrganisation(db: Db, bytes: Buffer, options: ImportOptions, dataModel: DataModel = appDataModel()): Promise<ImportResult> {
  const report = options.onProgress ?? (() => {});
  const file = readExportFile(bytes);
  if (options.expectOrganisation && file.organisation !== options.expectOrganisation) {
    throw new ImportError(`The file holds the organisation "${file.organisation}", not "${options.expectOrganisation}".`);
  }
  const plan = planTransfer(dataModel);

  // Every table of the file must be one this code exports, and every column one it knows.
  const decoded = new Map<string, Row[]>();
  for (const [name, rows] of Object.entries(file.tables)) {
    const scope = plan.scopes.get(name);
    if (!scope || !["root", "owned", "referenced", "keyed"].includes(scope.kind))
      throw new ImportError(`The file holds a table ${name} that this version does not import.`);
    const fields = new Map(columnFields(modelNamed(dataModel, name)).map((f) => [f.name, f]));
    decoded.set(
      name,
      rows.map((row) => {
        const out: Row = {};
        for (const [column, value] of Object.entries(row)) {
          const field = fields.get(column);
          if (!field) throw new ImportError(`The file's ${name} rows have a column "${column}" this version does not have.`);
          out[column] = decodeValue(field, value);
        }
        return out;
      }),
    );
  }
  const localityIds = new Set((decoded.get("Locality") ?? []).map((r) => String(r.id)));
  for (const d of file.documents) {
    if (![...localityIds].some((id) => d.name.startsWith(documentPrefix(id))))
      throw new ImportError(`The document ${d.name} belongs to no locality of the file.`);
  }

  const latest = currentSchemaVersion();
  const applied = await appliedSchemaVersion(db);
  if (applied !== latest) {
    throw new ImportError(
      applied === null
        ? `The target database is not migrated: run \`npx prisma migrate deploy\` with its DATABASE_URL first (this version's schema is ${latest}).`
        : `The target database is at schema ${applied}, this version at ${latest}: ${applied < latest ? "run `npx prisma migrate deploy` on it first" : "it was migrated by a newer version"}.`,
    );
  }
  const emptiness = await databaseIsEmpty(catalogueQuery(db, options.provider), options.provider);
  if (!emptiness.empty)
    throw new ImportError(`The target database is not empty (rows in ${listSome(emptiness.tablesWithRows)}): import only loads into an empty database.`);

  await db.$transaction(
    async (tx) => {
      // Again inside the transaction: nothing may have arrived since the check.
      const again = await databaseIsEmpty(catalogueQuery(tx, options.provider), options.provider);
      if (!again.empty) throw new ImportError(`The target database is not empty (rows in ${listSome(again.tablesWithRows)}).`);
      for (const name of plan.insertOrder) {
        const rows = decoded.get(name) ?? [];
        const deferred = plan.deferred.get(name) ?? [];
        const withoutDeferred = deferred.length ? rows.map((r) => ({ ...r, ...Object.fromEntries(deferred.map((f) => [f, null])) })) : rows;
        for (let i = 0; i < withoutDeferred.length; i += BATCH) await delegate(tx, name).createMany({ data: withoutDeferred.slice(i, i + BATCH) });
        if (rows.length) report(`${name}: ${rows.length}`);
      }
      // Nullable foreign keys that close a cycle (or point into their own table), now that every row is in.
      for (const [name, fields] of plan.deferred) {
        const model = modelNamed(dataModel, name);
        const keep = model.fields.filter((f) => f.isUpdatedAt).map((f) => f.name);
        for (const row of decoded.get(name) ?? []) {
          if (fields.every((f) => row[f] === null || row[f] === undefined)) continue;
          const where = Object.fromEntries(model.primaryKey.map((k) => [k, row[k]]));
          // @updatedAt columns given explicitly, or the update would set them to now.
          const data = Object.fromEntries([...fields, ...keep].filter((f) => f in row).map((f) => [f, row[f]]));
          await delegate(tx, name).update({ where: model.primaryKey.length === 1 ? where : { [model.primaryKey.join("_")]: where }, data });
        }
      }
      if (options.provider === "postgresql") await advanceSequences(tx, dataModel, plan.insertOrder);
      await writeDocuments(tx, file.documents);
      report(`Documents: ${file.documents.length}`);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  return { organisation: file.organisation, counts: file.counts };
}

/**
 * PostgreSQL: rows inserted with their own autoincrement ids leave the column's sequence behind;
 * move it past the largest id. (SQLite keeps its counter up to date by itself.)
 */
async function advanceSequences(tx: Tx, dataModel: DataModel, models: string[]): Promise<void> {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const name of models) {
    const model = modelNamed(dataModel, name);
    for (const field of model.fields.filter((f) => f.isAutoincrement)) {
      const table = quote(model.dbName ?? model.name);
      const column = quote(field.dbName ?? field.name);
      await tx.$queryRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('${table.replaceAll("'", "''")}', '${(field.dbName ?? field.name).replaceAll("'", "''")}'), COALESCE(MAX(${column}), 1), MAX(${column}) IS NOT NULL) FROM ${table}`,
      );
    }
  }
}

export { ExportFileError };
