/**
 * Who may change what on a board — the one definition. The collaboration server checks every
 * update against it before storing anything (collab-server/rules/board-update-check.ts), and the
 * browser reads it to offer only what a person may do.
 *
 * | part of the board                     | member (read-write)            | facilitator                    | server |
 * | ------------------------------------- | ------------------------------ | ------------------------------ | ------ |
 * | a new note                            | as themselves only             | as themselves only             | any    |
 * | a note's text, colour, builds-on      | their own notes                | any note but a public-link one | any    |
 * | a note's place (x, y, cluster, order) | any note                       | any note                       | any    |
 * | deleting a note                       | their own notes                | any note but a public-link one | any    |
 * | a note's author, created-at, link     | never changed                  | never changed                  | any    |
 * | dots                                  | their own, within the budget, while voting is open | their own; clearing anyone's | any |
 * | clusters (create, rename, move, merge, split, remove) | yes            | yes                            | any    |
 * | settings (voting, timer, hidden authors) | no                          | yes                            | any    |
 * | settings.locked, settings.silent, drafts | no                          | no (lock, start and reveal go through the app) | any |
 * | settings.prompt                       | no                             | no (a session's step sets it, through the app) | any |
 *
 * A public-link note is an approved idea from a phone: only moderation (the server) changes its
 * text or takes it off the board. A draft document (silent brainstorming) belongs to one person:
 * only they write it, and only notes of their own.
 */
import type { Note, VotingSettings } from "./board";

/** Who is changing the board: a person (from their token) or the server itself. */
export type BoardActor = { kind: "person"; userId: string; name: string; facilitator: boolean } | { kind: "server" };

/** A note's fields by who may change them. */
export const NOTE_LAYOUT_FIELDS: ReadonlySet<string> = new Set(["x", "y", "clusterId", "order"]);
export const NOTE_CONTENT_FIELDS: ReadonlySet<string> = new Set(["text", "colour", "buildsOn"]);
export const NOTE_IDENTITY_FIELDS: ReadonlySet<string> = new Set(["authorId", "authorName", "createdAt", "link"]);

/** The board's top-level parts a client may write at all; anything else is the server's. */
export const BOARD_ROOTS: ReadonlySet<string> = new Set(["notes", "clusters", "votes", "settings"]);
/**
 * Settings only the server writes: the lock mirrors the board's record (and changes tokens), and
 * silent brainstorming starts and ends through the app (which gathers the drafts on reveal), and
 * the prompt is the current step of a session (app/routes/l.$localityId+/workshops+/session-run.server.ts).
 */
export const SERVER_ONLY_SETTINGS: ReadonlySet<string> = new Set(["silent", "locked", "prompt"]);

type NoteFacts = Pick<Note, "authorId" | "link">;

const isPublicLinkNote = (note: NoteFacts) => note.authorId === null && note.link?.type === "idea";
const isServer = (actor: BoardActor): actor is { kind: "server" } => actor.kind === "server";

/** A note made by this person: its author fields name them, and only the server links notes to records. */
export function mayCreateNote(actor: BoardActor, note: Pick<Note, "authorId" | "authorName" | "link">): boolean {
  if (isServer(actor)) return true;
  return note.authorId === actor.userId && note.authorName === actor.name && note.link === null;
}

/** May change a note's text, colour and what it builds on. */
export function mayEditNote(actor: BoardActor, note: NoteFacts): boolean {
  if (isServer(actor)) return true;
  if (isPublicLinkNote(note)) return false;
  return note.authorId === actor.userId || actor.facilitator;
}

/** May take a note off the board. */
export function mayDeleteNote(actor: BoardActor, note: NoteFacts): boolean {
  return mayEditNote(actor, note);
}

/** May move a note or put it in a cluster: anyone who may write the board. */
export function mayMoveNote(_actor: BoardActor, _note: NoteFacts): boolean {
  return true;
}

/** May change this field of an existing note (identity fields never change once made). */
export function mayChangeNoteField(actor: BoardActor, note: NoteFacts, field: string): boolean {
  if (isServer(actor)) return true;
  if (NOTE_LAYOUT_FIELDS.has(field)) return mayMoveNote(actor, note);
  if (NOTE_CONTENT_FIELDS.has(field)) return mayEditNote(actor, note);
  return false;
}

/** May add or take back dots on this voter's ballot (their own, while voting is open). */
export function mayCastDots(actor: BoardActor, voterId: string, voting: Pick<VotingSettings, "open">): boolean {
  if (isServer(actor)) return true;
  return voterId === actor.userId && voting.open;
}

/** May remove dots from this voter's ballot: their own while voting is open; a facilitator anyone's (clearing votes). */
export function mayRemoveDots(actor: BoardActor, voterId: string, voting: Pick<VotingSettings, "open">): boolean {
  if (isServer(actor)) return true;
  return actor.facilitator || mayCastDots(actor, voterId, voting);
}

/** A ballot within the budget: whole positive numbers of dots adding up to at most `dotsPerPerson`. */
export function ballotWithinBudget(dots: Iterable<unknown>, dotsPerPerson: number): boolean {
  let total = 0;
  for (const d of dots) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 1) return false;
    total += d;
  }
  return total <= dotsPerPerson;
}

/** May create, rename, move, merge, split or remove clusters. */
export function mayChangeClusters(_actor: BoardActor): boolean {
  return true;
}

/** May change this setting of the board. */
export function mayChangeSetting(actor: BoardActor, key: string): boolean {
  if (isServer(actor)) return true;
  return actor.facilitator && !SERVER_ONLY_SETTINGS.has(key);
}
