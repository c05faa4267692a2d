import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import { IndexeddbPersistence, clearDocument } from "y-indexeddb";
import { connectDocument, warnBeforeUnload, type CollabConnection, type CollabToken, fetchCollabToken } from "~/collab/connection";
import type { SaveStatus } from "~/collab/save-status";
import { observeBoard, readBoard, undoScope, type BoardSnapshot, type Note } from "~/collab/board";

/** The origin of every change made in this tab: the undo manager tracks only these. */
export const LOCAL_ORIGIN = Symbol("board-local");
/** This tab's changes that undo does not take back (the server would refuse putting them back). */
export const FINAL_ORIGIN = Symbol("board-local-final");

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
  /** True once this device's cache of the document has been read (whether or not it held anything). */
  cached: boolean;
  /** True once the server's copy arrived (not only this device's cache). */
  synced: boolean;
  /** Counts the changes the server refused (4403): each time, the document was dropped and read again. */
  refusals: number;
  /**
   * Forgets this device's copy: the cache is deleted and a new, empty document takes its place.
   * `keepClosed`: the cache is not opened again until `cache` has been off (the caller is done with it).
   */
  clearLocal(options?: { keepClosed?: boolean }): Promise<void>;
};

type Exposed = { doc: Y.Doc; connection: CollabConnection | null };

declare global {
  interface Window {
    /** The board's document and connection, for end-to-end tests and debugging. */
    coproduceBoard?: Exposed;
    /** This person's draft of the board during silent brainstorming (only while it is open). */
    coproduceDraft?: Exposed;
  }
}

const expose = (as: "coproduceBoard" | "coproduceDraft", value: Exposed | null, doc: Y.Doc) => {
  if (value) window[as] = value;
  else if (window[as]?.doc === doc) delete window[as];
};

/** Whether a document holds anything at all (an empty one's state vector is one byte). */
const hasContent = (doc: Y.Doc) => Y.encodeStateVector(doc).length > 1;

/**
 * One Y.Doc per document name, cached on this device (y-indexeddb, read before connecting so
 * edits made offline survive a reload) while `cache`, and connected to the collab server with
 * retries while offline while `connect`. A change the server refuses (close 4403) is not kept:
 * the device's copy is deleted and a fresh document reads the true one from the server.
 * `docName` null: nothing is opened (the state is that of an empty document).
 */
export function useCollabDocument(options: {
  localityId: string;
  docName: string | null;
  cache: boolean;
  connect: boolean;
  /** Told to the others who share the document (awareness), if anyone does. */
  user?: BoardUser;
  exposeAs: "coproduceBoard" | "coproduceDraft";
}): BoardConnectionState {
  const { localityId, docName, exposeAs } = options;
  // A new document after the device's copy was dropped (`generation`), and whether the cache then
  // stays closed (`held`): one state, so both change in the same render whatever React batches.
  const [fresh, setFresh] = useState({ generation: 0, held: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: one Y.Doc per document name (and a new one after the device's copy was dropped)
  const doc = useMemo(() => new Y.Doc(), [docName, fresh.generation]);
  const undo = useMemo(() => new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 400 }), [doc]);
  useEffect(() => () => undo.destroy(), [undo]);
  const [connection, setConnection] = useState<CollabConnection | null>(null);
  const [status, setStatus] = useState<SaveStatus>("connecting");
  const [access, setAccess] = useState<CollabToken["access"] | null>(null);
  const [cached, setCached] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [synced, setSynced] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const userRef = useRef(options.user);
  userRef.current = options.user;
  const persistenceRef = useRef<IndexeddbPersistence | null>(null);

  // A new document (another name, or after a refusal) starts unread.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the document changes
  useEffect(() => {
    setCached(false);
    setLoaded(false);
    setSynced(false);
  }, [doc]);

  const clearLocal = useCallback(
    async (options: { keepClosed?: boolean } = {}) => {
      const persistence = persistenceRef.current;
      persistenceRef.current = null;
      if (options.keepClosed) setFresh((f) => ({ generation: f.generation + 1, held: true }));
      try {
        // Resolves once the deletion is asked for: IndexedDB runs it before any later open of the name.
        if (persistence) await persistence.clearData();
        else if (docName) await clearDocument(docName);
      } catch {
        // No IndexedDB (private browsing): there was no copy to delete.
      }
      if (!options.keepClosed) setFresh((f) => ({ ...f, generation: f.generation + 1 }));
    },
    [docName],
  );
  const cacheOpen = options.cache && !fresh.held;
  // Held closed until the caller lets go of the cache, or wants the server's copy again.
  useEffect(() => {
    if (!options.cache || options.connect) setFresh((f) => (f.held ? { ...f, held: false } : f));
  }, [options.cache, options.connect]);

  // This device's copy.
  useEffect(() => {
    if (!docName || !cacheOpen) return;
    let cancelled = false;
    let persistence: IndexeddbPersistence | null = null;
    try {
      persistence = new IndexeddbPersistence(docName, doc);
      persistenceRef.current = persistence;
      persistence.whenSynced
        .then(() => {
          if (cancelled) return;
          setCached(true);
          if (hasContent(doc)) setLoaded(true);
        })
        .catch(() => !cancelled && setCached(true));
    } catch {
      // Private browsing without IndexedDB: the board still works online.
      setCached(true);
    }
    return () => {
      cancelled = true;
      if (persistenceRef.current === persistence) persistenceRef.current = null;
      void persistence?.destroy();
    };
  }, [doc, docName, cacheOpen]);

  // The server's copy.
  useEffect(() => {
    if (!docName || !options.connect) {
      setConnection(null);
      setAccess(null);
      return;
    }
    let cancelled = false;
    let conn: CollabConnection | null = null;
    const cleanups: (() => void)[] = [];
    setStatus("connecting");
    expose(exposeAs, { doc, connection: null }, doc);
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const start = async () => {
      try {
        conn = await connectDocument({ docName, doc, getToken: () => fetchCollabToken(localityId, docName) });
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
      const c = conn;
      expose(exposeAs, { doc, connection: c }, doc);
      if (userRef.current) c.provider.awareness.setLocalStateField("user", userRef.current);
      setConnection(c);
      setStatus(c.status);
      setAccess(c.access);
      cleanups.push(c.onStatus(setStatus));
      cleanups.push(c.onAccessChange(setAccess));
      cleanups.push(warnBeforeUnload(c));
      // Refused: this device's copy holds the refused change; drop it (cache and memory) and read the board again.
      // (The connection stays closed meanwhile: nothing is sent again.)
      cleanups.push(
        c.onRefused(() => {
          if (cancelled) return;
          setRefusals((n) => n + 1);
          void clearLocal();
        }),
      );
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        setSynced(true);
        setLoaded(true);
      };
      c.provider.on("sync", onSync);
      cleanups.push(() => c.provider.off("sync", onSync));
    };
    void start();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      for (const c of cleanups) c();
      conn?.destroy();
      setConnection(null);
      expose(exposeAs, null, doc);
    };
  }, [doc, docName, localityId, options.connect, exposeAs, clearLocal]);

  return { doc, connection, status, access, undo, loaded, cached, synced, refusals, clearLocal };
}

/** The board's document, on this device and on the server. */
export function useBoardConnection(options: { localityId: string; docName: string; user: BoardUser }): BoardConnectionState {
  return useCollabDocument({
    localityId: options.localityId,
    docName: options.docName,
    cache: true,
    connect: true,
    user: options.user,
    exposeAs: "coproduceBoard",
  });
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
