// The exchange (issue 21) on SQLite and PostgreSQL, through the real route modules: a locality's
// facilitator shares a prototype's recipe (audited); it is read org-wide, live (an edit reaches it
// at once), never naming the origin's people; quotes travel only where the storyteller's consent
// covers other localities ("other_localities"), redacted, the others counted with their reason;
// withdrawing a story takes its quote out of the exchange; comments (members, not viewers; script
// as text; empty or too long refused with the text kept; removed by their author or an
// organisation facilitator); "try it here" makes one draft per locality (trying twice offers the
// same one) and the origin shows where it has travelled; withdrawing a share hides it (410 "no
// longer shared" to others, whole to its facilitators), refuses comments and tries, and is audited;
// access role by role; a person's exchange comments are in their export and stay, by "a former
// member", after their erasure.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { addMember, makeGroup, makeLocality, makeOrganisation, makeUser } from "../factories";
import { makeChainedPrototype, makePerson, makeTestCycle } from "../factories/prototypes";
import type { Db } from "~/data/db.server";
import type { LocalityAccess } from "~/auth/permissions.server";
import { EXCHANGE_LIMITS } from "~/domain/exchange";
import { withdrawStory } from "~/routes/l.$localityId+/stories+/story-withdrawal.server";
import * as shareRoute from "~/routes/l.$localityId+/exchange-share";
import * as listRoute from "~/routes/orgs+/$orgSlug.exchange._index";
import * as sharePageRoute from "~/routes/orgs+/$orgSlug.exchange.$shareId";
import * as prototypeRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId._index";
import * as insightRoute from "~/routes/l.$localityId+/insights+/$insightId._index";
import * as homeRoute from "~/routes/l.$localityId+/_index";
import * as exportJsonRoute from "~/routes/orgs+/$orgSlug.people.$userId.export[.]json";
import * as personRoute from "~/routes/orgs+/$orgSlug.people.$userId._index";

const SCRIPT = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type PageData = Exclude<Awaited<ReturnType<typeof sharePageRoute.loader>>, Response> extends { data: infer D } ? D : never;
type Full = Extract<PageData, { gone: false }>;

async function auditCount(db: Db, action: string, localityId: string) {
  return db.auditEntry.count({ where: { action, localityId } });
}

describe.each(await providers())("the exchange on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const g = await makeGroup(t.db, { locality: "Origin", facilitator: "Amal", member: "Karen", member2: "Darren", viewer: "Tom", outsider: "Olu" });
    const orgFac = await makeUser(t.db, { name: "Council Facilitator" });
    await t.db.organisationMember.create({ data: { organisationId: g.org.id, userId: orgFac.id, role: "facilitator" } });
    // Elsewhere: Olu facilitates it (makeGroup); Sami is a member there, Vera a viewer.
    const sami = await makeUser(t.db, { name: "Sami Haddad" });
    const vera = await makeUser(t.db, { name: "Vera Viewer" });
    await addMember(t.db, g.other.id, sami.id, "member");
    await addMember(t.db, g.other.id, vera.id, "viewer");
    const stranger = await makeUser(t.db, { name: "Stranger" });
    const farOrg = await makeOrganisation(t.db);
    const far = await makeLocality(t.db, farOrg.id, "Far away");
    await addMember(t.db, far.id, stranger.id, "facilitator");

    // The prototype, with three stories behind its insight: consent to other localities, to quotes, to the core group only.
    const chain = await makeChainedPrototype(t.db, {
      localityId: g.loc.id,
      actorId: g.facilitator.id,
      stories: [
        {
          title: "Story A",
          pseudonym: "Parent A",
          text: "Amira Khan told me the bus never comes after six.",
          phrase: "Amira Khan told me the bus never comes",
          identifiers: [["Amira Khan", "name"]],
        },
        { title: "Story B", pseudonym: "Parent B", text: "Nobody tells you what is on at the centre.", phrase: "Nobody tells you what is on" },
        { title: "Story C", pseudonym: "Parent C", text: "I had nobody to ask at the school gate.", phrase: "nobody to ask" },
      ],
      insight: "Parents hear about help only from someone they trust",
      title: "Peer mentors for new parents",
    });
    const [a, b, c] = chain.stories;
    await t.db.storyConsent.update({ where: { storyId: a!.story.id }, data: { scope: "other_localities" } });
    await t.db.storyConsent.update({ where: { storyId: b!.story.id }, data: { scope: "quotes" } });
    await t.db.storyConsent.update({ where: { storyId: c!.story.id }, data: { scope: "core_group" } });
    await t.db.ideaInsight.create({ data: { ideaId: chain.idea.id, insightId: chain.insight.id } });
    const layla = await makePerson(t.db, { localityId: g.loc.id, displayName: "Layla Mansour", sector: "parent" });
    await t.db.prototypePerson.create({ data: { prototypeId: chain.prototype.id, personId: layla.id, role: "use" } });
    await t.db.prototypePartner.create({
      data: { prototypeId: chain.prototype.id, name: "St Paul's Church", role: "support", pledgeKind: "money", pledge: "Tea and biscuits", amount: 2500 },
    });
    await t.db.prototype.update({
      where: { id: chain.prototype.id },
      data: { summary: "Parents who have been there walk with new parents", forWhom: "New parents" },
    });
    const cycle = await makeTestCycle(t.db, {
      prototypeId: chain.prototype.id,
      localityId: g.loc.id,
      number: 1,
      participants: [{ personId: layla.id, role: "use" }],
      counts: [{ label: "parents", count: 12 }],
      decision: { decision: "adapt", reason: "Mornings suit better" },
    });
    await t.db.testCycle.update({ where: { id: cycle.id }, data: { learned: "Mornings work, evenings do not", costPence: 24000, peopleReached: 12 } });

    return {
      ...g,
      orgFac,
      sami,
      vera,
      stranger,
      chain,
      prototypeId: chain.prototype.id,
      insightId: chain.insight.id,
      cookies: {
        ...g.cookies,
        orgFac: await sessionCookie(orgFac.id),
        sami: await sessionCookie(sami.id),
        vera: await sessionCookie(vera.id),
        stranger: await sessionCookie(stranger.id),
      },
    };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;

  const share = (g: Setup, cookie: string, fields: Record<string, string>, localityId = g.loc.id) =>
    outcome(() =>
      shareRoute.action({
        request: post(`/l/${localityId}/exchange-share`, { _csrf: csrfToken(), ...fields }, cookie),
        params: { localityId },
        context: context(),
      }),
    );
  const list = async (g: Setup, cookie: string | undefined, query = "") =>
    outcome(() => listRoute.loader({ request: get(`/orgs/${g.org.slug}/exchange${query}`, cookie), params: { orgSlug: g.org.slug }, context: context() }));
  const page = async (g: Setup, cookie: string | undefined, shareId: string) =>
    outcome(() =>
      sharePageRoute.loader({ request: get(`/orgs/${g.org.slug}/exchange/${shareId}`, cookie), params: { orgSlug: g.org.slug, shareId }, context: context() }),
    );
  const act = (g: Setup, cookie: string, shareId: string, fields: Record<string, string>) =>
    outcome(() =>
      sharePageRoute.action({
        request: post(`/orgs/${g.org.slug}/exchange/${shareId}`, { _csrf: csrfToken(), ...fields }, cookie),
        params: { orgSlug: g.org.slug, shareId },
        context: context(),
      }),
    );
  const full = async (g: Setup, cookie: string, shareId: string) => {
    const o = await page(g, cookie, shareId);
    expect(o.status).toBe(200);
    return o.data as Full;
  };

  it("shares a recipe org-wide, live and nameless, with quotes only where consent covers other localities", async () => {
    const g = await setup();
    const shared = await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId, note: `Try mornings ${SCRIPT}` });
    expect(shared.status).toBe(303);
    expect(shared.location).toBe(`/l/${g.loc.id}/prototypes/${g.prototypeId}?exchange=shared#exchange`);
    expect(await auditCount(t.db, "exchange.share", g.loc.id)).toBe(1);
    const row = await t.db.exchangeShare.findFirstOrThrow({ where: { prototypeId: g.prototypeId } });
    expect(row.organisationId).toBe(g.org.id);

    // Sami (a member of Elsewhere) finds it by words, kind and locality.
    const found = (await list(g, g.cookies.sami, "?q=PEER%20mentors")).data as ListData;
    expect(found.items.map((i) => i.id)).toEqual([row.id]);
    expect(found.items[0]!.note).toBe(`Try mornings ${SCRIPT}`);
    expect(((await list(g, g.cookies.sami, "?q=trains")).data as ListData).items).toEqual([]);
    expect(((await list(g, g.cookies.sami, "?kind=insight")).data as ListData).items).toEqual([]);
    expect(((await list(g, g.cookies.sami, `?locality=${g.other.id}`)).data as ListData).items).toEqual([]);
    expect(((await list(g, g.cookies.sami, `?locality=${g.loc.id}&kind=prototype&q=mornings`)).data as ListData).items).toHaveLength(1);

    // The recipe: what it is, who (by sector, never named), partners, cycles, cost; the one quote that may travel, redacted.
    let data = await full(g, g.cookies.sami, row.id);
    expect(data.recipe.kind).toBe("prototype");
    if (data.recipe.kind !== "prototype") throw new Error("prototype recipe expected");
    const p = data.recipe.prototype;
    expect(p.title).toBe("Peer mentors for new parents");
    expect(p.involved).toEqual([{ role: "use", sector: "parent", count: 1 }]);
    expect(p.partners).toEqual([{ name: "St Paul's Church", role: "support", pledgeKind: "money", pledge: "Tea and biscuits", amount: 2500 }]);
    expect(p.cycles.map((c) => [c.number, c.method, c.learned, c.decision, c.decisionReason])).toEqual([
      [1, "role-play", "Mornings work, evenings do not", "adapt", "Mornings suit better"],
    ]);
    expect(p.cost).toEqual({ costPence: 24000, peopleReached: 12, costPerPerson: 2000 });
    expect(p.peopleTookPart).toBe(13);
    expect(JSON.stringify(data)).not.toContain("Layla");
    expect(data.recipe.quotes).toHaveLength(1);
    expect(data.recipe.quotes[0]!.quote).toContain("told me the bus never comes");
    expect(data.recipe.quotes[0]!.quote).not.toContain("Amira");
    expect(JSON.stringify(data)).not.toContain("Amira");
    expect(JSON.stringify(data)).not.toContain("Nobody tells you");
    expect(JSON.stringify(data)).not.toContain("nobody to ask");
    expect(data.recipe.dropped).toEqual({ consent: 2, withdrawn: 0 });
    // Sami cannot open Origin's workspace: no link to it. Origin's member gets one.
    expect(data.origin).toBeNull();
    expect((await full(g, g.cookies.member, row.id)).origin).toBe(`/l/${g.loc.id}/prototypes/${g.prototypeId}`);

    // Live: an edit at home reaches the exchange at once.
    await t.db.prototype.update({ where: { id: g.prototypeId }, data: { title: "Peer mentors, mornings" } });
    data = await full(g, g.cookies.sami, row.id);
    expect(data.recipe.kind === "prototype" && data.recipe.prototype.title).toBe("Peer mentors, mornings");

    // Withdrawing story A takes its quote out of the exchange, said so.
    const access = { locality: { id: g.loc.id }, user: { id: g.facilitator.id } } as Pick<LocalityAccess, "locality" | "user">;
    await withdrawStory(t.db, access, g.chain.stories[0]!.story.id);
    data = await full(g, g.cookies.sami, row.id);
    expect(data.recipe.quotes).toEqual([]);
    expect(data.recipe.dropped).toEqual({ consent: 2, withdrawn: 1 });
    expect(JSON.stringify(data)).not.toContain("bus never comes");

    // The prototype's page shows the share to its facilitator; the locality home links to the exchange.
    const proto = await outcome(() =>
      prototypeRoute.loader({
        request: get(`/l/${g.loc.id}/prototypes/${g.prototypeId}`, g.cookies.facilitator),
        params: { localityId: g.loc.id, prototypeId: g.prototypeId },
        context: context(),
      }),
    );
    const section = (proto.data as { exchange: { state: string; mayShare: boolean; share: { id: string } } }).exchange;
    expect([section.state, section.mayShare, section.share.id]).toEqual(["shared", true, row.id]);
    const home = await outcome(() =>
      homeRoute.loader({ request: get(`/l/${g.other.id}`, g.cookies.vera), params: { localityId: g.other.id }, context: context() }),
    );
    expect((home.data as { exchangePath: string | null }).exchangePath).toBe(`/orgs/${g.org.slug}/exchange`);
  });

  it("shares an insight with its evidence, quotes as consent allows", async () => {
    const g = await setup();
    expect((await share(g, g.cookies.facilitator, { intent: "share", kind: "insight", itemId: g.insightId })).location).toBe(
      `/l/${g.loc.id}/insights/${g.insightId}?exchange=shared#exchange`,
    );
    const row = await t.db.exchangeShare.findFirstOrThrow({ where: { insightId: g.insightId } });
    const data = await full(g, g.cookies.outsider, row.id);
    if (data.recipe.kind !== "insight") throw new Error("insight recipe expected");
    expect(data.recipe.insight.statement).toBe("Parents hear about help only from someone they trust");
    expect(data.recipe.insight.evidence).toMatchObject({ excerpts: 3, stories: 3, withdrawn: 0 });
    expect(data.recipe.insight.questions).toEqual(["How might we help new parents find their way?"]);
    expect(data.recipe.quotes.map((q) => q.pseudonym)).toEqual(["Parent A"]);
    expect(data.recipe.dropped).toEqual({ consent: 2, withdrawn: 0 });
    // The insight's page carries the section.
    const insight = await outcome(() =>
      insightRoute.loader({
        request: get(`/l/${g.loc.id}/insights/${g.insightId}`, g.cookies.viewer),
        params: { localityId: g.loc.id, insightId: g.insightId },
        context: context(),
      }),
    );
    expect((insight.data as { exchange: { state: string; mayShare: boolean } }).exchange).toMatchObject({ state: "shared", mayShare: false });
    // "Try it here" on an insight makes a draft prototype titled by the statement.
    const tried = await act(g, g.cookies.outsider, row.id, { intent: "try", localityId: g.other.id });
    const draftId = /prototypes\/([^?]+)\?exchange=tried/.exec(tried.location ?? "")?.[1];
    const draft = await t.db.prototype.findUniqueOrThrow({ where: { id: draftId } });
    expect([draft.localityId, draft.title, draft.status]).toEqual([g.other.id, "Parents hear about help only from someone they trust", "planned"]);
    expect(draft.summary).toContain("How might we help new parents find their way?");
  });

  it("comments: members of any locality, not viewers; script as text; bad input keeps the text; removal keeps the row", async () => {
    const g = await setup();
    await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId });
    const row = await t.db.exchangeShare.findFirstOrThrow({ where: { prototypeId: g.prototypeId } });

    const added = await act(g, g.cookies.sami, row.id, { intent: "comment", body: `Did it work in Arabic? ${SCRIPT}` });
    expect(added.status).toBe(303);
    expect(added.location).toMatch(new RegExp(`^/orgs/${g.org.slug}/exchange/${row.id}\\?done=comment#comment-`));
    let data = await full(g, g.cookies.member, row.id);
    expect(data.comments.map((c) => [c.author, c.locality, c.body, c.mayRemove])).toEqual([
      ["Sami Haddad", "Elsewhere", `Did it work in Arabic? ${SCRIPT}`, false],
    ]);
    expect(await auditCount(t.db, "exchange.comment", g.loc.id)).toBe(1);

    const empty = await act(g, g.cookies.sami, row.id, { intent: "comment", body: "   " });
    expect([empty.status, (empty.data as { errors: string[] }).errors]).toEqual([400, ["exchange.errors.commentEmpty"]]);
    const long = "x".repeat(EXCHANGE_LIMITS.comment + 1);
    const tooLong = await act(g, g.cookies.sami, row.id, { intent: "comment", body: long });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data).toMatchObject({ errors: ["exchange.errors.commentLong"], values: { body: long } });
    expect((await act(g, g.cookies.vera, row.id, { intent: "comment", body: "A viewer's word" })).status).toBe(403);
    expect((await act(g, g.cookies.viewer, row.id, { intent: "comment", body: "A viewer's word" })).status).toBe(403);
    expect((await act(g, g.cookies.stranger, row.id, { intent: "comment", body: "Hello" })).status).toBe(404);

    // An organisation facilitator comments as the organisation (no locality).
    await act(g, g.cookies.orgFac, row.id, { intent: "comment", body: "Good to see" });
    data = await full(g, g.cookies.sami, row.id);
    const [samis, councils] = data.comments;
    expect([councils!.author, councils!.locality]).toEqual(["Council Facilitator", null]);
    expect(samis!.mayRemove).toBe(true);
    expect(councils!.mayRemove).toBe(false);
    // Karen (not the author, not an organisation facilitator) may not remove Sami's; Sami may; the council may remove anyone's.
    expect((await act(g, g.cookies.member, row.id, { intent: "remove-comment", commentId: samis!.id })).status).toBe(403);
    expect((await act(g, g.cookies.sami, row.id, { intent: "remove-comment", commentId: samis!.id })).status).toBe(303);
    expect((await act(g, g.cookies.orgFac, row.id, { intent: "remove-comment", commentId: councils!.id })).status).toBe(303);
    const rows = await t.db.exchangeComment.findMany({ where: { shareId: row.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.body, r.removedAt !== null])).toEqual([
      ["", true],
      ["", true],
    ]);
    data = await full(g, g.cookies.sami, row.id);
    expect(data.comments.map((c) => [c.removed, c.body])).toEqual([
      [true, ""],
      [true, ""],
    ]);
    expect(await auditCount(t.db, "exchange.comment.remove", g.loc.id)).toBe(2);
    expect((await act(g, g.cookies.sami, row.id, { intent: "remove-comment", commentId: "nope" })).status).toBe(400);
  });

  it("tries it here once per locality, shows where it travelled, and a withdrawn share is no longer shared", async () => {
    const g = await setup();
    await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId });
    const row = await t.db.exchangeShare.findFirstOrThrow({ where: { prototypeId: g.prototypeId } });

    // Not the origin, not a locality one does not facilitate, not a member.
    expect((await act(g, g.cookies.outsider, row.id, { intent: "try", localityId: g.loc.id })).status).toBe(400);
    expect((await act(g, g.cookies.outsider, row.id, { intent: "try", localityId: "<script>" })).status).toBe(400);
    expect((await act(g, g.cookies.sami, row.id, { intent: "try", localityId: g.other.id })).status).toBe(403);
    expect((await act(g, g.cookies.facilitator, row.id, { intent: "try", localityId: g.other.id })).status).toBe(400);

    const first = await act(g, g.cookies.outsider, row.id, { intent: "try", localityId: g.other.id });
    expect(first.status).toBe(303);
    const draftId = /^\/l\/[^/]+\/prototypes\/([^?]+)\?exchange=tried#exchange$/.exec(first.location ?? "")?.[1];
    expect(first.location).toBe(`/l/${g.other.id}/prototypes/${draftId}?exchange=tried#exchange`);
    const draft = await t.db.prototype.findUniqueOrThrow({ where: { id: draftId } });
    expect([draft.localityId, draft.title, draft.status, draft.forWhom]).toEqual([g.other.id, "Peer mentors for new parents", "planned", "New parents"]);
    expect(draft.summary).toContain("Parents who have been there walk with new parents");
    expect(draft.summary).toContain(`Tried from Origin: /orgs/${g.org.slug}/exchange/${row.id}`);
    expect(await auditCount(t.db, "exchange.try", g.other.id)).toBe(1);

    // Twice: one draft, offered again.
    const again = await act(g, g.cookies.outsider, row.id, { intent: "try", localityId: g.other.id });
    expect(again.location).toBe(`/l/${g.other.id}/prototypes/${draftId}?exchange=again#exchange`);
    expect(await t.db.prototype.count({ where: { localityId: g.other.id } })).toBe(1);
    expect(await t.db.exchangeCopy.count({ where: { shareId: row.id } })).toBe(1);

    // The draft's page says where it came from; the origin's page and the share page where it travelled.
    const draftPage = await outcome(() =>
      prototypeRoute.loader({
        request: get(`/l/${g.other.id}/prototypes/${draftId}`, g.cookies.outsider),
        params: { localityId: g.other.id, prototypeId: draftId },
        context: context(),
      }),
    );
    expect((draftPage.data as { exchange: { from: unknown } }).exchange.from).toEqual({
      locality: "Origin",
      shareId: row.id,
      stillShared: true,
      href: `/orgs/${g.org.slug}/exchange/${row.id}`,
    });
    const origin = await outcome(() =>
      prototypeRoute.loader({
        request: get(`/l/${g.loc.id}/prototypes/${g.prototypeId}`, g.cookies.member),
        params: { localityId: g.loc.id, prototypeId: g.prototypeId },
        context: context(),
      }),
    );
    // Karen (Origin's member) sees that it travelled, without a link into Elsewhere.
    expect((origin.data as { exchange: { travelled: unknown[] } }).exchange.travelled).toEqual([
      expect.objectContaining({ locality: "Elsewhere", title: "Peer mentors for new parents", status: "planned", href: null }),
    ]);
    expect((await full(g, g.cookies.sami, row.id)).travelled).toEqual([expect.objectContaining({ href: `/l/${g.other.id}/prototypes/${draftId}` })]);
    expect((await full(g, g.cookies.sami, row.id)).tryHere).toEqual([]);
    expect((await full(g, g.cookies.orgFac, row.id)).tryHere).toEqual([{ id: g.other.id, name: "Elsewhere", draftId }]);

    // Withdrawn: gone from the list, "no longer shared" to others, whole to its facilitators; no comments or tries; audited.
    const revoked = await share(g, g.cookies.facilitator, { intent: "revoke", kind: "prototype", itemId: g.prototypeId });
    expect(revoked.location).toBe(`/l/${g.loc.id}/prototypes/${g.prototypeId}?exchange=revoked#exchange`);
    expect(await auditCount(t.db, "exchange.revoke", g.loc.id)).toBe(1);
    expect(((await list(g, g.cookies.sami)).data as ListData).items).toEqual([]);
    const gone = await page(g, g.cookies.sami, row.id);
    expect(gone.status).toBe(410);
    expect(gone.data).toMatchObject({ gone: true, locality: { name: "Origin" } });
    expect(JSON.stringify(gone.data)).not.toContain("Peer mentors");
    expect((await full(g, g.cookies.facilitator, row.id)).revokedAt).not.toBeNull();
    expect((await full(g, g.cookies.orgFac, row.id)).may).toEqual({ comment: false, try: false });
    const late = await act(g, g.cookies.outsider, row.id, { intent: "try", localityId: g.other.id });
    expect([late.status, (late.data as { errors: string[] }).errors]).toEqual([410, ["exchange.errors.withdrawn"]]);
    const lateComment = await act(g, g.cookies.sami, row.id, { intent: "comment", body: "Still there?" });
    expect(lateComment.status).toBe(410);
    expect(lateComment.data).toMatchObject({ values: { body: "Still there?" } });
    // The draft keeps working and says its origin is no longer shared.
    const stillDraft = await outcome(() =>
      prototypeRoute.loader({
        request: get(`/l/${g.other.id}/prototypes/${draftId}`, g.cookies.outsider),
        params: { localityId: g.other.id, prototypeId: draftId },
        context: context(),
      }),
    );
    expect((stillDraft.data as { exchange: { from: { stillShared: boolean } } }).exchange.from.stillShared).toBe(false);
    // Revoking twice says it was not shared; sharing again brings it back (audited).
    expect((await share(g, g.cookies.facilitator, { intent: "revoke", kind: "prototype", itemId: g.prototypeId })).location).toContain("exchange=notShared");
    expect((await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId, note: "Again" })).location).toContain(
      "exchange=reshared",
    );
    expect(await auditCount(t.db, "exchange.reshare", g.loc.id)).toBe(1);
    expect((await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId, note: "Changed" })).location).toContain(
      "exchange=updated",
    );
    expect(((await list(g, g.cookies.sami)).data as ListData).items.map((i) => i.note)).toEqual(["Changed"]);
  });

  it("lets in the organisation's people only, role by role", async () => {
    const g = await setup();
    await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId });
    const row = await t.db.exchangeShare.findFirstOrThrow({ where: { prototypeId: g.prototypeId } });
    for (const cookie of [g.cookies.facilitator, g.cookies.member, g.cookies.viewer, g.cookies.outsider, g.cookies.sami, g.cookies.vera, g.cookies.orgFac]) {
      expect((await list(g, cookie)).status).toBe(200);
      expect((await page(g, cookie, row.id)).status).toBe(200);
    }
    expect((await list(g, g.cookies.stranger)).status).toBe(404);
    expect((await page(g, g.cookies.stranger, row.id)).status).toBe(404);
    expect((await list(g, undefined)).status).toBe(302);
    // Unknown or malformed ids, another organisation's slug.
    expect((await page(g, g.cookies.sami, "no-such-share")).status).toBe(404);
    expect((await page(g, g.cookies.sami, "../../etc")).status).toBe(404);
    const farSlug = (await t.db.organisation.findFirstOrThrow({ where: { id: { not: g.org.id }, localities: { some: { name: "Far away" } } } })).slug;
    expect(
      (await outcome(() => listRoute.loader({ request: get(`/orgs/${farSlug}/exchange`, g.cookies.sami), params: { orgSlug: farSlug }, context: context() })))
        .status,
    ).toBe(404);

    // Sharing: the locality's facilitators only; another locality's prototype is not found.
    expect((await share(g, g.cookies.member, { intent: "share", kind: "prototype", itemId: g.prototypeId })).status).toBe(403);
    expect((await share(g, g.cookies.viewer, { intent: "share", kind: "prototype", itemId: g.prototypeId })).status).toBe(403);
    expect((await share(g, g.cookies.sami, { intent: "share", kind: "prototype", itemId: g.prototypeId })).status).toBe(404);
    expect((await share(g, g.cookies.outsider, { intent: "share", kind: "prototype", itemId: g.prototypeId }, g.other.id)).status).toBe(404);
    expect((await share(g, g.cookies.facilitator, { intent: "share", kind: "insight", itemId: "missing" })).status).toBe(404);
    const tooLong = await share(g, g.cookies.facilitator, {
      intent: "share",
      kind: "prototype",
      itemId: g.prototypeId,
      note: "n".repeat(EXCHANGE_LIMITS.note + 1),
    });
    expect(tooLong.location).toBe(`/l/${g.loc.id}/prototypes/${g.prototypeId}?exchange=noteLong#exchange`);
    expect((await share(g, g.cookies.facilitator, { intent: "publish", kind: "prototype", itemId: g.prototypeId })).location).toBe(
      `/l/${g.loc.id}/prototypes/${g.prototypeId}?exchange=invalid#exchange`,
    );
    expect((await outcome(() => shareRoute.loader())).status).toBe(404);
  });

  it("puts a person's exchange comments in their export, and keeps them by a former member after erasure", async () => {
    const g = await setup();
    await share(g, g.cookies.facilitator, { intent: "share", kind: "prototype", itemId: g.prototypeId });
    const row = await t.db.exchangeShare.findFirstOrThrow({ where: { prototypeId: g.prototypeId } });
    await act(g, g.cookies.sami, row.id, { intent: "comment", body: "We tried it on Saturdays" });
    const base = `/orgs/${g.org.slug}/people`;
    const response = (await exportJsonRoute.loader({
      request: get(`${base}/${g.sami.id}/export.json`, g.cookies.orgFac),
      params: { orgSlug: g.org.slug, userId: g.sami.id },
      context: context(),
    })) as Response;
    const file = (await response.json()) as { sections: Array<{ key: string; items: Array<Record<string, unknown>> }> };
    expect(file.sections.find((s) => s.key === "exchangeComments")?.items).toEqual([
      expect.objectContaining({ sharedBy: "Origin", share: "Peer mentors for new parents", comment: "We tried it on Saturdays", removed: false }),
    ]);
    const erased = await outcome(() =>
      personRoute.action({
        request: post(`${base}/${g.sami.id}`, { _csrf: csrfToken(), intent: "erase", confirmName: "Sami Haddad" }, g.cookies.orgFac),
        params: { orgSlug: g.org.slug, userId: g.sami.id },
        context: context(),
      }),
    );
    expect(erased.status).toBeLessThan(400);
    const comment = await t.db.exchangeComment.findFirstOrThrow({ where: { shareId: row.id } });
    expect([comment.authorId, comment.body]).toEqual([null, "We tried it on Saturdays"]);
    const data = await full(g, g.cookies.member, row.id);
    expect(data.comments.map((c) => [c.author, c.body])).toEqual([[null, "We tried it on Saturdays"]]);
    expect(JSON.stringify(data)).not.toContain("Sami");
  });
});
