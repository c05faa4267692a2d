import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type * as Y from "yjs";

type Manager = Y.UndoManager;

/**
 * Undo and redo of this person's own changes across the documents they write — the board and,
 * during silent brainstorming, their draft — one action at a time, latest first, whichever
 * document (or both) it changed. Each document has its own Y.UndoManager; this keeps the order
 * of the actions between them. `record` wraps an action; undo/redo say whether anything changed.
 */
export function useUndoAcross(board: Manager, draft: Manager | null) {
  const undone = useRef<Manager[][]>([]);
  const redone = useRef<Manager[][]>([]);
  const acting = useRef<Set<Manager> | null>(null);
  const replaying = useRef(false);
  const current = useRef<Manager[]>([]);
  current.current = draft ? [board, draft] : [board];

  useEffect(() => {
    const managers = draft ? [board, draft] : [board];
    const offs = managers.map((m) => {
      const onAdded = ({ type }: { type: "undo" | "redo" }) => {
        if (replaying.current || type !== "undo") return;
        if (acting.current) acting.current.add(m);
        else undone.current.push([m]);
        // A new change: nothing is left to redo, in either document.
        redone.current = [];
        for (const other of managers) if (other !== m) other.clear(false, true);
      };
      m.on("stack-item-added", onAdded);
      return () => m.off("stack-item-added", onAdded);
    });
    return () => {
      for (const off of offs) off();
    };
  }, [board, draft]);

  const record = useCallback(<T>(run: () => T): T => {
    const outer = acting.current === null;
    if (outer) acting.current = new Set();
    try {
      return run();
    } finally {
      if (outer) {
        const touched = [...(acting.current ?? [])];
        acting.current = null;
        if (touched.length) undone.current.push(touched);
      }
    }
  }, []);

  const step = useCallback((from: { current: Manager[][] }, to: { current: Manager[][] }, can: (m: Manager) => boolean, run: (m: Manager) => void) => {
    const live = (ms: Manager[]) => ms.filter((m) => current.current.includes(m) && can(m));
    for (let entry = from.current.pop(); entry; entry = from.current.pop()) {
      const ms = live(entry);
      if (ms.length === 0) continue;
      replaying.current = true;
      try {
        for (const m of ms) run(m);
      } finally {
        replaying.current = false;
      }
      to.current.push(ms);
      return true;
    }
    // Nothing recorded (an action from before this page knew of it): the latest document that can.
    const fallback = [...current.current].reverse().find(can);
    if (!fallback) return false;
    replaying.current = true;
    try {
      run(fallback);
    } finally {
      replaying.current = false;
    }
    to.current.push([fallback]);
    return true;
  }, []);

  const undo = useCallback(
    () =>
      step(
        undone,
        redone,
        (m) => m.canUndo(),
        (m) => m.undo(),
      ),
    [step],
  );
  const redo = useCallback(
    () =>
      step(
        redone,
        undone,
        (m) => m.canRedo(),
        (m) => m.redo(),
      ),
    [step],
  );

  // Whether anything can be undone / redone, kept current.
  const subscribe = useCallback(
    (cb: () => void) => {
      const managers = draft ? [board, draft] : [board];
      for (const m of managers) {
        m.on("stack-item-added", cb);
        m.on("stack-item-popped", cb);
        m.on("stack-cleared", cb);
      }
      return () => {
        for (const m of managers) {
          m.off("stack-item-added", cb);
          m.off("stack-item-popped", cb);
          m.off("stack-cleared", cb);
        }
      };
    },
    [board, draft],
  );
  const canUndo = useSyncExternalStore(
    subscribe,
    () => board.canUndo() || !!draft?.canUndo(),
    () => false,
  );
  const canRedo = useSyncExternalStore(
    subscribe,
    () => board.canRedo() || !!draft?.canRedo(),
    () => false,
  );
  return { record, undo, redo, canUndo, canRedo };
}
