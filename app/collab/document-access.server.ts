import type { Db } from "~/data/db.server";
import type { LocalityRole } from "~/domain/access/policy";
import { boardAccess, sharedDocumentAccess, type DocumentAccess } from "~/domain/documents";
import { findBoard } from "~/data/boards.server";
import { findSharedDocument } from "~/data/shared-documents.server";
import type { DocumentName } from "./names";

/**
 * The access a role has to a collaborative document of its locality, or null when there is
 * no such board or document (tokens are only issued for documents that exist as records).
 */
export async function documentAccess(db: Db, role: LocalityRole | null, name: DocumentName): Promise<DocumentAccess | null> {
  if (name.kind === "board") {
    const board = await findBoard(db, name.localityId, name.documentId);
    return board ? boardAccess(role, board) : null;
  }
  const doc = await findSharedDocument(db, name.localityId, name.documentId);
  return doc ? sharedDocumentAccess(role, doc.kind) : null;
}
