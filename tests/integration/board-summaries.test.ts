// The idea pages read boards from their read model (app/use-cases/read-board-summaries.server.ts):
// a change the app makes itself is in that model by the time the change resolves, a change from a
// browser within a moment, and a board never projected is read from its document.
import * as Y from "yjs";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { makeLocality, makeOrganisation } from "../factories";
import { applyServerChange } from "~/collab/backend.server";
import { addNote, closeVoting, openVoting, placeDot, setBuildsOn } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { readBoardSummaries } from "~/use-cases/read-board-summaries.server";

describe.each(await providers())("board summaries on %s", (provider) => {
  const t = useAppServer(provider, { followUp: true });

  async function newLocality() {
    const org = await makeOrganisation(t.db);
    return makeLocality(t.db, org.id, "Summaries");
  }
  const newBoard = (localityId: string, title: string) => t.db.board.create({ data: { localityId, title, purpose: "ideas" } });

  it("hold a change the app made as soon as it resolves: notes, builds-on, dots and hidden results", async () => {
    const locality = await newLocality();
    const board = await newBoard(locality.id, "Ideas");
    const docName = boardDocName(locality.id, board.id);
    await applyServerChange(docName, (doc) => {
      addNote(doc, { id: "n1", text: "Walking bus", authorId: null, authorName: null });
      addNote(doc, { id: "n2", text: "Walking bus on Fridays", authorId: null, authorName: null });
      setBuildsOn(doc, "n2", "n1");
      openVoting(doc, 3, true);
      placeDot(doc, "voter-1", "n1");
      placeDot(doc, "voter-2", "n1");
    });
    let summary = (await readBoardSummaries(locality.id, [board.id])).get(board.id)!;
    expect([...summary.notes.keys()].sort()).toEqual(["n1", "n2"]);
    expect(summary.notes.get("n2")!.buildsOn).toBe("n1");
    expect(summary.votes.get("n1")).toBe(2);
    expect(summary.settings.voting).toEqual({ open: true, hideResults: true });

    await applyServerChange(docName, (doc) => closeVoting(doc));
    summary = (await readBoardSummaries(locality.id, [board.id])).get(board.id)!;
    expect(summary.settings.voting.open).toBe(false);
    // Read from the model, not the document: the projection rows are what was read.
    expect(await t.db.boardProjection.count({ where: { docName } })).toBe(1);
  });

  it("read a board never projected from its document, and several boards at once", async () => {
    const locality = await newLocality();
    const [a, b] = await Promise.all(["A", "B"].map((title) => newBoard(locality.id, title)));
    // Board A's document written straight into the store, as a seed does: nothing projected.
    const doc = new Y.Doc();
    addNote(doc, { id: "seeded", text: "Seeded note", authorId: null, authorName: null });
    await t.db.collabUpdate.create({ data: { docName: boardDocName(locality.id, a!.id), data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    await applyServerChange(boardDocName(locality.id, b!.id), (d) => addNote(d, { id: "live", text: "Live note", authorId: null, authorName: null }));
    expect(await t.db.boardProjection.count({ where: { docName: boardDocName(locality.id, a!.id) } })).toBe(0);

    const summaries = await readBoardSummaries(locality.id, [a!.id, b!.id]);
    expect([...summaries.get(a!.id)!.notes.keys()]).toEqual(["seeded"]);
    expect([...summaries.get(b!.id)!.notes.keys()]).toEqual(["live"]);
    expect(summaries.get(a!.id)!.settings).toEqual({ voting: { open: false, hideResults: false }, silent: false });
  });
});
