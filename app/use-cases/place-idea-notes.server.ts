/**
 * Places ideas' notes on their challenge's board (and edits or removes them). A published idea is a note linked `{ type: "idea", id }`,
 * whose id is derived from the idea's (so placing it twice places it once). Every edit goes
 * through the collab API (`applyServerChange`), so it reaches the boards open in browsers at
 * once, whether the collab server runs in this process or elsewhere.
 */
import { applyServerChange, compactDocument } from "~/collab/backend.server";
import { addNote, getNote, nextNotePosition, removeNote, setNoteText } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { IDEA_NOTE_LINK, ideaNoteId } from "~/domain/ideas";

export type IdeaOnBoard = { id: string; localityId: string; text: string };
export type ChallengeBoard = { localityId: string; boardId: string };

/** Puts the idea on the board as a note (at the next free spot) unless it is there; returns the note's id. */
export async function placeIdeaNote(board: ChallengeBoard, idea: IdeaOnBoard): Promise<string> {
  const noteId = ideaNoteId(idea.id);
  await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => {
    if (getNote(doc, noteId)) return;
    addNote(doc, {
      id: noteId,
      text: idea.text,
      authorId: null,
      authorName: null,
      colour: "green",
      link: { type: IDEA_NOTE_LINK, id: idea.id },
      ...nextNotePosition(doc),
    });
  });
  return noteId;
}

/** Replaces the text of an idea's note (a moderator's edit for anonymity). */
export async function setIdeaNoteText(board: ChallengeBoard, noteId: string, text: string): Promise<void> {
  await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => setNoteText(doc, noteId, text));
}

/**
 * Takes an idea's note off the board (hidden after reports, merged, rejected after review) and
 * compacts the board, so the text leaves the stored history too.
 */
export async function removeIdeaNote(board: ChallengeBoard, noteId: string): Promise<void> {
  await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => removeNote(doc, noteId));
  await compactDocument(boardDocName(board.localityId, board.boardId));
}
