import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { context, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { setProcessDb } from "~/data/db.server";
import { env } from "~/config/env.server";
import { verifyCollabToken } from "~/auth/collab-token.server";
import * as tokenRoute from "~/routes/l.$localityId.collab-token";

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
      outcome(() => tokenRoute.loader({ request: get(`/l/${loc.id}/collab-token?doc=${encodeURIComponent(doc)}`, cookie), params: { localityId: loc.id }, context: context() }));

    const doc = `locality:${loc.id}:board:b1`;
    const memberCookie = await sessionCookie(member.id);
    const direct = await tokenRoute.loader({ request: get(`/l/${loc.id}/collab-token?doc=${doc}`, memberCookie), params: { localityId: loc.id }, context: context() });
    const json = (await direct.json()) as { token: string; access: string; url: string };
    expect(json.access).toBe("read-write");
    expect(json.url).toBe("ws://localhost:3000/collab");
    const verified = await verifyCollabToken(env().SESSION_SECRET, json.token);
    expect(verified).toMatchObject({ ok: true, claims: { userId: member.id, doc, access: "read-write" } });

    const viewerDirect = await tokenRoute.loader({ request: get(`/l/${loc.id}/collab-token?doc=${doc}`, await sessionCookie(viewer.id)), params: { localityId: loc.id }, context: context() });
    expect(((await viewerDirect.json()) as { access: string }).access).toBe("read-only");

    expect((await ask(memberCookie, `locality:${other.id}:board:b1`)).status).toBe(404);
    expect((await ask(memberCookie, "locality:x:sheet:1")).status).toBe(404);
    expect((await ask(memberCookie, "<script>")).status).toBe(404);
  });
});
