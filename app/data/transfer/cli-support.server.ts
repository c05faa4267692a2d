/**
 * What the export and import commands share: a client for a --database-url (or DATABASE_URL),
 * and a clear one-line message for the errors they expect.
 */
import { resolveDatabaseTarget, type DatabaseTarget } from "~/config/database-url.server";
import { createDb, type Db } from "../db.server";
import { ExportError } from "./export-organisation.server";
import { ExportFileError } from "./export-file";
import { ImportError } from "./import-organisation.server";

export async function openDatabase(url: string | undefined): Promise<{ db: Db; target: DatabaseTarget }> {
  const target = resolveDatabaseTarget(url ?? process.env.DATABASE_URL);
  return { db: await createDb(target), target };
}

/** A database URL with its password hidden, to print. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return `SQLite ${target.filePath}`;
  const url = new URL(target.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.toString()}`;
}

/** Errors a person can act on (bad file, non-empty database, unknown organisation): their message only. */
export function isExpectedError(error: unknown): error is Error {
  return error instanceof ExportError || error instanceof ExportFileError || error instanceof ImportError;
}
