import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { addNote, getNote, listClusters, listNotes, removeNote, setBuildsOn } from "~/collab/board";
import { type BoardConnectionState, FINAL_ORIGIN, LOCAL_ORIGIN, useCollabDocument } from "./use-board";

/** The origin of the notes this device carries from its draft to the board after a reveal (not undoable: they were written before). */
const CARRIED = Symbol("draft-carried");
/** The origin of stale copies taken out of a draft (not undoable either). */
const TIDIED = Symbol("draft-tidied");
/** Changes this tab made itself (not announced as other people's). */
export const isOwnOrigin = (origin: unknown): boolean => origin === LOCAL_ORIGIN || origin === FINAL_ORIGIN || origin === CARRIED;

/** Marks, per draft, that this device keeps a copy of it (so the copy is checked and cleared after the reveal, even after a reload). */
const markerKey = (docName: string) => `coproduce:draft-copy:${docName}`;
function readMarker(docName: string | undefined): boolean {
  if (!docName) return false;
  try {
    return window.localStorage.getItem(markerKey(docName)) === "1";
  } catch {
    return false;
  }
}
function writeMarker(docName: string, on: boolean): void {
  try {
    if (on) window.localStorage.setItem(markerKey(docName), "1");
    else window.localStorage.removeItem(markerKey(docName));
  } catch {
    // storage blocked: the copy is still cleared when the reveal is seen on this page
  }
}

/**
 * This person's draft of a board during silent brainstorming: their new notes, in a document of
 * their own that only they receive (app/collab/names.ts draftDocName), kept on this device too
 * (offline notes survive a reload) and connected while the board is silent.
 *
 * When silence ends (the facilitator revealed everyone's notes: the server copied the drafts onto
 * the board and erased them) the connection closes; any draft note of this device that is not on
 * the board — written offline, never stored — is added to the board as this person's (same id,
 * so never twice), and the device's copy of the draft is deleted.
 */
export function useDraft(options: {
  localityId: string;
  draft: { docName: string; countKey: string } | null;
  /** The board is silent now (its document says so). */
  silent: boolean;
  board: Y.Doc;
  /** The board's document came from the server (not only from this device's cache): `silent` is the truth. */
  boardSynced: boolean;
  /** This person may write the board now (notes carried over need it). */
  editable: boolean;
  me: { id: string; name: string };
}): { state: BoardConnectionState } {
  const docName = options.draft?.docName;
  const [kept, setKept] = useState(() => readMarker(docName));
  useEffect(() => setKept(readMarker(docName)), [docName]);
  const open = !!docName && (options.silent || kept);
  const state = useCollabDocument({
    localityId: options.localityId,
    docName: docName ?? null,
    cache: open,
    connect: !!docName && options.silent,
    exposeAs: "coproduceDraft",
  });
  const { doc, cached, clearLocal } = state;

  // While silent: this device keeps a copy, to check after the reveal.
  useEffect(() => {
    if (!docName || !options.silent || kept) return;
    writeMarker(docName, true);
    setKept(true);
  }, [docName, options.silent, kept]);

  const meRef = useRef(options.me);
  meRef.current = options.me;
  const busy = useRef(false);
  const { board, boardSynced, silent, editable } = options;
  useEffect(() => {
    if (!docName || !cached || !boardSynced || busy.current) return;
    const onBoard = new Set(listNotes(board).map((n) => n.id));
    const mine = listNotes(doc);
    if (silent) {
      // A copy left from an earlier round whose reveal this device missed: those notes are on the board already.
      const stale = mine.filter((n) => onBoard.has(n.id));
      if (stale.length) doc.transact(() => stale.forEach((n) => removeNote(doc, n.id)), TIDIED);
      return;
    }
    if (!kept) return;
    const missing = mine.filter((n) => !onBoard.has(n.id));
    // Read-only now (a locked board): keep the copy until this person may write again.
    if (missing.length && !editable) return;
    if (missing.length) {
      const me = meRef.current;
      const clusters = new Set(listClusters(board).map((c) => c.id));
      board.transact(() => {
        for (const n of missing)
          addNote(board, {
            id: n.id,
            text: n.text,
            colour: n.colour,
            authorId: me.id,
            authorName: me.name,
            clusterId: n.clusterId && clusters.has(n.clusterId) ? n.clusterId : null,
            x: n.x,
            y: n.y,
            now: n.createdAt || undefined,
          });
        for (const n of missing) if (n.buildsOn && getNote(board, n.buildsOn)) setBuildsOn(board, n.id, n.buildsOn);
      }, CARRIED);
    }
    // (clearLocal takes hold of the cache before anything else closes it, and keeps it closed.)
    busy.current = true;
    void clearLocal({ keepClosed: true }).finally(() => {
      busy.current = false;
    });
    writeMarker(docName, false);
    setKept(false);
  }, [docName, cached, boardSynced, silent, kept, editable, board, doc, clearLocal]);

  return { state };
}
