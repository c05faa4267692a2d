/**
 * The data model as metadata, in the shape of Prisma's DMMF (models, fields, kinds, relations
 * with their foreign-key fields, primary keys), read from the Prisma schema the clients are
 * generated from. The export and import are driven by it, so a model or a column added later is
 * carried without a change here.
 *
 * Why parse the schema: Prisma 6.19's `prisma-client` generator ships no DMMF at run time (its
 * runtime data model lists fields and relation names but not which side holds the foreign key
 * nor its columns), and the DMMF builder (@prisma/internals) is not a dependency. The part of
 * the schema language read here is small; a test checks the result against the generated client
 * (model names and scalar fields).
 */
import fs from "node:fs";
import path from "node:path";

export type FieldKind = "scalar" | "enum" | "object";

export type ModelField = {
  name: string;
  /** String, Int, BigInt, Float, Decimal, Boolean, DateTime, Bytes, Json, an enum's or a model's name. */
  type: string;
  kind: FieldKind;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  isAutoincrement: boolean;
  /** The column's name when @map gives one. */
  dbName: string | null;
  relationName: string | null;
  /** On the side that holds the foreign key: its fields and the fields they reference. */
  relationFromFields: string[];
  relationToFields: string[];
};

export type Model = {
  name: string;
  /** The table's name when @@map gives one. */
  dbName: string | null;
  fields: ModelField[];
  /** The primary key's fields (@id, or @@id). */
  primaryKey: string[];
};

export type DataModel = { models: Model[]; enums: string[] };

/** The SQLite schema: the one data model (the PostgreSQL schema differs only in its datasource). */
export const SCHEMA_PATH = path.resolve(import.meta.dirname, "..", "..", "..", "prisma", "schema.prisma");

let loaded: DataModel | undefined;
/** The app's data model, read once. */
export function appDataModel(): DataModel {
  loaded ??= parseSchema(fs.readFileSync(SCHEMA_PATH, "utf8"));
  return loaded;
}

/** Removes a `//` comment from a line, leaving `//` inside quoted strings alone. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

/** The text inside `@name(...)` (balanced parentheses), or null when the attribute is absent. */
function attributeArgs(attributes: string, name: string): string | null {
  const match = new RegExp(`@${name}\\b`).exec(attributes);
  if (!match) return null;
  let i = match.index + match[0].length;
  if (attributes[i] !== "(") return "";
  let depth = 0;
  const start = i + 1;
  for (; i < attributes.length; i++) {
    if (attributes[i] === "(") depth++;
    else if (attributes[i] === ")" && --depth === 0) return attributes.slice(start, i);
  }
  throw new Error(`Unbalanced parentheses in @${name}(…)`);
}

const list = (args: string, key: string): string[] => {
  const match = new RegExp(`${key}\\s*:\\s*\\[([^\\]]*)\\]`).exec(args);
  return match
    ? match[1]!
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
};
const quotedName = (args: string | null): string | null => (args ? (/^\s*(?:name\s*:\s*)?"([^"]*)"/.exec(args)?.[1] ?? null) : null);
const bracketList = (args: string): string[] =>
  (/\[([^\]]*)\]/.exec(args)?.[1] ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\(.*$/, ""))
    .filter(Boolean);

/** Parses the models and enums of a Prisma schema. */
export function parseSchema(text: string): DataModel {
  const blocks: Array<{ kind: string; name: string; lines: string[] }> = [];
  let current: { kind: string; name: string; lines: string[] } | null = null;
  for (const raw of text.split("\n")) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (!current) {
      const open = /^(model|enum|generator|datasource|view|type)\s+(\w+)\s*\{$/.exec(line);
      if (open) current = { kind: open[1]!, name: open[2]!, lines: [] };
      continue;
    }
    if (line === "}") {
      blocks.push(current);
      current = null;
    } else current.lines.push(line);
  }
  const enums = blocks.filter((b) => b.kind === "enum").map((b) => b.name);
  const modelNames = new Set(blocks.filter((b) => b.kind === "model").map((b) => b.name));
  const models = blocks
    .filter((b) => b.kind === "model")
    .map((block): Model => {
      const fields: ModelField[] = [];
      let primaryKey: string[] = [];
      let dbName: string | null = null;
      for (const line of block.lines) {
        if (line.startsWith("@@")) {
          if (line.startsWith("@@id")) primaryKey = bracketList(line);
          else if (line.startsWith("@@map")) dbName = quotedName(attributeArgs(line.slice(1), "map"));
          continue;
        }
        const match = /^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(line);
        if (!match) throw new Error(`Cannot read the line "${line}" of model ${block.name}`);
        const [, name, type, modifier, attributes] = match as unknown as [string, string, string, string | undefined, string];
        const relation = attributeArgs(attributes, "relation");
        const kind: FieldKind = modelNames.has(type) ? "object" : enums.includes(type) ? "enum" : "scalar";
        const field: ModelField = {
          name,
          type,
          kind,
          isList: modifier === "[]",
          isRequired: modifier === undefined,
          isId: /@id\b/.test(attributes),
          isUnique: /@unique\b/.test(attributes),
          isUpdatedAt: /@updatedAt\b/.test(attributes),
          isAutoincrement: /@default\(\s*autoincrement\(\)\s*\)/.test(attributes),
          dbName: quotedName(attributeArgs(attributes, "map")),
          relationName: kind === "object" ? (quotedName(relation) ?? null) : null,
          relationFromFields: relation ? list(relation, "fields") : [],
          relationToFields: relation ? list(relation, "references") : [],
        };
        if (field.isId) primaryKey = [name];
        fields.push(field);
      }
      if (primaryKey.length === 0) throw new Error(`Model ${block.name} has no primary key (@id or @@id): it cannot be exported`);
      return { name: block.name, dbName, fields, primaryKey };
    });
  return { models, enums };
}

/** A model's fields stored as columns (scalars and enums), in schema order. */
export function columnFields(model: Model): ModelField[] {
  return model.fields.filter((f) => f.kind !== "object");
}

/** The relations whose foreign key this model holds (the "many" or owning side). */
export function foreignKeys(model: Model): ModelField[] {
  return model.fields.filter((f) => f.kind === "object" && f.relationFromFields.length > 0);
}

/** Whether a foreign key can be null (every one of its fields optional). */
export function isNullableForeignKey(model: Model, relation: ModelField): boolean {
  return relation.relationFromFields.every((name) => model.fields.find((f) => f.name === name)?.isRequired === false);
}

/** The client's property for a model: `SharedDocument` → `sharedDocument`. */
export function delegateName(model: Pick<Model, "name">): string {
  return model.name.charAt(0).toLowerCase() + model.name.slice(1);
}

export function modelNamed(dataModel: DataModel, name: string): Model {
  const model = dataModel.models.find((m) => m.name === name);
  if (!model) throw new Error(`No model ${name} in the schema`);
  return model;
}
