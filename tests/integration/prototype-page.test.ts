// A prototype's page and the prototypes list on the server (SQLite and PostgreSQL, an in-process
// collab server), through the real route modules: reading and editing role by role (viewers
// read, members edit, facilitators write the public summary, other localities 404, signed out to
// sign-in); the people who would use or deliver it, from this locality's core group only (a
// person of another locality is refused with a message); partners and pledges (money in pence,
// hours); its plan and board made once, also when asked twice at once; the evidence chain both
// ways (a withdrawn story's excerpt never shows; identifiers redacted); a phone contributor's
// receipt following the prototype to tested and decided; Stage 4's figures on the locality home
// and the list's board and table; script stored and returned as text; every change audited.
import crypto from "node:crypto";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { makeChainedPrototype, makePerson, makeTestCycle } from "../factories/prototypes";
import { readDocumentState } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { docFromState, plainText } from "~/collab/rich-text";
import { documentAccess } from "~/collab/document-access.server";
import { receiptHashOf } from "~/routes/_phone+/idea-submission.server";
import type { ReceiptView } from "~/domain/idea-receipt";
import * as pageRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId._index";
import * as listRoute from "~/routes/l.$localityId+/prototypes+/_index";
import * as homeRoute from "~/routes/l.$localityId+/_index";
import * as insightRoute from "~/routes/l.$localityId+/insights+/$insightId._index";
import * as ideaRoute from "~/routes/l.$localityId+/ideas+/$ideaId._index";
import * as documentRoute from "~/routes/l.$localityId+/documents+/$documentId";
import * as receiptRoute from "~/routes/_phone+/r.$token";

type PageData = Awaited<ReturnType<typeof pageRoute.loader>>;
type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type HomeData = Awaited<ReturnType<typeof homeRoute.loader>>;
type InsightData = Awaited<ReturnType<typeof insightRoute.loader>>;
type IdeaData = Awaited<ReturnType<typeof ideaRoute.loader>>;
type Reply = { intent: string; reply: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

const SCRIPT = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

describe.each(await providers())("a prototype's page on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const g = await makeGroup(t.db, {
      locality: "Sparkbrook test",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });
    // The receipt link's secret of the phone idea the prototype came from.
    const secret = crypto.randomBytes(32).toString("base64url");
    const chain = await makeChainedPrototype(t.db, {
      localityId: g.loc.id,
      actorId: g.facilitator.id,
      receiptHash: receiptHashOf(secret),
      stories: [
        {
          title: "Mornings at the gate",
          pseudonym: "Parent A",
          text: "I asked Amira at the gate where the clinic was and nobody knew.",
          phrase: "I asked Amira at the gate where the clinic was",
          identifiers: [["Amira", "name"]],
        },
        { title: "Evenings alone", pseudonym: "Parent B", text: "We moved here in winter and I knew no one at all.", phrase: "I knew no one at all" },
      ],
    });
    const [layla, huda] = [
      await makePerson(t.db, { localityId: g.loc.id, displayName: "Layla Mansour", organisation: "St Paul's" }),
      await makePerson(t.db, { localityId: g.loc.id, displayName: "Huda Ali" }),
    ];
    const stranger = await makePerson(t.db, { localityId: g.other.id, displayName: "Someone Elsewhere" });
    const base = `/l/${g.loc.id}`;
    const path = `${base}/prototypes/${chain.prototype.id}`;
    const params = { localityId: g.loc.id, prototypeId: chain.prototype.id };

    const load = (cookie: string, id = chain.prototype.id) =>
      outcome(() =>
        pageRoute.loader({ request: get(`${base}/prototypes/${id}`, cookie || undefined), params: { ...params, prototypeId: id }, context: context() }),
      );
    const page = async (cookie: string) => (await load(cookie)).data as PageData;
    const act = (cookie: string, fields: Record<string, string>, id = chain.prototype.id) => {
      const body = new URLSearchParams({ ...fields, _csrf: csrfToken() });
      const request = new Request(`http://localhost:3000${base}/prototypes/${id}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      });
      return outcome(() => pageRoute.action({ request, params: { ...params, prototypeId: id }, context: context() }));
    };
    const list = async (cookie: string, query = "") =>
      (await outcome(() => listRoute.loader({ request: get(`${base}/prototypes${query}`, cookie), params, context: context() }))).data as ListData;
    const audits = (action: string) => t.db.auditEntry.count({ where: { localityId: g.loc.id, action, targetId: chain.prototype.id } });
    return { ...g, ...chain, secret, layla, huda, stranger, base, path, params, load, page, act, list, audits };
  }

  it("lets viewers read, members edit, facilitators write the public summary; others are refused", async () => {
    const s = await setup();
    // Who may see it.
    expect((await s.load("")).status).toBe(302);
    expect((await s.load("")).location).toMatch(/^\/sign-in\?redirectTo=/);
    expect((await s.load(s.cookies.outsider)).status).toBe(404);
    for (const who of ["viewer", "member", "facilitator"] as const) expect((await s.load(s.cookies[who])).status, who).toBe(200);
    expect((await s.load(s.cookies.member, "nope")).status).toBe(404);
    expect((await s.load(s.cookies.member, "bad id!")).status).toBe(404);
    const elsewhere = await t.db.prototype.create({ data: { localityId: s.other.id, title: "Elsewhere's" } });
    expect((await s.load(s.cookies.facilitator, elsewhere.id)).status).toBe(404);
    expect((await s.act(s.cookies.facilitator, { intent: "about", title: "Taken" }, elsewhere.id)).status).toBe(404);

    expect((await s.page(s.cookies.viewer)).may).toEqual({ edit: false, decide: false });
    expect((await s.page(s.cookies.viewer)).choices).toEqual([]);
    expect((await s.page(s.cookies.member)).may).toEqual({ edit: true, decide: false });
    expect((await s.page(s.cookies.facilitator)).may).toEqual({ edit: true, decide: true });

    // What it is and who it is for: members edit, viewers cannot, errors beside the fields with the input kept.
    const about = { intent: "about", title: "Peer mentors", summary: "Mothers go with new mothers.", forWhom: "New parents" };
    expect((await s.act(s.cookies.viewer, about)).status).toBe(403);
    expect((await s.act(s.cookies.outsider, about)).status).toBe(404);
    expect((await s.act("", about)).status).toBe(302);
    const bad = await s.act(s.cookies.member, { ...about, title: " ", summary: "s".repeat(2001) });
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).reply.error).toEqual({ title: ["prototypes.errors.title"], summary: ["prototypes.errors.summaryLong"] });
    expect((bad.data as Reply).reply.initialValue).toMatchObject({ forWhom: "New parents" });
    const saved = await s.act(s.cookies.member, about);
    expect(saved).toMatchObject({ status: 303, location: `${s.path}?done=about#about` });
    expect((await s.page(s.cookies.viewer)).prototype).toMatchObject({
      title: "Peer mentors",
      summary: "Mothers go with new mothers.",
      forWhom: "New parents",
    });
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "prototype.update", targetId: s.prototype.id } });
    expect(JSON.parse(entry.detail)).toEqual({ fields: ["title", "summary", "forWhom"] });
    expect(entry.actorId).toBe(s.member.id);

    // Script in every text field is kept as text, exactly.
    expect((await s.act(s.cookies.member, { intent: "about", title: SCRIPT, summary: SCRIPT, forWhom: SCRIPT })).status).toBe(303);
    expect((await s.page(s.cookies.viewer)).prototype).toMatchObject({ title: SCRIPT, summary: SCRIPT, forWhom: SCRIPT });

    // The public summary: facilitators only.
    expect((await s.act(s.cookies.member, { intent: "public-summary", publicSummary: "We learned" })).status).toBe(403);
    expect((await s.act(s.cookies.viewer, { intent: "public-summary", publicSummary: "We learned" })).status).toBe(403);
    const long = await s.act(s.cookies.facilitator, { intent: "public-summary", publicSummary: "p".repeat(2001) });
    expect((long.data as Reply).reply.error).toEqual({ publicSummary: ["prototypes.errors.publicSummaryLong"] });
    expect((await s.act(s.cookies.facilitator, { intent: "public-summary", publicSummary: `Parents came back. ${SCRIPT}` })).status).toBe(303);
    expect((await s.page(s.cookies.viewer)).prototype.publicSummary).toBe(`Parents came back. ${SCRIPT}`);
    expect(await s.audits("prototype.summary")).toBe(1);
    expect((await s.act(s.cookies.member, { intent: "nonsense" })).status).toBe(400);
  });

  it("lists people of this locality's core group as would use or deliver it; another locality's person is refused with a message", async () => {
    const s = await setup();
    const add = (cookie: string, personId: string, role = "use") => s.act(cookie, { intent: "add-person", personId, role });
    expect((await add(s.cookies.viewer, s.layla.id)).status).toBe(403);
    const elsewhere = await add(s.cookies.member, s.stranger.id);
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.data as Reply).reply.error).toEqual({ personId: ["prototypes.errors.personElsewhere"] });
    expect((elsewhere.data as Reply).reply.initialValue).toMatchObject({ personId: s.stranger.id, role: "use" });
    const unknown = await add(s.cookies.member, "nobody-at-all");
    expect((unknown.data as Reply).reply.error).toEqual({ personId: ["prototypes.errors.personElsewhere"] });
    expect(((await add(s.cookies.member, "")).data as Reply).reply.error).toEqual({ personId: ["prototypes.errors.person"] });
    expect(((await add(s.cookies.member, s.layla.id, "support")).data as Reply).reply.error).toEqual({ role: ["prototypes.errors.personRole"] });

    expect(await add(s.cookies.member, s.layla.id, "use")).toMatchObject({ status: 303, location: `${s.path}?done=add-person#people` });
    expect((await add(s.cookies.member, s.layla.id, "deliver")).status).toBe(303); // both roles: two entries
    expect((await add(s.cookies.facilitator, s.huda.id, "deliver")).status).toBe(303);
    const again = await add(s.cookies.member2, s.layla.id, "use");
    expect((again.data as Reply).reply.error).toEqual({ personId: ["prototypes.errors.personAlready"] });
    // Two at once (two browsers): listed once.
    await Promise.all([add(s.cookies.member, s.huda.id, "use"), add(s.cookies.member2, s.huda.id, "use")]);
    expect(await t.db.prototypePerson.count({ where: { prototypeId: s.prototype.id, personId: s.huda.id, role: "use" } })).toBe(1);

    const page = await s.page(s.cookies.member);
    expect(page.people.use.map((p) => p.name)).toEqual(["Layla Mansour", "Huda Ali"]);
    expect(page.people.deliver.map((p) => [p.name, p.organisation])).toEqual([
      ["Layla Mansour", "St Paul's"],
      ["Huda Ali", ""],
    ]);
    expect(page.choices.map((c) => c.name)).toEqual(["Huda Ali", "Layla Mansour"]); // this locality's only
    expect(await s.audits("prototype.person.add")).toBe(4);

    // Removing: members; an entry of another prototype is not found.
    const entry = page.people.deliver[0]!.entryId;
    expect((await s.act(s.cookies.viewer, { intent: "remove-person", entryId: entry })).status).toBe(403);
    const other = await t.db.prototype.create({ data: { localityId: s.loc.id, title: "Another" } });
    expect((await s.act(s.cookies.member, { intent: "remove-person", entryId: entry }, other.id)).status).toBe(404);
    expect((await s.act(s.cookies.member, { intent: "remove-person", entryId: entry })).status).toBe(303);
    expect((await s.act(s.cookies.member, { intent: "remove-person", entryId: entry })).status).toBe(404);
    expect((await s.page(s.cookies.viewer)).people.deliver.map((p) => p.name)).toEqual(["Huda Ali"]);
    expect(await s.audits("prototype.person.remove")).toBe(1);
  });

  it("takes partners and their pledges: money in pounds stored in pence, hours for time and staff, clear messages otherwise", async () => {
    const s = await setup();
    const partner = (fields: Record<string, string>, cookie = s.cookies.member) =>
      s.act(cookie, { intent: "add-partner", name: "St Paul's Church", role: "deliver", pledgeKind: "money", pledge: "Crèche costs", amount: "", ...fields });
    expect((await partner({}, s.cookies.viewer)).status).toBe(403);
    const wrong = await partner({ amount: "about fifty" });
    expect(wrong.status).toBe(400);
    expect((wrong.data as Reply).reply.error).toEqual({ amount: ["prototypes.errors.money"] });
    expect((wrong.data as Reply).reply.initialValue).toMatchObject({ name: "St Paul's Church", pledge: "Crèche costs", amount: "about fifty" });
    expect(((await partner({ pledgeKind: "room", amount: "5" })).data as Reply).reply.error).toEqual({ amount: ["prototypes.errors.noAmount"] });
    expect(((await partner({ pledgeKind: "staff", amount: "3.5" })).data as Reply).reply.error).toEqual({ amount: ["prototypes.errors.hours"] });
    expect(((await partner({ name: "", pledge: "" })).data as Reply).reply.error).toEqual({
      name: ["prototypes.errors.partnerName"],
      pledge: ["prototypes.errors.pledge"],
    });
    expect(await t.db.prototypePartner.count()).toBe(0);

    expect(await partner({ amount: "£250.50" })).toMatchObject({ status: 303, location: `${s.path}?done=add-partner#partners` });
    expect(
      (await partner({ name: "Sparkbrook Children's Centre", role: "support", pledgeKind: "room", pledge: "Tuesday mornings in the community room" })).status,
    ).toBe(303);
    expect((await partner({ name: "Family Hub", role: "deliver", pledgeKind: "staff", pledge: "A family worker", amount: "12" })).status).toBe(303);
    expect((await partner({ name: SCRIPT, role: "use", pledgeKind: "other", pledge: SCRIPT })).status).toBe(303);
    const page = await s.page(s.cookies.viewer);
    expect(page.partners.map((p) => [p.name, p.role, p.pledgeKind, p.amount])).toEqual([
      ["St Paul's Church", "deliver", "money", 25_050],
      ["Sparkbrook Children's Centre", "support", "room", null],
      ["Family Hub", "deliver", "staff", 12],
      [SCRIPT, "use", "other", null],
    ]);
    expect(page.partners[3]!.pledge).toBe(SCRIPT);
    const audit = await t.db.auditEntry.findFirstOrThrow({
      where: { action: "prototype.partner.add", targetId: s.prototype.id },
      orderBy: { createdAt: "asc" },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ name: "St Paul's Church", pledgeKind: "money", amount: 25_050 });

    expect((await s.act(s.cookies.viewer, { intent: "remove-partner", entryId: page.partners[0]!.id })).status).toBe(403);
    expect((await s.act(s.cookies.member, { intent: "remove-partner", entryId: page.partners[0]!.id })).status).toBe(303);
    expect((await s.act(s.cookies.member, { intent: "remove-partner", entryId: page.partners[0]!.id })).status).toBe(404);
    expect((await s.page(s.cookies.viewer)).partners.length).toBe(3);
    expect(await s.audits("prototype.partner.remove")).toBe(1);
  });

  it("starts its plan (a shared document written together) and its board once each, also when asked twice at once", async () => {
    const s = await setup();
    expect((await s.act(s.cookies.viewer, { intent: "open-plan" })).status).toBe(403);
    expect((await s.page(s.cookies.viewer)).plan).toBeNull();
    const [a, b] = await Promise.all([s.act(s.cookies.member, { intent: "open-plan" }), s.act(s.cookies.member2, { intent: "open-plan" })]);
    expect(a.status).toBe(303);
    expect(b.location).toBe(a.location);
    expect(a.location).toMatch(new RegExp(`^/l/${s.loc.id}/documents/[A-Za-z0-9_-]{20,}$`));
    const documentId = a.location!.split("/").pop();
    expect((await s.act(s.cookies.facilitator, { intent: "open-plan" })).location).toBe(a.location);
    const docs = await t.db.sharedDocument.findMany({ where: { localityId: s.loc.id, kind: "prototype-plan", archivedAt: null } });
    expect(docs.map((d) => d.id)).toEqual([documentId]);
    expect(docs[0]!.title).toBe("Plan: Peer mentors for new parents");
    expect((await t.db.prototype.findUniqueOrThrow({ where: { id: s.prototype.id } })).planDocumentId).toBe(documentId);
    expect(await s.audits("prototype.plan")).toBe(1);
    // Its starter text, written through the collab server; the document page opens it; members write, viewers read.
    const text = plainText(docFromState(await readDocumentState(richTextDocName(s.loc.id, documentId!))));
    expect(text).toContain("What we will try");
    expect(text).toContain("How we will know it works");
    const docPage = await outcome(() =>
      documentRoute.loader({
        request: get(`${s.base}/documents/${documentId}`, s.cookies.viewer),
        params: { localityId: s.loc.id, documentId },
        context: context(),
      }),
    );
    expect(docPage.status).toBe(200);
    expect((docPage.data as { prototype: unknown }).prototype).toEqual({ id: s.prototype.id, title: s.prototype.title }); // its way back
    const name = { localityId: s.loc.id, kind: "doc" as const, documentId: documentId! };
    expect(await documentAccess(t.db, "member", name, s.member.id)).toBe("read-write");
    expect(await documentAccess(t.db, "viewer", name, s.viewer.id)).toBe("read-only");
    expect((await s.page(s.cookies.viewer)).plan).toEqual({ id: documentId, title: "Plan: Peer mentors for new parents" });

    // Its board, likewise once.
    const [c, d] = await Promise.all([s.act(s.cookies.member, { intent: "open-board" }), s.act(s.cookies.facilitator, { intent: "open-board" })]);
    expect(c.location).toMatch(new RegExp(`^${s.base}/boards/[A-Za-z0-9_-]+$`));
    expect(d.location).toBe(c.location);
    const boardId = c.location!.split("/").pop()!;
    expect(await t.db.board.count({ where: { localityId: s.loc.id, title: "Board: Peer mentors for new parents", archivedAt: null } })).toBe(1);
    expect((await s.page(s.cookies.viewer)).board).toEqual({ id: boardId, title: "Board: Peer mentors for new parents" });
    expect(await s.audits("prototype.board")).toBe(1);
    // A long title is cut to fit the document's and board's limits.
    const long = await t.db.prototype.create({ data: { localityId: s.loc.id, title: "x".repeat(120) } });
    await s.act(s.cookies.member, { intent: "open-plan" }, long.id);
    const plan = await t.db.prototype.findUniqueOrThrow({ where: { id: long.id }, select: { planDocumentId: true } });
    const title = (await t.db.sharedDocument.findUniqueOrThrow({ where: { id: plan.planDocumentId! } })).title;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/^Plan: x+…$/);
  });

  it("shows its evidence chain both ways; a withdrawn story's excerpt never shows and identifiers stay hidden", async () => {
    const s = await setup();
    let page = await s.page(s.cookies.viewer);
    expect(page.chain.idea).toEqual({ id: s.idea.id, title: s.idea.title });
    expect(page.chain.challenge).toEqual({ id: s.challenge.id, question: s.challenge.question });
    expect(page.chain.insights.map((i) => ({ id: i.id, statement: i.statement, quotes: i.excerpts.map((e) => [e.quote, e.storyTitle, e.pseudonym]) }))).toEqual(
      [
        {
          id: s.insight.id,
          statement: s.insight.statement,
          quotes: [
            [expect.stringMatching(/^I asked \[[^\]]+\] at the gate where the clinic was$/), "Mornings at the gate", "Parent A"],
            ["I knew no one at all", "Evenings alone", "Parent B"],
          ],
        },
      ],
    );
    expect(JSON.stringify(page)).not.toContain("Amira");

    // Story B's consent is withdrawn (its excerpt row is still there): its excerpt no longer shows.
    const storyB = s.stories[1]!.story;
    await t.db.storyConsent.deleteMany({ where: { storyId: storyB.id } });
    await t.db.story.update({ where: { id: storyB.id }, data: { withdrawnAt: new Date() } });
    page = await s.page(s.cookies.member);
    expect(page.chain.insights[0]!.excerpts.map((e) => e.pseudonym)).toEqual(["Parent A"]);
    expect(JSON.stringify(page)).not.toContain("I knew no one at all");

    // The other way: the insight and the idea name the prototype.
    const insight = (
      await outcome(() =>
        insightRoute.loader({
          request: get(`${s.base}/insights/${s.insight.id}`, s.cookies.viewer),
          params: { localityId: s.loc.id, insightId: s.insight.id },
          context: context(),
        }),
      )
    ).data as InsightData;
    expect(insight.prototypes).toEqual([{ id: s.prototype.id, title: s.prototype.title, status: "planned" }]);
    const idea = (
      await outcome(() =>
        ideaRoute.loader({
          request: get(`${s.base}/ideas/${s.idea.id}`, s.cookies.viewer),
          params: { localityId: s.loc.id, ideaId: s.idea.id },
          context: context(),
        }),
      )
    ).data as IdeaData;
    expect(idea.idea.prototype).toMatchObject({ id: s.prototype.id, title: s.prototype.title });
    // An idea that answers another insight (besides its challenge's) leads from that insight too.
    const second = await t.db.insight.create({ data: { localityId: s.loc.id, statement: "Services speak only English" } });
    await t.db.ideaInsight.create({ data: { ideaId: s.idea.id, insightId: second.id } });
    const fromSecond = (
      await outcome(() =>
        insightRoute.loader({
          request: get(`${s.base}/insights/${second.id}`, s.cookies.viewer),
          params: { localityId: s.loc.id, insightId: second.id },
          context: context(),
        }),
      )
    ).data as InsightData;
    expect(fromSecond.prototypes.map((p) => p.id)).toEqual([s.prototype.id]);
    // The idea's own insights now stand behind the prototype.
    expect((await s.page(s.cookies.viewer)).chain.insights.map((i) => i.statement)).toEqual(["Services speak only English"]);

    // An idea hidden after reports: members no longer see the chain through it; facilitators do.
    await t.db.idea.update({ where: { id: s.idea.id }, data: { moderation: "hidden" } });
    expect((await s.page(s.cookies.member)).chain).toEqual({ idea: null, challenge: null, insights: [] });
    expect((await s.page(s.cookies.facilitator)).chain.idea?.id).toBe(s.idea.id);
  });

  it("takes the phone contributor's receipt on: being tried out → tested with the public summary → adopted, adapted, scaled or stopped because …", async () => {
    const s = await setup();
    const view = async (lng = "en") => {
      const res = await outcome(() => receiptRoute.loader({ request: get(`/r/${s.secret}?lng=${lng}`), params: { token: s.secret }, context: context() }));
      expect(res.status).toBe(200);
      return (res.data as { receipt: { view: ReceiptView } }).receipt.view;
    };
    expect(await view()).toMatchObject({ kind: "progress", reached: "prototyping", prototype: { outcome: null, summary: null, again: false } });
    // A cycle runs: still being tried out.
    await makeTestCycle(t.db, { prototypeId: s.prototype.id, localityId: s.loc.id, number: 1 });
    await t.db.prototype.update({ where: { id: s.prototype.id }, data: { status: "testing" } });
    expect(await view()).toMatchObject({ reached: "prototyping" });
    // The facilitator writes what was learned: tested, with the summary.
    await s.act(s.cookies.facilitator, { intent: "public-summary", publicSummary: "Parents with a mentor came back." });
    expect(await view()).toMatchObject({ reached: "tested", prototype: { summary: "Parents with a mentor came back.", outcome: null } });
    // Decided "adapt": adapted, with the reason.
    await t.db.testCycle.updateMany({
      where: { prototypeId: s.prototype.id, number: 1 },
      data: { decision: "adapt", decisionReason: "Mentors need a crèche", decidedAt: new Date() },
    });
    await t.db.prototype.update({ where: { id: s.prototype.id }, data: { status: "adapted" } });
    expect(await view()).toMatchObject({ reached: "decided", prototype: { outcome: "adapted", reason: "Mentors need a crèche" } });
    // The next cycle runs: tried out again.
    await makeTestCycle(t.db, { prototypeId: s.prototype.id, localityId: s.loc.id, number: 2 });
    await t.db.prototype.update({ where: { id: s.prototype.id }, data: { status: "testing" } });
    expect(await view()).toMatchObject({ reached: "tested", prototype: { again: true, outcome: null } });
    // Stopped, because …: the latest decision's reason (cycle 2's), not the first one's.
    await t.db.testCycle.updateMany({
      where: { prototypeId: s.prototype.id, number: 2 },
      data: { decision: "stop", decisionReason: "Too few parents came", decidedAt: new Date() },
    });
    await t.db.prototype.update({ where: { id: s.prototype.id }, data: { status: "stopped" } });
    expect(await view("ar")).toEqual({
      kind: "progress",
      reached: "decided",
      dots: null,
      shortlisted: false,
      parked: false,
      prototype: { outcome: "stopped", summary: "Parents with a mentor came back.", reason: "Too few parents came", again: false },
    });
  });

  it("shows Stage 4's figures on the locality home, and the list as a board by status or a table", async () => {
    const s = await setup();
    const second = await t.db.prototype.create({ data: { localityId: s.loc.id, title: "FACEboard", status: "adopted" } });
    await t.db.prototype.create({ data: { localityId: s.loc.id, title: "Third", status: "testing" } });
    await t.db.prototype.create({ data: { localityId: s.other.id, title: "Not here", status: "adopted" } });
    await makeTestCycle(t.db, {
      prototypeId: s.prototype.id,
      localityId: s.loc.id,
      number: 1,
      participants: [
        { personId: s.layla.id, role: "use" },
        { personId: s.layla.id, role: "deliver" },
        { personId: s.huda.id, role: "deliver" },
      ],
      counts: [
        { label: "parents", count: 12 },
        { label: "staff", count: 3 },
      ],
      decision: { decision: "adapt", reason: "Add a crèche" },
    });
    await makeTestCycle(t.db, {
      prototypeId: s.prototype.id,
      localityId: s.loc.id,
      number: 2,
      startsOn: new Date(Date.now() - 86_400_000),
      participants: [{ personId: s.layla.id, role: "use" }],
      counts: [{ label: "parents", count: 20 }],
    });
    await makeTestCycle(t.db, {
      prototypeId: second.id,
      localityId: s.loc.id,
      number: 1,
      counts: [{ label: "parents", count: 27 }],
      decision: { decision: "continue", reason: "It works" },
    });

    const home = (await outcome(() => homeRoute.loader({ request: get(s.base, s.cookies.viewer), params: { localityId: s.loc.id }, context: context() })))
      .data as HomeData;
    // 3 prototypes · 3 test cycles · 1 adopted · 2 core-group people + 12 + 3 + 20 + 27 others.
    expect(home.prototypes).toEqual({ prototypes: 3, cycles: 3, adopted: 1, scaled: 0, people: 64 });

    const board = await s.list(s.cookies.viewer);
    expect(board.view).toBe("board");
    expect(board.columns.map((c) => [c.status, c.ids.length])).toEqual([
      ["planned", 1],
      ["testing", 1],
      ["adopted", 1],
      ["adapted", 0],
      ["stopped", 0],
      ["scaled", 0],
    ]);
    const mentors = board.prototypes.find((p) => p.id === s.prototype.id)!;
    expect(mentors).toMatchObject({ cycles: 2, lastCycle: { number: 2, state: "running", decision: null }, peopleTookPart: 37, idea: { id: s.idea.id } });
    expect(board.prototypes.find((p) => p.id === second.id)).toMatchObject({
      cycles: 1,
      lastCycle: { number: 1, state: "closed", decision: "continue" },
      peopleTookPart: 27,
      idea: null,
    });
    expect((await s.list(s.cookies.member, "?view=table")).view).toBe("table");
    expect((await s.list(s.cookies.member, "?view=bogus")).view).toBe("board");
    expect(
      (await outcome(() => listRoute.loader({ request: get(`${s.base}/prototypes`, s.cookies.outsider), params: s.params, context: context() }))).status,
    ).toBe(404);

    // The page's own summary of its cycles and measures.
    await t.db.measure.create({ data: { prototypeId: s.prototype.id, name: "Parents who came back", unit: "%" } });
    const page = await s.page(s.cookies.viewer);
    expect(page.cycles).toEqual({ count: 2, latest: { number: 2, state: "running", decision: null }, peopleTookPart: 37 });
    expect(page.measures).toEqual({ count: 1 });
  });
});
