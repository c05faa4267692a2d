import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { context, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { setProcessDb } from "~/data/db.server";
import { env } from "~/config/env.server";
import { verifyCollabToken } from "~/auth/collab-token.server";
import * as tokenRoute from "~/routes/l.$localityId+/collab-token";
import { createBoard, setBoardLocked } from "~/data/boards.server";
import { createSharedDocument } from "~/data/shared-documents.server";

describe.each(await providers())("collab tokens on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
  });
  afterAll(async () => t?.drop());

  it("issue read-write to members, read-only to viewers, nothing for other localities' documents", async () => {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id);
    const other = await makeLocality(t.db, org.id);
    const [member, viewer] = await Promise.all([makeUser(t.db), makeUser(t.db)]);
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    const ask = async (cookie: string, doc: string) =>
      outcome(() =>
        tokenRoute.loader({
          request: get(`/l/${loc.id}/collab-token?doc=${encodeURIComponent(doc)}`, cookie),
          params: { localityId: loc.id },
          context: context(),
        }),
      );

    const board = await createBoard(t.db, { localityId: loc.id, actorId: member.id, title: "Hopes and fears", purpose: "exercise" });
    const doc = `locality:${loc.id}:board:${board.id}`;
    const memberCookie = await sessionCookie(member.id);
    const direct = await tokenRoute.loader({
      request: get(`/l/${loc.id}/collab-token?doc=${doc}`, memberCookie),
      params: { localityId: loc.id },
      context: context(),
    });
    const json = (await direct.json()) as { token: string; access: string; url: string };
    expect(json.access).toBe("read-write");
    expect(json.url).toBe("ws://localhost:3000/collab");
    const verified = await verifyCollabToken(env().SESSION_SECRET, json.token);
    expect(verified).toMatchObject({ ok: true, claims: { userId: member.id, doc, access: "read-write" } });

    const viewerDirect = await tokenRoute.loader({
      request: get(`/l/${loc.id}/collab-token?doc=${doc}`, await sessionCookie(viewer.id)),
      params: { localityId: loc.id },
      context: context(),
    });
    expect(((await viewerDirect.json()) as { access: string }).access).toBe("read-only");

    expect((await ask(memberCookie, `locality:${other.id}:board:${board.id}`)).status).toBe(404);
    // Only documents that exist as records get a token.
    expect((await ask(memberCookie, `locality:${loc.id}:board:no-such-board`)).status).toBe(404);
    expect((await ask(memberCookie, `locality:${loc.id}:doc:${board.id}`)).status).toBe(404);
    expect((await ask(memberCookie, "locality:x:sheet:1")).status).toBe(404);
    expect((await ask(memberCookie, "<script>")).status).toBe(404);
  });

  it("a locked board is read-only for members, still read-write for facilitators; documents follow the role", async () => {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id);
    const [facilitator, member, viewer] = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
    await addMember(t.db, loc.id, facilitator.id, "facilitator");
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    const board = await createBoard(t.db, { localityId: loc.id, actorId: facilitator.id, title: "Vote", purpose: "ideas" });
    const doc = await createSharedDocument(t.db, { localityId: loc.id, actorId: member.id, title: "Purpose" });
    const accessOf = async (userId: string, name: string) => {
      const res = await tokenRoute.loader({
        request: get(`/l/${loc.id}/collab-token?doc=${encodeURIComponent(name)}`, await sessionCookie(userId)),
        params: { localityId: loc.id },
        context: context(),
      });
      return ((await res.json()) as { access: string }).access;
    };
    const boardName = `locality:${loc.id}:board:${board.id}`;
    const docName = `locality:${loc.id}:doc:${doc.id}`;
    expect(await accessOf(member.id, boardName)).toBe("read-write");
    expect(await setBoardLocked(t.db, { localityId: loc.id, boardId: board.id, actorId: facilitator.id, locked: true })).toBe(true);
    expect(await accessOf(member.id, boardName)).toBe("read-only");
    expect(await accessOf(facilitator.id, boardName)).toBe("read-write");
    expect(await accessOf(viewer.id, boardName)).toBe("read-only");
    expect(await accessOf(member.id, docName)).toBe("read-write");
    expect(await accessOf(viewer.id, docName)).toBe("read-only");
    await setBoardLocked(t.db, { localityId: loc.id, boardId: board.id, actorId: facilitator.id, locked: false });
    expect(await accessOf(member.id, boardName)).toBe("read-write");
    const audit = await t.db.auditEntry.findMany({ where: { localityId: loc.id, targetId: board.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["board.create", "board.lock", "board.unlock"]);
  });
});
