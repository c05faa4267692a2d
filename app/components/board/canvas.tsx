import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  DndContext,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type KeyboardSensorProps,
} from "@dnd-kit/core";
import { CLUSTER_SIZE, NOTE_SIZE, buildsOnTarget, clusterAt, isFromPublicLink, resultsVisible, type Cluster } from "~/collab/board";
import type { AwarenessState } from "./use-board";
import { FOCUS_NOTE_EVENT, useBoard } from "./context";
import { shortText } from "./builds-on";
import { LazyPart } from "./lazy-part";
import { moveOnCanvas } from "./note-ops";
import { hiddenPlaceholders, type BoardNote as Note } from "./shown";
import { isFormerMember } from "~/domain/data-rights";
import "~/components/ui/shared-chunk.client"; // a lazily loaded part joins the pages' shared chunk (see there)

// The note panel (edit, vote, move, delete) opens on Enter or a double-click; its code loads then.
const loadNotePanel = () => import("./note-row").then((m) => m.NotePanel);

type View = { x: number; y: number; scale: number };
type Region = { x0: number; y0: number; x1: number; y1: number };
/**
 * The scrollable area: the world's place in it (`ox`, `oy`: where board point 0,0 is, in pixels),
 * its size in pixels, the board region it covers and the scale it was laid out for.
 */
type Extent = { ox: number; oy: number; width: number; height: number; covers: Region; scale: number };

const within = (inner: Region, outer: Region) => inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;

/**
 * dnd-kit's keyboard sensor, blind to the canvas's own scrolling: moving a note with the arrow
 * keys moves the note (as on a page that does not scroll), never scrolls the canvas instead. The
 * canvas scrolls only because that is the cheapest way to pan (see Canvas).
 */
class CanvasKeyboardSensor extends KeyboardSensor {
  constructor(props: KeyboardSensorProps) {
    const { context } = props;
    super({
      ...props,
      context: {
        get current() {
          const c = context.current;
          return { ...c, scrollableAncestors: c.scrollableAncestors.filter((el) => !el.classList.contains("board-canvas")) };
        },
        set current(value) {
          context.current = value;
        },
      },
    });
  }
}

function inRegion(n: Note, r: Region | null): boolean {
  return !r || (n.x + NOTE_SIZE.width >= r.x0 && n.x <= r.x1 && n.y + NOTE_SIZE.height >= r.y0 && n.y <= r.y1);
}
const MIN_SCALE = 0.1;
const MAX_SCALE = 3;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The spatial view: notes placed by x/y in a world that pans by scrolling and zooms with one CSS
 * transform (both set on the elements directly, never through React state, so panning re-renders
 * nothing). Panning scrolls rather than moving the world with a transform: Chromium moves a
 * scrolled layer on the compositor, while every change of a transform makes it re-sort all the
 * board's painted pieces into layers again (most of a frame with a thousand notes on a slow CPU).
 * The scrollable area covers the board and the part in view, with a screen's margin around them,
 * and grows when panning reaches its edge, so panning is as free as before.
 * Notes are dragged with @dnd-kit (pointer and keyboard); dropping inside a cluster's area
 * puts them in it. Ctrl/Shift-click selects several notes, which then move together.
 */
export function Canvas() {
  const { t } = useTranslation();
  const { snapshot, editable, act, say, selected, setSelected, editors, connection, me, hiddenCount } = useBoard();
  // Other people's notes waiting in their drafts: blank cards in a row below the board (only how many).
  const hidden = useMemo(() => hiddenPlaceholders(Math.min(hiddenCount, MAX_HIDDEN_CARDS), snapshot), [hiddenCount, snapshot]);
  const viewportRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const extentRef = useRef<HTMLDivElement>(null);
  const extent = useRef<Extent | null>(null);
  // Everything on the board (notes, placeholders, clusters), in board units: the scrollable area covers it.
  const contentRef = useRef<Region | null>(null);
  const zoomLabelRef = useRef<HTMLSpanElement>(null);
  const view = useRef<View>({ x: 0, y: 0, scale: 0.75 });
  const [dragIds, setDragIds] = useState<ReadonlySet<string>>(new Set());
  // Only notes in (or near) the visible area are in the DOM: the rendered region is two
  // viewports wide and tall, and React renders again only when the view leaves it — not per frame
  // (and then as a transition: see checkRegion).
  const [region, setRegion] = useState<Region | null>(null);
  const regionRef = useRef<Region | null>(null);
  const [lowDetail, setLowDetail] = useState(false);
  const lowDetailRef = useRef(false);
  // The viewport's border box (what the view is computed in) and its inner size (what shows).
  const size = useRef({ width: 0, height: 0, clientWidth: 0, clientHeight: 0 });
  const regionFrame = useRef(0);

  const checkRegion = useCallback(() => {
    regionFrame.current = 0;
    const v = view.current;
    const { width, height } = size.current;
    if (!width) return;
    const visible = { x0: -v.x / v.scale, y0: -v.y / v.scale, x1: (width - v.x) / v.scale, y1: (height - v.y) / v.scale };
    const r = regionRef.current;
    if (r && visible.x0 >= r.x0 && visible.y0 >= r.y0 && visible.x1 <= r.x1 && visible.y1 <= r.y1) return;
    const w = visible.x1 - visible.x0;
    const h = visible.y1 - visible.y0;
    const next = { x0: visible.x0 - w / 2, y0: visible.y0 - h / 2, x1: visible.x1 + w / 2, y1: visible.y1 + h / 2 };
    regionRef.current = next;
    // A transition: React renders the newly reached notes in slices between frames, so a pan
    // never stalls while they are built (the view itself moves with a CSS transform, not React).
    startTransition(() => setRegion(next));
  }, []);

  // The scrollable area for the view `v`: the board and the visible part, with a viewport's margin
  // on every side, laid out at v's scale (the world's transform and the spacer's size change here only).
  const layOut = useCallback((v: View): Extent => {
    const { width, height } = size.current;
    const s = v.scale;
    const visible = { x0: -v.x / s, y0: -v.y / s, x1: (width - v.x) / s, y1: (height - v.y) / s };
    const c = contentRef.current ?? visible;
    const covers = {
      x0: Math.min(c.x0, visible.x0) - width / s,
      y0: Math.min(c.y0, visible.y0) - height / s,
      x1: Math.max(c.x1, visible.x1) + width / s,
      y1: Math.max(c.y1, visible.y1) + height / s,
    };
    const e = {
      ox: Math.round(-covers.x0 * s),
      oy: Math.round(-covers.y0 * s),
      width: Math.ceil((covers.x1 - covers.x0) * s),
      height: Math.ceil((covers.y1 - covers.y0) * s),
      covers,
      scale: s,
    };
    if (worldRef.current) worldRef.current.style.transform = `translate(${e.ox}px, ${e.oy}px) scale(${s})`;
    if (extentRef.current) {
      extentRef.current.style.width = `${e.width}px`;
      extentRef.current.style.height = `${e.height}px`;
    }
    extent.current = e;
    return e;
  }, []);

  const apply = useCallback(() => {
    const v = view.current;
    const vp = viewportRef.current;
    if (vp) {
      const { clientWidth, clientHeight } = size.current;
      let e = extent.current;
      if (
        !e ||
        e.scale !== v.scale ||
        e.ox - v.x < 0 ||
        e.oy - v.y < 0 ||
        e.ox - v.x > e.width - clientWidth ||
        e.oy - v.y > e.height - clientHeight ||
        (contentRef.current && !within(contentRef.current, e.covers))
      )
        e = layOut(v);
      // Only these two while panning: no style changes, so nothing is laid out or painted again.
      vp.scrollLeft = e.ox - v.x;
      vp.scrollTop = e.oy - v.y;
    }
    const label = `${Math.round(v.scale * 100)}%`;
    if (zoomLabelRef.current && zoomLabelRef.current.textContent !== label) zoomLabelRef.current.textContent = label;
    // Only on a change: even a same-value setState can run the component again.
    if (lowDetailRef.current !== v.scale < 0.4) {
      lowDetailRef.current = v.scale < 0.4;
      setLowDetail(lowDetailRef.current);
    }
    if (!regionFrame.current) regionFrame.current = requestAnimationFrame(checkRegion);
  }, [checkRegion, layOut]);

  // The viewport's size and place, measured on resize and scroll (never during a pan).
  const rectRef = useRef({ left: 0, top: 0 });
  useEffect(() => {
    const vp = viewportRef.current;
    if (!vp) return;
    const measure = () => {
      const r = vp.getBoundingClientRect();
      size.current = { width: r.width, height: r.height, clientWidth: vp.clientWidth, clientHeight: vp.clientHeight };
      rectRef.current = { left: r.left, top: r.top };
      apply();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(vp);
    window.addEventListener("scroll", measure, { passive: true });
    // Scrolled by the browser (a note focused with Tab is brought into view, arrow keys on a note):
    // the view follows. The canvas's own pans set the same place, so they change nothing here.
    const onScroll = () => {
      const e = extent.current;
      if (!e) return;
      const x = e.ox - vp.scrollLeft;
      const y = e.oy - vp.scrollTop;
      const v = view.current;
      if (Math.abs(x - v.x) < 1 && Math.abs(y - v.y) < 1) return;
      view.current = { ...v, x, y };
      if (!regionFrame.current) regionFrame.current = requestAnimationFrame(checkRegion);
    };
    vp.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener("scroll", measure);
      vp.removeEventListener("scroll", onScroll);
      cancelAnimationFrame(regionFrame.current);
    };
  }, [apply, checkRegion]);

  const zoomAt = useCallback(
    (factor: number, cx?: number, cy?: number) => {
      const px = cx ?? size.current.width / 2;
      const py = cy ?? size.current.height / 2;
      const v = view.current;
      const scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
      const k = scale / v.scale;
      view.current = { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
      apply();
    },
    [apply],
  );

  const fit = useCallback(
    (minScale = MIN_SCALE) => {
      const vp = viewportRef.current;
      if (!vp) return;
      const items = [
        ...[...snapshot.notes, ...hidden].map((n) => ({ x: n.x, y: n.y, w: NOTE_SIZE.width, h: NOTE_SIZE.height })),
        ...snapshot.clusters.map((c) => ({ x: c.x, y: c.y, w: CLUSTER_SIZE.width, h: CLUSTER_SIZE.height })),
      ];
      if (items.length === 0) {
        view.current = { x: 0, y: 0, scale: 1 };
        return apply();
      }
      const minX = Math.min(...items.map((i) => i.x));
      const minY = Math.min(...items.map((i) => i.y));
      const maxX = Math.max(...items.map((i) => i.x + i.w));
      const maxY = Math.max(...items.map((i) => i.y + i.h));
      const rect = size.current;
      const scale = clamp(Math.min((rect.width - 40) / (maxX - minX), (rect.height - 40) / (maxY - minY), 1), minScale, MAX_SCALE);
      view.current = { scale, x: 20 - minX * scale, y: 20 - minY * scale };
      apply();
    },
    [apply, snapshot.notes, snapshot.clusters, hidden],
  );

  // The board's bounds (the scrollable area always covers them: a note added or moved far away can be reached).
  const content = useMemo<Region | null>(() => {
    let r: Region | null = null;
    const add = (x: number, y: number, w: number, h: number) => {
      if (!r) r = { x0: x, y0: y, x1: x + w, y1: y + h };
      else r = { x0: Math.min(r.x0, x), y0: Math.min(r.y0, y), x1: Math.max(r.x1, x + w), y1: Math.max(r.y1, y + h) };
    };
    for (const n of snapshot.notes) add(n.x, n.y, NOTE_SIZE.width, NOTE_SIZE.height);
    for (const n of hidden) add(n.x, n.y, NOTE_SIZE.width, NOTE_SIZE.height);
    for (const c of snapshot.clusters) add(c.x, c.y, CLUSTER_SIZE.width, CLUSTER_SIZE.height);
    return r;
  }, [snapshot.notes, snapshot.clusters, hidden]);
  contentRef.current = content;

  // Fit once, when the board first has content.
  const fitted = useRef(false);
  useEffect(() => {
    if (!fitted.current && (snapshot.notes.length || snapshot.clusters.length)) {
      fitted.current = true;
      fit(0.35); // a big board opens readable at its top-left corner; "Fit to screen" shows it all
    } else apply();
  }, [fit, apply, snapshot.notes.length, snapshot.clusters.length]);
  // A note added or moved beyond the scrollable area: it grows to cover it.
  useEffect(() => {
    if (content && extent.current && !within(content, extent.current.covers)) apply();
  }, [content, apply]);

  // Pan with a pointer on the background (one finger or the mouse), pinch with two fingers,
  // wheel to pan, Ctrl+wheel (and trackpad pinch) to zoom.
  useEffect(() => {
    const vp = viewportRef.current;
    if (!vp) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let pinch: { d: number } | null = null;
    const onDown = (e: PointerEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest(".board-card, button, input, textarea, select, a")) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      vp.setPointerCapture(e.pointerId);
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { d: Math.hypot(a!.x - b!.x, a!.y - b!.y) };
      }
    };
    const onMove = (e: PointerEvent) => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      const next = { x: e.clientX, y: e.clientY };
      pointers.set(e.pointerId, next);
      if (pointers.size === 2 && pinch) {
        const [a, b] = [...pointers.values()];
        const d = Math.hypot(a!.x - b!.x, a!.y - b!.y);
        const rect = rectRef.current;
        zoomAt(d / pinch.d, (a!.x + b!.x) / 2 - rect.left, (a!.y + b!.y) / 2 - rect.top);
        pinch.d = d;
      } else if (pointers.size === 1) {
        view.current.x += next.x - prev.x;
        view.current.y += next.y - prev.y;
        apply();
      }
    };
    const onUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) {
        const rect = rectRef.current;
        zoomAt(Math.exp(-e.deltaY * 0.002), e.clientX - rect.left, e.clientY - rect.top);
      } else {
        view.current.x -= e.deltaX;
        view.current.y -= e.deltaY;
        apply();
      }
    };
    vp.addEventListener("pointerdown", onDown);
    vp.addEventListener("pointermove", onMove);
    vp.addEventListener("pointerup", onUp);
    vp.addEventListener("pointercancel", onUp);
    vp.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      vp.removeEventListener("pointerdown", onDown);
      vp.removeEventListener("pointermove", onMove);
      vp.removeEventListener("pointerup", onUp);
      vp.removeEventListener("pointercancel", onUp);
      vp.removeEventListener("wheel", onWheel);
    };
  }, [apply, zoomAt]);

  // My pointer, in board coordinates, to the others (at most 20 times a second).
  useEffect(() => {
    const vp = viewportRef.current;
    const awareness = connection?.provider.awareness;
    if (!vp || !awareness) return;
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let latest: { x: number; y: number } | null = null;
    const send = () => {
      last = performance.now();
      pending = undefined;
      awareness.setLocalStateField("pointer", latest);
    };
    const onMove = (e: PointerEvent) => {
      const rect = rectRef.current;
      const v = view.current;
      latest = { x: Math.round((e.clientX - rect.left - v.x) / v.scale), y: Math.round((e.clientY - rect.top - v.y) / v.scale) };
      const wait = 50 - (performance.now() - last);
      if (wait <= 0) send();
      else if (!pending) pending = setTimeout(send, wait);
    };
    const onLeave = () => {
      latest = null;
      clearTimeout(pending);
      send();
    };
    vp.addEventListener("pointermove", onMove);
    vp.addEventListener("pointerleave", onLeave);
    return () => {
      clearTimeout(pending);
      vp.removeEventListener("pointermove", onMove);
      vp.removeEventListener("pointerleave", onLeave);
    };
  }, [connection]);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const step = e.shiftKey ? 200 : 50;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      view.current.x += m[0];
      view.current.y += m[1];
      apply();
    } else if (e.key === "+" || e.key === "=") zoomAt(1.2);
    else if (e.key === "-") zoomAt(1 / 1.2);
    else if (e.key === "0") fit();
  };

  const notesById = useMemo(() => new Map(snapshot.notes.map((n) => [n.id, n])), [snapshot.notes]);
  // Space picks a note up and drops it; Enter opens the note's panel (edit, vote, move, delete).
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(CanvasKeyboardSensor, {
      keyboardCodes: { start: [KeyboardCode.Space], cancel: [KeyboardCode.Esc], end: [KeyboardCode.Space, KeyboardCode.Tab] },
    }),
  );
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeNote = activeId ? notesById.get(activeId) : undefined;
  const clusterName = useCallback((id: string | null) => snapshot.clusters.find((c) => c.id === id)?.name ?? "", [snapshot.clusters]);
  const noteLabel = (id: string | number) => {
    const text = notesById.get(String(id))?.text ?? "";
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("board.dnd.start", { note: noteLabel(active.id) }),
    onDragOver: ({ over }) => (over ? t("board.dnd.over", { cluster: clusterName(String(over.id)) }) : t("board.dnd.outside")),
    onDragMove: () => undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t("board.dnd.droppedIn", { note: noteLabel(active.id), cluster: clusterName(String(over.id)) })
        : t("board.dnd.dropped", { note: noteLabel(active.id) }),
    onDragCancel: ({ active }) => t("board.dnd.cancelled", { note: noteLabel(active.id) }),
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    dragEls.current = null;
    const id = String(active.id);
    setDragIds(selected.has(id) ? new Set(selected) : new Set([id]));
  };
  // While dragging, the moving cards get a CSS `translate` (on top of their place) straight on
  // their elements: no React render and no style change anywhere else per pointer move.
  const dragEls = useRef<HTMLElement[] | null>(null);
  const onDragMove = ({ delta }: DragMoveEvent) => {
    const s = view.current.scale;
    if (!dragEls.current?.length) dragEls.current = Array.from(worldRef.current?.querySelectorAll<HTMLElement>(".board-card.is-dragging") ?? []);
    const value = `${delta.x / s}px ${delta.y / s}px`;
    for (const el of dragEls.current) el.style.translate = value;
  };
  const endDrag = () => {
    for (const el of dragEls.current ?? []) el.style.translate = "";
    dragEls.current = null;
    setDragIds(new Set());
  };
  const onDragEnd = ({ active, delta, over }: DragEndEvent) => {
    const s = view.current.scale;
    const ids = dragIds.size ? [...dragIds] : [String(active.id)];
    const dx = delta.x / s;
    const dy = delta.y / s;
    const moved = ids
      .map((id) => notesById.get(id))
      .filter((n): n is Note => !!n)
      .map((n) => ({ note: n, x: n.x + dx, y: n.y + dy }));
    // Dropped on a cluster: all of them join it. Elsewhere: each joins the cluster whose area it now lies in, if any.
    act((board, draft) => moveOnCanvas(board, draft, moved, (x, y) => clusterAt(board, x, y), over ? String(over.id) : undefined));
    endDrag();
    if (ids.length > 1)
      say(
        over
          ? { key: "notesMovedTo", values: { count: ids.length, cluster: clusterName(String(over.id)) } }
          : { key: "notesMoved", values: { count: ids.length } },
      );
  };

  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const toggleSelect = useCallback(
    (id: string, additive: boolean) => {
      const current = selectedRef.current;
      const next = new Set(additive ? current : []);
      if (current.has(id) && additive) next.delete(id);
      else next.add(id);
      setSelected(next);
    },
    [setSelected],
  );

  // The focused note stays rendered when it scrolls out of the region (focus is never lost).
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const onWorldFocus = (e: FocusEvent<HTMLDivElement>) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>("[data-note-id]")?.dataset.noteId ?? null;
    if (id !== focusedId) setFocusedId(id);
  };

  // "Builds on: …" (in the note panel) brings the other note into view and focuses its card.
  const notesRef = useRef(notesById);
  notesRef.current = notesById;
  useEffect(() => {
    const onFocus = (e: Event) => {
      const note = notesRef.current.get((e as CustomEvent<string>).detail);
      if (!note) return;
      setFocusedId(note.id); // rendered even outside the current region
      const v = view.current;
      const { width, height } = size.current;
      view.current = { ...v, x: width / 2 - (note.x + NOTE_SIZE.width / 2) * v.scale, y: height / 2 - (note.y + NOTE_SIZE.height / 2) * v.scale };
      apply();
      let tries = 0;
      const attempt = () => {
        const el = worldRef.current?.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(note.id)}"]`);
        if (el) el.focus({ preventScroll: true });
        else if (tries++ < 10) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    };
    window.addEventListener(FOCUS_NOTE_EVENT, onFocus);
    return () => window.removeEventListener(FOCUS_NOTE_EVENT, onFocus);
  }, [apply]);

  const { voting, hideAuthors } = snapshot.settings;
  const showVotes = resultsVisible(voting);
  const buildsOnLabel = (n: Note): string | undefined => {
    const target = buildsOnTarget(notesById, n);
    if (!target) return undefined;
    return t("board.buildsOn.label", { note: shortText(target.text, 30) });
  };
  const shown = snapshot.notes.filter((n) => inRegion(n, region) || dragIds.has(n.id) || n.id === focusedId);
  return (
    <div className="board-canvas-wrap">
      <div className="board-canvas-tools" role="toolbar" aria-label={t("board.canvasTools")}>
        <button type="button" className="button" onClick={() => zoomAt(1 / 1.25)} aria-label={t("board.zoomOut")}>
          −
        </button>
        <span ref={zoomLabelRef} className="board-zoom" aria-hidden="true">
          75%
        </span>
        <button type="button" className="button" onClick={() => zoomAt(1.25)} aria-label={t("board.zoomIn")}>
          +
        </button>
        <button type="button" className="button" onClick={() => fit()}>
          {t("board.fit")}
        </button>
        {selected.size > 0 ? (
          <>
            <span className="summary" role="status">
              {t("board.selectedCount", { count: selected.size })}
            </span>
            <button type="button" className="button" onClick={() => setSelected(new Set())}>
              {t("board.clearSelection")}
            </button>
          </>
        ) : (
          <span className="hint">
            {t("board.canvasHint")} {t("board.openNoteHint")}
          </span>
        )}
      </div>
      {activeNote ? (
        <section className="board-active card" aria-label={t("board.notePanel")}>
          <LazyPart load={loadNotePanel} props={{ note: activeNote }} />
          <button
            type="button"
            className="button"
            onClick={() => {
              const id = activeNote.id;
              setActiveId(null);
              requestAnimationFrame(() => worldRef.current?.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(id)}"]`)?.focus());
            }}
          >
            {t("board.closePanel")}
          </button>
        </section>
      ) : null}
      <DndContext
        sensors={sensors}
        onDragStart={onDragStart}
        onDragMove={onDragMove}
        onDragEnd={onDragEnd}
        onDragCancel={endDrag}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("board.dnd.instructions") } }}
        autoScroll={false}
      >
        <div
          ref={viewportRef}
          className="board-canvas"
          tabIndex={0}
          role="region"
          aria-label={t("board.canvasLabel")}
          aria-describedby="board-canvas-help"
          onKeyDown={onKeyDown}
        >
          <p id="board-canvas-help" className="visually-hidden">
            {t("board.canvasHelp")}
          </p>
          <p id="board-draft-help" className="visually-hidden">
            {t("board.silent.draftNote")}
          </p>
          <div ref={extentRef} className="board-extent" aria-hidden="true" />
          {/* biome-ignore lint/a11y/noStaticElementInteractions: listens for focus moving to a note inside it (delegation), handles no input itself */}
          <div ref={worldRef} className={`board-world${lowDetail ? " low-detail" : ""}`} onFocus={onWorldFocus}>
            {snapshot.clusters.map((c) => (
              <ClusterArea key={c.id} cluster={c} />
            ))}
            <Connectors notes={shown} notesById={notesById} />
            {shown.map((n) => (
              <CanvasNote
                key={n.id}
                note={n}
                votes={showVotes ? (snapshot.totals.get(n.id) ?? 0) : 0}
                author={
                  isFromPublicLink(n)
                    ? t("board.fromPublicLink")
                    : hideAuthors || !n.authorName
                      ? t("board.anonymous")
                      : isFormerMember(n.authorName)
                        ? t("formerMember")
                        : n.authorName
                }
                buildsOn={buildsOnLabel(n)}
                selected={selected.has(n.id)}
                dragging={dragIds.has(n.id)}
                editable={editable}
                editors={n.draft ? undefined : editors.get(n.id)?.join(", ")}
                onSelect={toggleSelect}
                onOpen={setActiveId}
              />
            ))}
            {hidden.length ? <HiddenRow notes={hidden} total={hiddenCount} /> : null}
            {connection ? <RemotePointers awareness={connection.provider.awareness} myId={me.id} /> : null}
          </div>
        </div>
      </DndContext>
    </div>
  );
}

function ClusterArea({ cluster }: { cluster: Cluster }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: cluster.id });
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      setNodeRef(el);
      if (el) {
        placeAt(el, cluster.x, cluster.y);
        el.style.width = `${CLUSTER_SIZE.width}px`;
        el.style.height = `${CLUSTER_SIZE.height}px`;
      }
    },
    [setNodeRef, cluster.x, cluster.y],
  );
  return (
    <div ref={ref} className={`board-area${isOver ? " is-over" : ""}`}>
      <p className="board-area-name" dir="auto">
        {cluster.name || t("board.untitledCluster")}
      </p>
    </div>
  );
}

type CanvasNoteProps = {
  note: Note;
  votes: number;
  author: string;
  /** "Builds on: …", if it does. */
  buildsOn?: string;
  selected: boolean;
  dragging: boolean;
  editable: boolean;
  editors?: string;
  onSelect(id: string, additive: boolean): void;
  onOpen(id: string): void;
};

/** Places an element of the world at board coordinates (left and top: no transform per card, see below). */
function placeAt(el: HTMLElement, x: number, y: number) {
  el.style.left = `${x}px`;
  el.style.top = `${y}px`;
}

// A note's place is its left and top, not a transform: a transform per card is one more piece
// Chromium sorts into layers on every frame in which anything moves (a dragged note), for each
// card on the board. While a note is dragged, dnd-kit renders every draggable again whenever the
// cluster under it changes: the card's own part is cheap then (its labels are kept), and its face
// (NoteFace) does not render again at all.
const CanvasNote = memo(function CanvasNote({ note, votes, author, buildsOn, selected, dragging, editable, editors, onSelect, onOpen }: CanvasNoteProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef } = useDraggable({ id: note.id, disabled: !editable });
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      setNodeRef(el);
      if (el) placeAt(el, note.x, note.y);
    },
    [setNodeRef, note.x, note.y],
  );
  const fromLink = isFromPublicLink(note);
  const inDraft = note.draft === true;
  const ariaLabel = useMemo(() => {
    const label = note.text.length > 60 ? `${note.text.slice(0, 60)}…` : note.text;
    return fromLink ? t("board.noteFromLink", { note: label }) : t("board.noteBy", { note: label, name: author });
  }, [t, note.text, fromLink, author]);
  const roleDescription = useMemo(() => (editable ? t("board.dnd.roleDescription") : undefined), [t, editable]);
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole lint/a11y/noStaticElementInteractions: an editable note takes dnd-kit's attributes (role="button", tabIndex) and listeners spread below
    <div
      ref={ref}
      data-note-id={note.id}
      className={`board-card colour-${note.colour}${inDraft ? " is-draft" : ""}${selected ? " is-selected" : ""}${dragging ? " is-dragging" : ""}`}
      {...(editable ? attributes : { role: "note" })}
      {...(editable ? listeners : {})}
      aria-roledescription={roleDescription}
      aria-label={ariaLabel}
      aria-describedby={inDraft ? "board-draft-help" : undefined}
      aria-pressed={editable ? selected : undefined}
      onClick={(e) => {
        if (e.shiftKey || e.ctrlKey || e.metaKey) onSelect(note.id, true);
      }}
      onDoubleClick={() => onOpen(note.id)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          onOpen(note.id);
        } else if (editable) listeners?.onKeyDown?.(e);
      }}
      tabIndex={0}
    >
      <NoteFace note={note} votes={votes} author={author} buildsOn={buildsOn} editors={editors} />
    </div>
  );
});

/** What a card shows. */
const NoteFace = memo(function NoteFace({
  note,
  votes,
  author,
  buildsOn,
  editors,
}: Pick<CanvasNoteProps, "note" | "votes" | "author" | "buildsOn" | "editors">) {
  const { t } = useTranslation();
  return (
    <>
      <p className="board-card-text" dir="auto">
        {note.text}
      </p>
      {buildsOn ? (
        <p className="board-card-builds" dir="auto">
          {buildsOn}
        </p>
      ) : null}
      <p className={`board-card-meta${isFromPublicLink(note) ? " board-from-link" : ""}`} dir="auto">
        {author}
      </p>
      {note.draft === true ? (
        <span className="board-card-draft" aria-hidden="true">
          {t("board.silent.draftShort")}
        </span>
      ) : null}
      {votes > 0 ? <span className="board-card-votes">{t("board.dotsOnNote", { count: votes })}</span> : null}
      {editors ? <span className="board-card-editing">{t("board.editingBy", { names: editors })}</span> : null}
    </>
  );
});

/** Blank cards drawn for other people's hidden notes at most (the label says how many there are). */
const MAX_HIDDEN_CARDS = 120;

/**
 * Other people's notes waiting in their drafts (silent brainstorming): a labelled row of blank
 * grey cards below the board, one per note, holding nothing of them (this browser has nothing).
 */
function HiddenRow({ notes, total }: { notes: Note[]; total: number }) {
  const { t } = useTranslation();
  const first = notes[0]!;
  const place = useCallback((el: HTMLElement | null, x: number, y: number) => {
    if (el) placeAt(el, x, y);
  }, []);
  return (
    <div className="board-hidden-row" role="group" aria-label={`${t("board.silent.hiddenGroup")} (${t("board.noteCount", { count: total })})`}>
      <p className="board-hidden-label" aria-hidden="true" ref={(el) => place(el, first.x, first.y - 40)}>
        {t("board.silent.hiddenGroup")} ({t("board.noteCount", { count: total })})
      </p>
      {notes.map((n) => (
        <div key={n.id} ref={(el) => place(el, n.x, n.y)} className="board-card is-covered" role="note" aria-label={t("board.silent.hiddenNote")}>
          <p className="board-card-covered" aria-hidden="true">
            {t("board.silent.hiddenShort")}
          </p>
        </div>
      ))}
    </div>
  );
}

/** Where the segment from the centre of a note towards (px, py) leaves the note's card. */
function edgePoint(n: Note, px: number, py: number): { x: number; y: number } {
  const cx = n.x + NOTE_SIZE.width / 2;
  const cy = n.y + NOTE_SIZE.height / 2;
  const dx = px - cx;
  const dy = py - cy;
  if (!dx && !dy) return { x: cx, y: cy };
  const k = Math.min(dx ? NOTE_SIZE.width / 2 / Math.abs(dx) : Infinity, dy ? NOTE_SIZE.height / 2 / Math.abs(dy) : Infinity, 1);
  return { x: cx + dx * k, y: cy + dy * k };
}

/** "Builds on" links as arrows between cards (decoration: the cards themselves say it in words). */
function Connectors({ notes, notesById }: { notes: Note[]; notesById: ReadonlyMap<string, Note> }) {
  const lines: { id: string; x1: number; y1: number; x2: number; y2: number }[] = [];
  for (const n of notes) {
    const target = buildsOnTarget(notesById, n);
    if (!target) continue;
    const tc = { x: target.x + NOTE_SIZE.width / 2, y: target.y + NOTE_SIZE.height / 2 };
    const from = edgePoint(n, tc.x, tc.y);
    const to = edgePoint(target, n.x + NOTE_SIZE.width / 2, n.y + NOTE_SIZE.height / 2);
    lines.push({ id: n.id, x1: from.x, y1: from.y, x2: to.x, y2: to.y });
  }
  if (lines.length === 0) return null;
  return (
    <svg className="board-connectors" width="1" height="1" overflow="visible" aria-hidden="true" focusable="false">
      <defs>
        <marker id="board-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0 0 L10 5 L0 10 z" fill="#3d444c" />
        </marker>
      </defs>
      {lines.map((l) => (
        <line key={l.id} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke="#3d444c" strokeWidth="2" strokeDasharray="6 4" markerEnd="url(#board-arrow)" />
      ))}
    </svg>
  );
}

/** Other people's pointers, drawn straight from awareness (no React render per move). */
function RemotePointers({ awareness, myId }: { awareness: import("y-protocols/awareness").Awareness; myId: string }) {
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = layer.current;
    if (!el) return;
    const nodes = new Map<number, HTMLDivElement>();
    const draw = () => {
      const seen = new Set<number>();
      for (const [clientId, state] of awareness.getStates() as Map<number, AwarenessState>) {
        if (clientId === awareness.clientID || !state.pointer || !state.user || state.user.id === myId) continue;
        seen.add(clientId);
        let node = nodes.get(clientId);
        if (!node) {
          node = document.createElement("div");
          node.className = "board-pointer";
          node.setAttribute("aria-hidden", "true");
          const name = document.createElement("span");
          node.append(name);
          el.append(node);
          nodes.set(clientId, node);
        }
        node.style.transform = `translate(${state.pointer.x}px, ${state.pointer.y}px)`;
        node.style.setProperty("--who", state.user.colour);
        node.firstChild!.textContent = state.user.name; // text only, never HTML
      }
      for (const [id, node] of nodes) {
        if (seen.has(id)) continue;
        node.remove();
        nodes.delete(id);
      }
    };
    let frame = 0;
    const onChange = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
    };
    awareness.on("change", onChange);
    draw();
    return () => {
      awareness.off("change", onChange);
      cancelAnimationFrame(frame);
      for (const n of nodes.values()) n.remove();
    };
  }, [awareness, myId]);
  return <div ref={layer} className="board-pointers" />;
}
