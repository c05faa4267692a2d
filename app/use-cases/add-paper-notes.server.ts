/**
 * Notes that come from paper onto a board: a batch typed after a session (one note per line,
 * into a cluster) and a card typed on a phone (placed by a facilitator, or at once for a
 * signed-in member). Every edit goes through the collab API (`applyServerChange`) as one change,
 * so it reaches the boards open in browsers at once, and a batch lands whole or not at all.
 */
import crypto from "node:crypto";
import { applyServerChange, compactDocument } from "~/collab/backend.server";
import { addCluster, addNote, getNote, listClusters, listNotes, nextClusterPosition, nextNotePosition, removeNote, slotInCluster } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { boardRoomFor, type BatchError, type ClusterChoice } from "~/domain/paper-cards";

export type PaperBoard = { localityId: string; boardId: string };
export type NoteAuthor = { id: string; name: string } | null;

/** A random id for a note or cluster made on the server (what the browser's ids look like). */
function serverId(): string {
  return crypto.randomBytes(12).toString("hex");
}

export type BatchOutcome = { ok: true; added: number; clusterId: string | null } | { ok: false; error: BatchError | { kind: "clusterGone" } };

/**
 * Adds every note of a batch to the board in one change, into a cluster (an existing one, a new
 * one made in the same change, or none). The board's limit is checked inside the change, on the
 * board as stored: a batch that would take it over the limit adds nothing, and neither does one
 * whose cluster was removed meanwhile.
 */
export async function addNoteBatch(board: PaperBoard, input: { notes: string[]; cluster: ClusterChoice; author: NoteAuthor }): Promise<BatchOutcome> {
  let outcome: BatchOutcome = { ok: false, error: { kind: "empty" } };
  await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => {
    const full = boardRoomFor(listNotes(doc).length, input.notes.length);
    if (full) {
      outcome = { ok: false, error: full };
      return;
    }
    let clusterId: string | null = null;
    if (input.cluster.kind === "existing") {
      const id = input.cluster.id;
      if (!listClusters(doc).some((c) => c.id === id)) {
        outcome = { ok: false, error: { kind: "clusterGone" } };
        return;
      }
      clusterId = id;
    } else if (input.cluster.kind === "new") {
      clusterId = addCluster(doc, { id: serverId(), name: input.cluster.name, ...nextClusterPosition(doc) });
    }
    const now = Date.now();
    for (const [i, text] of input.notes.entries()) {
      const spot = clusterId ? slotInCluster(doc, clusterId) : nextNotePosition(doc);
      addNote(doc, {
        id: serverId(),
        text,
        authorId: input.author?.id ?? null,
        authorName: input.author?.name ?? null,
        clusterId,
        // One millisecond apart, so the notes keep the pasted order wherever time orders them.
        now: now + i,
        ...spot,
      });
    }
    outcome = { ok: true, added: input.notes.length, clusterId };
  });
  return outcome;
}

export type CardPlacement = { ok: true; noteId: string } | { ok: false; error: BatchError };

/**
 * Puts a card's text on the board as a note with the given id (unless it is there already):
 * anonymous for a card from the public page, the member's own note when `author` is given.
 */
export async function placeCardNote(board: PaperBoard, input: { noteId: string; text: string; author: NoteAuthor }): Promise<CardPlacement> {
  let outcome: CardPlacement = { ok: true, noteId: input.noteId };
  await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => {
    if (getNote(doc, input.noteId)) return;
    const full = boardRoomFor(listNotes(doc).length, 1);
    if (full) {
      outcome = { ok: false, error: full };
      return;
    }
    addNote(doc, {
      id: input.noteId,
      text: input.text,
      authorId: input.author?.id ?? null,
      authorName: input.author?.name ?? null,
      colour: "blue",
      ...nextNotePosition(doc),
    });
  });
  return outcome;
}

/** Takes a card's note off the board again (its card was decided otherwise meanwhile), and out of the stored history. */
export async function removeCardNote(board: PaperBoard, noteId: string): Promise<void> {
  const docName = boardDocName(board.localityId, board.boardId);
  await applyServerChange(docName, (doc) => removeNote(doc, noteId));
  await compactDocument(docName);
}
