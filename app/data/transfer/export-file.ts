/**
 * The export file: one JSON object (gzipped when its name ends in .gz), readable by anyone who
 * opens it. Values are written by their schema type, losslessly: DateTime as an ISO-8601 string,
 * Bytes as base64, BigInt and Decimal as decimal strings, a Float that JSON cannot hold (NaN,
 * ±Infinity) as a string. The checksum (SHA-256) covers everything but itself and the export
 * time, so two exports of the same content have the same checksum and any change, or a cut,
 * shows.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { Model, ModelField } from "./schema-model";

export const FORMAT = "coproduce-organisation-export";
export const FORMAT_VERSION = 1;

export type Row = Record<string, unknown>;
/** A collaborative document: its name and its whole Yjs state (base64). */
export type ExportedDocument = { name: string; state: string; updatedAt: string };

export type ExportFile = {
  format: typeof FORMAT;
  formatVersion: number;
  /** The latest migration of the app that wrote it. */
  schemaVersion: string;
  exportedAt: string;
  organisation: string;
  /** Rows per model, and `documents`: how many collaborative documents. */
  counts: Record<string, number>;
  checksum: string;
  tables: Record<string, Row[]>;
  documents: ExportedDocument[];
};

export class ExportFileError extends Error {}

/** A column's value as JSON. */
export function encodeValue(field: ModelField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case "DateTime":
      return (value as Date).toISOString();
    case "Bytes":
      return Buffer.from(value as Uint8Array).toString("base64");
    case "BigInt":
    case "Decimal":
      return String(value);
    case "Float":
      return Number.isFinite(value as number) ? value : String(value);
    default:
      return value;
  }
}

/** A column's value back from JSON, for the client. */
export function decodeValue(field: ModelField, value: unknown): unknown {
  if (value === null) return null;
  switch (field.type) {
    case "DateTime": {
      const date = new Date(value as string);
      if (typeof value !== "string" || Number.isNaN(date.getTime())) throw new ExportFileError(`${field.name}: "${value}" is not a date`);
      return date;
    }
    case "Bytes":
      return Buffer.from(value as string, "base64");
    case "BigInt":
      return BigInt(value as string);
    case "Float":
      return typeof value === "string" ? Number(value) : value;
    default:
      return value;
  }
}

/** A row as JSON: its columns in schema order. */
export function encodeRow(columns: ModelField[], row: Row): Row {
  const out: Row = {};
  for (const field of columns) out[field.name] = encodeValue(field, row[field.name]);
  return out;
}

/** The key a row sorts by: its primary key's values, compared as text (the same on every database). */
export function primaryKeyOf(model: Model, row: Row): string {
  return JSON.stringify(model.primaryKey.map((name) => row[name]));
}

function checksumOf(file: Omit<ExportFile, "checksum">): string {
  const { exportedAt: _time, ...content } = file;
  return `sha256:${crypto.createHash("sha256").update(JSON.stringify(content)).digest("hex")}`;
}

/** The file's object, its checksum computed. */
export function sealExport(file: Omit<ExportFile, "checksum">): ExportFile {
  const { counts, tables, documents, ...header } = file;
  const unsealed = { ...header, counts, tables, documents };
  return { ...header, counts, checksum: checksumOf(unsealed), tables, documents };
}

/** The file's bytes: JSON, gzipped when asked. */
export function serializeExport(file: ExportFile, gzip: boolean): Buffer {
  const json = Buffer.from(JSON.stringify(file));
  return gzip ? zlib.gzipSync(json) : json;
}

/**
 * Reads and checks a file's bytes: gzip or not, complete JSON, our format, a version this code
 * reads, a schema version it knows (not newer), counts that match, and the checksum.
 */
export function parseExport(bytes: Buffer, knownMigrations: string[]): ExportFile {
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
  } catch (error) {
    throw new ExportFileError(`The file is not a complete gzip file (truncated?): ${(error as Error).message}`);
  }
  let file: ExportFile;
  try {
    file = JSON.parse(text) as ExportFile;
  } catch {
    throw new ExportFileError("The file is not complete JSON: it is truncated or not a Coproduce export.");
  }
  if (file === null || typeof file !== "object" || file.format !== FORMAT)
    throw new ExportFileError(`The file is not a Coproduce organisation export (no "format": "${FORMAT}").`);
  if (file.formatVersion !== FORMAT_VERSION) {
    throw new ExportFileError(
      `The file's format version ${JSON.stringify(file.formatVersion)} is not one this version of Coproduce reads (it reads ${FORMAT_VERSION}). Import it with the version that wrote it, or a newer one.`,
    );
  }
  const latest = knownMigrations.at(-1)!;
  if (typeof file.schemaVersion !== "string" || !knownMigrations.includes(file.schemaVersion)) {
    const newer = typeof file.schemaVersion === "string" && file.schemaVersion > latest;
    throw new ExportFileError(
      newer
        ? `The file was written by a newer version of Coproduce (schema ${file.schemaVersion}; this one is at ${latest}). Upgrade this installation first, then import.`
        : `The file's schema version ${JSON.stringify(file.schemaVersion)} is not one of this version's migrations.`,
    );
  }
  const { checksum, ...rest } = file;
  if (checksum !== checksumOf(rest)) throw new ExportFileError("The file's checksum does not match its content: it was changed or damaged after the export.");
  if (!file.tables || !Array.isArray(file.documents)) throw new ExportFileError("The file has no tables or documents.");
  for (const [model, rows] of Object.entries(file.tables)) {
    if (file.counts[model] !== rows.length) throw new ExportFileError(`The file says ${file.counts[model]} ${model} rows but holds ${rows.length}.`);
  }
  if (file.counts.documents !== file.documents.length)
    throw new ExportFileError(`The file says ${file.counts.documents} documents but holds ${file.documents.length}.`);
  return file;
}
