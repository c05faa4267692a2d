// Silent brainstorming that is silent: while a board is silent each person's notes wait in their
// own draft, which only they can open; a raw y-websocket client on the board (reading everything
// it is sent) never receives another person's note, only how many wait; the facilitator's reveal
// puts every draft's notes on the board at once and erases the drafts.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, post } from "../setup/requests";
import { makeGroup } from "../factories";
import { connect, until, type Client } from "../collab/harness";
import * as tokenRoute from "~/routes/l.$localityId+/collab-token";
import * as boardRoute from "~/routes/l.$localityId+/boards+/$boardId";
import { createBoard } from "~/data/boards.server";
import { addNote, boardSettings, draftCounts, getNote, hiddenDraftNotes, listNotes } from "~/collab/board";
import { boardDocName, draftDocName } from "~/collab/names";
import { readDocumentState, registerCollabBackend, type CollabBackend } from "~/collab/backend.server";
import { createRemoteCollabBackend } from "~/collab/remote-backend.server";
import { docFromState } from "~/collab/rich-text";
import { draftCountKey } from "~/use-cases/count-draft-notes.server";

describe.each(await providers())("silent brainstorming on %s", (provider) => {
  const app = useAppServer(provider, { followUp: true });
  let group: Awaited<ReturnType<typeof makeGroup>>;
  const clients: Client[] = [];
  beforeAll(async () => {
    group = await makeGroup(app.db, { locality: "Sparkbrook", facilitator: "Fatima", member: "Mo", member2: "Mia", viewer: "Vic", outsider: "Otto" });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.provider.destroy();
  });

  const tokenFor = async (cookie: string, doc: string) =>
    outcome(() =>
      tokenRoute.loader({
        request: get(`/l/${group.loc.id}/collab-token?doc=${encodeURIComponent(doc)}`, cookie),
        params: { localityId: group.loc.id },
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
  const facilitate = (boardId: string, intent: "start-silent" | "reveal") =>
    outcome(() =>
      boardRoute.action({
        request: post(`/l/${group.loc.id}/boards/${boardId}`, { _csrf: csrfToken(), intent }, group.cookies.facilitator),
        params: { localityId: group.loc.id, boardId },
        context: context(),
      }),
    );

  it("a note written in silence reaches nobody else until the reveal; then everyone, with its author", async () => {
    const board = await createBoard(app.db, { localityId: group.loc.id, actorId: group.facilitator.id, title: "Hopes and fears", purpose: "exercise" });
    const boardDoc = boardDocName(group.loc.id, board.id);
    const moDraft = draftDocName(group.loc.id, board.id, group.member.id);
    const miaDraft = draftDocName(group.loc.id, board.id, group.member2.id);

    // Before silence there are no drafts to open.
    expect((await tokenFor(group.cookies.member, moDraft)).status).toBe(404);
    expect((await facilitate(board.id, "start-silent")).status).toBe(303);
    // Members may not start or reveal it; a member's hand-made client may not turn it off.
    expect(
      (
        await outcome(() =>
          boardRoute.action({
            request: post(`/l/${group.loc.id}/boards/${board.id}`, { _csrf: csrfToken(), intent: "reveal" }, group.cookies.member),
            params: { localityId: group.loc.id, boardId: board.id },
            context: context(),
          }),
        )
      ).status,
    ).toBe(403);

    // Each draft is its owner's alone.
    expect((await tokenFor(group.cookies.member, moDraft)).status).toBe(200);
    expect((await tokenFor(group.cookies.member2, moDraft)).status).toBe(404);
    expect((await tokenFor(group.cookies.facilitator, moDraft)).status).toBe(404);
    expect((await tokenFor(group.cookies.viewer, draftDocName(group.loc.id, board.id, group.viewer.id))).status).toBe(404);

    // Mia reads the board with a client that keeps every byte it is sent.
    const miaBoard = await open(group.cookies.member2, boardDoc);
    const received: Uint8Array[] = [];
    miaBoard.provider.ws?.addEventListener("message", (event: { data: unknown }) => received.push(new Uint8Array(event.data as ArrayBuffer)));
    expect(boardSettings(miaBoard.doc).silent).toBe(true);

    const secret = "A bus to the children's centre on Fridays";
    const mo = await open(group.cookies.member, moDraft);
    addNote(mo.doc, { id: "mo-1", text: secret, authorId: group.member.id, authorName: "Mo" });
    const miaOwn = await open(group.cookies.member2, miaDraft);
    addNote(miaOwn.doc, { id: "mia-1", text: "Mia's own idea", authorId: group.member2.id, authorName: "Mia" });
    // A draft is notes of its owner only: another author is refused there too.
    miaOwn.provider.shouldConnect = false;
    addNote(miaOwn.doc, { id: "mia-forged", text: "as Mo", authorId: group.member.id, authorName: "Mo" });
    await until(() => miaOwn.closes.some((c) => c.code === 4403), 5000, "forged draft note refused");

    // Mia's board shows that one note waits elsewhere (her own is not counted against her), never its words.
    await until(() => hiddenDraftNotes(miaBoard.doc, draftCountKey(board.id, group.member2.id)) === 1, 8000, "count of hidden notes");
    expect([...draftCounts(miaBoard.doc).keys()].every((k) => !k.includes(group.member.id))).toBe(true);
    const everything = Buffer.concat(received.map((b) => Buffer.from(b))).toString("latin1");
    expect(everything).not.toContain("bus to the children");
    expect(JSON.stringify(miaBoard.doc.toJSON())).not.toContain("children's centre");
    const storedBoard = Buffer.from(await readDocumentState(boardDoc)).toString("latin1");
    expect(storedBoard).not.toContain("bus to the children");

    // The reveal: every draft's notes on the board, as their authors wrote them; drafts erased.
    const revealed = await facilitate(board.id, "reveal");
    expect(revealed.status).toBe(303);
    await until(() => getNote(miaBoard.doc, "mo-1")?.text === secret, 5000, "Mo's note reaches Mia");
    expect(getNote(miaBoard.doc, "mo-1")).toMatchObject({ authorId: group.member.id, authorName: "Mo" });
    expect(getNote(miaBoard.doc, "mia-1")?.text).toBe("Mia's own idea");
    // Both wrote their note on the same free spot; the reveal puts one of them beside the other.
    const [moNote, miaNote] = [getNote(miaBoard.doc, "mo-1")!, getNote(miaBoard.doc, "mia-1")!];
    expect(Math.abs(moNote.x - miaNote.x) + Math.abs(moNote.y - miaNote.y)).toBeGreaterThan(50);
    expect(boardSettings(miaBoard.doc).silent).toBe(false);
    expect(draftCounts(miaBoard.doc).size).toBe(0);
    expect(listNotes(docFromState(await readDocumentState(moDraft)))).toEqual([]);
    expect((await tokenFor(group.cookies.member, moDraft)).status).toBe(404);
    const audit = await app.db.auditEntry.findMany({ where: { localityId: group.loc.id, targetId: board.id }, orderBy: { createdAt: "asc" } });
    const actions = audit.map((a) => a.action);
    expect(actions.indexOf("board.silent.start")).toBeGreaterThanOrEqual(0);
    expect(actions.indexOf("board.silent.reveal")).toBeGreaterThan(actions.indexOf("board.silent.start"));
  });

  it("when the collaboration server cannot be reached, locking or starting silence changes nothing and says so (503)", async () => {
    const board = await createBoard(app.db, { localityId: group.loc.id, actorId: group.facilitator.id, title: "Unreachable", purpose: "exercise" });
    const holder = globalThis as unknown as { __coproduceCollabBackend?: CollabBackend };
    const working = holder.__coproduceCollabBackend!;
    // A collab server in another process that is down: nothing listens on port 9.
    registerCollabBackend(createRemoteCollabBackend({ baseUrl: "http://127.0.0.1:9", secret: "x".repeat(32) }));
    try {
      for (const intent of ["lock", "start-silent"] as const) {
        const answer = await outcome(() =>
          boardRoute.action({
            request: post(`/l/${group.loc.id}/boards/${board.id}`, { _csrf: csrfToken(), intent }, group.cookies.facilitator),
            params: { localityId: group.loc.id, boardId: board.id },
            context: context(),
          }),
        );
        expect(answer.status, intent).toBe(503);
        expect(answer.data, intent).toEqual({ error: "board.errors.unreachable" });
      }
    } finally {
      registerCollabBackend(working);
    }
    expect(await app.db.board.findUniqueOrThrow({ where: { id: board.id }, select: { locked: true, silent: true } })).toEqual({ locked: false, silent: false });
    const audit = await app.db.auditEntry.findMany({ where: { targetId: board.id, action: { in: ["board.lock", "board.silent.start"] } } });
    expect(audit).toEqual([]);
    // Back: the lock works, on the record and in the document.
    const locked = await outcome(() =>
      boardRoute.action({
        request: post(`/l/${group.loc.id}/boards/${board.id}`, { _csrf: csrfToken(), intent: "lock" }, group.cookies.facilitator),
        params: { localityId: group.loc.id, boardId: board.id },
        context: context(),
      }),
    );
    expect(locked.status).toBe(303);
    expect((await app.db.board.findUniqueOrThrow({ where: { id: board.id } })).locked).toBe(true);
    expect(boardSettings(docFromState(await readDocumentState(boardDocName(group.loc.id, board.id)))).locked).toBe(true);
  });
});
