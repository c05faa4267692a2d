/**
 * Checks what one update did to a board (or to a person's draft of one) against the rules in
 * board-rules.ts. The collaboration server applies the update to a copy of the stored board
 * (`after`), keeps the stored board as it was (`before`), and passes the types Yjs reports as
 * changed; this module says whether the change is allowed, and if not, why. Nothing here is
 * stored or sent: a refused update is refused whole.
 */
import * as Y from "yjs";
import { CONTENT_LIMITS } from "./limits";
import { NOTE_COLOURS, type VotingSettings } from "./board";
import {
  ballotWithinBudget,
  BOARD_ROOTS,
  type BoardActor,
  mayCastDots,
  mayChangeClusters,
  mayChangeNoteField,
  mayChangeSetting,
  mayCreateNote,
  mayDeleteNote,
  mayRemoveDots,
  NOTE_CONTENT_FIELDS,
  NOTE_IDENTITY_FIELDS,
  NOTE_LAYOUT_FIELDS,
} from "./board-rules";

/** A board, or one person's draft during silent brainstorming (notes only, all theirs). */
export type CheckedKind = "board" | "draft";

type Changed = ReadonlyMap<Y.AbstractType<unknown>, ReadonlySet<string | null>>;

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isStringOrNull = (v: unknown) => v === null || (typeof v === "string" && v.length <= 64);

/** Where a type sits in the document: the root's name, then the map keys down to it; null inside a list. */
function pathOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string[] | null {
  const keys: string[] = [];
  let t: Y.AbstractType<unknown> | null = type;
  for (let hops = 0; t && hops < 16; hops++) {
    const item: Y.Item | null = t._item;
    if (!item) {
      for (const [name, root] of doc.share) if (root === t) return [name, ...keys];
      return null;
    }
    if (item.parentSub === null) return null;
    keys.unshift(item.parentSub);
    t = item.parent as Y.AbstractType<unknown> | null;
  }
  return null;
}

/** The map under `key` of a root the checked documents typed as a map (never types a root itself). */
function mapAt(doc: Y.Doc, root: string, key: string): Y.Map<unknown> | null {
  const parent = doc.share.get(root);
  const value = parent instanceof Y.Map ? parent.get(key) : undefined;
  return value instanceof Y.Map ? value : null;
}

function hasKey(doc: Y.Doc, root: string, key: string): boolean {
  const parent = doc.share.get(root);
  return parent instanceof Y.Map && parent.has(key);
}

type NoteView = { authorId: string | null; authorName: string | null; link: { type: "excerpt" | "insight" | "idea"; id: string } | null };

function noteView(map: Y.Map<unknown>): NoteView {
  const link = map.get("link") as NoteView["link"] | undefined;
  return {
    authorId: typeof map.get("authorId") === "string" ? (map.get("authorId") as string) : null,
    authorName: typeof map.get("authorName") === "string" ? (map.get("authorName") as string) : null,
    link: link && typeof link === "object" && typeof link.id === "string" ? link : null,
  };
}

/** Whether a note field holds a value of its shape. */
function validNoteField(field: string, value: unknown): boolean {
  switch (field) {
    case "text":
      return value instanceof Y.Text && value.length <= CONTENT_LIMITS.noteText && plainText(value);
    case "colour":
      return typeof value === "string" && (NOTE_COLOURS as readonly string[]).includes(value);
    case "x":
    case "y":
      return isFiniteNumber(value) && Math.abs(value) <= 1_000_000;
    case "clusterId":
    case "buildsOn":
      return isStringOrNull(value);
    case "order":
      return typeof value === "string" && value.length <= 64;
    case "createdAt":
      return isFiniteNumber(value);
    case "authorId":
    case "authorName":
      return value === null || (typeof value === "string" && value.length <= 200);
    case "link":
      return value === null || (typeof value === "object" && value !== null && !(value instanceof Y.AbstractType));
    default:
      return false;
  }
}

/** A note as a client may create it: exactly the known fields, each of its shape. */
function wellFormedNote(map: Y.Map<unknown>): boolean {
  if (!(map.get("text") instanceof Y.Text)) return false;
  for (const [field, value] of map.entries()) if (!validNoteField(field, value)) return false;
  return true;
}

/** A text of characters only: no embedded objects or types, no formatting. */
function plainText(text: Y.Text): boolean {
  for (const op of text.toDelta() as Array<{ insert?: unknown; attributes?: unknown }>) {
    if (typeof op.insert !== "string" || op.attributes !== undefined) return false;
  }
  return true;
}

function wellFormedCluster(map: Y.Map<unknown>): boolean {
  for (const [field, value] of map.entries()) {
    if (field === "name") {
      if (!(value instanceof Y.Text) || value.length > CONTENT_LIMITS.clusterName || !plainText(value)) return false;
    } else if (field === "x" || field === "y") {
      if (!isFiniteNumber(value)) return false;
    } else if (field === "order") {
      if (typeof value !== "string" || value.length > 64) return false;
    } else return false;
  }
  return true;
}

function voting(doc: Y.Doc): VotingSettings {
  const settings = doc.share.get("settings");
  const v = (settings instanceof Y.Map ? settings.get("voting") : undefined) as Partial<VotingSettings> | undefined;
  return { open: v?.open === true, dotsPerPerson: isFiniteNumber(v?.dotsPerPerson) ? v.dotsPerPerson : 3, hideResults: v?.hideResults === true };
}

/**
 * Whether `actor` may make the changes that took `before` to `after`. Returns null when allowed,
 * otherwise a short reason (sent with the 4403 close).
 */
export function checkBoardChanges(kind: CheckedKind, before: Y.Doc, after: Y.Doc, changed: Changed, actor: BoardActor): string | null {
  if (actor.kind === "server") return null;
  // In a draft the only writer is its owner, who is never a facilitator there.
  const who: BoardActor = kind === "draft" ? { ...actor, facilitator: false } : actor;
  const roots = boardRootsOf(kind);
  const touchedBallots = new Set<string>();
  // Notes this update takes off the board: their dots (anyone's) may go with them.
  const deletedNotes = new Set<string>();
  const notesRoot = after.share.get("notes");
  if (notesRoot)
    for (const key of changed.get(notesRoot as Y.AbstractType<unknown>) ?? []) if (key !== null && !mapAt(after, "notes", key)) deletedNotes.add(key);

  for (const [type, keys] of changed) {
    const path = pathOf(after, type);
    if (!path || !roots.has(path[0]!)) return "this part of the board is not yours to change";
    const [root, first, second] = path;

    if (root === "notes" && path.length === 1) {
      for (const key of keys) {
        if (key === null) return "malformed change";
        const was = mapAt(before, "notes", key);
        const now = mapAt(after, "notes", key);
        const replaced = was && now && was !== now;
        if (was && (!now || replaced)) {
          if (!mayDeleteNote(who, noteView(was))) return "you may remove only your own notes";
        }
        if (now && (!was || replaced)) {
          if (!wellFormedNote(now)) return "a note must have the shape of a note";
          if (!mayCreateNote(who, noteView(now))) return "a note you add must be yours (your name, no link)";
        }
        if (!now && hasKey(after, "notes", key)) return "a note must be a map";
      }
      continue;
    }
    if (root === "notes" && path.length === 2) {
      const was = mapAt(before, "notes", first!);
      if (!was) continue; // a note made in this update was checked whole above
      const note = noteView(was);
      const now = mapAt(after, "notes", first!);
      for (const field of keys) {
        if (field === null) return "malformed change";
        if (NOTE_IDENTITY_FIELDS.has(field)) return "a note's author and origin never change";
        if (!NOTE_LAYOUT_FIELDS.has(field) && !NOTE_CONTENT_FIELDS.has(field)) return "unknown note field";
        if (!mayChangeNoteField(who, note, field)) return "you may change only your own notes' text";
        if (now && now.has(field) && !validNoteField(field, now.get(field))) return "a note field must keep its shape";
      }
      continue;
    }
    if (root === "notes" && path.length === 3 && second === "text") {
      const was = mapAt(before, "notes", first!);
      if (!was) continue;
      if (!mayChangeNoteField(who, noteView(was), "text")) return "you may change only your own notes' text";
      const text = mapAt(after, "notes", first!)?.get("text");
      if (text instanceof Y.Text && (text.length > CONTENT_LIMITS.noteText || !plainText(text)))
        return "a note's text must be plain and at most 500 characters";
      continue;
    }
    if (root === "clusters" && path.length <= 3) {
      if (!mayChangeClusters(who)) return "you may not change clusters";
      if (path.length === 1) {
        for (const key of keys) {
          const now = key === null ? null : mapAt(after, "clusters", key);
          if (now && now !== mapAt(before, "clusters", key!) && !wellFormedCluster(now)) return "a cluster must have the shape of a cluster";
        }
      } else if (path.length === 2) {
        const now = mapAt(after, "clusters", first!);
        if (now && !wellFormedCluster(now)) return "a cluster must keep its shape";
      } else if (second !== "name") return "unknown cluster field";
      else {
        const name = mapAt(after, "clusters", first!)?.get("name");
        if (name instanceof Y.Text && (name.length > CONTENT_LIMITS.clusterName || !plainText(name)))
          return "a cluster's name must be plain and at most 120 characters";
      }
      continue;
    }
    if (root === "votes" && path.length === 1) {
      for (const voterId of keys) {
        if (voterId === null) return "malformed change";
        touchedBallots.add(voterId);
        const was = mapAt(before, "votes", voterId);
        const now = mapAt(after, "votes", voterId);
        if (!now && hasKey(after, "votes", voterId)) return "a ballot must be a map";
        if (was && (!now || was !== now) && !mayRemoveDots(who, voterId, voting(before))) return "you may remove only your own dots";
        // A new ballot is one's own (even empty); with dots in it, they are cast while voting is open.
        if (now && was !== now) {
          if (who.kind === "person" && voterId !== who.userId) return "you may place only your own dots";
          if (now.size > 0 && !mayCastDots(who, voterId, voting(before))) return "you may place only your own dots, while voting is open";
        }
      }
      continue;
    }
    if (root === "votes" && path.length === 2) {
      touchedBallots.add(first!);
      for (const noteId of keys) {
        if (noteId === null) return "malformed change";
        const now = mapAt(after, "votes", first!)?.get(noteId);
        const removed = now === undefined;
        // Dots on a note taken off the board in this update go with it.
        if (removed && deletedNotes.has(noteId)) continue;
        const allowed = removed ? mayRemoveDots(who, first!, voting(before)) : mayCastDots(who, first!, voting(before));
        if (!allowed) return "you may place and take back only your own dots, while voting is open";
      }
      continue;
    }
    if (root === "settings" && path.length === 1) {
      for (const key of keys) if (key === null || !mayChangeSetting(who, key)) return "only facilitators may change this part of the board";
      continue;
    }
    return "this part of the board is not yours to change";
  }

  // Every ballot this update touched: whole dots, on notes that are there, within the budget.
  if (touchedBallots.size) {
    const { dotsPerPerson } = voting(after);
    for (const voterId of touchedBallots) {
      const ballot = mapAt(after, "votes", voterId);
      if (!ballot) continue;
      if (!ballotWithinBudget(ballot.values(), dotsPerPerson)) return `at most ${dotsPerPerson} dots each`;
      for (const noteId of ballot.keys()) if (!mapAt(after, "notes", noteId)) return "a dot must be on a note that is there";
    }
  }
  return null;
}

const DRAFT_ROOTS: ReadonlySet<string> = new Set(["notes"]);

/** The parts of a board (or of a draft) a client may write; the gate types them as maps up front. */
export function boardRootsOf(kind: CheckedKind): ReadonlySet<string> {
  return kind === "draft" ? DRAFT_ROOTS : BOARD_ROOTS;
}
