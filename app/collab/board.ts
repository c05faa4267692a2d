/**
 * The board document's shape — the only module that knows its Yjs structure names. The
 * browser, the collab server and the projections all read and write boards through it.
 *
 *   notes:    Y.Map<noteId, Y.Map>   text (Y.Text), colour, authorId, authorName, createdAt,
 *                                    clusterId, order (fractional index), x, y, link, buildsOn
 *   clusters: Y.Map<clusterId, Y.Map> name (Y.Text), order, x, y
 *   votes:    Y.Map<voterId, Y.Map<noteId, dots>>
 *   settings: Y.Map                  locked, hideAuthors, silent, voting { open, dotsPerPerson, hideResults }, timer,
 *                                    prompt (a session step's question, shown at the top; written by the server)
 *   drafts:   Y.Map<key, number>     during silent brainstorming, how many notes each person's
 *                                    draft holds (keys are opaque per person; written by the server)
 *
 * A person's draft (`locality:<id>:draft:<board>:<person>`) has the same `notes` map and nothing else.
 */
import * as Y from "yjs";
import { generateKeyBetween } from "fractional-indexing";
import { CONTENT_LIMITS } from "./limits";
import { NOTE_COLOURS, NOTE_SIZE, type NoteColour } from "./note-look";

export { NOTE_COLOURS, NOTE_SIZE, type NoteColour };

export type NoteLink = { type: "excerpt" | "insight" | "idea"; id: string };

export type Note = {
  id: string;
  text: string;
  colour: NoteColour;
  authorId: string | null;
  authorName: string | null;
  createdAt: number;
  clusterId: string | null;
  order: string;
  x: number;
  y: number;
  link: NoteLink | null;
  /** The note (idea) this one builds on, if any. */
  buildsOn: string | null;
};

export type Cluster = { id: string; name: string; order: string; x: number; y: number };

const notesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("notes");
const clustersOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("clusters");
const votesOf = (doc: Y.Doc) => doc.getMap<Y.Map<number>>("votes");
const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>("settings");

/** A map's entries that really are Y.Maps (a hostile or buggy client could store anything). */
function mapEntries(map: Y.Map<Y.Map<unknown>>): [string, Y.Map<unknown>][] {
  return [...map.entries()].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);
}

function lastOrder(map: Y.Map<Y.Map<unknown>>): string | null {
  let last: string | null = null;
  for (const [, item] of mapEntries(map)) {
    const order = item.get("order");
    if (typeof order === "string" && (last === null || order > last)) last = order;
  }
  return last;
}

function str(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}
function num(value: unknown, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** Adds a note at the end of the board; returns its id. */
export function addNote(
  doc: Y.Doc,
  input: {
    id: string;
    text: string;
    authorId: string | null;
    authorName: string | null;
    colour?: NoteColour;
    clusterId?: string | null;
    x?: number;
    y?: number;
    link?: NoteLink | null;
    now?: number;
  },
): string {
  doc.transact(() => {
    const notes = notesOf(doc);
    const note = new Y.Map<unknown>();
    const text = new Y.Text();
    text.insert(0, input.text.slice(0, CONTENT_LIMITS.noteText));
    note.set("text", text);
    note.set("colour", input.colour ?? "yellow");
    note.set("authorId", input.authorId);
    note.set("authorName", input.authorName);
    note.set("createdAt", input.now ?? Date.now());
    note.set("clusterId", input.clusterId ?? null);
    note.set("order", generateKeyBetween(lastOrder(notes), null));
    note.set("x", input.x ?? 0);
    note.set("y", input.y ?? 0);
    note.set("link", input.link ?? null);
    notes.set(input.id, note);
  });
  return input.id;
}

function readNote(id: string, map: Y.Map<unknown>): Note {
  const text = map.get("text");
  const colour = str(map.get("colour"), "yellow");
  const link = map.get("link") as NoteLink | null | undefined;
  return {
    id,
    text: text instanceof Y.Text ? text.toString() : "",
    colour: (NOTE_COLOURS as readonly string[]).includes(colour) ? (colour as NoteColour) : "yellow",
    authorId: (map.get("authorId") as string | null) ?? null,
    authorName: (map.get("authorName") as string | null) ?? null,
    createdAt: num(map.get("createdAt")),
    clusterId: (map.get("clusterId") as string | null) ?? null,
    order: str(map.get("order"), "a0"),
    x: num(map.get("x")),
    y: num(map.get("y")),
    link: link && typeof link === "object" && typeof link.id === "string" ? link : null,
    buildsOn: typeof map.get("buildsOn") === "string" ? (map.get("buildsOn") as string) : null,
  };
}

/**
 * Marks a note as building on another (null: on none). A note cannot build on itself or on a note
 * that is not there (`targetExists`: by default, in this document; a draft note may build on a
 * board note, which lives in the board's document).
 */
export function setBuildsOn(doc: Y.Doc, noteId: string, targetId: string | null, targetExists: (id: string) => boolean = (id) => notesOf(doc).has(id)): void {
  const note = notesOf(doc).get(noteId);
  if (!note) return;
  if (targetId !== null && (targetId === noteId || !targetExists(targetId))) return;
  note.set("buildsOn", targetId);
}

/** Every note, in board order. */
export function listNotes(doc: Y.Doc): Note[] {
  return [...mapEntries(notesOf(doc))]
    .filter(([, map]) => map instanceof Y.Map)
    .map(([id, map]) => readNote(id, map))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id.localeCompare(b.id)));
}

export function noteText(doc: Y.Doc, noteId: string): Y.Text | null {
  const text = notesOf(doc).get(noteId)?.get("text");
  return text instanceof Y.Text ? text : null;
}

export function moveNoteToCluster(doc: Y.Doc, noteId: string, clusterId: string | null): void {
  notesOf(doc).get(noteId)?.set("clusterId", clusterId);
}

export function removeNote(doc: Y.Doc, noteId: string): void {
  doc.transact(() => {
    notesOf(doc).delete(noteId);
    for (const ballot of votesOf(doc).values()) if (ballot instanceof Y.Map) ballot.delete(noteId);
  });
}

export function addCluster(doc: Y.Doc, input: { id: string; name: string; x?: number; y?: number }): string {
  doc.transact(() => {
    const clusters = clustersOf(doc);
    const cluster = new Y.Map<unknown>();
    const name = new Y.Text();
    name.insert(0, input.name.slice(0, 120));
    cluster.set("name", name);
    cluster.set("order", generateKeyBetween(lastOrder(clusters), null));
    cluster.set("x", input.x ?? 0);
    cluster.set("y", input.y ?? 0);
    clusters.set(input.id, cluster);
  });
  return input.id;
}

export function listClusters(doc: Y.Doc): Cluster[] {
  return [...clustersOf(doc).entries()]
    .filter(([, map]) => map instanceof Y.Map)
    .map(([id, map]) => {
      const name = map.get("name");
      return { id, name: name instanceof Y.Text ? name.toString() : "", order: str(map.get("order"), "a0"), x: num(map.get("x")), y: num(map.get("y")) };
    })
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
}

export type VotingSettings = { open: boolean; dotsPerPerson: number; hideResults: boolean };

export function votingSettings(doc: Y.Doc): VotingSettings {
  const voting = settingsOf(doc).get("voting") as Partial<VotingSettings> | undefined;
  return { open: voting?.open === true, dotsPerPerson: num(voting?.dotsPerPerson, 3), hideResults: voting?.hideResults === true };
}

export function setVoting(doc: Y.Doc, settings: VotingSettings): void {
  settingsOf(doc).set("voting", settings);
}

/** Places a dot on a note, within the voter's budget; false if the budget is spent or voting is closed. */
export function placeDot(doc: Y.Doc, voterId: string, noteId: string): boolean {
  const { open, dotsPerPerson } = votingSettings(doc);
  if (!open || !notesOf(doc).has(noteId)) return false;
  const votes = votesOf(doc);
  const existing = votes.get(voterId);
  let ballot = existing instanceof Y.Map ? existing : undefined;
  const used = ballot ? [...ballot.values()].reduce((n, d) => n + (typeof d === "number" && d > 0 ? d : 0), 0) : 0;
  if (used >= dotsPerPerson) return false;
  doc.transact(() => {
    if (!ballot) {
      ballot = new Y.Map<number>();
      votes.set(voterId, ballot);
    }
    ballot.set(noteId, (ballot.get(noteId) ?? 0) + 1);
  });
  return true;
}

/** Dots per note, all voters together. */
export function voteTotals(doc: Y.Doc): Map<string, number> {
  const totals = new Map<string, number>();
  for (const ballot of votesOf(doc).values()) {
    if (!(ballot instanceof Y.Map)) continue;
    for (const [noteId, dots] of ballot.entries()) if (typeof dots === "number" && dots > 0) totals.set(noteId, (totals.get(noteId) ?? 0) + dots);
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------
// Everything the board's interface writes. Each helper is one transaction, so a caller can wrap
// it in `doc.transact(fn, origin)` (the undo manager tracks the local origin) and remote peers
// see one update per action.
// ---------------------------------------------------------------------------------------------

/** The size of a cluster's area on the canvas (notes dropped inside it join it). */
export const CLUSTER_SIZE = { width: 560, height: 420 } as const;

/** Replaces a Y.Text's content with the smallest edit (common prefix and suffix kept), so concurrent edits elsewhere in the text survive. */
function replaceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  if (endPrev > start) text.delete(start, endPrev - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

export function getNote(doc: Y.Doc, noteId: string): Note | null {
  const map = notesOf(doc).get(noteId);
  return map ? readNote(noteId, map) : null;
}

/** Sets a note's text (trimmed to CONTENT_LIMITS.noteText). */
export function setNoteText(doc: Y.Doc, noteId: string, text: string): void {
  const yText = noteText(doc, noteId);
  if (yText) doc.transact(() => replaceText(yText, text.slice(0, CONTENT_LIMITS.noteText)));
}

/** Rewrites a note's author name (a person's erasure; only the server does this). */
export function setNoteAuthorName(doc: Y.Doc, noteId: string, authorName: string | null): void {
  notesOf(doc).get(noteId)?.set("authorName", authorName);
}

export function setNoteColour(doc: Y.Doc, noteId: string, colour: NoteColour): void {
  if ((NOTE_COLOURS as readonly string[]).includes(colour)) notesOf(doc).get(noteId)?.set("colour", colour);
}

/** Moves several notes on the canvas at once (a multi-selection), in one transaction. */
export function moveNotes(doc: Y.Doc, moves: { id: string; x: number; y: number }[]): void {
  const notes = notesOf(doc);
  doc.transact(() => {
    for (const m of moves) {
      const note = notes.get(m.id);
      if (!note || !Number.isFinite(m.x) || !Number.isFinite(m.y)) continue;
      note.set("x", Math.round(m.x));
      note.set("y", Math.round(m.y));
    }
  });
}

/** Puts notes into a cluster (or none), in one transaction. */
export function moveNotesToCluster(doc: Y.Doc, noteIds: string[], clusterId: string | null): void {
  if (clusterId !== null && !clustersOf(doc).has(clusterId)) return;
  doc.transact(() => {
    for (const id of noteIds) moveNoteToCluster(doc, id, clusterId);
  });
}

/** A free spot for a note inside a cluster's area (a grid filled in reading order), in board coordinates; `alsoThere` notes kept elsewhere (a draft) count too. */
export function slotInCluster(doc: Y.Doc, clusterId: string, exceptNoteId?: string, alsoThere = 0): { x: number; y: number } {
  const cluster = clustersOf(doc).get(clusterId);
  const cx = num(cluster?.get("x"));
  const cy = num(cluster?.get("y"));
  let count = alsoThere;
  for (const [id, note] of mapEntries(notesOf(doc))) if (id !== exceptNoteId && note.get("clusterId") === clusterId) count++;
  const perRow = Math.max(1, Math.floor((CLUSTER_SIZE.width - 16) / (NOTE_SIZE.width + 16)));
  const col = count % perRow;
  const row = Math.floor(count / perRow);
  return { x: cx + 16 + col * (NOTE_SIZE.width + 16), y: cy + 48 + row * (NOTE_SIZE.height + 16) };
}

/** Moves a note into a cluster and, on the canvas, into the cluster's area. */
export function placeNoteInCluster(doc: Y.Doc, noteId: string, clusterId: string | null): void {
  const note = notesOf(doc).get(noteId);
  if (!note) return;
  if (clusterId !== null && !clustersOf(doc).has(clusterId)) return;
  doc.transact(() => {
    if (clusterId !== null) {
      const { x, y } = slotInCluster(doc, clusterId, noteId);
      note.set("x", x);
      note.set("y", y);
    }
    note.set("clusterId", clusterId);
  });
}

/** The cluster whose canvas area contains a point, if any (the last one drawn wins). */
export function clusterAt(doc: Y.Doc, x: number, y: number): string | null {
  let found: string | null = null;
  for (const c of listClusters(doc)) {
    if (x >= c.x && x <= c.x + CLUSTER_SIZE.width && y >= c.y && y <= c.y + CLUSTER_SIZE.height) found = c.id;
  }
  return found;
}

/** Where the next cluster goes on the canvas: a row of areas above the loose notes. */
export function nextClusterPosition(doc: Y.Doc): { x: number; y: number } {
  const n = clustersOf(doc).size;
  return { x: 40 + (n % 4) * (CLUSTER_SIZE.width + 40), y: 40 + Math.floor(n / 4) * (CLUSTER_SIZE.height + 40) };
}

/** Where the next loose note goes on the canvas: a grid below the cluster areas; `alsoLoose` notes kept elsewhere (a draft) count too. */
export function nextNotePosition(doc: Y.Doc, alsoLoose = 0): { x: number; y: number } {
  const rows = Math.ceil(Math.max(clustersOf(doc).size, 1) / 4);
  const top = 40 + rows * (CLUSTER_SIZE.height + 40);
  let loose = alsoLoose;
  for (const [, note] of mapEntries(notesOf(doc))) if (note.get("clusterId") == null) loose++;
  const perRow = 12;
  return { x: 40 + (loose % perRow) * (NOTE_SIZE.width + 20), y: top + Math.floor(loose / perRow) * (NOTE_SIZE.height + 20) };
}

export function renameCluster(doc: Y.Doc, clusterId: string, name: string): void {
  const value = clustersOf(doc).get(clusterId)?.get("name");
  if (value instanceof Y.Text) doc.transact(() => replaceText(value, name.slice(0, CONTENT_LIMITS.clusterName)));
}

/** Removes a cluster; its notes stay on the board, out of any cluster. */
export function removeCluster(doc: Y.Doc, clusterId: string): void {
  doc.transact(() => {
    for (const [, note] of mapEntries(notesOf(doc))) if (note.get("clusterId") === clusterId) note.set("clusterId", null);
    clustersOf(doc).delete(clusterId);
  });
}

/** Merges `sourceId` into `targetId`: the source's notes join the target, the source goes. */
export function mergeClusters(doc: Y.Doc, sourceId: string, targetId: string): void {
  if (sourceId === targetId || !clustersOf(doc).has(sourceId) || !clustersOf(doc).has(targetId)) return;
  doc.transact(() => {
    for (const [id, note] of mapEntries(notesOf(doc))) {
      if (note.get("clusterId") === sourceId) placeNoteInCluster(doc, id, targetId);
    }
    clustersOf(doc).delete(sourceId);
  });
}

/** Splits some notes of a cluster off into a new cluster; returns the new cluster's id. */
export function splitCluster(doc: Y.Doc, input: { clusterId: string; noteIds: string[]; newClusterId: string; name: string }): string | null {
  if (!clustersOf(doc).has(input.clusterId)) return null;
  const moving = input.noteIds.filter((id) => notesOf(doc).get(id)?.get("clusterId") === input.clusterId);
  if (moving.length === 0) return null;
  doc.transact(() => {
    addCluster(doc, { id: input.newClusterId, name: input.name, ...nextClusterPosition(doc) });
    for (const id of moving) placeNoteInCluster(doc, id, input.newClusterId);
  });
  return input.newClusterId;
}

// --- votes ------------------------------------------------------------------------------------

/** Dots a voter has placed, per note. */
export function ballotOf(doc: Y.Doc, voterId: string): Map<string, number> {
  const ballot = votesOf(doc).get(voterId);
  return new Map(ballot instanceof Y.Map ? [...ballot.entries()].filter(([, d]) => typeof d === "number" && d > 0) : []);
}

export function dotsUsed(doc: Y.Doc, voterId: string): number {
  let used = 0;
  for (const d of ballotOf(doc, voterId).values()) used += d;
  return used;
}

/** Dots a voter can still place (0 while voting is closed). */
export function dotsLeft(doc: Y.Doc, voterId: string): number {
  const { open, dotsPerPerson } = votingSettings(doc);
  return open ? Math.max(0, dotsPerPerson - dotsUsed(doc, voterId)) : 0;
}

/** Takes one of the voter's dots off a note; false if there is none or voting is closed. */
export function removeDot(doc: Y.Doc, voterId: string, noteId: string): boolean {
  if (!votingSettings(doc).open) return false;
  const found = votesOf(doc).get(voterId);
  const ballot = found instanceof Y.Map ? found : undefined;
  const raw = ballot?.get(noteId);
  const dots = typeof raw === "number" ? raw : 0;
  if (!ballot || dots <= 0) return false;
  doc.transact(() => {
    if (dots <= 1) ballot.delete(noteId);
    else ballot.set(noteId, dots - 1);
  });
  return true;
}

/** Removes every dot of every voter. */
export function clearVotes(doc: Y.Doc): void {
  const votes = votesOf(doc);
  doc.transact(() => {
    for (const key of [...votes.keys()]) votes.delete(key);
  });
}

/** Opens voting with N dots per person (kept ballots count against the new budget). */
export function openVoting(doc: Y.Doc, dotsPerPerson: number, hideResults: boolean): void {
  setVoting(doc, { open: true, dotsPerPerson: Math.max(1, Math.min(20, Math.floor(dotsPerPerson))), hideResults });
}

export function closeVoting(doc: Y.Doc): void {
  setVoting(doc, { ...votingSettings(doc), open: false });
}

/** Whether totals may be shown now: not while an open vote hides its results. */
export function resultsVisible(settings: Pick<VotingSettings, "open" | "hideResults">): boolean {
  return !(settings.open && settings.hideResults);
}

// --- settings ---------------------------------------------------------------------------------

export type BoardTimer = {
  /** The countdown's full length. */
  durationMs: number;
  /** When it was (re)started, or null when paused or not running. */
  startedAt: number | null;
  /** What was left when it was paused or started (the countdown runs from this). */
  remainingMs: number;
};

/**
 * `silent`: silent brainstorming — while on, each person's new notes go to their own draft
 * document, which only they receive, until a facilitator reveals every draft onto the board
 * (app/use-cases/reveal-drafts.server.ts); the board shows how many wait (`drafts`).
 */
export type BoardSettings = {
  locked: boolean;
  hideAuthors: boolean;
  silent: boolean;
  voting: VotingSettings;
  timer: BoardTimer | null;
  /** The question the board shows at its top ("" for none): the current session step's prompt. */
  prompt: string;
};

function readTimer(value: unknown): BoardTimer | null {
  if (!value || typeof value !== "object") return null;
  const t = value as Partial<BoardTimer>;
  const durationMs = num(t.durationMs, 0);
  if (durationMs <= 0) return null;
  return {
    durationMs,
    startedAt: typeof t.startedAt === "number" && Number.isFinite(t.startedAt) ? t.startedAt : null,
    remainingMs: Math.max(0, num(t.remainingMs, durationMs)),
  };
}

export function boardSettings(doc: Y.Doc): BoardSettings {
  const settings = settingsOf(doc);
  return {
    locked: settings.get("locked") === true,
    hideAuthors: settings.get("hideAuthors") === true,
    silent: settings.get("silent") === true,
    voting: votingSettings(doc),
    timer: readTimer(settings.get("timer")),
    prompt: boardPrompt(doc),
  };
}

/** Starts (true) or ends (false: reveals every note) silent brainstorming. */
export function setSilent(doc: Y.Doc, silent: boolean): void {
  settingsOf(doc).set("silent", silent);
}

/** Mirrors the board record's lock into the document (written by the server when a facilitator locks it). */
export function setLocked(doc: Y.Doc, locked: boolean): void {
  settingsOf(doc).set("locked", locked);
}

export function setHideAuthors(doc: Y.Doc, hide: boolean): void {
  settingsOf(doc).set("hideAuthors", hide);
}

export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;

/** Starts (or resumes) the shared countdown; a new duration restarts it from full. */
export function startTimer(doc: Y.Doc, input: { durationMs?: number; now: number }): void {
  const current = readTimer(settingsOf(doc).get("timer"));
  const fresh = input.durationMs !== undefined && (!current || input.durationMs !== current.durationMs || current.remainingMs <= 0);
  const durationMs = Math.max(1000, Math.min(TIMER_MAX_MS, Math.round(input.durationMs ?? current?.durationMs ?? 300_000)));
  const remainingMs = fresh || !current || current.remainingMs <= 0 ? durationMs : timerRemaining(current, input.now);
  settingsOf(doc).set("timer", { durationMs, startedAt: input.now, remainingMs: remainingMs > 0 ? remainingMs : durationMs } satisfies BoardTimer);
}

export function pauseTimer(doc: Y.Doc, now: number): void {
  const current = readTimer(settingsOf(doc).get("timer"));
  if (!current || current.startedAt === null) return;
  settingsOf(doc).set("timer", { ...current, startedAt: null, remainingMs: timerRemaining(current, now) } satisfies BoardTimer);
}

export function resetTimer(doc: Y.Doc, durationMs?: number): void {
  const current = readTimer(settingsOf(doc).get("timer"));
  const d = Math.max(1000, Math.min(TIMER_MAX_MS, Math.round(durationMs ?? current?.durationMs ?? 300_000)));
  settingsOf(doc).set("timer", { durationMs: d, startedAt: null, remainingMs: d } satisfies BoardTimer);
}

/** Milliseconds left on a timer at `now` (never negative). */
export function timerRemaining(timer: BoardTimer, now: number): number {
  if (timer.startedAt === null) return timer.remainingMs;
  return Math.max(0, timer.remainingMs - Math.max(0, now - timer.startedAt));
}

export function timerRunning(timer: BoardTimer | null, now: number): boolean {
  return !!timer && timer.startedAt !== null && timerRemaining(timer, now) > 0;
}

/** The prompt the board shows at its top ("" for none or anything that is not text). */
export function boardPrompt(doc: Y.Doc): string {
  const value = settingsOf(doc).get("prompt");
  return typeof value === "string" ? value.slice(0, CONTENT_LIMITS.boardPrompt) : "";
}

/** Sets the board's prompt (trimmed to CONTENT_LIMITS.boardPrompt; "" takes it away). Only the server writes it. */
export function setBoardPrompt(doc: Y.Doc, prompt: string): void {
  const value = prompt.trim().slice(0, CONTENT_LIMITS.boardPrompt);
  if (value) settingsOf(doc).set("prompt", value);
  else settingsOf(doc).delete("prompt");
}

/** Sets the shared countdown to `durationMs` and starts it from full (a session step begins). */
export function restartTimer(doc: Y.Doc, input: { durationMs: number; now: number }): void {
  doc.transact(() => {
    resetTimer(doc, input.durationMs);
    startTimer(doc, input);
  });
}

/** The shared types an undo manager should track (content, not settings). */
export function undoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [notesOf(doc), clustersOf(doc), votesOf(doc)] as Y.AbstractType<unknown>[];
}

/** Everything the interface draws, read in one pass. */
export type BoardSnapshot = {
  notes: Note[];
  clusters: Cluster[];
  totals: Map<string, number>;
  settings: BoardSettings;
};

export function readBoard(doc: Y.Doc): BoardSnapshot {
  return { notes: listNotes(doc), clusters: listClusters(doc), totals: voteTotals(doc), settings: boardSettings(doc) };
}

/** Calls `listener` once after every transaction that changed the board (local or remote). */
export function observeBoard(doc: Y.Doc, listener: (tx: Y.Transaction) => void): () => void {
  const handler = (tx: Y.Transaction) => {
    if (tx.changed.size > 0 || tx.deleteSet.clients.size > 0) listener(tx);
  };
  doc.on("afterTransaction", handler);
  return () => doc.off("afterTransaction", handler);
}

// --- builds-on and public-link notes ---------------------------------------------------------

/**
 * The note `note` builds on, if it is still on the board. A pointer to a removed note is kept in
 * the document (undoing the removal brings the link back) but reads as none. Two notes may build
 * on each other: the link is one hop, shown one hop, so a cycle does no harm.
 */
export function buildsOnTarget<N extends Note>(notes: ReadonlyMap<string, N> | readonly N[], note: Note): N | null {
  if (!note.buildsOn || note.buildsOn === note.id) return null;
  if (Array.isArray(notes)) return (notes as readonly N[]).find((n) => n.id === note.buildsOn) ?? null;
  return (notes as ReadonlyMap<string, N>).get(note.buildsOn) ?? null;
}

/** A note placed by the server from an approved idea sent through the public link (no account, no author). */
export function isFromPublicLink(note: Pick<Note, "authorId" | "link">): boolean {
  return note.authorId === null && note.link?.type === "idea";
}

// --- silent brainstorming: how many notes wait in people's drafts ---------------------------

const draftsOf = (doc: Y.Doc) => doc.getMap<number>("drafts");

/** Notes waiting in each draft, by the draft's opaque key (see app/use-cases/count-draft-notes.server.ts). */
export function draftCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, n] of draftsOf(doc).entries()) if (typeof n === "number" && Number.isInteger(n) && n > 0) counts.set(key, n);
  return counts;
}

/** Notes waiting in other people's drafts: everyone's but the draft with key `mine`. */
export function hiddenDraftNotes(doc: Y.Doc, mine: string | null): number {
  let hidden = 0;
  for (const [key, n] of draftCounts(doc)) if (key !== mine) hidden += n;
  return hidden;
}

export function setDraftCount(doc: Y.Doc, key: string, count: number): void {
  if (count > 0) draftsOf(doc).set(key, count);
  else draftsOf(doc).delete(key);
}

export function clearDraftCounts(doc: Y.Doc): void {
  const drafts = draftsOf(doc);
  for (const key of [...drafts.keys()]) drafts.delete(key);
}
