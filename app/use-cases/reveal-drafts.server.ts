/**
 * Ends silent brainstorming: every draft's notes go onto the board at once, as their authors
 * wrote them, and the drafts are erased. In this order, so nothing written is lost or left
 * behind: the record says "not silent" (no new draft tokens); each draft's connections are
 * closed and older tokens refused; the drafts are read; one server change adds their notes,
 * turns silence off and clears the counts; then the drafts are erased from storage.
 */
import { applyServerChange, eraseDocument, readDocumentState, reauthorizeDocument } from "~/collab/backend.server";
import { addNote, clearDraftCounts, listClusters, listNotes, setBuildsOn, setSilent, type Note } from "~/collab/board";
import { boardDocName, formatDocumentName } from "~/collab/names";
import { docFromState } from "~/collab/rich-text";
import type { Db } from "~/data/db.server";
import { setBoardSilent, storedDocumentNames } from "~/data/boards.server";

export async function revealDrafts(db: Db, input: { localityId: string; boardId: string; actorId: string }): Promise<{ revealed: number }> {
  const { localityId, boardId } = input;
  await setBoardSilent(db, { localityId, boardId, actorId: input.actorId, silent: false });
  const prefix = `${formatDocumentName({ localityId, kind: "draft", documentId: boardId, ownerId: "" })}`;
  const drafts = await storedDocumentNames(db, prefix);
  for (const name of drafts) await reauthorizeDocument(name);
  const notes: Note[] = [];
  for (const name of drafts) {
    const doc = docFromState(await readDocumentState(name));
    try {
      notes.push(...listNotes(doc));
    } finally {
      doc.destroy();
    }
  }
  let revealed = 0;
  await applyServerChange(boardDocName(localityId, boardId), (board) => {
    const onBoard = new Set(listNotes(board).map((n) => n.id));
    const clusters = new Set(listClusters(board).map((c) => c.id));
    const added = new Set<string>();
    for (const note of notes) {
      if (onBoard.has(note.id) || added.has(note.id)) continue;
      addNote(board, {
        id: note.id,
        text: note.text,
        colour: note.colour,
        authorId: note.authorId,
        authorName: note.authorName,
        clusterId: note.clusterId && clusters.has(note.clusterId) ? note.clusterId : null,
        x: note.x,
        y: note.y,
        now: note.createdAt,
      });
      added.add(note.id);
    }
    for (const note of notes) if (note.buildsOn && added.has(note.id)) setBuildsOn(board, note.id, note.buildsOn);
    setSilent(board, false);
    clearDraftCounts(board);
    revealed = added.size;
  });
  for (const name of drafts) await eraseDocument(name);
  return { revealed };
}
