// The common purpose, end to end on the server: the purpose page's loader and actions and the
// locality home against a real database (SQLite and PostgreSQL) and an in-process collab
// server. Start the document (with its starter text), save named versions, agree one, endorse,
// agree a newer one (earlier endorsers are asked again and the count restarts), withdraw, and
// what is refused: viewers, outsiders, another locality's version.
import * as Y from "yjs";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { appendRichText, docFromState, plainText, richTextFragment } from "~/collab/rich-text";
import { createSharedDocument, listVersions, saveVersion } from "~/data/shared-documents.server";
import * as purposeRoute from "~/routes/l.$localityId+/_relationships+/purpose";
import * as homeRoute from "~/routes/l.$localityId+/_index";
import * as documentRoute from "~/routes/l.$localityId+/documents+/$documentId";

type PurposeData = Awaited<ReturnType<typeof purposeRoute.loader>>;
type HomeData = Awaited<ReturnType<typeof homeRoute.loader>>;

/** Replaces the body with one paragraph, through the collab API (stored, then broadcast). */
function rewrite(docName: string, text: string) {
  return applyServerChange(docName, (doc) => {
    const body = richTextFragment(doc);
    doc.transact(() => body.delete(0, body.length));
    appendRichText(doc, [
      { type: "heading", level: 2, text: "Our purpose" },
      { type: "paragraph", text },
    ]);
  });
}

describe.each(await providers())("common purpose on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id, "Longbridge test");
    const [facilitator, member, member2, viewer, outsider] = await Promise.all([
      makeUser(t.db, { name: "Amira" }),
      makeUser(t.db, { name: "Karen" }),
      makeUser(t.db, { name: "Darren" }),
      makeUser(t.db, { name: "Tom" }),
      makeUser(t.db, { name: "Outsider" }),
    ]);
    await addMember(t.db, loc.id, facilitator.id, "facilitator");
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, member2.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    const cookies = {
      facilitator: await sessionCookie(facilitator.id),
      member: await sessionCookie(member.id),
      member2: await sessionCookie(member2.id),
      viewer: await sessionCookie(viewer.id),
      outsider: await sessionCookie(outsider.id),
    };
    const path = `/l/${loc.id}/purpose`;
    const params = { localityId: loc.id };
    const page = async (cookie: string) => {
      const res = await outcome(() => purposeRoute.loader({ request: get(path, cookie), params, context: context() }));
      expect(res.status).toBe(200);
      return res.data as PurposeData;
    };
    const act = (cookie: string, fields: Record<string, string>) =>
      outcome(() => purposeRoute.action({ request: post(path, { ...fields, _csrf: csrfToken() }, cookie), params, context: context() }));
    const saveNamed = async (documentId: string, name: string) => {
      const res = await outcome(() =>
        documentRoute.action({
          request: post(`/l/${loc.id}/documents/${documentId}`, { intent: "save-version", name, _csrf: csrfToken() }, cookies.facilitator),
          params: { localityId: loc.id, documentId },
          context: context(),
        }),
      );
      expect(res.status).toBe(200);
      const versions = await listVersions(t.db, documentId);
      return versions.find((v) => v.name === name)!.id;
    };
    return { loc, facilitator, member, member2, cookies, path, params, page, act, saveNamed };
  }

  it("starts the document, agrees a version, collects endorsements, and asks again when a newer version is agreed", async () => {
    const s = await setup();

    // Nothing yet: members and facilitators may start it; viewers read only.
    const empty = await s.page(s.cookies.member);
    expect(empty).toMatchObject({
      document: null,
      agreed: null,
      endorsers: [],
      mine: { state: "nothing-agreed" },
      may: { start: true, endorse: true, agree: false },
    });
    expect((await s.page(s.cookies.viewer)).may).toEqual({ start: false, edit: false, endorse: false, agree: false });
    expect((await s.act(s.cookies.viewer, { intent: "start" })).status).toBe(403);
    expect((await s.act(s.cookies.outsider, { intent: "start" })).status).toBe(404);
    expect((await s.act(s.cookies.member, { intent: "nonsense" })).status).toBe(400);

    // A member starts it: a purpose document with a starter text, written through the collab server.
    const started = await s.act(s.cookies.member, { intent: "start" });
    expect(started.status).toBe(302);
    const documentId = /^\/l\/[^/]+\/documents\/([A-Za-z0-9_-]+)$/.exec(started.location ?? "")?.[1];
    expect(documentId, started.location ?? "").toMatch(/^[A-Za-z0-9_-]+$/);
    const record = await t.db.sharedDocument.findUniqueOrThrow({ where: { id: documentId! } });
    expect(record).toMatchObject({ localityId: s.loc.id, kind: "purpose", title: "Our common purpose" });
    const docName = richTextDocName(s.loc.id, documentId!);
    const starter = plainText(docFromState(await readDocumentState(docName)));
    expect(starter).toContain("Our purpose");
    expect(starter).toContain("How we work together");

    // Starting again opens the same document (one per locality), with no second starter text.
    const again = await s.act(s.cookies.facilitator, { intent: "start" });
    expect(again.location).toBe(started.location);
    expect(await t.db.sharedDocument.count({ where: { localityId: s.loc.id, kind: "purpose" } })).toBe(1);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "purpose.start" } })).toBe(1);
    expect(plainText(docFromState(await readDocumentState(docName)))).toBe(starter);

    // It opens in the shared document editor.
    const editor = await outcome(() =>
      documentRoute.loader({
        request: get(started.location!, s.cookies.member),
        params: { localityId: s.loc.id, documentId: documentId! },
        context: context(),
      }),
    );
    expect(editor.status).toBe(200);
    expect(editor.data).toMatchObject({ docName, canEdit: true });

    // The group writes; a facilitator saves a named version. Not agreed yet.
    await rewrite(docName, "Families with young children know where to turn.");
    const v1 = await s.saveNamed(documentId!, "First agreed text");
    const before = await s.page(s.cookies.facilitator);
    expect(before).toMatchObject({ document: { id: documentId }, agreed: null, may: { agree: true } });
    expect(before.versions.map((v) => v.name)).toEqual(["First agreed text"]);
    expect((await s.act(s.cookies.member, { intent: "endorse", versionId: v1 })).status).toBe(409); // nothing agreed yet

    // Agreeing: facilitators only; a choice is required.
    expect((await s.act(s.cookies.member, { intent: "agree", versionId: v1 })).status).toBe(403);
    const missing = await s.act(s.cookies.facilitator, { intent: "agree", versionId: "" });
    expect(missing.status).toBe(400);
    expect((missing.data as { reply: { error: Record<string, string[]> } }).reply.error.versionId).toEqual(["validation.required"]);
    const agreed = await s.act(s.cookies.facilitator, { intent: "agree", versionId: v1 });
    expect(agreed).toMatchObject({ status: 200, data: { done: "agreed", name: "First agreed text" } });
    expect((await t.db.locality.findUniqueOrThrow({ where: { id: s.loc.id } })).agreedPurposeVersionId).toBe(v1);
    expect(await s.act(s.cookies.facilitator, { intent: "agree", versionId: v1 })).toMatchObject({ status: 200, data: { done: "unchanged" } });
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "purpose.agree" } })).toBe(1);

    // The page shows the agreed text, its name and when and by whom it was agreed.
    const shown = await s.page(s.cookies.viewer);
    expect(shown.agreed).toMatchObject({ versionId: v1, name: "First agreed text", agreedBy: "Amira" });
    expect(shown.agreed!.agreedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(shown.agreed!.blocks)).toContain("Families with young children know where to turn.");

    // Endorsing: members (not viewers); twice counts once.
    expect((await s.act(s.cookies.viewer, { intent: "endorse", versionId: v1 })).status).toBe(403);
    expect((await s.act(s.cookies.member, { intent: "endorse", versionId: "" })).status).toBe(400);
    expect(await s.act(s.cookies.member, { intent: "endorse", versionId: v1 })).toMatchObject({ status: 200, data: { done: "endorsed" } });
    expect((await s.act(s.cookies.member, { intent: "endorse", versionId: v1 })).status).toBe(200);
    expect(await s.act(s.cookies.member2, { intent: "endorse", versionId: v1 })).toMatchObject({ status: 200 });
    const endorsed = await s.page(s.cookies.member);
    expect(endorsed.mine.state).toBe("endorsed");
    expect(endorsed.endorsers.map((e) => e.name)).toEqual(["Karen", "Darren"]);
    expect(endorsed.endorsers[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "purpose.endorse" } })).toBe(2);

    // The home shows the start of the agreed text and the count.
    const home = (await outcome(() => homeRoute.loader({ request: get(`/l/${s.loc.id}`, s.cookies.viewer), params: s.params, context: context() })))
      .data as HomeData;
    expect(home.purpose.agreed).toMatchObject({ name: "First agreed text", text: "Families with young children know where to turn.", truncated: false });
    expect(home.progress).toMatchObject({ endorsements: 2, people: 0, ties: 0 });

    // A newer version is agreed: the count starts again; earlier endorsers are asked again.
    await rewrite(docName, "Families with young children know where to turn, in their own language.");
    const v2 = await s.saveNamed(documentId!, "Second agreed text");
    expect(await s.act(s.cookies.facilitator, { intent: "agree", versionId: v2 })).toMatchObject({ status: 200, data: { done: "agreed" } });
    const changed = await s.page(s.cookies.member);
    expect(changed.mine.state).toBe("changed");
    expect(changed.endorsers).toEqual([]);
    expect(changed.earlier.map((e) => [e.name, e.versionName])).toEqual(
      expect.arrayContaining([
        ["Karen", "First agreed text"],
        ["Darren", "First agreed text"],
      ]),
    );
    expect(await t.db.purposeEndorsement.count({ where: { localityId: s.loc.id } })).toBe(2); // history stays
    const homeAfter = (await outcome(() => homeRoute.loader({ request: get(`/l/${s.loc.id}`, s.cookies.member), params: s.params, context: context() })))
      .data as HomeData;
    expect(homeAfter.progress.endorsements).toBe(0);

    // Endorsing the old version now is refused as stale (the person has not read the new one).
    expect(await s.act(s.cookies.member, { intent: "endorse", versionId: v1 })).toMatchObject({ status: 409, data: { done: "stale" } });
    expect(await s.act(s.cookies.member, { intent: "endorse", versionId: v2 })).toMatchObject({ status: 200, data: { done: "endorsed" } });
    const renewed = await s.page(s.cookies.member);
    expect(renewed.mine.state).toBe("endorsed");
    expect(renewed.endorsers.map((e) => e.name)).toEqual(["Karen"]);
    expect(renewed.earlier.map((e) => e.name)).toEqual(["Darren"]);

    // Withdrawing removes the endorsement of the agreed version only.
    expect((await s.act(s.cookies.viewer, { intent: "withdraw" })).status).toBe(403);
    expect(await s.act(s.cookies.member, { intent: "withdraw" })).toMatchObject({ status: 200, data: { done: "withdrawn" } });
    const withdrawn = await s.page(s.cookies.member);
    expect(withdrawn.mine.state).toBe("changed"); // the endorsement of the first version is history
    expect(withdrawn.endorsers).toEqual([]);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "purpose.withdraw" } })).toBe(1);

    // Outsiders see nothing.
    expect((await outcome(() => purposeRoute.loader({ request: get(s.path, s.cookies.outsider), params: s.params, context: context() }))).status).toBe(404);
  });

  it("a version of another locality's purpose, or of an ordinary document, cannot be agreed", async () => {
    const s = await setup();
    const other = await setup();
    // The other locality's purpose document with a named version.
    const started = await other.act(other.cookies.facilitator, { intent: "start" });
    const otherDocId = /documents\/([A-Za-z0-9_-]+)$/.exec(started.location ?? "")![1]!;
    const foreign = await other.saveNamed(otherDocId, "Theirs");
    // An ordinary shared document of this locality with a version.
    const plain = await createSharedDocument(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, title: "Minutes" });
    const plainVersion = await saveVersion(t.db, {
      localityId: s.loc.id,
      documentId: plain.id,
      actorId: s.facilitator.id,
      name: "Minutes v1",
      state: Y.encodeStateAsUpdate(new Y.Doc()),
    });

    expect((await s.act(s.cookies.facilitator, { intent: "agree", versionId: foreign })).status).toBe(404);
    expect((await s.act(s.cookies.facilitator, { intent: "agree", versionId: plainVersion.id })).status).toBe(404);
    expect((await s.act(s.cookies.facilitator, { intent: "agree", versionId: "no-such-version" })).status).toBe(404);
    expect((await t.db.locality.findUniqueOrThrow({ where: { id: s.loc.id } })).agreedPurposeVersionId).toBeNull();
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "purpose.agree" } })).toBe(0);
    // Nor can someone endorse another locality's agreed version through this locality.
    expect((await other.act(other.cookies.facilitator, { intent: "agree", versionId: foreign })).status).toBe(200);
    expect((await s.act(s.cookies.member, { intent: "endorse", versionId: foreign })).status).toBe(409);
    expect(await t.db.purposeEndorsement.count({ where: { localityId: s.loc.id } })).toBe(0);
    expect((await s.page(s.cookies.member)).agreed).toBeNull();
  });
});

describe.each(await providers())("demo purpose on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("Longbridge's purpose is stored for the collab server, saved as a named version, agreed and endorsed", async () => {
    const { seedDemo } = await import("../../prisma/demo/seed-demo");
    const { DEMO_PURPOSE } = await import("../../prisma/demo/purpose");
    const { hash } = await import("@node-rs/argon2");
    await seedDemo(t.db, (plain) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 }));
    const longbridge = await t.db.locality.findFirstOrThrow({
      where: { slug: "longbridge" },
      include: { agreedPurposeVersion: { include: { document: true } } },
    });
    const version = longbridge.agreedPurposeVersion!;
    expect(version.name).toBe(DEMO_PURPOSE.longbridge!.versionName);
    expect(version.document).toMatchObject({ localityId: longbridge.id, kind: "purpose" });
    // What the collab server loads is the same text as the version.
    const docName = richTextDocName(longbridge.id, version.documentId);
    const rows = await t.db.collabUpdate.findMany({ where: { docName } });
    expect(rows).toHaveLength(1);
    const live = plainText(docFromState(new Uint8Array(rows[0]!.data)));
    expect(live).toBe(plainText(docFromState(new Uint8Array(version.state))));
    expect(live).toContain("Every voice counts the same");
    const endorsers = await t.db.purposeEndorsement.findMany({ where: { versionId: version.id }, include: { user: true } });
    expect(endorsers.map((e) => e.user.email).sort()).toEqual([...DEMO_PURPOSE.longbridge!.endorsedBy].sort());
    expect(await t.db.auditEntry.count({ where: { localityId: longbridge.id, action: "purpose.agree", targetId: version.id } })).toBe(1);
    // Sparkbrook has none yet: its home invites the group to write one.
    const sparkbrook = await t.db.locality.findFirstOrThrow({ where: { slug: "sparkbrook" } });
    expect(sparkbrook.agreedPurposeVersionId).toBeNull();
  });
});
