import * as Y from "yjs";
import {
  addCluster,
  addNote,
  ballotOf,
  boardSettings,
  clearVotes,
  closeVoting,
  clusterAt,
  dotsLeft,
  getNote,
  listClusters,
  listNotes,
  mergeClusters,
  moveNotes,
  openVoting,
  pauseTimer,
  placeDot,
  placeNoteInCluster,
  readBoard,
  removeCluster,
  removeDot,
  renameCluster,
  resetTimer,
  resultsVisible,
  setHideAuthors,
  setLocked,
  setNoteColour,
  setNoteText,
  splitCluster,
  startTimer,
  timerRemaining,
  timerRunning,
  undoScope,
  voteTotals,
  CLUSTER_SIZE,
  observeBoard,
} from "~/collab/board";
import { CONTENT_LIMITS } from "~/collab/limits";

/** Two replicas wired together like two browsers on one server. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(b, u, "remote"));
  b.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(a, u, "remote"));
  return [a, b] as const;
}

describe("board helpers", () => {
  it("edits note text with minimal changes so concurrent edits both survive", () => {
    const a = new Y.Doc();
    addNote(a, { id: "n1", text: "walk to school", authorId: "u1", authorName: "A" });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setNoteText(a, "n1", "We walk to school");
    setNoteText(b, "n1", "walk to school together");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getNote(a, "n1")!.text).toBe("We walk to school together");
    expect(getNote(b, "n1")!.text).toBe("We walk to school together");
    setNoteText(a, "n1", "y".repeat(CONTENT_LIMITS.noteText + 10));
    expect(getNote(a, "n1")!.text).toHaveLength(CONTENT_LIMITS.noteText);
    setNoteColour(a, "n1", "blue");
    setNoteColour(a, "n1", "nope" as never);
    expect(getNote(a, "n1")!.colour).toBe("blue");
  });

  it("moves a multi-selection in one transaction, and it syncs", () => {
    const [a, b] = pair();
    addNote(a, { id: "n1", text: "1", authorId: null, authorName: null });
    addNote(a, { id: "n2", text: "2", authorId: null, authorName: null });
    let transactions = 0;
    b.on("afterTransaction", () => transactions++);
    moveNotes(a, [
      { id: "n1", x: 10.4, y: 20 },
      { id: "n2", x: 30, y: 40.6 },
      { id: "gone", x: 1, y: 1 },
      { id: "n1", x: NaN, y: 0 },
    ]);
    expect(transactions).toBe(1);
    expect(listNotes(b).map((n) => [n.x, n.y])).toEqual([
      [10, 20],
      [30, 41],
    ]);
  });

  it("places notes in clusters, renames, merges, splits and removes clusters", () => {
    const [a, b] = pair();
    addCluster(a, { id: "c1", name: "Belonging", x: 0, y: 0 });
    addCluster(a, { id: "c2", name: "Travel", x: 1000, y: 0 });
    for (const id of ["n1", "n2", "n3"]) addNote(a, { id, text: id, authorId: null, authorName: null, x: 5000, y: 5000 });
    placeNoteInCluster(b, "n1", "c1");
    placeNoteInCluster(b, "n2", "c1");
    placeNoteInCluster(b, "n3", "c2");
    placeNoteInCluster(b, "n3", "missing");
    const n1 = getNote(a, "n1")!;
    expect(n1.clusterId).toBe("c1");
    expect(clusterAt(a, n1.x + 1, n1.y + 1)).toBe("c1");
    expect(clusterAt(a, CLUSTER_SIZE.width + 100, 10)).toBeNull();
    expect(getNote(a, "n2")!.x).not.toBe(n1.x); // the second note gets its own slot

    renameCluster(a, "c1", "Feeling welcome");
    expect(listClusters(b).find((c) => c.id === "c1")!.name).toBe("Feeling welcome");

    mergeClusters(b, "c2", "c1");
    expect(listClusters(a).map((c) => c.id)).toEqual(["c1"]);
    expect(listNotes(a).every((n) => n.clusterId === "c1")).toBe(true);

    expect(splitCluster(a, { clusterId: "c1", noteIds: ["n3", "nope"], newClusterId: "c3", name: "Travel again" })).toBe("c3");
    expect(splitCluster(a, { clusterId: "c1", noteIds: ["nope"], newClusterId: "c4", name: "x" })).toBeNull();
    expect(getNote(b, "n3")!.clusterId).toBe("c3");
    expect(listClusters(b).map((c) => c.name)).toEqual(["Feeling welcome", "Travel again"]);

    removeCluster(b, "c3");
    expect(getNote(a, "n3")!.clusterId).toBeNull();
    expect(listClusters(a)).toHaveLength(1);
  });

  it("keeps each voter within budget across replicas, removes dots and clears votes", () => {
    const [a, b] = pair();
    addNote(a, { id: "n1", text: "a", authorId: null, authorName: null });
    addNote(a, { id: "n2", text: "b", authorId: null, authorName: null });
    openVoting(a, 2, true);
    expect(resultsVisible(boardSettings(b).voting)).toBe(false);
    expect(placeDot(b, "v1", "n1")).toBe(true);
    expect(placeDot(b, "v1", "n1")).toBe(true);
    expect(placeDot(b, "v1", "n2")).toBe(false);
    expect(dotsLeft(a, "v1")).toBe(0);
    expect(removeDot(a, "v1", "n1")).toBe(true);
    expect(removeDot(a, "v1", "n2")).toBe(false);
    expect(Object.fromEntries(ballotOf(b, "v1"))).toEqual({ n1: 1 });
    expect(dotsLeft(b, "v1")).toBe(1);
    placeDot(a, "v2", "n2");
    expect(Object.fromEntries(voteTotals(b))).toEqual({ n1: 1, n2: 1 });
    closeVoting(b);
    expect(resultsVisible(boardSettings(a).voting)).toBe(true);
    expect(removeDot(a, "v1", "n1")).toBe(false); // closed
    expect(dotsLeft(a, "v1")).toBe(0);
    clearVotes(a);
    expect(voteTotals(b).size).toBe(0);
  });

  it("runs a shared countdown that pauses, resumes and resets", () => {
    const doc = new Y.Doc();
    expect(boardSettings(doc).timer).toBeNull();
    startTimer(doc, { durationMs: 60_000, now: 1_000 });
    let t = boardSettings(doc).timer!;
    expect(timerRemaining(t, 31_000)).toBe(30_000);
    expect(timerRunning(t, 31_000)).toBe(true);
    pauseTimer(doc, 41_000);
    t = boardSettings(doc).timer!;
    expect(t.startedAt).toBeNull();
    expect(timerRemaining(t, 999_999)).toBe(20_000);
    startTimer(doc, { now: 100_000 }); // resume
    t = boardSettings(doc).timer!;
    expect(timerRemaining(t, 110_000)).toBe(10_000);
    expect(timerRemaining(t, 200_000)).toBe(0);
    expect(timerRunning(t, 200_000)).toBe(false);
    resetTimer(doc);
    expect(boardSettings(doc).timer).toEqual({ durationMs: 60_000, startedAt: null, remainingMs: 60_000 });
  });

  it("mirrors lock and hidden authors; reads the whole board at once", () => {
    const [a, b] = pair();
    setLocked(a, true);
    setHideAuthors(a, true);
    expect(boardSettings(b)).toMatchObject({ locked: true, hideAuthors: true });
    addNote(a, { id: "n1", text: "x", authorId: "u", authorName: "U" });
    const snap = readBoard(b);
    expect(snap.notes).toHaveLength(1);
    expect(snap.settings.voting.open).toBe(false);
  });

  it("undoes only the local client's changes", () => {
    const [a, b] = pair();
    const local = Symbol("local");
    const undo = new Y.UndoManager(undoScope(a), { trackedOrigins: new Set([local]) });
    a.transact(() => addNote(a, { id: "mine", text: "mine", authorId: "a", authorName: "A" }), local);
    addNote(b, { id: "theirs", text: "theirs", authorId: "b", authorName: "B" });
    undo.undo();
    expect(listNotes(b).map((n) => n.id)).toEqual(["theirs"]);
    undo.redo();
    expect(
      listNotes(b)
        .map((n) => n.id)
        .sort(),
    ).toEqual(["mine", "theirs"]);
  });

  it("reports each changing transaction once", () => {
    const doc = new Y.Doc();
    const seen: unknown[] = [];
    const stop = observeBoard(doc, (tx) => seen.push(tx.origin));
    doc.transact(() => {
      addNote(doc, { id: "n", text: "x", authorId: null, authorName: null });
      addCluster(doc, { id: "c", name: "c" });
    }, "me");
    stop();
    addNote(doc, { id: "n2", text: "x", authorId: null, authorName: null });
    expect(seen).toEqual(["me"]);
  });
});

describe("board helpers with hostile content", () => {
  it("skip entries of the wrong type instead of crashing", () => {
    const doc = new Y.Doc();
    addNote(doc, { id: "n1", text: "ok", authorId: null, authorName: null });
    doc.getMap("notes").set("junk", "not a map" as never);
    doc.getMap("clusters").set("junk", 42 as never);
    doc.getMap("votes").set("v-junk", "nope" as never);
    const ballot = new Y.Map<unknown>();
    ballot.set("n1", "lots");
    doc.getMap("votes").set("v2", ballot as never);
    expect(listNotes(doc).map((n) => n.id)).toEqual(["n1"]);
    expect(listClusters(doc)).toEqual([]);
    expect(voteTotals(doc).size).toBe(0);
    openVoting(doc, 3, false);
    expect(placeDot(doc, "v-junk", "n1")).toBe(true);
    expect(placeDot(doc, "v2", "n1")).toBe(true);
    addNote(doc, { id: "n2", text: "after", authorId: null, authorName: null });
    expect(readBoard(doc).notes).toHaveLength(2);
  });
});
