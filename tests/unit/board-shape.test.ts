import * as Y from "yjs";
import { addCluster, addNote, listNotes, moveNoteToCluster, placeDot, removeNote, setVoting, voteTotals } from "~/collab/board";
import { decodeDocument, projectBoard, projectDocument } from "~/collab/projection";
import { formatDocumentName, parseDocumentName } from "~/collab/names";
import { CONTENT_LIMITS } from "~/collab/limits";

describe("board document shape", () => {
  it("adds notes in order, clusters them, and projects rows from the stored state", () => {
    const doc = new Y.Doc();
    addNote(doc, { id: "n1", text: "Parents feel judged at the school gate", authorId: "u1", authorName: "Amira", now: 1 });
    addNote(doc, { id: "n2", text: "x".repeat(CONTENT_LIMITS.noteText + 50), authorId: null, authorName: null, now: 2 });
    addCluster(doc, { id: "c1", name: "Belonging" });
    moveNoteToCluster(doc, "n1", "c1");
    expect(listNotes(doc).map((n) => n.id)).toEqual(["n1", "n2"]);
    expect(listNotes(doc)[1]!.text).toHaveLength(CONTENT_LIMITS.noteText);

    const stored = Y.encodeStateAsUpdate(doc);
    const rows = projectBoard(decodeDocument(stored));
    expect(rows.notes[0]).toMatchObject({ noteId: "n1", clusterName: "Belonging", votes: 0, authorName: "Amira", buildsOn: null });
    expect(rows.settings).toEqual({ votingOpen: false, hideResults: false, silent: false });
    expect(projectDocument("locality:l1:doc:d1", doc)).toBeNull();
  });

  it("keeps dot votes within each person's budget and only while voting is open", () => {
    const doc = new Y.Doc();
    addNote(doc, { id: "n1", text: "a", authorId: null, authorName: null });
    addNote(doc, { id: "n2", text: "b", authorId: null, authorName: null });
    expect(placeDot(doc, "v1", "n1")).toBe(false); // closed
    setVoting(doc, { open: true, dotsPerPerson: 2, hideResults: false });
    expect([placeDot(doc, "v1", "n1"), placeDot(doc, "v1", "n2"), placeDot(doc, "v1", "n2")]).toEqual([true, true, false]);
    expect(placeDot(doc, "v2", "missing")).toBe(false);
    removeNote(doc, "n2");
    expect(Object.fromEntries(voteTotals(doc))).toEqual({ n1: 1 });
  });

  it("two replicas converge on concurrent notes", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, { id: "na", text: "from a", authorId: "a", authorName: "A" });
    addNote(b, { id: "nb", text: "from b", authorId: "b", authorName: "B" });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listNotes(a)).toEqual(listNotes(b));
  });
});

describe("document names", () => {
  it("round-trip and reject anything else", () => {
    const name = { localityId: "ck123", kind: "board" as const, documentId: "b1" };
    expect(parseDocumentName(formatDocumentName(name))).toEqual(name);
    for (const bad of [
      "locality:a:sheet:b",
      "locality:a:board",
      "locality:a:board:b:c",
      "localit:a:board:b",
      "locality::board:b",
      "locality:a/b:board:c",
      42,
      null,
    ]) {
      expect(parseDocumentName(bad)).toBeNull();
    }
  });
});
