/**
 * A board's notes and clusters as stored, read through the collab API (in-process or over the
 * internal API).
 */
import { readDocumentState } from "~/collab/backend.server";
import { listClusters, listNotes, type Cluster, type Note } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { docFromState } from "~/collab/rich-text";

/** A board's notes and clusters as stored. */
export async function readBoardContent(localityId: string, boardId: string): Promise<{ notes: Note[]; clusters: Cluster[] }> {
  const doc = docFromState(await readDocumentState(boardDocName(localityId, boardId)));
  try {
    return { notes: listNotes(doc), clusters: listClusters(doc) };
  } finally {
    doc.destroy();
  }
}
