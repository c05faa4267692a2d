// Paper ↔ board through the real routes, the real collaboration server and both databases: a
// pasted batch lands whole in one change (or, over a limit, not at all); a blank card typed on a
// phone waits, is placed by a facilitator and arrives in a connected browser's document; a repeat
// of the same form is the same card; a member's card goes straight onto the board as theirs; a
// locked board, a replaced code and an unknown code refuse; a printed card's QR code decodes to
// the link of its note, and the board page says so when that note is gone.
import sharp from "sharp";
import jsQR from "jsqr";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, post } from "../setup/requests";
import { makeGroup } from "../factories";
import { connect, until, type Client } from "../collab/harness";
import * as tokenRoute from "~/routes/l.$localityId+/collab-token";
import * as boardRoute from "~/routes/l.$localityId+/boards+/$boardId";
import * as paperRoute from "~/routes/l.$localityId+/boards+/$boardId_.paper";
import * as cardsRoute from "~/routes/l.$localityId+/boards+/$boardId_.cards";
import * as blankRoute from "~/routes/l.$localityId+/boards+/$boardId_.cards_.blank";
import * as phoneRoute from "~/routes/_phone+/card.$code";
import { createBoard, setBoardLocked } from "~/data/boards.server";
import { addCluster, addNote, getNote, listClusters, listNotes, removeNote } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { docFromState } from "~/collab/rich-text";
import { PAPER_LIMITS } from "~/domain/paper-cards";

describe.each(await providers())("paper cards on %s", (provider) => {
  const app = useAppServer(provider, { followUp: true });
  let group: Awaited<ReturnType<typeof makeGroup>>;
  const clients: Client[] = [];
  beforeAll(async () => {
    group = await makeGroup(app.db, { locality: "Sparkbrook", facilitator: "Fatima", member: "Mo", member2: "Mia", viewer: "Vic", outsider: "Otto" });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.provider.destroy();
  });

  const newBoard = (title = "Hopes and fears") => createBoard(app.db, { localityId: group.loc.id, actorId: group.facilitator.id, title, purpose: "exercise" });
  const notesOf = async (boardId: string) => {
    const doc = docFromState(await readDocumentState(boardDocName(group.loc.id, boardId)));
    try {
      return { notes: listNotes(doc), clusters: listClusters(doc) };
    } finally {
      doc.destroy();
    }
  };
  const paper = (boardId: string, fields: Record<string, string>, cookie = group.cookies.facilitator) =>
    outcome(() =>
      paperRoute.action({
        request: post(`/l/${group.loc.id}/boards/${boardId}/paper`, { _csrf: csrfToken(), ...fields }, cookie),
        params: { localityId: group.loc.id, boardId },
        context: context(),
      }),
    );
  const blankCards = (boardId: string, count: number, cookie = group.cookies.facilitator) =>
    outcome(() =>
      blankRoute.loader({
        request: get(`/l/${group.loc.id}/boards/${boardId}/cards/blank?count=${count}`, cookie),
        params: { localityId: group.loc.id, boardId },
        context: context(),
      }),
    );
  const phoneGet = (code: string, cookie?: string) =>
    outcome(() => phoneRoute.loader({ request: get(`/card/${code}`, cookie), params: { code }, context: context() }));
  const phoneSend = (code: string, fields: Record<string, string>, cookie?: string) =>
    outcome(() =>
      phoneRoute.action({
        request: post(`/card/${code}`, { _csrf: csrfToken(), ...fields }, cookie),
        params: { code },
        context: context({ clientAddress: "10.0.0.7" }),
      }),
    );
  const boardPage = (boardId: string, query = "", cookie = group.cookies.member) =>
    outcome(() =>
      boardRoute.loader({
        request: get(`/l/${group.loc.id}/boards/${boardId}${query}`, cookie),
        params: { localityId: group.loc.id, boardId },
        context: context(),
      }),
    );
  async function open(cookie: string, doc: string): Promise<Client> {
    const res = (await tokenRoute.loader({
      request: get(`/l/${group.loc.id}/collab-token?doc=${encodeURIComponent(doc)}`, cookie),
      params: { localityId: group.loc.id },
      context: context(),
    })) as Response;
    const { token } = (await res.json()) as { token: string };
    const client = connect(app.collabUrl, doc, token);
    clients.push(client);
    await until(() => client.provider.synced, 5000, `synced ${doc}`);
    return client;
  }
  const audit = (action: string) => app.db.auditEntry.findMany({ where: { localityId: group.loc.id, action }, orderBy: { createdAt: "asc" } });

  it("a pasted batch lands whole, in one change, in a new or an existing cluster; a double send adds it once", async () => {
    const board = await newBoard();
    const watcher = await open(group.cookies.member, boardDocName(group.loc.id, board.id));
    const batches: number[] = [];
    watcher.doc.on("update", () => batches.push(listNotes(watcher.doc).length));
    const pasted = "  Safer crossings near the school  \n\n\r\nأماكن للعب بعد المدرسة\n<script>alert(1)</script>\n   \n";
    const sent = await paper(board.id, { intent: "batch", notes: pasted, cluster: "new", clusterName: "Streets", _form: "load-1.r1" });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/l/${group.loc.id}/boards/${board.id}/paper?added=3`);
    // The same form again (a double tap): nothing more.
    expect((await paper(board.id, { intent: "batch", notes: pasted, cluster: "new", clusterName: "Streets", _form: "load-1.r1" })).location).toMatch(
      /added=3$/,
    );

    const { notes, clusters } = await notesOf(board.id);
    expect(clusters.map((c) => c.name)).toEqual(["Streets"]);
    expect(notes.map((n) => n.text)).toEqual(["Safer crossings near the school", "أماكن للعب بعد المدرسة", "<script>alert(1)</script>"]);
    expect(notes.every((n) => n.clusterId === clusters[0]!.id && n.authorId === group.facilitator.id && n.authorName === "Fatima")).toBe(true);
    // The browser received all three in one update: never a board with part of the batch.
    await until(() => listNotes(watcher.doc).length === 3, 5000, "batch reaches the browser");
    expect(batches.filter((n) => n > 0 && n < 3)).toEqual([]);

    // Into the existing cluster.
    const again = await paper(board.id, { intent: "batch", notes: "One more", cluster: clusters[0]!.id, clusterName: "" });
    expect(again.status).toBe(303);
    expect((await notesOf(board.id)).notes.filter((n) => n.clusterId === clusters[0]!.id)).toHaveLength(4);

    // The activity log has the counts, never the text.
    const entries = await audit("board.notes.batch");
    expect(entries.map((e) => JSON.parse(e.detail))).toEqual([{ count: 3 }, { count: 1 }]);
    expect(entries.map((e) => e.detail).join(" ")).not.toContain("crossings");
  });

  it("a batch over a limit is refused whole, with what was typed kept; nothing is added", async () => {
    const board = await newBoard("Limits");
    const tooLongLine = `fine\n${"x".repeat(501)}\nalso fine`;
    const long = await paper(board.id, { intent: "batch", notes: tooLongLine, cluster: "", clusterName: "" });
    expect(long.status).toBe(400);
    expect(long.data).toMatchObject({ ok: false, error: { kind: "tooLong", line: 2 }, values: { notes: tooLongLine } });
    const many = Array.from({ length: PAPER_LIMITS.batchNotes + 1 }, (_, i) => `note ${i}`).join("\n");
    expect((await paper(board.id, { intent: "batch", notes: many, cluster: "", clusterName: "" })).data).toMatchObject({ error: { kind: "tooMany" } });
    expect((await paper(board.id, { intent: "batch", notes: "\n  \n", cluster: "", clusterName: "" })).data).toMatchObject({ error: { kind: "empty" } });
    expect((await paper(board.id, { intent: "batch", notes: "a", cluster: "new", clusterName: " " })).data).toMatchObject({
      error: { kind: "clusterRequired" },
    });
    expect((await paper(board.id, { intent: "batch", notes: "a", cluster: "no-such-cluster", clusterName: "" })).status).toBe(409);
    expect((await notesOf(board.id)).notes).toHaveLength(0);

    // The board's own limit: a board two notes short of it takes two more, not three.
    await applyServerChange(boardDocName(group.loc.id, board.id), (doc) => {
      addCluster(doc, { id: "c1", name: "Full" });
      for (let i = 0; i < PAPER_LIMITS.boardNotes - 2; i++) addNote(doc, { id: `n${i}`, text: `n${i}`, authorId: null, authorName: null });
    });
    const over = await paper(board.id, { intent: "batch", notes: "one\ntwo\nthree", cluster: "new", clusterName: "Late" });
    expect(over.status).toBe(409);
    expect(over.data).toMatchObject({ error: { kind: "boardFull", onBoard: PAPER_LIMITS.boardNotes - 2, adding: 3, max: PAPER_LIMITS.boardNotes } });
    const after = await notesOf(board.id);
    expect(after.notes).toHaveLength(PAPER_LIMITS.boardNotes - 2);
    // Not even the new cluster was made.
    expect(after.clusters.map((c) => c.name)).toEqual(["Full"]);
    expect((await paper(board.id, { intent: "batch", notes: "one\ntwo", cluster: "c1", clusterName: "" })).status).toBe(303);
    expect((await notesOf(board.id)).notes).toHaveLength(PAPER_LIMITS.boardNotes);

    // Only facilitators paste batches; another locality's facilitator does not find the board.
    expect((await paper(board.id, { intent: "batch", notes: "x", cluster: "", clusterName: "" }, group.cookies.member)).status).toBe(403);
    expect((await paper(board.id, { intent: "batch", notes: "x", cluster: "", clusterName: "" }, group.cookies.viewer)).status).toBe(403);
    expect((await paper(board.id, { intent: "batch", notes: "x", cluster: "", clusterName: "" }, group.cookies.outsider)).status).toBe(404);
  });

  it("a blank card from a phone waits, is placed by a facilitator and arrives in a connected browser; a repeat is the same card", async () => {
    const board = await newBoard("Cards");
    // The first print makes the code; printing again keeps it.
    const first = await blankCards(board.id, 16);
    expect(first.status).toBe(200);
    const code = (first.data as { url: string }).url.split("/card/")[1]!;
    expect(code).toMatch(/^[a-z0-9]{8}$/);
    expect(((await blankCards(board.id, 8)).data as { url: string }).url).toContain(code);
    expect((await blankCards(board.id, 8, group.cookies.member)).status).toBe(403);
    expect((await audit("board.cards.blank")).map((e) => JSON.parse(e.detail))).toEqual([{ count: 16 }, { count: 8 }]);

    const page = await phoneGet(code);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ state: "form", writer: null });
    const key = "card-key-0123456789ab";
    const sent = await phoneSend(code, { text: "  A bench by the bus stop  ", submissionKey: key });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/card/${code}?lng=en&sent=1`);
    // The same form again (a retry): the same card, nothing new.
    expect((await phoneSend(code, { text: "A bench by the bus stop", submissionKey: key })).status).toBe(303);
    const cards = await app.db.boardCard.findMany({ where: { boardId: board.id } });
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ status: "pending", text: "A bench by the bus stop", noteId: null });
    expect(cards[0]!.deviceHash).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(cards[0]!.addressHash).not.toContain("10.0.0.7");
    // Nothing is on the board until a facilitator places it.
    expect((await notesOf(board.id)).notes).toHaveLength(0);
    expect((await boardPage(board.id, "", group.cookies.facilitator)).data).toMatchObject({ paper: { pendingCards: 1 } });

    // Bad input: empty, too long, not text — each refused with the text kept.
    expect((await phoneSend(code, { text: "   " })).data).toMatchObject({ outcome: "refused", form: { error: "required" } });
    expect((await phoneSend(code, { text: "y".repeat(501) })).data).toMatchObject({ outcome: "refused", form: { error: "tooLong", text: "y".repeat(501) } });
    expect((await phoneSend(code, { text: "bad\u0000" })).data).toMatchObject({ form: { error: "binary" } });
    // The honeypot: thanked, nothing stored.
    expect((await phoneSend(code, { text: "spam", website: "http://spam.example" })).status).toBe(303);
    expect(await app.db.boardCard.count({ where: { boardId: board.id } })).toBe(1);

    const browser = await open(group.cookies.member, boardDocName(group.loc.id, board.id));
    const placed = await paper(board.id, { intent: "place", card: cards[0]!.id });
    expect(placed.location).toMatch(/\?card=place$/);
    const noteId = `card-${cards[0]!.id}`;
    await until(() => getNote(browser.doc, noteId)?.text === "A bench by the bus stop", 5000, "placed card reaches the browser");
    expect(getNote(browser.doc, noteId)).toMatchObject({ authorId: null, authorName: null });
    expect(await app.db.boardCard.findUnique({ where: { id: cards[0]!.id } })).toMatchObject({ status: "placed", noteId, moderatedById: group.facilitator.id });
    // Deciding it again: "someone already decided", and no second note.
    expect((await paper(board.id, { intent: "reject", card: cards[0]!.id })).location).toMatch(/\?card=already$/);
    expect((await notesOf(board.id)).notes).toHaveLength(1);

    // Another card, rejected: never on the board.
    await phoneSend(code, { text: "Reject me", submissionKey: "card-key-second-0123" });
    const second = await app.db.boardCard.findFirstOrThrow({ where: { boardId: board.id, text: "Reject me" } });
    expect((await paper(board.id, { intent: "reject", card: second.id })).location).toMatch(/\?card=reject$/);
    expect((await app.db.boardCard.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("rejected");
    expect((await notesOf(board.id)).notes.map((n) => n.text)).toEqual(["A bench by the bus stop"]);
    expect((await audit("board.card.place")).length).toBe(1);
    expect((await audit("board.card.reject")).length).toBe(1);

    // A replaced code stops working at once; the new one works.
    expect((await paper(board.id, { intent: "rotate" })).location).toMatch(/\?rotated=1$/);
    expect((await phoneGet(code)).status).toBe(404);
    expect((await phoneSend(code, { text: "late" })).status).toBe(404);
    const rotated = await app.db.board.findUniqueOrThrow({ where: { id: board.id } });
    expect(rotated.cardCode).not.toBe(code);
    expect((await phoneGet(rotated.cardCode!)).status).toBe(200);
    expect((await phoneGet("zzzzzzzz")).status).toBe(404);
    expect((await audit("board.cards.rotate")).length).toBe(1);
  });

  it("a member's card goes straight onto the board as their note; a viewer's waits; a locked board refuses every card", async () => {
    const board = await newBoard("Members");
    const code = ((await blankCards(board.id, 8)).data as { url: string }).url.split("/card/")[1]!;
    expect((await phoneGet(code, group.cookies.member)).data).toMatchObject({ state: "form", writer: "Mo" });
    const key = "member-key-0123456789";
    const sent = await phoneSend(code, { text: "My own card", submissionKey: key }, group.cookies.member);
    expect(sent.status).toBe(303);
    const noteId = sent.location!.split("?note=")[1]!;
    expect(sent.location).toBe(`/l/${group.loc.id}/boards/${board.id}?note=${noteId}`);
    expect((await notesOf(board.id)).notes).toMatchObject([{ id: noteId, text: "My own card", authorId: group.member.id, authorName: "Mo" }]);
    // A repeat goes to the same note; nothing new.
    expect((await phoneSend(code, { text: "My own card", submissionKey: key }, group.cookies.member)).location).toContain(noteId);
    expect((await notesOf(board.id)).notes).toHaveLength(1);
    // The record names nobody (the note's author on the board is where a person's erasure reaches).
    expect(await app.db.boardCard.findFirst({ where: { boardId: board.id } })).toMatchObject({ status: "placed", noteId, moderatedById: null });
    // A viewer (and someone from elsewhere) goes through moderation like anyone.
    expect((await phoneGet(code, group.cookies.viewer)).data).toMatchObject({ writer: null });
    expect((await phoneSend(code, { text: "Viewer's card" }, group.cookies.viewer)).location).toMatch(/sent=1$/);
    expect((await phoneSend(code, { text: "Outsider's card" }, group.cookies.outsider)).location).toMatch(/sent=1$/);
    expect(await app.db.boardCard.count({ where: { boardId: board.id, status: "pending" } })).toBe(2);

    await setBoardLocked(app.db, { localityId: group.loc.id, boardId: board.id, actorId: group.facilitator.id, locked: true });
    const locked = await phoneGet(code);
    expect(locked.status).toBe(410);
    expect(locked.data).toMatchObject({ state: "locked" });
    expect((await phoneSend(code, { text: "While locked" })).status).toBe(410);
    expect((await phoneSend(code, { text: "While locked" }, group.cookies.member)).status).toBe(410);
    expect(await app.db.boardCard.count({ where: { boardId: board.id } })).toBe(3);
    expect((await notesOf(board.id)).notes).toHaveLength(1);

    await app.db.board.update({ where: { id: board.id }, data: { locked: false, archivedAt: new Date() } });
    expect((await phoneGet(code)).data).toMatchObject({ state: "archived" });
    expect((await phoneSend(code, { text: "Archived" })).status).toBe(410);
  });

  it("printed cards carry their notes' text and a QR code of each note's link; a removed note's link says so", async () => {
    const board = await newBoard("Printed");
    await paper(board.id, { intent: "batch", notes: "First note\nثاني ملاحظة\nThird", cluster: "new", clusterName: "Wall" });
    const docName = boardDocName(group.loc.id, board.id);
    // The read model follows the stored change a moment later.
    for (let i = 0; i < 100 && (await app.db.boardNoteProjection.count({ where: { docName } })) < 3; i++) await new Promise((r) => setTimeout(r, 100));
    const printed = await outcome(() =>
      cardsRoute.loader({
        request: get(`/l/${group.loc.id}/boards/${board.id}/cards`, group.cookies.viewer),
        params: { localityId: group.loc.id, boardId: board.id },
        context: context(),
      }),
    );
    expect(printed.status).toBe(200);
    const d = printed.data as { count: number; sheets: { noteId: string; text: string; cluster: string | null; qr: string }[][] };
    expect(d.count).toBe(3);
    const cards = d.sheets.flat();
    expect(cards.map((c) => [c.text, c.cluster])).toEqual([
      ["First note", "Wall"],
      ["ثاني ملاحظة", "Wall"],
      ["Third", "Wall"],
    ]);
    const svg = Buffer.from(cards[1]!.qr.replace(/^data:image\/svg\+xml;base64,/, ""), "base64");
    expect(svg.toString()).not.toContain("style=");
    const { data, info } = await sharp(svg, { density: 300 }).resize(600, 600, { kernel: "nearest" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
    expect(decoded).toBe(`http://localhost:3000/l/${group.loc.id}/boards/${board.id}?note=${cards[1]!.noteId}`);
    expect((await audit("board.cards.print")).map((e) => JSON.parse(e.detail))).toContainEqual({ count: 3 });

    // The link opens the board with that note; once the note is removed, the board says it is gone.
    expect((await boardPage(board.id, `?note=${cards[1]!.noteId}`)).data).toMatchObject({
      paper: { printedNote: { state: "found", id: cards[1]!.noteId, text: "ثاني ملاحظة", cluster: "Wall" } },
    });
    await applyServerChange(docName, (doc) => removeNote(doc, cards[1]!.noteId));
    for (let i = 0; i < 100 && (await app.db.boardNoteProjection.count({ where: { docName } })) > 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await boardPage(board.id, `?note=${cards[1]!.noteId}`)).data).toMatchObject({ paper: { printedNote: { state: "gone" } } });
    expect((await boardPage(board.id, "?note=../../etc")).data).toMatchObject({ paper: { printedNote: { state: "gone" } } });
    expect((await boardPage(board.id)).data).toMatchObject({ paper: { printedNote: null, pendingCards: 0 } });
  });
});
