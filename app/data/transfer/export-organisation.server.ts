/**
 * Reads one organisation out of a database — every row that belongs to it, found through the
 * schema's relations (transfer-plan.ts), the users its rows point at, and its collaborative
 * documents — in one read transaction, as an export file.
 */
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { Db } from "../db.server";
import { readDocuments } from "./collab-documents.server";
import { ROOT_MODEL } from "./coverage";
import { type ExportFile, FORMAT, FORMAT_VERSION, type Row, encodeRow, primaryKeyOf, sealExport } from "./export-file";
import { type DataModel, appDataModel, columnFields, delegateName, foreignKeys, modelNamed } from "./schema-model";
import { currentSchemaVersion } from "./schema-version";
import { type TransferPlan, ownedWhere, planTransfer } from "./transfer-plan";

type Delegate = { findMany: (args: { where?: Record<string, unknown> }) => Promise<Row[]> };
type Tx = Prisma.TransactionClient;
const delegate = (tx: Tx, model: string) => (tx as unknown as Record<string, Delegate>)[delegateName({ name: model })]!;

export class ExportError extends Error {}

export type ExportOptions = { slug?: string; provider: "sqlite" | "postgresql"; onProgress?: (message: string) => void; now?: Date };

/** Ids per query for `in` filters (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;

async function findByColumn(tx: Tx, model: string, column: string, values: unknown[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += CHUNK)
    rows.push(...(await delegate(tx, model).findMany({ where: { [column]: { in: values.slice(i, i + CHUNK) } } })));
  return rows;
}

/** The organisation to export: the one named, or the only one there is. */
async function chooseSlug(tx: Tx, slug: string | undefined): Promise<string> {
  const organisations = await tx.organisation.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  const slugs = organisations.map((o) => o.slug);
  if (slug) {
    if (!slugs.includes(slug))
      throw new ExportError(`No organisation "${slug}" in this database (there ${slugs.length === 1 ? "is" : "are"}: ${slugs.join(", ") || "none"}).`);
    return slug;
  }
  if (slugs.length === 1) return slugs[0]!;
  throw new ExportError(
    slugs.length ? `Name the organisation to export with --org (one of: ${slugs.join(", ")}).` : "This database has no organisation to export.",
  );
}

export async function exportOrganisation(db: Db, options: ExportOptions, dataModel: DataModel = appDataModel()): Promise<ExportFile> {
  const plan = planTransfer(dataModel);
  if (plan.uncovered.length) {
    throw new ExportError(
      `The export does not know what to do with ${plan.uncovered.join(", ")}: give each a relation to the organisation, or list it in app/data/transfer/coverage.ts.`,
    );
  }
  const report = options.onProgress ?? (() => {});
  const exportedAt = (options.now ?? new Date()).toISOString();
  // One transaction: the rows and documents are read as of one moment.
  return db.$transaction(
    async (tx) => {
      const slug = await chooseSlug(tx, options.slug);
      const rows = new Map<string, Row[]>();
      for (const name of plan.insertOrder) {
        const scope = plan.scopes.get(name)!;
        if (scope.kind === "root" || scope.kind === "owned") rows.set(name, await delegate(tx, name).findMany({ where: ownedWhere(plan, name, slug) }));
      }
      for (const name of plan.insertOrder) {
        const scope = plan.scopes.get(name)!;
        if (scope.kind !== "keyed") continue;
        const target = modelNamed(dataModel, scope.model);
        const ids = (rows.get(scope.model) ?? []).map((r) => r[target.primaryKey[0]!]);
        rows.set(name, await findByColumn(tx, name, scope.field, ids));
      }
      await addReferencedRows(tx, dataModel, plan, rows);
      report(`Read ${[...rows.values()].reduce((n, r) => n + r.length, 0)} rows.`);

      const localityIds = (rows.get("Locality") ?? []).map((r) => String(r.id));
      const documents = await readDocuments(tx, localityIds);
      report(`Read ${documents.length} collaborative documents.`);

      const tables: Record<string, Row[]> = {};
      const counts: Record<string, number> = {};
      for (const name of plan.insertOrder) {
        const model = modelNamed(dataModel, name);
        const columns = columnFields(model);
        tables[name] = (rows.get(name) ?? [])
          .map((row) => ({ key: primaryKeyOf(model, row), row: encodeRow(columns, row) }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map((r) => r.row);
        counts[name] = tables[name].length;
      }
      counts.documents = documents.length;
      return sealExport({
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        schemaVersion: currentSchemaVersion(),
        exportedAt,
        organisation: slug,
        counts,
        tables,
        documents,
      });
    },
    // PostgreSQL: one snapshot for every read (the SQLite client's type, standing for both,
    // knows only Serializable; SQLite's transactions are serializable anyway).
    { timeout: 10 * 60_000, maxWait: 60_000, ...(options.provider === "postgresql" ? { isolationLevel: "RepeatableRead" } : {}) } as {
      timeout: number;
      maxWait: number;
    },
  );
}

/**
 * Follows every foreign key of the rows read so far: rows of a "referenced" model (users) that
 * they point at are added, until nothing new turns up. A foreign key to an owned model that
 * points outside the organisation would leave a dangling reference in the file: an error.
 */
async function addReferencedRows(tx: Tx, dataModel: DataModel, plan: TransferPlan, rows: Map<string, Row[]>): Promise<void> {
  for (let added = true; added; ) {
    added = false;
    for (const [name, list] of [...rows]) {
      const model = modelNamed(dataModel, name);
      for (const fk of foreignKeys(model)) {
        const targetScope = plan.scopes.get(fk.type);
        if (fk.relationFromFields.length !== 1) throw new ExportError(`${name}.${fk.name}: composite foreign keys are not supported by the export yet.`);
        const [from] = fk.relationFromFields as [string];
        const [to] = fk.relationToFields as [string];
        const have = new Set((rows.get(fk.type) ?? []).map((r) => r[to]));
        const missing = [...new Set(list.map((r) => r[from]).filter((v) => v !== null && v !== undefined && !have.has(v)))];
        if (!missing.length) continue;
        if (targetScope?.kind !== "referenced") {
          throw new ExportError(`${name} rows point at ${missing.length} ${fk.type} row(s) outside the organisation (${fk.name}: ${String(missing[0])}…).`);
        }
        const found = await findByColumn(tx, fk.type, to, missing);
        rows.set(fk.type, [...(rows.get(fk.type) ?? []), ...found]);
        if (found.length) added = true;
      }
    }
  }
  if (!rows.get(ROOT_MODEL)?.length) throw new ExportError("The organisation was not found.");
}
