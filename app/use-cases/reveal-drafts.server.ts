/**
 * Ends silent brainstorming: every draft's notes go onto the board at once, as their authors
 * wrote them, and the drafts are erased. In this order, so nothing written is lost or left
 * behind: the record says "not silent" (no new draft tokens); each draft's connections are
 * closed and older tokens refused; the drafts are read; one server change adds their notes,
 * turns silence off and clears the counts; then the drafts are erased from storage. Each person
 * placed their new notes on the free spots they saw, so two people's notes may share a spot: a
 * note that would cover another goes to the next free spot (of its cluster, or below them).
 */
import { applyServerChange, eraseDocument, readDocumentState, reauthorizeDocument } from "~/collab/backend.server";
import {
  NOTE_SIZE,
  addNote,
  clearDraftCounts,
  listClusters,
  listNotes,
  nextNotePosition,
  setBuildsOn,
  setSilent,
  slotInCluster,
  type Note,
} from "~/collab/board";
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
    const existing = listNotes(board);
    const onBoard = new Set(existing.map((n) => n.id));
    const taken = new Set(existing.map(spot));
    const clusters = new Set(listClusters(board).map((c) => c.id));
    const added = new Set<string>();
    for (const note of notes) {
      if (onBoard.has(note.id) || added.has(note.id)) continue;
      const clusterId = note.clusterId && clusters.has(note.clusterId) ? note.clusterId : null;
      const place = taken.has(spot(note)) ? (clusterId ? slotInCluster(board, clusterId) : nextNotePosition(board)) : { x: note.x, y: note.y };
      taken.add(spot(place));
      addNote(board, {
        id: note.id,
        text: note.text,
        colour: note.colour,
        authorId: note.authorId,
        authorName: note.authorName,
        clusterId,
        ...place,
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

/** A note's spot on the canvas, to the nearest half note (two notes on one spot cover each other). */
function spot(at: { x: number; y: number }): string {
  return `${Math.round(at.x / (NOTE_SIZE.width / 2))},${Math.round(at.y / (NOTE_SIZE.height / 2))}`;
}
