/**
 * Draws one card of the public servant deck onto a board: a card not on that board yet, at
 * random, added as a note (its title and question) through the collab API, so it appears at once
 * on every screen that has the board open. The card is chosen inside the change, from the
 * board's notes as stored, so a card is on a board once at most (its note id is derived from it).
 */
import { applyServerChange } from "~/collab/backend.server";
import { addNote, listNotes, nextNotePosition } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { cardsOnBoard, deckNoteId, deckNoteText, pickCard } from "~/domain/public-servant-deck";

export type DrawnCard = { card: number; noteId: string } | { card: null };

/**
 * `words(card)`: the card's title, question and the label its note shows in place of an author, in
 * the language of the person drawing it.
 * Resolves once the note is stored; `{ card: null }` when all ten are on the board already.
 */
export async function drawDeckCard(
  board: { localityId: string; boardId: string },
  words: (card: number) => { title: string; question: string; label: string },
  random: () => number = Math.random,
): Promise<DrawnCard> {
  let drawn: DrawnCard = { card: null };
  await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => {
    const card = pickCard(cardsOnBoard(listNotes(doc).map((n) => n.id)), random);
    if (card === null) {
      drawn = { card: null };
      return;
    }
    const { title, question, label } = words(card);
    const noteId = deckNoteId(card);
    addNote(doc, { id: noteId, text: deckNoteText(title, question), authorId: null, authorName: label, colour: "purple", ...nextNotePosition(doc) });
    drawn = { card, noteId };
  });
  return drawn;
}
