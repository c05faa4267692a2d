import type * as Y from "yjs";
import type { Db } from "~/data/db.server";
import { parseDocumentName } from "./names";
import { projectDocument, projectionRecords } from "./projection";
import { replaceBoardProjection } from "~/data/boards.server";

/**
 * Rewrites a document's read-model rows from its stored state, in one transaction. The collab
 * server calls it (debounced) after it has stored changes.
 */
export async function refreshProjection(database: Db | Promise<Db>, docName: string, doc: Y.Doc): Promise<number> {
  // Read the document first, synchronously: the caller may unload it right after.
  const name = parseDocumentName(docName);
  const rows = projectDocument(docName, doc);
  if (!name || !rows) return 0;
  await replaceBoardProjection(await database, docName, projectionRecords(docName, name.localityId, rows));
  return rows.notes.length;
}
