/**
 * The board document's shape — the only module that knows its Yjs structure names. The
 * browser, the collab server and the projections all read and write boards through it.
 *
 *   notes:    Y.Map<noteId, Y.Map>   text (Y.Text), colour, authorId, authorName, createdAt,
 *                                    clusterId, order (fractional index), x, y, link
 *   clusters: Y.Map<clusterId, Y.Map> name (Y.Text), order, x, y
 *   votes:    Y.Map<voterId, Y.Map<noteId, dots>>
 *   settings: Y.Map                  locked, hideAuthors, voting { open, dotsPerPerson, hideResults }
 */
import * as Y from "yjs";
import { generateKeyBetween } from "fractional-indexing";

export const NOTE_COLOURS = ["yellow", "pink", "green", "blue", "orange", "purple"] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];
export const NOTE_MAX_LENGTH = 500;

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
};

export type Cluster = { id: string; name: string; order: string; x: number; y: number };

const notesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("notes");
const clustersOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("clusters");
const votesOf = (doc: Y.Doc) => doc.getMap<Y.Map<number>>("votes");
const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>("settings");

function lastOrder(map: Y.Map<Y.Map<unknown>>): string | null {
  let last: string | null = null;
  for (const item of map.values()) {
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
  input: { id: string; text: string; authorId: string | null; authorName: string | null; colour?: NoteColour; clusterId?: string | null; x?: number; y?: number; link?: NoteLink | null; now?: number },
): string {
  doc.transact(() => {
    const notes = notesOf(doc);
    const note = new Y.Map<unknown>();
    const text = new Y.Text();
    text.insert(0, input.text.slice(0, NOTE_MAX_LENGTH));
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
  };
}

/** Every note, in board order. */
export function listNotes(doc: Y.Doc): Note[] {
  return [...notesOf(doc).entries()].map(([id, map]) => readNote(id, map)).sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id.localeCompare(b.id)));
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
    for (const ballot of votesOf(doc).values()) ballot.delete(noteId);
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
  let ballot = votes.get(voterId);
  const used = ballot ? [...ballot.values()].reduce((n, d) => n + d, 0) : 0;
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
    for (const [noteId, dots] of ballot.entries()) totals.set(noteId, (totals.get(noteId) ?? 0) + dots);
  }
  return totals;
}
