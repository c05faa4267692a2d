/**
 * What the interface writes, for notes in either of the two documents a person writes during
 * silent brainstorming: the board, and their own draft (new notes, which only they receive until
 * the reveal). Every change to a draft note goes to the draft; every change to a board note, and
 * every change to clusters, to the board. The draft holds notes only, so cluster places and
 * positions come from the board.
 */
import type * as Y from "yjs";
import {
  NOTE_SIZE,
  addNote,
  getNote,
  listNotes,
  moveNoteToCluster,
  moveNotes,
  moveNotesToCluster,
  nextNotePosition,
  placeNoteInCluster,
  removeCluster,
  removeNote,
  setBuildsOn,
  setNoteColour,
  setNoteText,
  slotInCluster,
  mergeClusters,
  splitCluster,
  addCluster,
  nextClusterPosition,
  listClusters,
  type Note,
  type NoteColour,
} from "~/collab/board";
import { isDraft } from "./shown";

/** The document a note lives in: the draft for this person's draft notes (while it is open), the board for the rest. */
export function docOf(note: Note, board: Y.Doc, draft: Y.Doc | null): Y.Doc {
  return isDraft(note) && draft ? draft : board;
}

const clusterExists = (board: Y.Doc, clusterId: string) => listClusters(board).some((c) => c.id === clusterId);

/** Where a new note goes: the next free place on the board, counting this person's draft notes too. */
function nextPlace(board: Y.Doc, draft: Y.Doc | null): { x: number; y: number } {
  return nextNotePosition(board, draft ? listNotes(draft).filter((n) => n.clusterId === null).length : 0);
}

/** Adds a note of this person's: to their draft while one is open (silent brainstorming), otherwise to the board. */
export function addOwnNote(
  board: Y.Doc,
  draft: Y.Doc | null,
  input: { id: string; text: string; colour: NoteColour; clusterId: string | null; me: { id: string; name: string } },
): void {
  const target = draft ?? board;
  addNote(target, { id: input.id, text: input.text, colour: input.colour, authorId: input.me.id, authorName: input.me.name, ...nextPlace(board, draft) });
  if (input.clusterId) placeInCluster(board, draft, { ...getNote(target, input.id)!, ...(draft ? { draft: true } : {}) }, input.clusterId);
}

export function editNoteText(board: Y.Doc, draft: Y.Doc | null, note: Note, text: string): void {
  setNoteText(docOf(note, board, draft), note.id, text);
}

export function editNoteColour(board: Y.Doc, draft: Y.Doc | null, note: Note, colour: NoteColour): void {
  setNoteColour(docOf(note, board, draft), note.id, colour);
}

export function deleteNote(board: Y.Doc, draft: Y.Doc | null, note: Note): void {
  removeNote(docOf(note, board, draft), note.id);
}

/**
 * What a note builds on. A board note builds on board notes only (a draft note is not on the
 * board yet); a draft note on a board note or on another of this person's draft notes.
 */
export function setNoteBuildsOn(board: Y.Doc, draft: Y.Doc | null, note: Note, target: Note | null): void {
  const doc = docOf(note, board, draft);
  if (target === null || doc === docOf(target, board, draft)) {
    setBuildsOn(doc, note.id, target?.id ?? null);
    return;
  }
  if (doc !== draft) return;
  // A draft note building on a board note (the target lives in the board's document). The reveal
  // keeps the link when the target is still on the board (app/use-cases/reveal-drafts.server.ts).
  setBuildsOn(draft, note.id, target.id, (id) => getNote(board, id) !== null);
}

/** Puts a note in a cluster of the board (or none), into the cluster's area on the canvas. */
export function placeInCluster(board: Y.Doc, draft: Y.Doc | null, note: Note, clusterId: string | null): void {
  const doc = docOf(note, board, draft);
  if (doc === board) {
    placeNoteInCluster(board, note.id, clusterId);
    return;
  }
  const cluster = clusterId === null ? null : listClusters(board).find((c) => c.id === clusterId);
  if (clusterId !== null && !cluster) return;
  doc.transact(() => {
    if (cluster) {
      // The next free slot of the cluster's area, after the board's notes in it and this person's draft notes in it.
      const mineThere = listNotes(doc).filter((n) => n.clusterId === cluster.id && n.id !== note.id).length;
      moveNotes(doc, [{ id: note.id, ...slotInCluster(board, cluster.id, note.id, mineThere) }]);
    }
    moveNoteToCluster(doc, note.id, clusterId);
  });
}

/**
 * Moves notes on the canvas (by a drag), each in its own document, and puts them in a cluster:
 * `clusterId` for all of them if given (a drop on a cluster), otherwise each in the cluster whose
 * area its centre now lies in, if any.
 */
export function moveOnCanvas(
  board: Y.Doc,
  draft: Y.Doc | null,
  moves: { note: Note; x: number; y: number }[],
  clusterAt: (x: number, y: number) => string | null,
  clusterId?: string,
): void {
  for (const doc of draft ? [board, draft] : [board]) {
    const here = moves.filter((m) => docOf(m.note, board, draft) === doc);
    if (here.length === 0) continue;
    doc.transact(() => {
      moveNotes(
        doc,
        here.map((m) => ({ id: m.note.id, x: m.x, y: m.y })),
      );
      if (doc === board) {
        if (clusterId !== undefined)
          moveNotesToCluster(
            doc,
            here.map((m) => m.note.id),
            clusterId,
          );
        else for (const m of here) moveNotesToCluster(doc, [m.note.id], clusterAt(m.x + NOTE_SIZE.width / 2, m.y + NOTE_SIZE.height / 2));
      } else {
        for (const m of here) {
          const target = clusterId ?? clusterAt(m.x + NOTE_SIZE.width / 2, m.y + NOTE_SIZE.height / 2);
          if (target === null || clusterExists(board, target)) moveNoteToCluster(doc, m.note.id, target);
        }
      }
    });
  }
}

/** Removes a cluster of the board; its notes (draft notes too) stay, out of any cluster. */
export function removeClusterEverywhere(board: Y.Doc, draft: Y.Doc | null, clusterId: string): void {
  removeCluster(board, clusterId);
  if (!draft) return;
  draft.transact(() => {
    for (const n of listNotes(draft)) if (n.clusterId === clusterId) moveNoteToCluster(draft, n.id, null);
  });
}

/** Merges one cluster into another: its notes, this person's draft notes too, join the other. */
export function mergeClustersEverywhere(board: Y.Doc, draft: Y.Doc | null, sourceId: string, targetId: string): void {
  if (draft) for (const n of listNotes(draft)) if (n.clusterId === sourceId) placeInCluster(board, draft, { ...n, draft: true } as Note, targetId);
  mergeClusters(board, sourceId, targetId);
}

/** Splits the chosen notes (board and draft ones) off into a new cluster. */
export function splitClusterEverywhere(
  board: Y.Doc,
  draft: Y.Doc | null,
  input: { clusterId: string; notes: Note[]; newClusterId: string; name: string },
): void {
  const onBoard = input.notes.filter((n) => docOf(n, board, draft) === board).map((n) => n.id);
  const made = onBoard.length
    ? splitCluster(board, { clusterId: input.clusterId, noteIds: onBoard, newClusterId: input.newClusterId, name: input.name })
    : null;
  if (!made) addCluster(board, { id: input.newClusterId, name: input.name, ...nextClusterPosition(board) });
  for (const n of input.notes) if (docOf(n, board, draft) !== board) placeInCluster(board, draft, n, input.newClusterId);
}
