import { createContext, useContext } from "react";
import type * as Y from "yjs";
import type { Note } from "~/collab/board";
import type { CollabConnection } from "~/collab/connection";
import type { Announcement } from "./announce";
import type { BoardNote, ShownBoard } from "./shown";

/** What this person may do to the board's parts now (app/collab/board-rules.ts, the server's own rules). */
export type BoardPermissions = {
  /** Change a note's text, colour and what it builds on. */
  editNote(note: Note): boolean;
  /** Take a note off the board. */
  deleteNote(note: Note): boolean;
  /** Place dots of their own (voting is open). */
  castDots: boolean;
  /** Take back dots of their own. */
  removeDots: boolean;
};

export type BoardContextValue = {
  /** The board's document. */
  doc: Y.Doc;
  /** This person's draft while the board is silent (their new notes, which only they receive), or null. */
  draftDoc: Y.Doc | null;
  /** The board as this person sees it: the board's notes and, while silent, their own draft notes (marked `draft`). */
  snapshot: ShownBoard;
  /** The shown notes by id. */
  notesById: ReadonlyMap<string, BoardNote>;
  /** Other people's notes waiting in their drafts (silent brainstorming): only how many. */
  hiddenCount: number;
  me: { id: string; name: string };
  /** May this person change the board now (role, lock and token all agree)? */
  editable: boolean;
  /** Note by note and dot by dot, within `editable`. */
  may: BoardPermissions;
  canFacilitate: boolean;
  connection: CollabConnection | null;
  /**
   * Runs a change as this tab's own (undoable) transaction, on the board and, while one is open,
   * on this person's draft (each change goes to the document of the note it touches: note-ops.ts).
   */
  act<T>(change: (board: Y.Doc, draft: Y.Doc | null) => T): T;
  /**
   * The same, for a change undo must not take back: putting it back would be refused by the server
   * (someone else's note re-made, other people's dots put back), and the refusal drops the board.
   */
  actFinal<T>(change: (board: Y.Doc, draft: Y.Doc | null) => T): T;
  /** Announces a message in the live region. */
  say(message: Announcement): void;
  selected: ReadonlySet<string>;
  setSelected(next: Set<string>): void;
  /** Tells the others which note this person is editing (awareness). */
  setEditing(noteId: string | null): void;
  /** Names of other people editing each note. */
  editors: Map<string, string[]>;
  /** Moves focus to a note in whichever view is shown (see FOCUS_NOTE_EVENT). */
  focusNote(noteId: string): void;
};

/** The window event a view listens to, to bring a note into view and focus it (detail: the note's id). */
export const FOCUS_NOTE_EVENT = "coproduce:board-focus-note";

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error("useBoard outside a board");
  return value;
}
