import * as Y from "yjs";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { addCluster, addNote, moveNoteToCluster, placeDot, setBuildsOn, setSilent, setVoting } from "~/collab/board";
import { refreshProjection } from "~/collab/projector.server";

describe.each(await providers())("board projection on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("rewrites a board's note rows from its state", async () => {
    const doc = new Y.Doc();
    addNote(doc, { id: "n1", text: "Mums' group at the library", authorId: "u1", authorName: "Layla", now: Date.UTC(2026, 10, 1) });
    addNote(doc, { id: "n2", text: "فطور جماعي في المدرسة", authorId: null, authorName: null });
    addCluster(doc, { id: "c1", name: "Places to meet" });
    moveNoteToCluster(doc, "n1", "c1");
    setVoting(doc, { open: true, dotsPerPerson: 3, hideResults: false });
    placeDot(doc, "u2", "n1");
    const name = "locality:loc9:board:b1";
    expect(await refreshProjection(t.db, name, doc)).toBe(2);
    doc.getMap("notes").delete("n2");
    expect(await refreshProjection(t.db, name, doc)).toBe(1);
    const rows = await t.db.boardNoteProjection.findMany({ where: { localityId: "loc9" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ noteId: "n1", clusterName: "Places to meet", votes: 1, authorName: "Layla" });
    expect(await refreshProjection(t.db, "locality:loc9:doc:d1", doc)).toBe(0);
  });

  it("projects what each note builds on and the settings pages read, and rewrites them on change", async () => {
    const doc = new Y.Doc();
    addNote(doc, { id: "a", text: "Walking bus", authorId: null, authorName: null });
    addNote(doc, { id: "b", text: "Walking bus with a lollipop lady", authorId: null, authorName: null });
    setBuildsOn(doc, "b", "a");
    setVoting(doc, { open: true, dotsPerPerson: 2, hideResults: true });
    const name = "locality:loc8:board:b2";
    await refreshProjection(t.db, name, doc);
    const notes = await t.db.boardNoteProjection.findMany({ where: { docName: name }, orderBy: { noteId: "asc" } });
    expect(notes.map((n) => [n.noteId, n.buildsOn])).toEqual([
      ["a", null],
      ["b", "a"],
    ]);
    expect(await t.db.boardProjection.findUnique({ where: { docName: name } })).toMatchObject({
      localityId: "loc8",
      votingOpen: true,
      hideResults: true,
      silent: false,
    });
    setVoting(doc, { open: false, dotsPerPerson: 2, hideResults: true });
    setSilent(doc, true);
    await refreshProjection(t.db, name, doc);
    expect(await t.db.boardProjection.findUnique({ where: { docName: name } })).toMatchObject({ votingOpen: false, hideResults: true, silent: true });
    expect(await t.db.boardProjection.count({ where: { docName: name } })).toBe(1);
  });
});
