// Named versions of a shared document, end to end on the server: the routes' loaders and
// actions against a real database (SQLite and PostgreSQL) and an in-process collab server
// with a real y-websocket client editing the document.
import * as Y from "yjs";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { connect, covered, startCollab, token, until, type Client } from "../collab/harness";
import { createStore } from "../../collab-server/persistence/create-store";
import type { CollabStore } from "../../collab-server/persistence/store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { setProcessDb } from "~/data/db.server";
import { registerCollabBackend } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { plainText, type readRichText, richTextFragment } from "~/collab/rich-text";
import { createSharedDocument, listVersions } from "~/data/shared-documents.server";
import * as documentRoute from "~/routes/l.$localityId+/documents+/$documentId";
import * as versionRoute from "~/routes/l.$localityId+/documents+/$documentId.versions.$versionId";

/** Replaces the body with paragraphs, the way the editor stores them. */
function write(doc: Y.Doc, ...paragraphs: string[]) {
  const body = richTextFragment(doc);
  doc.transact(() => {
    body.delete(0, body.length);
    body.insert(
      0,
      paragraphs.map((text) => {
        const p = new Y.XmlElement("paragraph");
        const t = new Y.XmlText();
        t.insert(0, text);
        p.insert(0, [t]);
        return p;
      }),
    );
  });
}

describe.each(await providers())("document versions on %s", (provider) => {
  let t: TestDatabase;
  let store: CollabStore;
  let collab: Awaited<ReturnType<typeof startCollab>>;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
    store = createStore(resolveDatabaseTarget(t.url));
    collab = await startCollab({ store });
    registerCollabBackend(collab.collab);
  });
  afterAll(async () => {
    for (const c of clients) c.provider.destroy();
    await collab?.stop();
    await store?.close();
    await t?.drop();
  });

  async function setup() {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id);
    const [member, viewer, outsider] = await Promise.all([makeUser(t.db, { name: "Karen" }), makeUser(t.db), makeUser(t.db)]);
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    const record = await createSharedDocument(t.db, { localityId: loc.id, actorId: member.id, title: "Purpose" });
    const docName = richTextDocName(loc.id, record.id);
    const cookies = { member: await sessionCookie(member.id), viewer: await sessionCookie(viewer.id), outsider: await sessionCookie(outsider.id) };
    const path = `/l/${loc.id}/documents/${record.id}`;
    const params = { localityId: loc.id, documentId: record.id };
    return { loc, member, record, docName, cookies, path, params };
  }

  const saveVersion = (s: Awaited<ReturnType<typeof setup>>, cookie: string, name: string) =>
    outcome(() =>
      documentRoute.action({ request: post(s.path, { intent: "save-version", name, _csrf: csrfToken() }, cookie), params: s.params, context: context() }),
    );

  it("saves what the server stored, shows it read-only, and restores it for a connected editor as a new change", async () => {
    const s = await setup();
    const editor = connect(collab.url, s.docName, await token(s.docName));
    clients.push(editor);
    await until(() => editor.provider.synced, 5000, "sync");
    write(editor.doc, "Parents feel welcome.", "We meet on Tuesdays.");
    await until(() => covered(editor.doc, editor.durable()), 5000, "durable");

    // The page shows the document and who may do what.
    const page = await outcome(() => documentRoute.loader({ request: get(s.path, s.cookies.viewer), params: s.params, context: context() }));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ document: { title: "Purpose" }, docName: s.docName, canEdit: false, mayVersion: false, versions: [] });

    // A name is required; viewers cannot save; members can.
    const empty = await saveVersion(s, s.cookies.member, "  ");
    expect(empty.status).toBe(400);
    expect((empty.data as { reply: { error: Record<string, string[]> } }).reply.error.name).toEqual(["validation.required"]);
    expect((await saveVersion(s, s.cookies.viewer, "Nope")).status).toBe(403);
    expect((await saveVersion(s, s.cookies.outsider, "Nope")).status).toBe(404);
    const saved = await saveVersion(s, s.cookies.member, "First draft");
    expect(saved).toMatchObject({ status: 200, data: { saved: "First draft" } });
    const [first] = await listVersions(t.db, s.record.id);
    expect(first).toMatchObject({ name: "First draft", createdBy: "Karen" });

    // Viewing: the version's content, decoded to the safe tree, for a viewer too.
    const versionParams = { ...s.params, versionId: first!.id };
    const view = await outcome(() =>
      versionRoute.loader({ request: get(`${s.path}/versions/${first!.id}`, s.cookies.viewer), params: versionParams, context: context() }),
    );
    expect(view.status).toBe(200);
    const viewed = view.data as { blocks: ReturnType<typeof readRichText>; mayRestore: boolean; version: { name: string } };
    expect(viewed.mayRestore).toBe(false);
    expect(viewed.blocks.map((b) => (b.type === "paragraph" ? b.content.map((c) => (c.type === "text" ? c.text : "")).join("") : ""))).toEqual([
      "Parents feel welcome.",
      "We meet on Tuesdays.",
    ]);
    // Another document's id, or a made-up one: 404.
    const other = await createSharedDocument(t.db, { localityId: s.loc.id, actorId: s.member.id, title: "Other" });
    expect(
      (
        await outcome(() =>
          versionRoute.loader({ request: get("/x", s.cookies.member), params: { ...versionParams, documentId: other.id }, context: context() }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await outcome(() => versionRoute.loader({ request: get("/x", s.cookies.member), params: { ...versionParams, versionId: "nope" }, context: context() })))
        .status,
    ).toBe(404);

    // The group keeps writing.
    write(editor.doc, "A later text nobody agreed on.");
    await until(() => covered(editor.doc, editor.durable()), 5000, "durable");
    const clockBefore = Y.decodeStateVector(Y.encodeStateVector(editor.doc));

    // Viewers cannot restore; members can, and the connected editor receives it live.
    const restoreAs = (cookie: string) =>
      outcome(() =>
        versionRoute.action({
          request: post(`${s.path}/versions/${first!.id}`, { intent: "restore-version", _csrf: csrfToken() }, cookie),
          params: versionParams,
          context: context(),
        }),
      );
    expect((await restoreAs(s.cookies.viewer)).status).toBe(403);
    const restored = await restoreAs(s.cookies.member);
    expect(restored.status).toBe(302);
    expect(restored.location).toBe(`${s.path}?restored=${first!.id}`);
    await until(() => plainText(editor.doc) === "Parents feel welcome.\nWe meet on Tuesdays.", 5000, "restored text in the editor");

    // A new change (the history grew; nothing rewound), durably stored.
    const clockAfter = Y.decodeStateVector(Y.encodeStateVector(editor.doc));
    for (const [client, clock] of clockBefore) expect(clockAfter.get(client)).toBeGreaterThanOrEqual(clock);
    expect([...clockAfter.keys()].some((c) => !clockBefore.has(c) || clockAfter.get(c)! > clockBefore.get(c)!)).toBe(true);
    const stored = new Y.Doc();
    const loaded = await store.load(s.docName);
    for (const u of loaded.updates) Y.applyUpdate(stored, u);
    expect(plainText(stored)).toBe("Parents feel welcome.\nWe meet on Tuesdays.");

    // Nothing lost: the text before the restore was saved as its own version.
    const versions = await listVersions(t.db, s.record.id);
    expect(versions.map((v) => v.name)).toEqual(["Before restoring “First draft”", "First draft"]);
    const before = await outcome(() =>
      versionRoute.loader({ request: get("/x", s.cookies.member), params: { ...s.params, versionId: versions[0]!.id }, context: context() }),
    );
    expect(JSON.stringify((before.data as { blocks: unknown }).blocks)).toContain("A later text nobody agreed on.");

    // The audit log has both saves.
    const audit = await t.db.auditEntry.findMany({ where: { localityId: s.loc.id, action: "document.version.save" } });
    expect(audit).toHaveLength(2);

    // The editor can keep typing on top of the restored text.
    const body = richTextFragment(editor.doc);
    const p = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    text.insert(0, "After the restore.");
    p.insert(0, [text]);
    body.insert(body.length, [p]);
    await until(() => covered(editor.doc, editor.durable()), 5000, "durable");
    const again = await saveVersion(s, s.cookies.member, "After");
    expect(again.status).toBe(200);
  });

  it("a restore written in Arabic names the automatic version in Arabic, within the length limit", async () => {
    const s = await setup();
    const editor = connect(collab.url, s.docName, await token(s.docName));
    clients.push(editor);
    await until(() => editor.provider.synced, 5000, "sync");
    write(editor.doc, "نص");
    await until(() => covered(editor.doc, editor.durable()), 5000, "durable");
    const long = "م".repeat(80);
    expect((await saveVersion(s, s.cookies.member, long)).status).toBe(200);
    const [version] = await listVersions(t.db, s.record.id);
    const request = post(`${s.path}/versions/${version!.id}`, { intent: "restore-version", _csrf: csrfToken() }, s.cookies.member);
    request.headers.set("Cookie", `${request.headers.get("Cookie")}; lng=${encodeURIComponent(Buffer.from(JSON.stringify("ar")).toString("base64"))}`);
    request.headers.set("Accept-Language", "ar");
    const res = await outcome(() => versionRoute.action({ request, params: { ...s.params, versionId: version!.id }, context: context() }));
    expect(res.status).toBe(302);
    const [automatic] = await listVersions(t.db, s.record.id);
    expect(automatic!.name.length).toBeLessThanOrEqual(80);
    expect(automatic!.name).toMatch(/^قبل استعادة «م+…»$/);
  });
});
