import { createContext, useContext } from "react";
import type * as Y from "yjs";
import type { ShownBoard, ShownNote } from "~/collab/board";
import type { CollabConnection } from "~/collab/connection";
import type { Announcement } from "./announce";

export type BoardContextValue = {
  doc: Y.Doc;
  /** The board as this person sees it: in silent brainstorming, others' notes are covered (no text, no author). */
  snapshot: ShownBoard;
  /** The shown notes by id. */
  notesById: ReadonlyMap<string, ShownNote>;
  me: { id: string; name: string };
  /** May this person change the board now (role, lock and token all agree)? */
  editable: boolean;
  canFacilitate: boolean;
  connection: CollabConnection | null;
  /** Runs a change as this tab's own (undoable) transaction. */
  act<T>(change: (doc: Y.Doc) => T): T;
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
