// Silent brainstorming, "builds on" and notes from the public link, on real Yjs documents.
import * as Y from "yjs";
import {
  addNote,
  boardSeenBy,
  boardSettings,
  buildsOnTarget,
  getNote,
  isCovered,
  isFromPublicLink,
  listNotes,
  notesSeenBy,
  noteVisibleTo,
  readBoard,
  removeNote,
  setBuildsOn,
  setHideAuthors,
  setSilent,
  undoScope,
} from "~/collab/board";
import { boardCsv, boardSvg } from "~/components/board/export";
import { summariseChanges } from "~/components/board/announce";

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

  it("noteVisibleTo: everything outside silent mode; in it, only one's own notes (server-placed ideas stay covered)", () => {
    const notes = listNotes(board());
    const amira = notes.find((n) => n.id === "amira-1")!;
    const idea = notes.find((n) => n.id === "idea-1")!;
    expect(noteVisibleTo({ silent: false }, amira, "karen")).toBe(true);
    expect(noteVisibleTo({ silent: false }, idea, "karen")).toBe(true);
    expect(noteVisibleTo({ silent: true }, amira, "amira")).toBe(true);
    expect(noteVisibleTo({ silent: true }, amira, "karen")).toBe(false);
    expect(noteVisibleTo({ silent: true }, idea, "karen")).toBe(false);
    expect(noteVisibleTo({ silent: true }, idea, "")).toBe(false);
  });

  it("covers others' notes: same place, size and colour, but no text, author, link or builds-on", () => {
    const doc = board();
    setBuildsOn(doc, "karen-1", "amira-1");
    setSilent(doc, true);
    const seen = boardSeenBy(readBoard(doc), "amira");
    const mine = seen.notes.find((n) => n.id === "amira-1")!;
    const karens = seen.notes.find((n) => n.id === "karen-1")!;
    const idea = seen.notes.find((n) => n.id === "idea-1")!;
    expect(isCovered(mine)).toBe(false);
    expect(mine.text).toBe("Walking bus to school");
    expect(karens).toMatchObject({ covered: true, text: "", authorId: null, authorName: null, link: null, buildsOn: null, x: 200, y: 20, colour: "yellow" });
    expect(idea).toMatchObject({ covered: true, text: "", link: null });
    expect(isFromPublicLink(idea)).toBe(false); // covered: not even where it came from
    expect(JSON.stringify(seen.notes)).not.toContain("Homework");
    expect(JSON.stringify(seen.notes)).not.toContain("Karen");
  });

  it("keeps the identity of unchanged notes (covered or not), and returns the board as is when not silent", () => {
    const doc = board();
    const notes = listNotes(doc);
    const settings = { silent: true };
    const first = notesSeenBy(notes, settings, "amira");
    const second = notesSeenBy(notes, settings, "amira");
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    const snapshot = readBoard(doc);
    expect(boardSeenBy(snapshot, "amira")).toBe(snapshot);
  });

  it("a reveal shows every note again, to everyone, live", () => {
    const a = board();
    const b = new Y.Doc();
    connect(a, b);
    setSilent(a, true);
    expect(
      boardSeenBy(readBoard(b), "karen")
        .notes.filter(isCovered)
        .map((n) => n.id)
        .sort(),
    ).toEqual(["amira-1", "idea-1"]);
    setSilent(b, false);
    expect(boardSeenBy(readBoard(a), "amira").notes.filter(isCovered)).toEqual([]);
    expect(boardSeenBy(readBoard(a), "amira").notes.map((n) => n.text)).toContain("Homework club at the library");
  });

  it("exports show no hidden text or author (CSV and SVG)", () => {
    const doc = board();
    setSilent(doc, true);
    const seen = boardSeenBy(readBoard(doc), "amira");
    const csv = boardCsv(seen, headings, { anonymous: "anonymous", hidden: "A hidden note", publicLink: "From the public link" });
    expect(csv).toContain("Walking bus to school");
    expect(csv).not.toContain("Homework");
    expect(csv).not.toContain("Karen");
    expect(csv).not.toContain("A bench");
    expect(csv.split("\r\n").filter((r) => r.startsWith("A hidden note,"))).toHaveLength(2);
    const { svg } = boardSvg(seen, { title: "Ideas", dir: "ltr", votesLabel: (n) => `Dots: ${n}` });
    expect(svg).toContain("Walking bus");
    expect(svg).not.toContain("Homework");
    expect(svg).not.toContain("bench");
  });

  it("announcements name no hidden author and do not call a reveal an edit", () => {
    const doc = board();
    setSilent(doc, true);
    const before = boardSeenBy(readBoard(doc), "amira");
    addNote(doc, { id: "karen-2", text: "Secret idea", authorId: "karen", authorName: "Karen" });
    const after = boardSeenBy(readBoard(doc), "amira");
    const added = summariseChanges(before, after, { anonymous: "Someone" });
    expect(added).toEqual([{ key: "hiddenNoteAdded" }]);
    setSilent(doc, false);
    const revealed = summariseChanges(after, boardSeenBy(readBoard(doc), "amira"), { anonymous: "Someone" });
    expect(revealed).toEqual([{ key: "silentEnded" }]);
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

  it("reaches the other peer, and a hidden target is covered in what the viewer sees", () => {
    const a = board();
    const b = new Y.Doc();
    connect(a, b);
    setBuildsOn(b, "amira-1", "karen-1");
    expect(getNote(a, "amira-1")!.buildsOn).toBe("karen-1");
    setSilent(a, true);
    const seen = boardSeenBy(readBoard(a), "amira");
    const byId = new Map(seen.notes.map((n) => [n.id, n]));
    const target = buildsOnTarget(byId, byId.get("amira-1")!)!;
    expect(target.covered).toBe(true);
    expect(target.text).toBe("");
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
