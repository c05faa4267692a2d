/**
 * A board as stored, read through the collab API (in-process or over the internal API): its
 * notes in board order, clusters, dots per note and settings (voting, silent brainstorming).
 */
import { readDocumentState } from "~/collab/backend.server";
import { boardSettings, listClusters, listNotes, voteTotals, type BoardSettings, type Cluster, type Note } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { docFromState } from "~/collab/rich-text";

export type StoredBoard = { notes: Note[]; clusters: Cluster[]; votes: Map<string, number>; settings: BoardSettings };

export async function readBoard(board: { localityId: string; boardId: string }): Promise<StoredBoard> {
  const doc = docFromState(await readDocumentState(boardDocName(board.localityId, board.boardId)));
  try {
    return { notes: listNotes(doc), clusters: listClusters(doc), votes: voteTotals(doc), settings: boardSettings(doc) };
  } finally {
    doc.destroy();
  }
}
