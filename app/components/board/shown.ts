/**
 * The board as one person's interface shows it during silent brainstorming: the board's notes,
 * this person's own draft notes (kept in their draft document, which only they receive, until
 * the facilitator reveals everyone's) marked as such, and, for other people's notes that wait
 * in their drafts, only how many there are — drawn as blank cards ("placeholders") that hold
 * nothing of the notes: their text, author and place never reach this browser.
 */
import { CLUSTER_SIZE, NOTE_SIZE, type BoardSnapshot, type Cluster, type Note } from "~/collab/board";

/** A note as the interface draws it: `draft`, this person's own note waiting in their draft; `covered`, a placeholder for someone else's. */
export type BoardNote = Note & { draft?: true; covered?: true };

/** The board with this person's draft notes among its notes. */
export type ShownBoard = Omit<BoardSnapshot, "notes"> & { notes: BoardNote[] };

export const isDraft = (note: Note): boolean => (note as BoardNote).draft === true;

/** A placeholder for a note waiting in someone else's draft (nothing of the note itself). */
export const isCovered = (note: Note): boolean => (note as BoardNote).covered === true;

// Marked copies keep their identity while the note itself does not change (memoised rows skip rendering).
const marked = new WeakMap<Note, BoardNote>();

function markDraft(note: Note): BoardNote {
  let copy = marked.get(note);
  if (!copy) {
    copy = { ...note, draft: true };
    marked.set(note, copy);
  }
  return copy;
}

/**
 * The board's notes, then this person's draft notes (a draft note already on the board — revealed
 * — is shown once, as the board's).
 */
export function withDrafts(board: BoardSnapshot, drafts: readonly Note[]): ShownBoard {
  if (drafts.length === 0) return board;
  const onBoard = new Set(board.notes.map((n) => n.id));
  const own = drafts.filter((n) => !onBoard.has(n.id)).map(markDraft);
  return own.length ? { ...board, notes: [...board.notes, ...own] } : board;
}

const PER_ROW = 12;
const GAP = 20;

/** Where the row of placeholders starts on the canvas: below everything else, at the left. */
function hiddenRowOrigin(notes: readonly Pick<Note, "x" | "y">[], clusters: readonly Pick<Cluster, "x" | "y">[]): { x: number; y: number } {
  let minX = Infinity;
  let maxY = -Infinity;
  for (const n of notes) {
    minX = Math.min(minX, n.x);
    maxY = Math.max(maxY, n.y + NOTE_SIZE.height);
  }
  for (const c of clusters) {
    minX = Math.min(minX, c.x);
    maxY = Math.max(maxY, c.y + CLUSTER_SIZE.height);
  }
  return { x: Number.isFinite(minX) ? minX : 40, y: Number.isFinite(maxY) ? maxY + 80 : 40 };
}

/**
 * `count` blank cards for other people's hidden notes, in rows below the board's content: no
 * text, no author, no colour of theirs — only that they exist.
 */
export function hiddenPlaceholders(count: number, board: { notes: readonly Note[]; clusters: readonly Cluster[] }): BoardNote[] {
  if (count <= 0) return [];
  const origin = hiddenRowOrigin(board.notes, board.clusters);
  return Array.from({ length: count }, (_, i) => ({
    id: `hidden-${i + 1}`,
    text: "",
    colour: "yellow",
    authorId: null,
    authorName: null,
    createdAt: 0,
    clusterId: null,
    order: "",
    x: origin.x + (i % PER_ROW) * (NOTE_SIZE.width + GAP),
    y: origin.y + Math.floor(i / PER_ROW) * (NOTE_SIZE.height + GAP),
    link: null,
    buildsOn: null,
    covered: true,
  }));
}
