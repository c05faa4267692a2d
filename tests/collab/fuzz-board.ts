// Board changes for the collab fuzz (tests/collab/fuzz-run.ts): what a member with a read-write
// token may and may not do to a board (the rules: app/collab/board-rules.ts), made on a copy of
// the board as the server sent it, so each forbidden change is aimed at what is really there:
// another member's notes and dots, the settings, the roots.
//
// The board of the fuzz: a facilitator opened voting (VOTING) and left; the good member wrote two
// notes (GOOD_NOTES), put a dot on each and keeps typing into the first. Each fuzz worker is a
// member of its own (`attacker(n)`): its allowed changes (its own notes and dots, moving notes)
// must be accepted, its forbidden ones refused with 4403 — and the good member must never see any
// of them (`boardViolations`).
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { addNote, type VotingSettings } from "../../app/collab/board";
import { BOARD_ROOTS } from "../../app/collab/board-rules";
import type { Rng } from "./fuzz-frames";

export const BOARD_DOC = "locality:fuzz:board:target";
export const FACILITATOR = { userId: "fuzz-facilitator", name: "Fuzz Facilitator" };
export const GOOD_MEMBER = { userId: "good-member", name: "Good Member" };
export const GOOD_NOTES = ["good-note-1", "good-note-2"] as const;
export const VOTING: VotingSettings = { open: true, dotsPerPerson: 3, hideResults: false };
/** The good member's ballot: one dot on each of its notes. */
export const GOOD_BALLOT: Record<string, number> = { [GOOD_NOTES[0]]: 1, [GOOD_NOTES[1]]: 1 };
/** The good member keeps its first note's text under this (the rules allow 500). */
export const GOOD_TEXT_MAX = 400;

export type Member = { userId: string; name: string };
/** Fuzz worker n's identity on the board. */
export const attacker = (n: number): Member => ({ userId: `mallory-${n}`, name: `Mallory ${n}` });
const ATTACKER_ID = /^mallory-(\d+)$/;

/** A change to send: `forbidden` ones must be refused (4403), the others accepted. */
export type BoardMove = { kind: string; forbidden: boolean; update: Uint8Array };

export const FORBIDDEN_KINDS = [
  "edit-other-text",
  "delete-other-note",
  "note-as-other",
  "note-with-other-name",
  "note-with-link",
  "change-author",
  "dots-over-budget",
  "remove-other-dot",
  "dots-for-other",
  "dot-on-missing-note",
  "write-settings",
  "made-up-root",
  "overlap-into-other-note",
] as const;
export const ALLOWED_KINDS = ["add-own-note", "edit-own-text", "move-note", "place-own-dot", "remove-own-dot", "delete-own-note"] as const;

const notesOf = (doc: Y.Doc) => doc.getMap<unknown>("notes");
const votesOf = (doc: Y.Doc) => doc.getMap<unknown>("votes");

function noteMaps(doc: Y.Doc): Array<[string, Y.Map<unknown>]> {
  return [...notesOf(doc).entries()].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);
}
const mine = (doc: Y.Doc, me: Member) => noteMaps(doc).filter(([, n]) => n.get("authorId") === me.userId);
const others = (doc: Y.Doc, me: Member) => noteMaps(doc).filter(([, n]) => n.get("authorId") !== me.userId);
function ballot(doc: Y.Doc, voterId: string): Y.Map<unknown> | null {
  const b = votesOf(doc).get(voterId);
  return b instanceof Y.Map ? b : null;
}
const used = (b: Y.Map<unknown> | null) => (b ? [...b.values()].reduce<number>((n, d) => n + (typeof d === "number" ? d : 0), 0) : 0);

/** The update one change makes (null if it changed nothing). */
function capture(doc: Y.Doc, change: () => void): Uint8Array | null {
  let update: Uint8Array | null = null;
  const onUpdate = (u: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  };
  doc.on("update", onUpdate);
  try {
    doc.transact(change);
  } finally {
    doc.off("update", onUpdate);
  }
  return update;
}

/**
 * A hand-made update: one string item of `client` starting at `clock`, no origins, its parent a
 * type named by the id of its item. Used to overlap another client's last change (see
 * collab-server/protocol/overlap.ts): Yjs puts the new part after that change, in its list.
 */
function overlappingString(client: number, clock: number, parent: Y.ID, text: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 4); // ContentString, no origins, no parentSub
  encoding.writeVarUint(e, 0); // parent by id
  encoding.writeVarUint(e, parent.client);
  encoding.writeVarUint(e, parent.clock);
  encoding.writeVarString(e, text);
  encoding.writeVarUint(e, 0); // no deletions
  return encoding.toUint8Array(e);
}

/**
 * A forbidden change of this kind on `doc` (as the server sent it), or null if the board offers
 * no target for it now. What it takes away or changes is the good member's: another worker may
 * have changed its own notes and dots meanwhile, and changing what is gone changes nothing (the
 * server rightly lets that through).
 */
function forbidden(kind: (typeof FORBIDDEN_KINDS)[number], rng: Rng, doc: Y.Doc, me: Member): Uint8Array | null {
  const other = others(doc, me);
  const goods = other.filter(([id]) => (GOOD_NOTES as readonly string[]).includes(id));
  const target = goods.length ? rng.pick(goods) : null;
  const own = mine(doc, me);
  const anyNote = noteMaps(doc)[0]?.[0] ?? GOOD_NOTES[0];
  const { dotsPerPerson } = VOTING;
  switch (kind) {
    case "edit-other-text": {
      const text = target?.[1].get("text");
      if (!(text instanceof Y.Text)) return null;
      // Deleting only from the second note: the good member deletes from the start of its first.
      if (target![0] === GOOD_NOTES[1] && rng.bool()) return capture(doc, () => text.delete(0, Math.min(text.length, 1 + rng.int(3))));
      return capture(doc, () => text.insert(rng.int(text.length + 1), "pwned"));
    }
    case "delete-other-note":
      return target ? capture(doc, () => notesOf(doc).delete(target[0])) : null;
    case "note-as-other": {
      const from = other.length ? rng.pick(other) : null;
      const who = from ? { id: from[1].get("authorId") as string | null, name: from[1].get("authorName") as string | null } : null;
      const [authorId, authorName] = who?.id ? [who.id, who.name] : [GOOD_MEMBER.userId, GOOD_MEMBER.name];
      return capture(doc, () => addNote(doc, { id: `forged-${rng.int(1e9)}`, text: "not mine", authorId, authorName }));
    }
    case "note-with-other-name":
      return capture(doc, () => addNote(doc, { id: `forged-${rng.int(1e9)}`, text: "my id, their name", authorId: me.userId, authorName: GOOD_MEMBER.name }));
    case "note-with-link":
      return capture(doc, () =>
        addNote(doc, { id: `linked-${rng.int(1e9)}`, text: "linked", authorId: me.userId, authorName: me.name, link: { type: "idea", id: "x" } }),
      );
    case "change-author": {
      const note = own.length && rng.bool() ? rng.pick(own) : target;
      if (!note) return null;
      return capture(doc, () =>
        note[1].set(rng.pick(["authorId", "authorName", "createdAt", "link"]), rng.pick<unknown>([me.userId, GOOD_MEMBER.userId, 1, null])),
      );
    }
    case "dots-over-budget":
      return capture(doc, () => {
        let b = ballot(doc, me.userId);
        if (!b) {
          b = new Y.Map<unknown>();
          votesOf(doc).set(me.userId, b);
        }
        const note = rng.pick([...GOOD_NOTES]);
        const have = used(b) - (typeof b.get(note) === "number" ? (b.get(note) as number) : 0);
        b.set(note, dotsPerPerson + 1 - have + rng.int(3));
      });
    case "remove-other-dot": {
      const b = ballot(doc, GOOD_MEMBER.userId);
      if (!b?.size) return null;
      const key = rng.pick([...b.keys()]);
      return capture(doc, () => (rng.bool() ? b.delete(key) : b.set(key, 0)));
    }
    case "dots-for-other": {
      const voterId = rng.pick([GOOD_MEMBER.userId, attacker(rng.int(4)).userId, "nobody"]);
      if (voterId === me.userId) return null;
      return capture(doc, () => {
        let b = ballot(doc, voterId);
        if (!b) {
          b = new Y.Map<unknown>();
          votesOf(doc).set(voterId, b);
        }
        b.set(anyNote, 1);
      });
    }
    case "dot-on-missing-note":
      if (used(ballot(doc, me.userId)) >= dotsPerPerson) return null;
      return capture(doc, () => {
        let b = ballot(doc, me.userId);
        if (!b) {
          b = new Y.Map<unknown>();
          votesOf(doc).set(me.userId, b);
        }
        b.set(`missing-${rng.int(1e9)}`, 1);
      });
    case "write-settings": {
      const settings = doc.getMap<unknown>("settings");
      return capture(doc, () =>
        rng.pick<() => void>([
          () => settings.set("voting", { ...VOTING, open: false }),
          () => settings.set("voting", { ...VOTING, dotsPerPerson: 99 }),
          () => settings.set("hideAuthors", true),
          () => settings.set("locked", true),
          () => settings.set("silent", true),
          () => settings.set("timer", { durationMs: 60_000, startedAt: 1, remainingMs: 60_000 }),
          () => settings.set("made-up", 1),
          () => settings.delete("voting"),
        ])(),
      );
    }
    case "made-up-root": {
      const name = rng.pick(["evil", "Notes", "notes2", "drafts", "settings2", ""]);
      return capture(doc, () => (rng.bool() ? doc.getMap<unknown>(name).set("x", 1) : doc.getText(name).insert(0, "evil")));
    }
    case "overlap-into-other-note": {
      // Another client's last change is in a note not ours: overlap it with an item that names
      // our own note's text as its parent (which we may change). See collab-server/protocol/overlap.ts.
      const myText = own.map(([, n]) => n.get("text")).find((t): t is Y.Text => t instanceof Y.Text && t._item !== null);
      if (!myText) return null;
      const victims: Array<{ client: number; clock: number }> = [];
      for (const [client, structs] of doc.store.clients) {
        const last = structs[structs.length - 1];
        if (!(last instanceof Y.Item) || last.deleted || !(last.parent instanceof Y.Text)) continue;
        const note = last.parent._item?.parent;
        if (note instanceof Y.Map && note.get("authorId") !== me.userId) victims.push({ client, clock: last.id.clock + last.length - 1 });
      }
      if (!victims.length) return null;
      const v = rng.pick(victims);
      // Long, so that the victim cannot have written past all of it meanwhile (it would then
      // change nothing, and pass).
      return overlappingString(v.client, v.clock, myText._item!.id, `~injected by ${me.userId} ${"~".repeat(200)}`);
    }
  }
}

/** An allowed change of this kind (null if there is nothing to do it on now). */
function allowed(kind: (typeof ALLOWED_KINDS)[number], rng: Rng, doc: Y.Doc, me: Member): Uint8Array | null {
  const own = mine(doc, me);
  const b = ballot(doc, me.userId);
  switch (kind) {
    case "add-own-note":
      if (own.length >= 3) return null;
      return capture(doc, () => addNote(doc, { id: `${me.userId}-${rng.int(1e9)}`, text: `by ${me.name}`, authorId: me.userId, authorName: me.name }));
    case "edit-own-text": {
      const text = own.length ? rng.pick(own)[1].get("text") : null;
      if (!(text instanceof Y.Text)) return null;
      return capture(doc, () => (text.length > 200 ? text.delete(0, 100) : text.insert(rng.int(text.length + 1), rng.pick(["x", "hello ", "ü"]))));
    }
    case "move-note": {
      const notes = noteMaps(doc);
      if (!notes.length) return null;
      const [, note] = rng.pick(notes);
      return capture(doc, () => {
        note.set("x", rng.int(2000) - 1000);
        note.set("y", rng.int(2000) - 1000);
      });
    }
    case "place-own-dot": {
      // Only on notes nobody else deletes: the good member's and our own.
      const targets = [...GOOD_NOTES, ...own.map(([id]) => id)].filter((id) => notesOf(doc).has(id));
      if (used(b) >= VOTING.dotsPerPerson || !targets.length) return null;
      return capture(doc, () => {
        let mineBallot = b;
        if (!mineBallot) {
          mineBallot = new Y.Map<unknown>();
          votesOf(doc).set(me.userId, mineBallot);
        }
        const note = rng.pick(targets);
        mineBallot.set(note, ((mineBallot.get(note) as number | undefined) ?? 0) + 1);
      });
    }
    case "remove-own-dot": {
      if (!b?.size) return null;
      const key = rng.pick([...b.keys()]);
      return capture(doc, () => b.delete(key));
    }
    case "delete-own-note": {
      if (!own.length) return null;
      const [id] = rng.pick(own);
      // Its dots go with it (ours only: nobody else dots our notes).
      return capture(doc, () => {
        notesOf(doc).delete(id);
        b?.delete(id);
      });
    }
  }
}

/** The next change for worker `me` to try on the board as `doc` holds it: forbidden with probability `pForbidden`. */
export function boardMove(rng: Rng, doc: Y.Doc, me: Member, pForbidden: number): BoardMove | null {
  for (let tries = 0; tries < 8; tries++) {
    if (rng.bool(pForbidden)) {
      const kind = rng.pick(FORBIDDEN_KINDS);
      const update = forbidden(kind, rng, doc, me);
      if (update) return { kind, forbidden: true, update };
    } else {
      const kind = rng.pick(ALLOWED_KINDS);
      const update = allowed(kind, rng, doc, me);
      if (update) return { kind, forbidden: false, update };
    }
  }
  return null;
}

/**
 * What a good member must never see on the board: anything a rule forbids. `expectedText` is
 * the good member's first note's text as it wrote it. Returns one line per violation.
 */
export function boardViolations(doc: Y.Doc, expectedText: string): string[] {
  const out: string[] = [];
  const roots = [...doc.share.keys()].filter((k) => !BOARD_ROOTS.has(k));
  if (roots.length) out.push(`roots no member may write: ${JSON.stringify(roots)}`);
  const settings = doc.getMap<unknown>("settings").toJSON();
  if (JSON.stringify(settings) !== JSON.stringify({ voting: VOTING })) out.push(`settings changed: ${JSON.stringify(settings).slice(0, 200)}`);
  const notes = new Map(noteMaps(doc));
  for (const id of GOOD_NOTES) {
    const note = notes.get(id);
    if (!note) {
      out.push(`the good member's note ${id} is gone`);
      continue;
    }
    if (note.get("authorId") !== GOOD_MEMBER.userId || note.get("authorName") !== GOOD_MEMBER.name)
      out.push(`the good member's note ${id} changed author: ${JSON.stringify([note.get("authorId"), note.get("authorName")])}`);
    const text = note.get("text");
    const want = id === GOOD_NOTES[0] ? expectedText : `second note of ${GOOD_MEMBER.name}`;
    if (!(text instanceof Y.Text) || text.toString() !== want)
      out.push(`the good member's note ${id} has text it did not write: ${JSON.stringify(text instanceof Y.Text ? text.toString().slice(-120) : text)}`);
  }
  for (const [id, note] of notes) {
    const authorId = note.get("authorId");
    const authorName = note.get("authorName");
    const attackerNo = typeof authorId === "string" ? ATTACKER_ID.exec(authorId)?.[1] : undefined;
    if (authorId === GOOD_MEMBER.userId && !(GOOD_NOTES as readonly string[]).includes(id))
      out.push(`a note in the good member's name it did not write: ${id}`);
    else if (authorId !== GOOD_MEMBER.userId && attackerNo === undefined) out.push(`a note by nobody on the board: ${id} ${JSON.stringify(authorId)}`);
    else if (attackerNo !== undefined && authorName !== attacker(Number(attackerNo)).name)
      out.push(`a note with another's name: ${id} ${JSON.stringify(authorName)}`);
    if (note.get("link") !== null) out.push(`a note with a link: ${id}`);
    const text = note.get("text");
    if (!(text instanceof Y.Text) || text.length > 500) out.push(`a note whose text is not a text of at most 500 characters: ${id}`);
    else if (attackerNo !== undefined && text.toString().includes("~injected")) out.push(`injected text in ${id}`);
  }
  for (const [voterId, value] of votesOf(doc).entries()) {
    if (!(value instanceof Y.Map)) {
      out.push(`a ballot that is not a map: ${voterId}`);
      continue;
    }
    const dots = value.toJSON() as Record<string, unknown>;
    if (voterId === GOOD_MEMBER.userId) {
      if (JSON.stringify(dots) !== JSON.stringify(GOOD_BALLOT)) out.push(`the good member's dots changed: ${JSON.stringify(dots)}`);
      continue;
    }
    if (!ATTACKER_ID.test(voterId)) out.push(`dots of nobody on the board: ${voterId}`);
    const total = Object.values(dots).reduce<number>((n, d) => n + (typeof d === "number" ? d : Number.NaN), 0);
    if (!(total <= VOTING.dotsPerPerson)) out.push(`more dots than the budget: ${voterId} ${JSON.stringify(dots)}`);
    for (const noteId of Object.keys(dots)) if (!notes.has(noteId)) out.push(`a dot on a note that is not there: ${voterId} → ${noteId}`);
  }
  return out;
}
