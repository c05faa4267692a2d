import { createContext, useContext } from "react";
import type * as Y from "yjs";
import type { BoardSnapshot } from "~/collab/board";
import type { CollabConnection } from "~/collab/connection";
import type { Announcement } from "./announce";

export type BoardContextValue = {
  doc: Y.Doc;
  snapshot: BoardSnapshot;
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
};

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error("useBoard outside a board");
  return value;
}
