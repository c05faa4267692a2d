import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { hiddenDraftNotes, timerRemaining, timerRunning, type BoardSnapshot, type BoardTimer } from "~/collab/board";
import { type BoardActor, mayCastDots, mayDeleteNote, mayEditNote, mayRemoveDots } from "~/collab/board-rules";
import type { SaveStatus } from "~/collab/save-status";
import type { LocalityRole } from "~/domain/access/policy";
import { summariseChanges, type Announcement } from "./announce";
import { BoardContext, FOCUS_NOTE_EVENT, type BoardContextValue, type BoardPermissions } from "./context";
import { ExportPanel } from "./export-panel";
import { LazyPart } from "./lazy-part";
import { colourFor } from "~/collab/presence";
import { AddClusterForm, AddNoteForm } from "./add-forms";
import { FINAL_ORIGIN, LOCAL_ORIGIN, useAwareness, useBoardConnection, useBoardSnapshot, useNow } from "./use-board";
import { isOwnOrigin, useDraft } from "./use-draft";
import { isDraft, withDrafts } from "./shown";
import { useUndoAcross } from "./undo";
import type { ViewName } from "./load-parts";
import "~/components/ui/shared-chunk.client"; // a lazily loaded part joins the pages' shared chunk (see there)

// The canvas (and @dnd-kit with it) is its own chunk: a phone that stays in the outline never loads it
// (the page asks for the first view's code together with this module: load-parts.ts).
const loadCanvas = () => import("./canvas").then((m) => m.Canvas);
const loadOutline = () => import("./outline").then((m) => m.Outline);
// Facilitator controls load when first opened (members never load them).
const loadFacilitatorPanel = () => import("./facilitator").then((m) => m.FacilitatorPanel);

export type BoardAppProps = {
  localityId: string;
  boardId: string;
  docName: string;
  title: string;
  me: { id: string; name: string };
  role: LocalityRole;
  canFacilitate: boolean;
  /** The access the server grants now (before the collab token says so). */
  initialAccess: "read-write" | "read-only";
  recordLocked: boolean;
  /** The facilitator's lock/unlock form (a server action, rendered by the route). */
  lockControl: ReactNode;
  /** The facilitator's start/reveal form for silent brainstorming (a server action, rendered by the route). */
  silenceControl: ReactNode;
  /** Where this person's notes wait during silent brainstorming, and their draft's key in the board's counts (null: may not write). */
  draft: { docName: string; countKey: string } | null;
  dir: "ltr" | "rtl";
  /** A note to select and bring into view once the board has loaded (a printed card's QR code: ?note=). */
  focusNoteId?: string | null;
  /** The view shown first (load-parts.ts `initialView`: this device's last choice, or by screen width). */
  initialView: ViewName;
};

function formatClock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The shared countdown (its own component: it ticks four times a second without rendering the
 * board), announced at one minute and at zero.
 */
function TimerDisplay({ timer, say }: { timer: BoardTimer; say: (a: Announcement) => void }) {
  const { t } = useTranslation();
  const running = timerRunning(timer, Date.now());
  const now = useNow(running);
  const remaining = timerRemaining(timer, now);
  const last = useRef<number | null>(null);
  useEffect(() => {
    const before = last.current;
    last.current = remaining;
    if (before === null || timer.startedAt === null) return;
    if (before > 60_000 && remaining <= 60_000 && remaining > 0) say({ key: "timerOneMinute" });
    if (before > 0 && remaining === 0) say({ key: "timerDone" });
  }, [remaining, timer.startedAt, say]);
  return (
    <p className={`board-timer${remaining === 0 ? " is-done" : ""}`} role="timer">
      <span className="board-timer-label">{t("board.timerLabel")}</span> <span dir="ltr">{formatClock(remaining)}</span>
      {timer.startedAt === null && remaining > 0 ? <span className="muted"> {t("board.timerPausedShort")}</span> : null}
    </p>
  );
}

/**
 * The question the room is working on (a session step's prompt, set by the server as the
 * facilitator steps through the agenda). Always in the page, so a new prompt is announced.
 */
function BoardPrompt({ prompt }: { prompt: string }) {
  const { t } = useTranslation();
  return (
    <div className="board-prompt" aria-live="polite" aria-atomic="true" data-testid="board-prompt">
      {prompt ? (
        <p>
          <span className="board-prompt-label">{t("board.promptLabel")}</span>{" "}
          <span dir="auto" className="board-prompt-text">
            {prompt}
          </span>
        </p>
      ) : null}
    </div>
  );
}

/** Worst first: what the status line says when two documents (the board and this person's draft) are saving. */
const STATUS_RANK: Record<SaveStatus, number> = { offline: 3, connecting: 2, saving: 1, saved: 0 };
const worse = (a: SaveStatus, b: SaveStatus): SaveStatus => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a);

/** The live board: connection, header, facilitator controls, the two views, export. */
export default function BoardApp(props: BoardAppProps) {
  const { t } = useTranslation();
  const user = useMemo(() => ({ id: props.me.id, name: props.me.name, colour: colourFor(props.me.id) }), [props.me.id, props.me.name]);
  const board = useBoardConnection({ localityId: props.localityId, docName: props.docName, user });
  const { doc, connection, status, access, loaded, synced } = board;
  const countKey = props.draft?.countKey ?? null;

  // The live region: one polite message at a time (a repeated message is re-announced).
  const [live, setLive] = useState("");
  const say = useCallback(
    (a: Announcement) => {
      const text = t(`board.live.${a.key}`, a.values ?? {});
      setLive((prev) => (prev === text ? `${text}\u00a0` : text));
    },
    [t],
  );

  // Other people's changes, summarised (not the initial load from the cache or the server, nor a
  // board read again after a refused change).
  const announceReady = useRef(false);
  const [announcing, setAnnouncing] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new document (after a refused change) is read quietly again
  useEffect(() => {
    announceReady.current = false;
    if (!loaded) return;
    const id = setTimeout(() => {
      announceReady.current = true;
      setAnnouncing(true);
    }, 500);
    return () => clearTimeout(id);
  }, [loaded, doc]);
  // Other people's notes waiting in their drafts: only how many, announced as they arrive.
  const hiddenBefore = useRef(0);
  const onChange = useCallback(
    (prev: BoardSnapshot, next: BoardSnapshot, origins: Set<unknown>) => {
      const hidden = next.settings.silent ? hiddenDraftNotes(doc, countKey) : 0;
      const more = next.settings.silent && prev.settings.silent ? hidden - hiddenBefore.current : 0;
      hiddenBefore.current = hidden;
      if (!announceReady.current || [...origins].every(isOwnOrigin)) return;
      const messages = summariseChanges(prev, next, { anonymous: t("board.someone") });
      if (more === 1) messages.push({ key: "hiddenNoteAdded" });
      else if (more > 1) messages.push({ key: "hiddenNotesAdded", values: { count: more } });
      if (messages.length) setLive(messages.map((m) => t(`board.live.${m.key}`, m.values ?? {})).join(" "));
    },
    [t, doc, countKey],
  );
  const boardSnapshot = useBoardSnapshot(doc, onChange);
  const { settings } = boardSnapshot;

  // Who may edit: the token (viewer, or a member of a locked board, get read-only), and the
  // lock as soon as the document says so (the server also refuses their edits).
  const effectiveAccess = access ?? props.initialAccess;
  const lockedForMe = (settings.locked || (props.recordLocked && !loaded)) && !props.canFacilitate;
  const editable = effectiveAccess === "read-write" && !lockedForMe;
  const readOnlyReason = editable ? null : props.role === "viewer" ? "viewer" : lockedForMe ? "locked" : "readOnly";

  // Silent brainstorming: this person's new notes go to their own draft, which only they receive.
  const draft = useDraft({
    localityId: props.localityId,
    draft: props.draft,
    silent: settings.silent,
    board: doc,
    boardSynced: synced,
    editable,
    me: props.me,
  });
  const draftDoc = settings.silent && props.draft ? draft.state.doc : null;
  const draftSnapshot = useBoardSnapshot(draft.state.doc);
  // Everything below draws (and exports) the board with this person's draft notes among its notes.
  const snapshot = useMemo(() => withDrafts(boardSnapshot, draftDoc ? draftSnapshot.notes : []), [boardSnapshot, draftDoc, draftSnapshot.notes]);
  const hiddenCount = settings.silent ? hiddenDraftNotes(doc, countKey) : 0;
  const notesById = useMemo(() => new Map(snapshot.notes.map((n) => [n.id, n])), [snapshot.notes]);
  const focusNote = useCallback((noteId: string) => {
    window.dispatchEvent(new CustomEvent<string>(FOCUS_NOTE_EVENT, { detail: noteId }));
  }, []);

  // What this person may do, note by note: the server's own rules (app/collab/board-rules.ts).
  const may = useMemo<BoardPermissions>(() => {
    const actor: BoardActor = { kind: "person", userId: props.me.id, name: props.me.name, facilitator: props.canFacilitate };
    return {
      editNote: (note) => editable && (isDraft(note) || mayEditNote(actor, note)),
      deleteNote: (note) => editable && (isDraft(note) || mayDeleteNote(actor, note)),
      castDots: editable && mayCastDots(actor, props.me.id, settings.voting),
      removeDots: editable && mayRemoveDots(actor, props.me.id, settings.voting),
    };
  }, [editable, props.me.id, props.me.name, props.canFacilitate, settings.voting]);

  // A refused change (the server stored none of it): the board was read again; say so.
  const refusals = board.refusals + draft.state.refusals;
  const refusalsSeen = useRef(0);
  useEffect(() => {
    if (refusals > refusalsSeen.current) say({ key: "refused" });
    refusalsSeen.current = refusals;
  }, [refusals, say]);

  // Presence.
  const states = useAwareness(connection);
  const people = useMemo(() => {
    const byId = new Map<string, { name: string; colour: string }>();
    for (const s of states.values()) if (s.user?.id) byId.set(s.user.id, { name: s.user.name, colour: s.user.colour });
    if (!byId.has(user.id)) byId.set(user.id, { name: user.name, colour: user.colour });
    return [...byId.entries()].map(([id, p]) => ({ id, ...p }));
  }, [states, user]);
  const editors = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const s of states.values()) {
      if (!s.editingNoteId || !s.user || s.user.id === user.id) continue;
      map.set(s.editingNoteId, [...(map.get(s.editingNoteId) ?? []), s.user.name]);
    }
    return map;
  }, [states, user.id]);
  const setEditing = useCallback((noteId: string | null) => connection?.provider.awareness.setLocalStateField("editingNoteId", noteId), [connection]);
  useEffect(() => {
    connection?.provider.awareness.setLocalStateField("user", user);
  }, [connection, user]);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A printed card's note: selected and focused once, when it has arrived.
  const focusedOnce = useRef(false);
  useEffect(() => {
    const id = props.focusNoteId;
    if (!id || focusedOnce.current || !loaded || !notesById.has(id)) return;
    // The view is its own chunk: wait until it shows the note, then select it and bring it into view.
    const selector = `[data-outline-note="${CSS.escape(id)}"], [data-note-id="${CSS.escape(id)}"]`;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      if (document.querySelector(selector)) {
        focusedOnce.current = true;
        if (editable) setSelected(new Set([id]));
        focusNote(id);
      } else if (tries++ < 300) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [props.focusNoteId, loaded, notesById, editable, focusNote]);
  const { record, undo, redo, canUndo, canRedo } = useUndoAcross(board.undo, draftDoc ? draft.state.undo : null);
  const act = useCallback(
    <T,>(change: (board: Y.Doc, draft: Y.Doc | null) => T): T =>
      record(() => {
        let result!: T;
        doc.transact(() => {
          if (draftDoc)
            draftDoc.transact(() => {
              result = change(doc, draftDoc);
            }, LOCAL_ORIGIN);
          else result = change(doc, null);
        }, LOCAL_ORIGIN);
        return result;
      }),
    [doc, draftDoc, record],
  );
  const actFinal = useCallback(
    <T,>(change: (board: Y.Doc, draft: Y.Doc | null) => T): T => {
      let result!: T;
      doc.transact(() => {
        if (draftDoc)
          draftDoc.transact(() => {
            result = change(doc, draftDoc);
          }, FINAL_ORIGIN);
        else result = change(doc, null);
      }, FINAL_ORIGIN);
      return result;
    },
    [doc, draftDoc],
  );

  // View: the outline on narrow screens, the canvas on wide ones; remembered per device. Known
  // before the first render (the page reads it in the browser), so the other view's code is never fetched.
  const [view, setView] = useState<ViewName>(props.initialView);
  const chooseView = (v: ViewName) => {
    setView(v);
    try {
      window.localStorage.setItem("board-view", v);
    } catch {
      // storage full or blocked: the choice lasts for this page only
    }
  };

  const doUndo = useCallback(() => {
    if (!editable) return;
    if (undo()) say({ key: "undone" });
  }, [editable, undo, say]);
  const doRedo = useCallback(() => {
    if (!editable) return;
    if (redo()) say({ key: "redone" });
  }, [editable, redo, say]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.key.toLowerCase() !== "z" && e.key.toLowerCase() !== "y")) return;
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      e.preventDefault();
      if (e.key.toLowerCase() === "y" || e.shiftKey) doRedo();
      else doUndo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [doUndo, doRedo]);

  // One value object per real change, so the views do not render again for unrelated state.
  const value: BoardContextValue = useMemo(
    () => ({
      doc,
      draftDoc,
      snapshot,
      notesById,
      hiddenCount,
      me: props.me,
      editable,
      may,
      canFacilitate: props.canFacilitate,
      connection,
      act,
      actFinal,
      say,
      selected,
      setSelected,
      setEditing,
      editors,
      focusNote,
    }),
    [
      doc,
      draftDoc,
      snapshot,
      notesById,
      hiddenCount,
      props.me,
      editable,
      may,
      props.canFacilitate,
      connection,
      act,
      actFinal,
      say,
      selected,
      setEditing,
      editors,
      focusNote,
    ],
  );
  // Both documents while silent: the status line tells the worse of the two.
  const bothStatus = draftDoc ? worse(status, draft.state.status) : status;
  // Read-only with changes of this device the server never stored (typed offline before a lock,
  // say): say so plainly rather than "Saving…" for ever.
  const shownStatus = effectiveAccess === "read-only" && bothStatus === "saving" ? "unsavable" : bothStatus;
  const statusIcon = { saved: "✓", saving: "↻", offline: "⚠", connecting: "…", unsavable: "⚠" }[shownStatus];
  return (
    <BoardContext.Provider value={value}>
      <div className="board-app" data-status={status} data-editable={editable ? "true" : "false"}>
        <div className="board-bar">
          <p className={`board-status status-${shownStatus}`} role="status" aria-live="polite" aria-atomic="true">
            <span aria-hidden="true" className="board-status-icon">
              {statusIcon}
            </span>{" "}
            {t(`board.status.${shownStatus}`)}
          </p>
          <div className="board-presence">
            <h2 className="visually-hidden" id="board-here">
              {t("board.hereNow")}
            </h2>
            <ul aria-labelledby="board-here">
              {people.map((p) => (
                <li key={p.id} className="board-person">
                  <span className="board-avatar" aria-hidden="true" ref={(el) => el?.style.setProperty("background", p.colour)}>
                    {[...p.name.trim()][0] ?? "?"}
                  </span>
                  <span dir="auto">{p.id === user.id ? t("board.you", { name: p.name }) : p.name}</span>
                </li>
              ))}
            </ul>
          </div>
          <BoardPrompt prompt={settings.prompt} />
          {settings.timer ? <TimerDisplay timer={settings.timer} say={say} /> : null}
          <div className="board-bar-actions">
            {editable ? (
              <>
                <button type="button" className="button" onClick={doUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
                  {t("board.undo")}
                </button>
                <button type="button" className="button" onClick={doRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
                  {t("board.redo")}
                </button>
              </>
            ) : null}
            <div className="board-views" role="group" aria-label={t("board.viewLabel")}>
              <button type="button" className="button" aria-pressed={view === "outline"} onClick={() => chooseView("outline")}>
                {t("board.outline")}
              </button>
              <button type="button" className="button" aria-pressed={view === "canvas"} onClick={() => chooseView("canvas")}>
                {t("board.canvas")}
              </button>
            </div>
          </div>
        </div>

        {readOnlyReason ? <p className="card notice board-readonly">{t(`board.readOnly.${readOnlyReason}`)}</p> : null}
        {!loaded ? (
          <p className="muted" role="status">
            {t("board.loadingContent")}
          </p>
        ) : null}
        {settings.silent ? (
          <div className="card notice board-silent" data-testid="board-silent">
            <p>
              <strong>{t("board.silent.bannerTitle")}</strong> {draftDoc && editable ? t("board.silent.banner") : t("board.silent.bannerReadOnly")}
            </p>
            <p>{t("board.silent.hiddenCount", { count: hiddenCount })}</p>
          </div>
        ) : null}

        {props.canFacilitate ? (
          <FacilitatorControls key={view} initiallyOpen={view === "outline"} lockControl={props.lockControl} silenceControl={props.silenceControl} />
        ) : null}

        {view === "outline" ? (
          <>
            {editable ? <AddNoteForm /> : null}
            {editable ? <AddClusterForm /> : null}
            <LazyPart load={loadOutline} props={{}} />
          </>
        ) : (
          <div className={`board-canvas-layout${editable ? "" : " no-side"}`}>
            {editable ? (
              <div className="board-side">
                <AddNoteForm />
                <AddClusterForm />
              </div>
            ) : null}
            <LazyPart load={loadCanvas} props={{}} />
          </div>
        )}

        <ExportPanel title={props.title} dir={props.dir} />

        <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="board-live" data-announcing={announcing ? "" : undefined}>
          {live}
        </div>
      </div>
    </BoardContext.Provider>
  );
}

/** The facilitator's panel in a disclosure: open in the outline, closed beside the canvas. */
function FacilitatorControls({ initiallyOpen, lockControl, silenceControl }: { initiallyOpen: boolean; lockControl: ReactNode; silenceControl: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="board-facilitator-wrap" open={initiallyOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("board.facilitatorControls")}</summary>
      {open ? <LazyPart load={loadFacilitatorPanel} props={{ lockControl, silenceControl }} /> : null}
    </details>
  );
}
