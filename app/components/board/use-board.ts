import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { connectDocument, warnBeforeUnload, type CollabConnection, type CollabToken, fetchCollabToken } from "~/collab/connection";
import type { SaveStatus } from "~/collab/save-status";
import { observeBoard, readBoard, undoScope, type BoardSnapshot, type Note } from "~/collab/board";

/** The origin of every change made in this tab: the undo manager tracks only these. */
export const LOCAL_ORIGIN = Symbol("board-local");

export type BoardUser = { id: string; name: string; colour: string };

export type AwarenessState = {
  user?: BoardUser;
  pointer?: { x: number; y: number } | null;
  editingNoteId?: string | null;
};

export type BoardConnectionState = {
  doc: Y.Doc;
  connection: CollabConnection | null;
  status: SaveStatus;
  access: CollabToken["access"] | null;
  undo: Y.UndoManager;
  /** True once the offline cache or the server delivered the document. */
  loaded: boolean;
};

declare global {
  interface Window {
    /** The board's document and connection, for end-to-end tests and debugging. */
    coproduceBoard?: { doc: Y.Doc; connection: CollabConnection | null };
  }
}

/**
 * One Y.Doc per board, cached on this device (y-indexeddb, bound before connecting so edits
 * made offline survive a reload), connected to the collab server with retries while offline.
 */
export function useBoardConnection(options: { localityId: string; docName: string; user: BoardUser }): BoardConnectionState {
  // biome-ignore lint/correctness/useExhaustiveDependencies: one Y.Doc per document name
  const doc = useMemo(() => new Y.Doc(), [options.docName]);
  const undo = useMemo(() => new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 400 }), [doc]);
  const [connection, setConnection] = useState<CollabConnection | null>(null);
  const [status, setStatus] = useState<SaveStatus>("connecting");
  const [access, setAccess] = useState<CollabToken["access"] | null>(null);
  const [loaded, setLoaded] = useState(false);
  const userRef = useRef(options.user);
  userRef.current = options.user;

  useEffect(() => {
    let cancelled = false;
    let conn: CollabConnection | null = null;
    const cleanups: (() => void)[] = [];
    let persistence: IndexeddbPersistence | null = null;
    try {
      persistence = new IndexeddbPersistence(options.docName, doc);
      persistence.whenSynced.then(() => !cancelled && doc.share.size > 0 && setLoaded(true)).catch(() => undefined);
    } catch {
      // Private browsing without IndexedDB: the board still works online.
    }
    window.coproduceBoard = { doc, connection: null };
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const start = async () => {
      try {
        conn = await connectDocument({ docName: options.docName, doc, getToken: () => fetchCollabToken(options.localityId, options.docName) });
      } catch {
        if (cancelled) return;
        setStatus("offline");
        retry = setTimeout(start, Math.min(1000 * 2 ** attempt++, 15_000));
        return;
      }
      if (cancelled) {
        conn.destroy();
        return;
      }
      window.coproduceBoard = { doc, connection: conn };
      conn.provider.awareness.setLocalStateField("user", userRef.current);
      setConnection(conn);
      setStatus(conn.status);
      setAccess(conn.access);
      cleanups.push(conn.onStatus(setStatus));
      cleanups.push(conn.onAccessChange(setAccess));
      cleanups.push(warnBeforeUnload(conn));
      const onSync = (synced: boolean) => synced && setLoaded(true);
      conn.provider.on("sync", onSync);
      cleanups.push(() => conn?.provider.off("sync", onSync));
    };
    void start();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      cleanups.forEach((c) => c());
      conn?.destroy();
      void persistence?.destroy();
      undo.destroy();
      if (window.coproduceBoard?.doc === doc) delete window.coproduceBoard;
    };
  }, [doc, options.docName, options.localityId, undo]);

  return { doc, connection, status, access, undo, loaded };
}

function sameNote(a: Note, b: Note): boolean {
  return (
    a.text === b.text &&
    a.colour === b.colour &&
    a.clusterId === b.clusterId &&
    a.x === b.x &&
    a.y === b.y &&
    a.order === b.order &&
    a.authorName === b.authorName &&
    a.authorId === b.authorId &&
    a.createdAt === b.createdAt &&
    a.link?.id === b.link?.id &&
    a.link?.type === b.link?.type &&
    a.buildsOn === b.buildsOn
  );
}

/**
 * The board as plain data, re-read at most once per animation frame after any change. Notes
 * that did not change keep their object identity, so memoised note components skip rendering.
 */
export function useBoardSnapshot(doc: Y.Doc, onChange?: (prev: BoardSnapshot, next: BoardSnapshot, origins: Set<unknown>) => void): BoardSnapshot {
  const [snapshot, setSnapshot] = useState<BoardSnapshot>(() => readBoard(doc));
  const ref = useRef(snapshot);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    let frame = 0;
    const origins = new Set<unknown>();
    const flush = () => {
      frame = 0;
      const prev = ref.current;
      const raw = readBoard(doc);
      const byId = new Map(prev.notes.map((n) => [n.id, n]));
      const notes = raw.notes.map((n) => {
        const old = byId.get(n.id);
        return old && sameNote(old, n) ? old : n;
      });
      const next = { ...raw, notes };
      ref.current = next;
      const seen = new Set(origins);
      origins.clear();
      onChangeRef.current?.(prev, next, seen);
      setSnapshot(next);
    };
    const stop = observeBoard(doc, (tx) => {
      origins.add(tx.origin);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    flush();
    return () => {
      stop();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return snapshot;
}

/** Everyone's awareness state (others and me), re-read on change. */
export function useAwareness(connection: CollabConnection | null): Map<number, AwarenessState> {
  const [states, setStates] = useState<Map<number, AwarenessState>>(new Map());
  const statesRef = useRef(states);
  useEffect(() => {
    if (!connection) return;
    const awareness = connection.provider.awareness;
    const read = () => {
      const next = new Map<number, AwarenessState>();
      for (const [id, s] of awareness.getStates() as Map<number, AwarenessState>) next.set(id, { user: s.user, editingNoteId: s.editingNoteId ?? null });
      statesRef.current = next;
      setStates(next);
    };
    // Pointer moves arrive ~20 times a second per person: only presence changes (join/leave,
    // names, editing) re-render here; pointers are drawn by the canvas from awareness directly.
    const onChange = ({ added, removed, updated }: { added: number[]; removed: number[]; updated: number[] }) => {
      if (added.length || removed.length) return read();
      const prev = statesRef.current;
      for (const id of updated) {
        const s = awareness.getStates().get(id) as AwarenessState | undefined;
        const p = prev.get(id);
        // Pointer moves (most updates) change nothing shown here: no render for them.
        if (!p || p.user?.name !== s?.user?.name || p.user?.colour !== s?.user?.colour || (p.editingNoteId ?? null) !== (s?.editingNoteId ?? null))
          return read();
      }
    };
    read();
    awareness.on("change", onChange);
    return () => awareness.off("change", onChange);
  }, [connection]);
  return states;
}

/** Ticks every second while `active` (for the shared timer). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [active]);
  return active ? now : Date.now();
}

/** Whether the undo manager can undo / redo, kept current. */
export function useUndoState(undo: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const subscribe = (cb: () => void) => {
    undo.on("stack-item-added", cb);
    undo.on("stack-item-popped", cb);
    undo.on("stack-cleared", cb);
    return () => {
      undo.off("stack-item-added", cb);
      undo.off("stack-item-popped", cb);
      undo.off("stack-cleared", cb);
    };
  };
  const canUndo = useSyncExternalStore(
    subscribe,
    () => undo.canUndo(),
    () => false,
  );
  const canRedo = useSyncExternalStore(
    subscribe,
    () => undo.canRedo(),
    () => false,
  );
  return { canUndo, canRedo };
}
