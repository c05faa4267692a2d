// The stage pages' checklists from the group's own records, on SQLite and PostgreSQL: each item
// of each stage flips when the data it counts appears (and only then), the stage page and the
// locality home as each role gets them, and moving the group on: with items open the first post
// answers with them and changes nothing, "move on anyway" (confirm=1) moves and logs how many were
// open; staying or going back moves without a warning; only facilitators may.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, post } from "../setup/requests";
import { makeGroup, type GroupNames } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { makeStoryWithExcerpt } from "../factories/prototypes";
import { makeCycle, makePerson, makePrototype } from "../factories/cycles";
import type { Db } from "~/data/db.server";
import { readStageChecklist } from "~/use-cases/read-stage-checklist.server";
import { readStageMove } from "~/domain/stage-checklist";
import type { StageNumber } from "~/domain/stages";
import * as stageRoute from "~/routes/l.$localityId+/_group+/stages.$stageKey";
import * as homeRoute from "~/routes/l.$localityId+/_index";
import * as auditRoute from "~/routes/l.$localityId+/_group+/audit";

type StageData = Awaited<ReturnType<typeof stageRoute.loader>>;
type HomeData = Awaited<ReturnType<typeof homeRoute.loader>>;
type AuditData = Awaited<ReturnType<typeof auditRoute.loader>>;

const NAMES: GroupNames = { locality: "Stages test", facilitator: "Amira", member: "Karen", member2: "Darren", viewer: "Tom", outsider: "Olu" };
const DAY = 24 * 60 * 60 * 1000;

/** Item key → done, for one stage of a locality, read as the pages read it. */
async function states(db: Db, localityId: string, stage: StageNumber, now = new Date()) {
  const checklist = await readStageChecklist(db, localityId, stage, now);
  return Object.fromEntries(checklist.items.map((i) => [i.key, i.done]));
}
async function item(db: Db, localityId: string, stage: StageNumber, key: string) {
  const checklist = await readStageChecklist(db, localityId, stage);
  return checklist.items.find((i) => i.key === key)!;
}
const tieOf = (localityId: string, a: string, b: string, status = "confirmed") => {
  const [personAId, personBId] = a < b ? [a, b] : [b, a];
  return { localityId, personAId, personBId, kind: "works_with", since: new Date("2026-03-01"), status };
};

describe.each(await providers())("stage checklists on %s", (provider) => {
  const t = useAppServer(provider);

  it("stage 1: purpose agreed and endorsed, ties across levels, people with no ties, sessions held", async () => {
    const g = await makeGroup(t.db, NAMES);
    const L = g.loc.id;
    expect(await states(t.db, L, 1)).toEqual({ purposeAgreed: false, endorsed: false, levels: false, isolated: false, sessions: false });

    // People, then ties: a parent and a public servant (one link of three), a councillor alone.
    const parent = await makePerson(t.db, { localityId: L, sector: "parent" });
    const officer = await makePerson(t.db, { localityId: L, sector: "public_service" });
    const councillor = await makePerson(t.db, { localityId: L, sector: "councillor" });
    expect(await item(t.db, L, 1, "isolated")).toMatchObject({ done: false, count: 3, total: 3, path: "relationships" });
    await t.db.tie.create({ data: tieOf(L, parent.id, officer.id) });
    // A suggested tie is no tie yet.
    await t.db.tie.create({ data: tieOf(L, parent.id, councillor.id, "suggested") });
    expect(await item(t.db, L, 1, "levels")).toMatchObject({ done: false, count: 1, total: 3 });
    expect(await item(t.db, L, 1, "isolated")).toMatchObject({ done: false, count: 1 });
    await t.db.tie.updateMany({ where: { localityId: L, status: "suggested" }, data: { status: "confirmed" } });
    await t.db.tie.create({ data: tieOf(L, officer.id, councillor.id) });
    expect(await item(t.db, L, 1, "levels")).toMatchObject({ done: true, count: 3 });
    expect(await item(t.db, L, 1, "isolated")).toMatchObject({ done: true, count: 0 });
    // Another locality's people and ties count for nothing here.
    await makePerson(t.db, { localityId: g.other.id });
    expect(await item(t.db, L, 1, "isolated")).toMatchObject({ done: true, count: 0, total: 3 });

    // A session planned for next week is not held; one last week is.
    await t.db.workshop.create({ data: { localityId: L, title: "Next week", startsAt: new Date(Date.now() + 7 * DAY) } });
    expect((await states(t.db, L, 1)).sessions).toBe(false);
    await t.db.workshop.create({ data: { localityId: L, title: "Last week", startsAt: new Date(Date.now() - 7 * DAY) } });
    expect(await item(t.db, L, 1, "sessions")).toMatchObject({ done: true, count: 1 });

    // A purpose: a saved version is not agreed until the locality points at it; endorsements count per agreed version.
    const doc = await t.db.sharedDocument.create({ data: { localityId: L, title: "Purpose", kind: "purpose" } });
    const v1 = await t.db.documentVersion.create({ data: { documentId: doc.id, name: "First", state: new Uint8Array([0, 0]) } });
    await t.db.purposeEndorsement.create({ data: { localityId: L, versionId: v1.id, userId: g.member.id } });
    expect((await states(t.db, L, 1)).purposeAgreed).toBe(false);
    expect(await item(t.db, L, 1, "endorsed")).toMatchObject({ done: false, count: 0 });
    await t.db.locality.update({ where: { id: L }, data: { agreedPurposeVersionId: v1.id } });
    expect(await states(t.db, L, 1)).toEqual({ purposeAgreed: true, endorsed: true, levels: true, isolated: true, sessions: true });
    expect(await item(t.db, L, 1, "endorsed")).toMatchObject({ count: 1 });
    // A newer agreed version starts the count again.
    const v2 = await t.db.documentVersion.create({ data: { documentId: doc.id, name: "Second", state: new Uint8Array([0, 0]) } });
    await t.db.locality.update({ where: { id: L }, data: { agreedPurposeVersionId: v2.id } });
    expect(await item(t.db, L, 1, "endorsed")).toMatchObject({ done: false, count: 0 });
  });

  it("stage 2: stories with consent, coded, insights with evidence and the storytellers behind them", async () => {
    const g = await makeGroup(t.db, NAMES);
    const L = g.loc.id;
    expect(await states(t.db, L, 2)).toEqual({ consent: false, coded: false, insights: false, voices: false });

    const a = await makeStoryWithExcerpt(t.db, {
      localityId: L,
      title: "A",
      pseudonym: "Parent A",
      text: "We had nowhere to go.",
      phrase: "nowhere",
      writeText: false,
    });
    expect(await states(t.db, L, 2)).toMatchObject({ consent: true, coded: true, insights: false });
    // A story without consent opens consent again; an excerpt-less consented story opens coding.
    const b = await makeStoryWithExcerpt(t.db, {
      localityId: L,
      title: "B",
      pseudonym: "Parent B",
      text: "The bus is too dear.",
      phrase: "bus",
      consented: false,
      writeText: false,
    });
    expect(await item(t.db, L, 2, "consent")).toMatchObject({ done: false, count: 1, total: 2 });
    await t.db.storyConsent.create({
      data: { storyId: b.story.id, givenBy: "The storyteller", givenAt: new Date(), method: "verbal_recorded", infoSheetVersion: "v2", scope: "core_group" },
    });
    expect((await states(t.db, L, 2)).consent).toBe(true);
    const c = await t.db.story.create({ data: { localityId: L, title: "C", storytellerPseudonym: "parent a", occurredOn: new Date(), method: "interview" } });
    await t.db.storyConsent.create({
      data: { storyId: c.id, givenBy: "The storyteller", givenAt: new Date(), method: "signed_form", infoSheetVersion: "v2", scope: "quotes" },
    });
    expect(await item(t.db, L, 2, "coded")).toMatchObject({ done: false, count: 2, total: 3 });
    const cExcerpt = await t.db.excerpt.create({ data: { localityId: L, storyId: c.id, start: 0, end: 4, quote: "Text" } });
    expect((await states(t.db, L, 2)).coded).toBe(true);

    // An insight with no evidence; then with one storyteller; then "parent a" (the same one, as the pages compare pseudonyms); then a second.
    const insight = await t.db.insight.create({ data: { localityId: L, statement: "Help is hard to find" } });
    expect(await item(t.db, L, 2, "insights")).toMatchObject({ done: false, count: 0, total: 1 });
    await t.db.insightEvidence.create({ data: { insightId: insight.id, excerptId: a.excerpt.id, storyId: a.story.id } });
    expect(await item(t.db, L, 2, "insights")).toMatchObject({ done: true, count: 1 });
    expect(await item(t.db, L, 2, "voices")).toMatchObject({ done: false, count: 1 });
    await t.db.insightEvidence.create({ data: { insightId: insight.id, excerptId: cExcerpt.id, storyId: c.id } });
    expect(await item(t.db, L, 2, "voices")).toMatchObject({ done: false, count: 1 });
    await t.db.insightEvidence.create({ data: { insightId: insight.id, excerptId: b.excerpt.id, storyId: b.story.id } });
    expect(await item(t.db, L, 2, "voices")).toMatchObject({ done: true, count: 2 });
    expect(await states(t.db, L, 2)).toEqual({ consent: true, coded: true, insights: true, voices: true });

    // A story withdrawn (its consent and excerpts gone, a tombstone kept) stands behind nothing.
    await t.db.excerpt.delete({ where: { id: b.excerpt.id } });
    await t.db.storyConsent.delete({ where: { storyId: b.story.id } });
    await t.db.story.update({ where: { id: b.story.id }, data: { withdrawnAt: new Date(), title: "" } });
    expect(await item(t.db, L, 2, "voices")).toMatchObject({ done: false, count: 1 });
    expect(await item(t.db, L, 2, "consent")).toMatchObject({ done: true, count: 2, total: 2 });
  });

  it("stage 3: challenges taking ideas, ideas from phones, the shortlist", async () => {
    const g = await makeGroup(t.db, NAMES);
    const L = g.loc.id;
    expect(await states(t.db, L, 3)).toEqual({ challenges: false, phoneIdeas: false, shortlist: false });

    const closed = await makeChallenge(t.db, { localityId: L, closesAt: new Date(Date.now() - DAY) });
    expect(await item(t.db, L, 3, "challenges")).toMatchObject({ done: true, count: 0, total: 1 });
    const open = await makeChallenge(t.db, { localityId: L, closesAt: new Date(Date.now() + DAY) });
    expect(await item(t.db, L, 3, "challenges")).toMatchObject({ count: 1, total: 2 });
    await t.db.challenge.update({ where: { id: open.id }, data: { linkOpen: false } });
    expect(await item(t.db, L, 3, "challenges")).toMatchObject({ count: 0, total: 2 });

    const idea = (data: { source: string; moderation: string; status?: string }) =>
      t.db.idea.create({ data: { localityId: L, challengeId: closed.id, title: "An idea", text: "An idea", ...data } });
    await idea({ source: "board", moderation: "published" });
    // A phone idea waiting for moderation, or rejected, is not yet the group's.
    await idea({ source: "phone", moderation: "pending" });
    await idea({ source: "phone", moderation: "rejected" });
    expect(await item(t.db, L, 3, "phoneIdeas")).toMatchObject({ done: false, count: 0, total: 1 });
    const phone = await idea({ source: "phone", moderation: "published" });
    expect(await item(t.db, L, 3, "phoneIdeas")).toMatchObject({ done: true, count: 1, total: 2 });

    expect((await states(t.db, L, 3)).shortlist).toBe(false);
    await t.db.idea.update({ where: { id: phone.id }, data: { status: "shortlisted" } });
    expect(await item(t.db, L, 3, "shortlist")).toMatchObject({ done: true, count: 1, path: "ideas?status=shortlisted" });
    await t.db.idea.update({ where: { id: phone.id }, data: { status: "prototyping" } });
    expect(await item(t.db, L, 3, "shortlist")).toMatchObject({ done: true, count: 1 });
  });

  it("stage 4: prototypes with cycles and decisions due (as the portfolio counts them)", async () => {
    const g = await makeGroup(t.db, NAMES);
    const L = g.loc.id;
    expect(await states(t.db, L, 4)).toEqual({ prototypes: false, tested: false, decisions: false });

    const p1 = await makePrototype(t.db, { localityId: L });
    expect(await states(t.db, L, 4)).toEqual({ prototypes: true, tested: false, decisions: false });
    // A cycle running now: tested, nothing due.
    const cycle = await makeCycle(t.db, {
      localityId: L,
      prototypeId: p1.id,
      startsOn: new Date(Date.now() - 7 * DAY),
      endsOn: new Date(Date.now() + 7 * DAY),
    });
    expect(await states(t.db, L, 4)).toEqual({ prototypes: true, tested: true, decisions: true });
    // Its end comes with no decision: due.
    await t.db.testCycle.update({ where: { id: cycle.id }, data: { endsOn: new Date(Date.now() - DAY) } });
    expect(await item(t.db, L, 4, "decisions")).toMatchObject({ done: false, count: 1 });
    await t.db.testCycle.update({ where: { id: cycle.id }, data: { decision: "adapt", decisionReason: "Parents asked for evenings", decidedAt: new Date() } });
    expect(await item(t.db, L, 4, "decisions")).toMatchObject({ done: true, count: 0 });
    // A second prototype with no cycle opens "tested" again.
    await makePrototype(t.db, { localityId: L });
    expect(await item(t.db, L, 4, "tested")).toMatchObject({ done: false, count: 1, total: 2 });
  });

  it("the stage page and the home as each role sees them", async () => {
    const g = await makeGroup(t.db, NAMES);
    const L = g.loc.id;
    const page = (key: string, cookie: string) =>
      outcome(() => stageRoute.loader({ request: get(`/l/${L}/stages/${key}`, cookie), params: { localityId: L, stageKey: key }, context: context() }));

    const asMember = await page("relationships", g.cookies.member);
    expect(asMember.status).toBe(200);
    const data = asMember.data as StageData;
    expect(data.items.map((i) => i.key)).toEqual(["purposeAgreed", "endorsed", "levels", "isolated", "sessions"]);
    expect(data.summary).toEqual({ done: 0, total: 5, open: 5 });
    expect(data.moveOn).toBeNull();
    expect(((await page("relationships", g.cookies.viewer)).data as StageData).moveOn).toBeNull();
    // Facilitators may move on from the current stage's page only.
    expect(((await page("relationships", g.cookies.facilitator)).data as StageData).moveOn).toEqual({ number: 2, key: "stories" });
    expect(((await page("stories", g.cookies.facilitator)).data as StageData).moveOn).toBeNull();
    expect((await page("relationships", g.cookies.outsider)).status).toBe(404);
    expect((await page("nonsense", g.cookies.member)).status).toBe(404);

    const home = await outcome(() => homeRoute.loader({ request: get(`/l/${L}`, g.cookies.member), params: { localityId: L }, context: context() }));
    expect((home.data as HomeData).stageProgress).toEqual({ key: "relationships", number: 1, done: 0, total: 5 });
    await t.db.workshop.create({ data: { localityId: L, title: "Last week", startsAt: new Date(Date.now() - 7 * DAY) } });
    const after = await outcome(() => homeRoute.loader({ request: get(`/l/${L}`, g.cookies.member), params: { localityId: L }, context: context() }));
    expect((after.data as HomeData).stageProgress.done).toBe(1);
  });

  it("moving on with items open warns first, moves on anyway when confirmed, and logs how many were open", async () => {
    const g = await makeGroup(t.db, NAMES);
    const L = g.loc.id;
    const setStage = (cookie: string, fields: Record<string, string>) =>
      outcome(() =>
        homeRoute.action({
          request: post(`/l/${L}?index`, { intent: "set-stage", _csrf: csrfToken(), ...fields }, cookie),
          params: { localityId: L },
          context: context(),
        }),
      );
    const stageNow = async () => (await t.db.locality.findUniqueOrThrow({ where: { id: L } })).currentStage;
    const moves = async () =>
      (await t.db.auditEntry.findMany({ where: { localityId: L, action: "locality.stage" }, orderBy: { createdAt: "asc" } })).map((e) =>
        readStageMove(e.detail),
      );
    await t.db.workshop.create({ data: { localityId: L, title: "Last week", startsAt: new Date(Date.now() - 7 * DAY) } });

    expect((await setStage(g.cookies.member, { stage: "2" })).status).toBe(403);
    expect((await setStage(g.cookies.viewer, { stage: "2" })).status).toBe(403);
    expect((await setStage(g.cookies.outsider, { stage: "2" })).status).toBe(404);
    expect((await setStage(g.cookies.facilitator, { stage: "2", confirm: "yes" })).status).toBe(400);
    expect((await setStage(g.cookies.facilitator, { stage: "7" })).status).toBe(400);

    // Staying where the group is moves nothing and asks nothing.
    expect(await setStage(g.cookies.facilitator, { stage: "1" })).toMatchObject({ status: 302, location: `/l/${L}` });

    const first = await setStage(g.cookies.facilitator, { stage: "3" });
    expect(first.status).toBe(200);
    const warning = (
      first.data as { warning: { from: number; to: number; stages: Array<{ stage: number; key: string; open: Array<{ key: string; path: string }> }> } }
    ).warning;
    expect(warning.from).toBe(1);
    expect(warning.to).toBe(3);
    // Stage 1's four open items (one session was held) and all of stage 2's, each with where to act.
    expect(warning.stages.map((s) => [s.stage, s.open.map((i) => i.key)])).toEqual([
      [1, ["purposeAgreed", "endorsed", "levels", "isolated"]],
      [2, ["consent", "coded", "insights", "voices"]],
    ]);
    expect(warning.stages[0]!.open[0]!.path).toBe("purpose");
    expect(await stageNow()).toBe(1);

    const confirmed = await setStage(g.cookies.facilitator, { stage: "3", confirm: "1" });
    expect(confirmed).toMatchObject({ status: 302, location: `/l/${L}` });
    expect(await stageNow()).toBe(3);

    // Going back asks nothing; the log holds every move with its open count.
    expect((await setStage(g.cookies.facilitator, { stage: "2" })).status).toBe(302);
    expect(await moves()).toEqual([
      { from: 1, to: 1, open: 0 },
      { from: 1, to: 3, open: 8 },
      { from: 3, to: 2, open: 0 },
    ]);
    // The activity log shows it (facilitators only).
    const audit = await outcome(() =>
      auditRoute.loader({ request: get(`/l/${L}/audit`, g.cookies.facilitator), params: { localityId: L }, context: context() }),
    );
    expect((audit.data as AuditData).entries.filter((e) => e.move).map((e) => e.move)).toContainEqual({ from: 1, to: 3, open: 8 });
    const json = JSON.stringify((await t.db.auditEntry.findMany({ where: { localityId: L, action: "locality.stage" } })).map((e) => e.detail));
    expect(json).not.toContain(NAMES.facilitator);
  });
});
