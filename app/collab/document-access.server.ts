import type { Db } from "~/data/db.server";
import type { LocalityRole } from "~/domain/access/policy";
import { boardAccess, sharedDocumentAccess, type DocumentAccess } from "~/domain/documents";
import { findBoard } from "~/data/boards.server";
import { findSharedDocument } from "~/data/shared-documents.server";
import type { DocumentName } from "./names";

/**
 * The access a role has to a collaborative document of its locality, or null when there is
 * no such board or document (tokens are only issued for documents that exist as records), or
 * when it is someone else's draft.
 */
export async function documentAccess(db: Db, role: LocalityRole | null, name: DocumentName, userId: string): Promise<DocumentAccess | null> {
  if (name.kind === "board") {
    const board = await findBoard(db, name.localityId, name.documentId);
    return board ? boardAccess(role, board) : null;
  }
  if (name.kind === "draft") {
    // A draft is its owner's alone, and only while the board is silent and theirs to write.
    if (name.ownerId !== userId) return null;
    const board = await findBoard(db, name.localityId, name.documentId);
    return board?.silent && boardAccess(role, board) === "read-write" ? "read-write" : null;
  }
  const doc = await findSharedDocument(db, name.localityId, name.documentId);
  return doc ? sharedDocumentAccess(role, doc.kind) : null;
}
