// Silent brainstorming, "builds on" and notes from the public link, on real Yjs documents.
import * as Y from "yjs";
import {
  addNote,
  boardSettings,
  buildsOnTarget,
  getNote,
  isFromPublicLink,
  listNotes,
  readBoard,
  removeNote,
  setBuildsOn,
  setHideAuthors,
  setSilent,
  undoScope,
} from "~/collab/board";
import { boardCsv, boardSvg } from "~/components/board/export";
import { summariseChanges } from "~/components/board/announce";
import { hiddenPlaceholders, isCovered, isDraft, withDrafts } from "~/components/board/shown";

const headings = { note: "Note", cluster: "Cluster", votes: "Dots", author: "Author", colour: "Colour", created: "Created" };

function board() {
  const doc = new Y.Doc();
  addNote(doc, { id: "amira-1", text: "Walking bus to school", authorId: "amira", authorName: "Amira", colour: "pink", x: 10, y: 20 });
  addNote(doc, { id: "karen-1", text: "Homework club at the library", authorId: "karen", authorName: "Karen", x: 200, y: 20 });
  addNote(doc, { id: "idea-1", text: "A bench by the bus stop", authorId: null, authorName: null, colour: "green", link: { type: "idea", id: "i1" } });
  return doc;
}

/** Copies every update of `a` into `b` and back (two peers on one board). */
function connect(a: Y.Doc, b: Y.Doc) {
  a.on("update", (u: Uint8Array, origin: unknown) => origin !== "peer" && Y.applyUpdate(b, u, "peer"));
  b.on("update", (u: Uint8Array, origin: unknown) => origin !== "peer" && Y.applyUpdate(a, u, "peer"));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), "peer");
}

describe("silent brainstorming", () => {
  it("is off by default, and setSilent turns it on and off", () => {
    const doc = board();
    expect(boardSettings(doc).silent).toBe(false);
    setSilent(doc, true);
    expect(boardSettings(doc).silent).toBe(true);
    setSilent(doc, false);
    expect(boardSettings(doc).silent).toBe(false);
  });

  it("a garbage value in the document reads as off", () => {
    const doc = board();
    doc.getMap("settings").set("silent", "yes");
    expect(boardSettings(doc).silent).toBe(false);
  });

  it("a person's draft notes join the board snapshot, marked, and a revealed note shows once (as the board's)", () => {
    const doc = board();
    const draft = new Y.Doc();
    addNote(draft, { id: "amira-2", text: "Breakfast club", authorId: "amira", authorName: "Amira", x: 400, y: 20 });
    const drafts = listNotes(draft);
    const shown = withDrafts(readBoard(doc), drafts);
    const mine = shown.notes.find((n) => n.id === "amira-2")!;
    expect(isDraft(mine)).toBe(true);
    expect(shown.notes.filter(isDraft)).toHaveLength(1);
    expect(withDrafts(readBoard(doc), drafts).notes.find((n) => n.id === "amira-2")).toBe(mine); // same copy while the note is unchanged
    const empty = readBoard(doc);
    expect(withDrafts(empty, [])).toBe(empty);
    addNote(doc, { id: "amira-2", text: "Breakfast club", authorId: "amira", authorName: "Amira" }); // revealed
    const after = withDrafts(readBoard(doc), listNotes(draft));
    expect(after.notes.filter((n) => n.id === "amira-2")).toHaveLength(1);
    expect(after.notes.some(isDraft)).toBe(false);
  });

  it("others' hidden notes are placeholders holding nothing of the notes, in rows below the board", () => {
    const doc = board();
    const snapshot = readBoard(doc);
    const placeholders = hiddenPlaceholders(14, snapshot);
    expect(placeholders).toHaveLength(14);
    expect(placeholders.every(isCovered)).toBe(true);
    for (const p of placeholders) expect(p).toMatchObject({ text: "", authorId: null, authorName: null, link: null, buildsOn: null });
    const lowest = Math.max(...snapshot.notes.map((n) => n.y));
    expect(Math.min(...placeholders.map((p) => p.y))).toBeGreaterThan(lowest);
    expect(new Set(placeholders.map((p) => `${p.x},${p.y}`)).size).toBe(14);
    expect(hiddenPlaceholders(0, snapshot)).toEqual([]);
  });

  it("exports name placeholders and draft notes for what they are, with no hidden text or author (CSV and SVG)", () => {
    const doc = board();
    setSilent(doc, true);
    const draft = new Y.Doc();
    addNote(draft, { id: "amira-2", text: "Breakfast club", authorId: "amira", authorName: "Amira" });
    const shown = withDrafts(readBoard(doc), listNotes(draft));
    const seen = { ...shown, notes: [...shown.notes, ...hiddenPlaceholders(2, shown)] };
    const csv = boardCsv(
      seen,
      { ...headings, shownTo: "Shown to" },
      {
        anonymous: "anonymous",
        hidden: "A hidden note",
        publicLink: "From the public link",
        draft: "Only you, until the reveal",
        hiddenUntil: "Nobody, until the reveal",
      },
    );
    expect(csv).toContain("Breakfast club");
    expect(csv).toContain("Only you, until the reveal");
    expect(csv.split("\r\n").filter((r) => r.startsWith("A hidden note,"))).toHaveLength(2);
    const { svg } = boardSvg(seen, { title: "Ideas", dir: "ltr", votesLabel: (n) => `Dots: ${n}` });
    expect(svg).toContain("Breakfast club");
  });

  it("announcements name no hidden author and do not call a reveal an edit", () => {
    const doc = board();
    setSilent(doc, true);
    const before = readBoard(doc);
    const after = { ...before, notes: [...before.notes, ...hiddenPlaceholders(1, before)] };
    expect(summariseChanges(before, after, { anonymous: "Someone" })).toEqual([{ key: "hiddenNoteAdded" }]);
    setSilent(doc, false);
    addNote(doc, { id: "karen-2", text: "Secret idea", authorId: "karen", authorName: "Karen" });
    expect(summariseChanges(after, readBoard(doc), { anonymous: "Someone" })).toEqual([{ key: "silentEnded" }]);
  });
});

describe("builds on", () => {
  it("links a note to another, replaces and clears the link", () => {
    const doc = board();
    setBuildsOn(doc, "karen-1", "amira-1");
    expect(getNote(doc, "karen-1")!.buildsOn).toBe("amira-1");
    setBuildsOn(doc, "karen-1", "idea-1");
    expect(getNote(doc, "karen-1")!.buildsOn).toBe("idea-1");
    setBuildsOn(doc, "karen-1", null);
    expect(getNote(doc, "karen-1")!.buildsOn).toBeNull();
  });

  it("refuses a note building on itself, on a note that is not there, and does nothing for a missing note", () => {
    const doc = board();
    setBuildsOn(doc, "karen-1", "karen-1");
    expect(getNote(doc, "karen-1")!.buildsOn).toBeNull();
    setBuildsOn(doc, "karen-1", "no-such-note");
    expect(getNote(doc, "karen-1")!.buildsOn).toBeNull();
    setBuildsOn(doc, "no-such-note", "karen-1");
    expect(getNote(doc, "no-such-note")).toBeNull();
    removeNote(doc, "amira-1");
    setBuildsOn(doc, "karen-1", "amira-1");
    expect(getNote(doc, "karen-1")!.buildsOn).toBeNull();
  });

  it("a link to a note removed later reads as none, and comes back when the removal is undone", () => {
    const doc = board();
    const origin = Symbol("me");
    const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([origin]) });
    setBuildsOn(doc, "karen-1", "amira-1");
    doc.transact(() => removeNote(doc, "amira-1"), origin);
    const karen = getNote(doc, "karen-1")!;
    expect(karen.buildsOn).toBe("amira-1"); // kept in the document
    expect(buildsOnTarget(listNotes(doc), karen)).toBeNull();
    undo.undo();
    expect(buildsOnTarget(listNotes(doc), getNote(doc, "karen-1")!)?.text).toBe("Walking bus to school");
  });

  it("a link made while someone else removes the target, at the same time, ends as a dangling pointer that reads as none", () => {
    const a = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setBuildsOn(a, "karen-1", "amira-1");
    removeNote(b, "amira-1");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(getNote(doc, "amira-1")).toBeNull();
      expect(buildsOnTarget(listNotes(doc), getNote(doc, "karen-1")!)).toBeNull();
    }
  });

  it("allows two notes to build on each other (a cycle): each link is one hop and is shown one hop", () => {
    const doc = board();
    setBuildsOn(doc, "karen-1", "amira-1");
    setBuildsOn(doc, "amira-1", "karen-1");
    const notes = listNotes(doc);
    const byId = new Map(notes.map((n) => [n.id, n]));
    expect(buildsOnTarget(byId, byId.get("karen-1")!)?.id).toBe("amira-1");
    expect(buildsOnTarget(byId, byId.get("amira-1")!)?.id).toBe("karen-1");
  });

  it("reaches the other peer", () => {
    const a = board();
    const b = new Y.Doc();
    connect(a, b);
    setBuildsOn(b, "amira-1", "karen-1");
    expect(getNote(a, "amira-1")!.buildsOn).toBe("karen-1");
  });

  it("ignores a garbage value in the document", () => {
    const doc = board();
    (doc.getMap("notes").get("karen-1") as Y.Map<unknown>).set("buildsOn", 42);
    expect(getNote(doc, "karen-1")!.buildsOn).toBeNull();
  });
});

describe("notes from the public link", () => {
  it("are the server's approved ideas: no author and an idea link", () => {
    const notes = new Map(listNotes(board()).map((n) => [n.id, n]));
    expect(isFromPublicLink(notes.get("idea-1")!)).toBe(true);
    expect(isFromPublicLink(notes.get("amira-1")!)).toBe(false);
    expect(isFromPublicLink({ authorId: "amira", link: { type: "idea", id: "i2" } })).toBe(false);
    expect(isFromPublicLink({ authorId: null, link: { type: "excerpt", id: "e1" } })).toBe(false);
    expect(isFromPublicLink({ authorId: null, link: null })).toBe(false);
  });

  it("are named as from the public link in the CSV, even with authors hidden", () => {
    const doc = board();
    setHideAuthors(doc, true);
    const csv = boardCsv(readBoard(doc), headings, { anonymous: "anonymous", publicLink: "From the public link" });
    expect(csv).toContain("A bench by the bus stop,,0,From the public link,green");
    expect(csv).toContain("Walking bus to school,,0,anonymous,pink");
  });

  it("an arrival is announced as an idea from the public link", () => {
    const doc = new Y.Doc();
    const before = readBoard(doc);
    addNote(doc, { id: "idea-2", text: "Swap shop", authorId: null, authorName: null, link: { type: "idea", id: "i2" } });
    expect(summariseChanges(before, readBoard(doc), { anonymous: "Someone" })).toEqual([{ key: "ideaFromLinkAdded" }]);
  });
});
