/**
 * Paper ↔ board: a board's notes printed as cards (each with a QR code back to its note), blank
 * cards whose QR code opens a phone page that types the card onto the board, and a batch of
 * notes typed after a session (one per line) added at once. Plain functions: no database, no I/O.
 */
import { CONTENT_LIMITS } from "~/collab/limits";
import { looksBinary, normaliseText } from "./idea-submission";

export const PAPER_LIMITS = {
  /** Cards on one printed A4 sheet (two columns of four). */
  cardsPerSheet: 8,
  /** Blank cards printed at once. */
  blankCardsMax: 80,
  /** Blank cards the print form offers first (one sheet). */
  blankCardsDefault: 8,
  /** Notes one pasted batch may add. */
  batchNotes: 200,
  /**
   * The most notes a board may hold after the server adds notes to it (a pasted batch, a card
   * from paper): the largest board the board benchmark measures (npm run bench:board).
   */
  boardNotes: 4000,
} as const;

/** The id of the note a card from paper becomes (derived from the card's, so placing it twice places it once). */
export function cardNoteId(cardId: string): string {
  return `card-${cardId}`;
}

/** Where a printed card's QR code leads: the board, with that note selected. */
export function noteLinkPath(localityId: string, boardId: string, noteId: string): string {
  return `/l/${localityId}/boards/${boardId}?note=${encodeURIComponent(noteId)}`;
}

/** The public phone page of a board's blank cards. */
export function blankCardPath(cardCode: string): string {
  return `/card/${cardCode}`;
}

/** A note id as it may appear in `?note=` (what boards and the server make: letters, digits, - and _). */
const NOTE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function parseNoteParam(raw: string | null): string | null {
  return raw !== null && NOTE_ID.test(raw) ? raw : null;
}

/** Splits items into printed sheets of `perSheet` cards each. */
export function intoSheets<T>(items: readonly T[], perSheet: number = PAPER_LIMITS.cardsPerSheet): T[][] {
  const sheets: T[][] = [];
  for (let i = 0; i < items.length; i += perSheet) sheets.push(items.slice(i, i + perSheet));
  return sheets;
}

/** How many blank cards to print: a whole number from 1 to the maximum; anything else is the default. */
export function blankCardCount(raw: string | null): number {
  if (raw === null || !/^\d{1,4}$/.test(raw.trim())) return PAPER_LIMITS.blankCardsDefault;
  const n = Number(raw.trim());
  return n < 1 ? PAPER_LIMITS.blankCardsDefault : Math.min(n, PAPER_LIMITS.blankCardsMax);
}

export type CardTextError = "required" | "tooLong" | "binary";

/** The text typed for one card on a phone: trimmed, required, at most a note's length. */
export function parseCardText(raw: string): { ok: true; text: string } | { ok: false; error: CardTextError } {
  if (looksBinary(raw)) return { ok: false, error: "binary" };
  const text = normaliseText(raw);
  if (text === "") return { ok: false, error: "required" };
  if (text.length > CONTENT_LIMITS.noteText) return { ok: false, error: "tooLong" };
  return { ok: true, text };
}

export type BatchError =
  | { kind: "empty" }
  | { kind: "tooMany"; count: number; max: number }
  | { kind: "tooLong"; line: number; max: number }
  | { kind: "binary"; line: number }
  | { kind: "clusterName"; max: number }
  | { kind: "clusterRequired" }
  | { kind: "boardFull"; onBoard: number; adding: number; max: number };

/**
 * A pasted list: one note per line, surrounding space trimmed, blank lines ignored. Refused whole
 * when a line is too long or holds characters nobody types (its number, counting every line as
 * pasted, is given), or when there are no notes or more than one batch may add.
 */
export function parseBatch(raw: string): { ok: true; notes: string[] } | { ok: false; error: BatchError } {
  const lines = raw.replace(/\r\n?/g, "\n").split("\n");
  const notes: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (looksBinary(line)) return { ok: false, error: { kind: "binary", line: i + 1 } };
    const text = line.replace(/\s+/g, " ").trim();
    if (text === "") continue;
    if (text.length > CONTENT_LIMITS.noteText) return { ok: false, error: { kind: "tooLong", line: i + 1, max: CONTENT_LIMITS.noteText } };
    notes.push(text);
  }
  if (notes.length === 0) return { ok: false, error: { kind: "empty" } };
  if (notes.length > PAPER_LIMITS.batchNotes) return { ok: false, error: { kind: "tooMany", count: notes.length, max: PAPER_LIMITS.batchNotes } };
  return { ok: true, notes };
}

/** Where a batch goes: no cluster, an existing cluster (by id), or a new cluster with this name. */
export type ClusterChoice = { kind: "none" } | { kind: "existing"; id: string } | { kind: "new"; name: string };

const CLUSTER_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The form's cluster fields: `cluster` is "", "new" or a cluster id; `clusterName` the new cluster's name. */
export function parseClusterChoice(cluster: string, clusterName: string): { ok: true; choice: ClusterChoice } | { ok: false; error: BatchError } {
  if (cluster === "") return { ok: true, choice: { kind: "none" } };
  if (cluster === "new") {
    if (looksBinary(clusterName)) return { ok: false, error: { kind: "clusterName", max: CONTENT_LIMITS.clusterName } };
    const name = clusterName.replace(/\s+/g, " ").trim();
    if (name === "") return { ok: false, error: { kind: "clusterRequired" } };
    if (name.length > CONTENT_LIMITS.clusterName) return { ok: false, error: { kind: "clusterName", max: CONTENT_LIMITS.clusterName } };
    return { ok: true, choice: { kind: "new", name } };
  }
  return CLUSTER_ID.test(cluster) ? { ok: true, choice: { kind: "existing", id: cluster } } : { ok: true, choice: { kind: "none" } };
}

/** Whether a board with `onBoard` notes may take `adding` more (the board's limit), and if not, why. */
export function boardRoomFor(onBoard: number, adding: number): BatchError | null {
  return onBoard + adding > PAPER_LIMITS.boardNotes ? { kind: "boardFull", onBoard, adding, max: PAPER_LIMITS.boardNotes } : null;
}

/** Whether a board takes cards from paper now: not archived, not locked. */
export function boardTakesCards(board: { locked: boolean; archivedAt: Date | null }): "open" | "locked" | "archived" {
  if (board.archivedAt) return "archived";
  return board.locked ? "locked" : "open";
}
