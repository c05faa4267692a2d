// The portfolio across localities on the server (SQLite and PostgreSQL), through the real route
// modules: the flags (stalled exactly at the threshold and a moment before it, an adopted prototype
// never stalled, a running cycle stopping the clock; decision due once a started cycle's end has
// come), grouping by locality and by priority with the facet balance and the outcomes nobody is
// working on, confidence cycle by cycle under an outcome, who sees which rows role by role (page,
// report and CSV), the threshold's validation (zero, a year, words refused with the value kept;
// Arabic digits read; only organisation facilitators may change it, and it is logged), and the
// CSV's escaping of formula-looking cells.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeGroup, makeLocality, makeOrganisation, makeUser } from "../factories";
import { makeCycle, makePrototype } from "../factories/cycles";
import type { Db } from "~/data/db.server";
import { addItem, linkItem } from "~/data/golden-thread.server";
import { loadPortfolio } from "~/routes/orgs+/portfolio.server";
import * as pageRoute from "~/routes/orgs+/$orgSlug.portfolio._index";
import * as reportRoute from "~/routes/orgs+/$orgSlug.portfolio.report";
import * as csvRoute from "~/routes/orgs+/$orgSlug.portfolio[.]csv";

type PageData = Awaited<ReturnType<typeof pageRoute.loader>>;
type ReportData = Awaited<ReturnType<typeof reportRoute.loader>>;

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

/** A prototype whose only cycle was decided ("adapt": still being worked on) at `decidedAt`, everything before it. */
async function quietSince(db: Db, localityId: string, title: string, decidedAt: Date, decision = "adapt") {
  const p = await makePrototype(db, { localityId, title });
  await db.prototype.update({ where: { id: p.id }, data: { createdAt: new Date(decidedAt.getTime() - 30 * DAY) } });
  const c = await makeCycle(db, {
    localityId,
    prototypeId: p.id,
    startsOn: new Date(decidedAt.getTime() - 20 * DAY),
    endsOn: new Date(decidedAt.getTime() - 10 * DAY),
    learned: "Parents came back.",
    decision,
    decisionReason: "Try again, changed.",
    decidedAt,
  });
  await db.testCycle.update({ where: { id: c.id }, data: { createdAt: new Date(decidedAt.getTime() - 25 * DAY) } });
  return p;
}

describe.each(await providers())("the portfolio across localities on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const g = await makeGroup(t.db, {
      locality: "Sparkbrook portfolio",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });
    // An organisation facilitator, and a facilitator of another organisation.
    const orgFacilitator = await makeUser(t.db, { name: "Org Facilitator" });
    await t.db.organisationMember.create({ data: { organisationId: g.org.id, userId: orgFacilitator.id, role: "facilitator" } });
    const otherOrg = await makeOrganisation(t.db);
    const stranger = await makeUser(t.db, { name: "Stranger" });
    await t.db.organisationMember.create({ data: { organisationId: otherOrg.id, userId: stranger.id, role: "facilitator" } });
    const cookies = { ...g.cookies, org: await sessionCookie(orgFacilitator.id), stranger: await sessionCookie(stranger.id) };
    const base = `/orgs/${g.org.slug}/portfolio`;
    const params = { orgSlug: g.org.slug };
    const load = (cookie: string, query = "") =>
      outcome(() => pageRoute.loader({ request: get(`${base}${query}`, cookie || undefined), params, context: context() }));
    const page = async (cookie: string, query = "") => {
      const o = await load(cookie, query);
      expect(o.status).toBe(200);
      return o.data as PageData;
    };
    const report = async (cookie: string) =>
      (await outcome(() => reportRoute.loader({ request: get(`${base}/report`, cookie), params, context: context() }))) as {
        status: number;
        data?: ReportData;
      };
    const csv = async (cookie: string) => {
      try {
        const res = (await csvRoute.loader({ request: get(`/orgs/${g.org.slug}/portfolio.csv`, cookie || undefined), params, context: context() })) as Response;
        const bytes = Buffer.from(await res.arrayBuffer());
        return { status: res.status, text: bytes.toString("utf8"), type: res.headers.get("Content-Type") };
      } catch (thrown) {
        if (thrown instanceof Response) return { status: thrown.status, text: "", type: null };
        throw thrown;
      }
    };
    const setWeeks = (cookie: string, value: string) => {
      const body = new URLSearchParams({ intent: "threshold", stalledAfterWeeks: value, _csrf: csrfToken() });
      const request = new Request(`http://localhost:3000${base}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      });
      return outcome(() => pageRoute.action({ request, params, context: context() }));
    };
    const rowsOf = (d: PageData) => d.localityGroups.flatMap((x) => x.rows);
    const row = (d: PageData, title: string) => rowsOf(d).find((r) => r.title === title);
    return { ...g, cookies, orgFacilitator, base, load, page, report, csv, setWeeks, rowsOf, row };
  }

  it("flags a prototype stalled exactly at the threshold, not a moment before; never an adopted one; not while a cycle runs", async () => {
    const s = await setup();
    const now = new Date("2026-06-15T10:00:00Z");
    const edge = await quietSince(t.db, s.loc.id, "Exactly six weeks", new Date(now.getTime() - 6 * WEEK));
    const before = await quietSince(t.db, s.loc.id, "A minute short", new Date(now.getTime() - 6 * WEEK + 60_000));
    await quietSince(t.db, s.loc.id, "Adopted long ago", new Date(now.getTime() - 30 * WEEK), "continue");
    // Started 20 weeks ago and still running (its end date to come): not stalled.
    const running = await makePrototype(t.db, { localityId: s.loc.id, title: "Long pilot" });
    await t.db.prototype.update({ where: { id: running.id }, data: { createdAt: new Date(now.getTime() - 21 * WEEK) } });
    const pilot = await makeCycle(t.db, {
      localityId: s.loc.id,
      prototypeId: running.id,
      startsOn: new Date(now.getTime() - 20 * WEEK),
      endsOn: new Date(now.getTime() + 2 * WEEK),
    });
    await t.db.testCycle.update({ where: { id: pilot.id }, data: { createdAt: new Date(now.getTime() - 20 * WEEK) } });
    // Planned with no cycle at all, made 6 weeks ago to the millisecond: stalled.
    const idle = await makePrototype(t.db, { localityId: s.loc.id, title: "Never tried" });
    await t.db.prototype.update({ where: { id: idle.id }, data: { createdAt: new Date(now.getTime() - 6 * WEEK) } });

    const access = { organisation: { id: s.org.id, slug: s.org.slug, name: s.org.name }, scope: { all: true as const }, mayConfigure: true };
    const d = await loadPortfolio(t.db, access, new URL(`http://x${s.base}`), now);
    const flags = (title: string) => {
      const r = d.localityGroups.flatMap((x) => x.rows).find((x) => x.title === title);
      return r && { stalled: r.stalled, status: r.status, weeks: r.weeksQuiet };
    };
    expect(d.stalledAfterWeeks).toBe(6);
    expect(flags("Exactly six weeks")).toEqual({ stalled: true, status: "adapted", weeks: 6 });
    expect(flags("A minute short")).toEqual({ stalled: false, status: "adapted", weeks: 5 });
    expect(flags("Adopted long ago")).toEqual({ stalled: false, status: "adopted", weeks: 30 });
    expect(flags("Long pilot")).toEqual({ stalled: false, status: "testing", weeks: 0 });
    expect(flags("Never tried")).toEqual({ stalled: true, status: "planned", weeks: 6 });
    // A minute later the second one is stalled too; stalled rows come after decision-due ones, before the rest.
    const later = await loadPortfolio(t.db, access, new URL(`http://x${s.base}`), new Date(now.getTime() + 60_000));
    expect(later.localityGroups.flatMap((x) => x.rows).find((r) => r.id === before.id)?.stalled).toBe(true);
    expect(later.totals.stalled).toBe(3);
    expect(d.localityGroups.find((x) => x.locality.id === s.loc.id)!.rows.map((r) => r.title)).toEqual([
      "Exactly six weeks",
      "Never tried",
      "A minute short",
      "Adopted long ago",
      "Long pilot",
    ]);
    expect(edge.id).toBeTypeOf("string");
  });

  it("says a decision is due once a started cycle's end date has come, and when the next one is due", async () => {
    const s = await setup();
    const now = Date.now();
    const due = await makePrototype(t.db, { localityId: s.loc.id, title: "Ended, undecided" });
    const ended = new Date(now - 2 * DAY);
    await makeCycle(t.db, { localityId: s.loc.id, prototypeId: due.id, startsOn: new Date(now - 20 * DAY), endsOn: ended });
    const soon = await makePrototype(t.db, { localityId: s.loc.id, title: "Ends next week" });
    const nextWeek = new Date(now + WEEK);
    await makeCycle(t.db, { localityId: s.loc.id, prototypeId: soon.id, startsOn: new Date(now - DAY), endsOn: nextWeek });
    const decided = await makePrototype(t.db, { localityId: s.loc.id, title: "Decided" });
    await makeCycle(t.db, {
      localityId: s.loc.id,
      prototypeId: decided.id,
      startsOn: new Date(now - 20 * DAY),
      endsOn: new Date(now - 5 * DAY),
      learned: "It works.",
      decision: "continue",
      decidedAt: new Date(now - 4 * DAY),
    });
    // Ends in the past but never started (no start date): nothing to decide yet.
    const unstarted = await makePrototype(t.db, { localityId: s.loc.id, title: "Not started" });
    await makeCycle(t.db, { localityId: s.loc.id, prototypeId: unstarted.id, endsOn: new Date(now - DAY) });

    const d = await s.page(s.cookies.org);
    expect(s.row(d, "Ended, undecided")).toMatchObject({ decisionDue: true, nextDecisionDue: ended.toISOString(), status: "testing" });
    expect(s.row(d, "Ends next week")).toMatchObject({ decisionDue: false, nextDecisionDue: nextWeek.toISOString(), status: "testing" });
    expect(s.row(d, "Decided")).toMatchObject({
      decisionDue: false,
      nextDecisionDue: null,
      status: "adopted",
      lastCycle: { number: 1, decision: "continue", state: "closed" },
    });
    expect(s.row(d, "Not started")).toMatchObject({ decisionDue: false, status: "planned" });
    expect(d.totals.decisionDue).toBe(1);
    expect(d.localityGroups.find((x) => x.locality.id === s.loc.id)!.rows[0]!.title).toBe("Ended, undecided");
  });

  it("shows each role the rows it may see: everything, its own localities, or nothing (404)", async () => {
    const s = await setup();
    await makePrototype(t.db, { localityId: s.loc.id, title: "Here" });
    await makePrototype(t.db, { localityId: s.other.id, title: "Elsewhere" });
    const third = await makeLocality(t.db, s.org.id, "Third place");
    await makePrototype(t.db, { localityId: third.id, title: "Third" });
    // The "outsider" facilitates Elsewhere only; make them a viewer of the third locality too.
    await addMember(t.db, third.id, s.outsider.id, "viewer");

    const all = await s.page(s.cookies.org);
    expect(all.scope).toBe("all");
    expect(all.mayConfigure).toBe(true);
    expect(all.localityGroups.map((x) => x.locality.name).sort()).toEqual(["Elsewhere", "Sparkbrook portfolio", "Third place"]);
    expect(
      s
        .rowsOf(all)
        .map((r) => r.title)
        .sort(),
    ).toEqual(["Elsewhere", "Here", "Third"]);

    const own = await s.page(s.cookies.facilitator);
    expect(own.scope).toBe("own");
    expect(own.mayConfigure).toBe(false);
    expect(own.localityGroups.map((x) => x.locality.name)).toEqual(["Sparkbrook portfolio"]);
    expect(s.rowsOf(own).map((r) => r.title)).toEqual(["Here"]);
    const outsider = await s.page(s.cookies.outsider);
    expect(s.rowsOf(outsider).map((r) => r.title)).toEqual(["Elsewhere"]);
    expect(outsider.progress.map((p) => p.name)).toEqual(["Elsewhere"]);

    for (const who of ["member", "member2", "viewer", "stranger"] as const) {
      expect((await s.load(s.cookies[who])).status, who).toBe(404);
      expect((await s.report(s.cookies[who])).status, who).toBe(404);
      expect((await s.csv(s.cookies[who])).status, who).toBe(404);
    }
    expect((await s.load("")).status).toBe(302);
    expect((await s.load("")).location).toMatch(/^\/sign-in\?redirectTo=/);
    expect(
      (
        await outcome(() =>
          pageRoute.loader({ request: get("/orgs/no-such-org/portfolio", s.cookies.org), params: { orgSlug: "no-such-org" }, context: context() }),
        )
      ).status,
    ).toBe(404);

    // The report and the CSV hold the same rows as the page.
    const ownReport = (await s.report(s.cookies.facilitator)).data!;
    expect(ownReport.sections.map((x) => x.title)).toEqual(["Sparkbrook portfolio"]);
    expect(ownReport.sections[0]!.tried.map((p) => p.title)).toEqual(["Here"]);
    const allReport = (await s.report(s.cookies.org)).data!;
    expect(allReport.by).toBe("locality");
    expect(allReport.sections.flatMap((x) => x.tried.map((p) => p.title)).sort()).toEqual(["Elsewhere", "Here", "Third"]);
    const ownCsv = await s.csv(s.cookies.facilitator);
    expect(ownCsv.status).toBe(200);
    expect(ownCsv.text).toContain("Here");
    expect(ownCsv.text).not.toContain("Elsewhere");
    expect(ownCsv.text).not.toContain("Third");
    expect((await s.csv(s.cookies.org)).text).toContain("Third");
  });

  it("refuses a threshold of zero, a year or words with the value kept; only organisation facilitators change it", async () => {
    const s = await setup();
    await quietSince(t.db, s.loc.id, "Eight weeks quiet", new Date(Date.now() - 8 * WEEK));
    expect(s.row(await s.page(s.cookies.org), "Eight weeks quiet")?.stalled).toBe(true);

    for (const value of ["0", "52", "27", "six", "", "-3", "2.5"]) {
      const o = await s.setWeeks(s.cookies.org, value);
      expect(o.status, value).toBe(400);
      expect(o.data, value).toEqual({ intent: "threshold", ok: false, value, error: "portfolio.errors.weeks" });
    }
    expect((await t.db.organisation.findUniqueOrThrow({ where: { id: s.org.id } })).stalledAfterWeeks).toBe(6);
    expect((await s.setWeeks(s.cookies.facilitator, "12")).status).toBe(403);
    expect((await s.setWeeks(s.cookies.member, "12")).status).toBe(404);
    expect((await s.setWeeks("", "12")).status).toBe(302);

    const saved = await s.setWeeks(s.cookies.org, "١٢");
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true, value: "12" });
    const d = await s.page(s.cookies.org);
    expect(d.stalledAfterWeeks).toBe(12);
    expect(s.row(d, "Eight weeks quiet")?.stalled).toBe(false);
    expect((await s.setWeeks(s.cookies.org, "1")).status).toBe(200);
    expect((await s.setWeeks(s.cookies.org, "26")).status).toBe(200);
    expect((await s.page(s.cookies.facilitator)).stalledAfterWeeks).toBe(26);
    const logged = await t.db.auditEntry.findMany({ where: { action: "portfolio.threshold", targetId: s.org.id }, orderBy: { createdAt: "asc" } });
    expect(logged.map((e) => JSON.parse(e.detail))).toEqual([
      { before: 6, after: 12 },
      { before: 12, after: 1 },
      { before: 1, after: 26 },
    ]);
  });

  it("groups by priority with the facet balance, names outcomes nobody works on, and follows confidence cycle by cycle", async () => {
    const s = await setup();
    const scope = { organisationId: s.org.id, actorId: s.orgFacilitator.id };
    const fields = { body: "", underReview: false, reviewNote: "", isExample: false };
    const children = await addItem(t.db, scope, { ...fields, kind: "priority", title: "Children and young people" });
    const health = await addItem(t.db, scope, { ...fields, kind: "priority", title: "Health and wellbeing" });
    const early = await addItem(t.db, scope, { ...fields, kind: "outcome", parentId: children.id, title: "Families find help early", isExample: true });
    const lonely = await addItem(t.db, scope, { ...fields, kind: "outcome", parentId: health.id, title: "Fewer people feel lonely", isExample: true });

    const mentors = await makePrototype(t.db, { localityId: s.loc.id, title: "Peer mentors" });
    const walk = await makePrototype(t.db, { localityId: s.other.id, title: "Walking group" });
    await makePrototype(t.db, { localityId: s.loc.id, title: "Unlinked one" });
    await t.db.prototype.update({ where: { id: mentors.id }, data: { facet: "adaptive" } });
    await t.db.prototype.update({ where: { id: walk.id }, data: { facet: "mission-oriented" } });
    await linkItem(t.db, { organisationId: s.org.id, localityId: s.loc.id, actorId: s.facilitator.id }, { prototypeId: mentors.id }, early.id);
    await linkItem(t.db, { organisationId: s.org.id, localityId: s.other.id, actorId: s.outsider.id }, { prototypeId: walk.id }, early.id);
    // Two cycles of the mentors with ratings: confidence rose, then fell back a little.
    const c1 = await makeCycle(t.db, {
      localityId: s.loc.id,
      prototypeId: mentors.id,
      startsOn: new Date(Date.now() - 40 * DAY),
      endsOn: new Date(Date.now() - 30 * DAY),
      learned: "Good.",
      decision: "adapt",
    });
    const c2 = await makeCycle(t.db, { localityId: s.loc.id, prototypeId: mentors.id, startsOn: new Date(Date.now() - 10 * DAY) });
    for (const [cycleId, userId, moment, rating] of [
      [c1.id, s.member.id, "before", 2],
      [c1.id, s.member2.id, "before", 3],
      [c1.id, s.member.id, "after", 4],
      [c1.id, s.member2.id, "after", 4],
      [c2.id, s.member.id, "before", 4],
      [c2.id, s.member.id, "after", 3],
    ] as const)
      await t.db.confidenceRating.create({ data: { cycleId, userId, moment, rating } });

    const d = await s.page(s.cookies.org);
    expect(d.grouping).toBe("priority");
    expect(d.priorityGroups.map((x) => [x.priority?.title ?? null, x.rows.map((r) => r.title).sort()])).toEqual([
      ["Children and young people", ["Peer mentors", "Walking group"]],
      ["Health and wellbeing", []],
      [null, ["Unlinked one"]],
    ]);
    expect(d.priorityGroups[0]!.facets).toEqual({ "enhancement-oriented": 0, "mission-oriented": 1, adaptive: 1, anticipatory: 0, none: 0 });
    expect(d.priorityGroups[2]!.facets.none).toBe(1);
    const outcomes = d.outcomes.flatMap((p) => p.outcomes);
    expect(outcomes.map((o) => [o.title, o.nobody])).toEqual([
      ["Families find help early", false],
      ["Fewer people feel lonely", true],
    ]);
    expect(d.nobodyCount).toBe(1);
    const trail = outcomes[0]!.prototypes.find((p) => p.title === "Peer mentors")!;
    expect(trail.trail.map((x) => [x.number, x.before, x.after, x.change])).toEqual([
      [1, 2.5, 4, "rose"],
      [2, 4, 3, "fell"],
    ]);
    expect(trail.trend).toBe("building");
    expect(trail.trail[0]!.hypothesis.believe).toBe("a weekly drop-in run by parents");
    // By locality on request; a locality facilitator sees their own prototype under the priority, not the other's.
    expect((await s.page(s.cookies.org, "?group=locality")).grouping).toBe("locality");
    const own = await s.page(s.cookies.facilitator);
    expect(own.priorityGroups[0]!.rows.map((r) => r.title)).toEqual(["Peer mentors"]);
    expect(own.outcomes[0]!.outcomes[0]!.prototypes.map((p) => p.title)).toEqual(["Peer mentors"]);
    // The report: a page per priority, then what is linked to none; it names each prototype's locality.
    const r = (await s.report(s.cookies.org)).data!;
    expect(r.by).toBe("priority");
    expect(r.sections.map((x) => [x.kind, x.title])).toEqual([
      ["priority", "Children and young people"],
      ["priority", "Health and wellbeing"],
      ["unlinked", ""],
    ]);
    expect(r.sections[0]!.tried.map((p) => [p.title, p.locality])).toEqual([
      ["Peer mentors", "Sparkbrook portfolio"],
      ["Walking group", "Elsewhere"],
    ]);
    expect(r.sections[0]!.decided).toMatchObject([{ title: "Peer mentors", cycle: 1, decision: "adapt" }]);
    expect(r.sections[0]!.learned).toMatchObject([{ title: "Peer mentors", cycle: 1, learned: "Good." }]);
    expect(lonely.id).toBeTypeOf("string");
  });

  it("neutralises formula-looking cells in the CSV and quotes commas, quotes and line breaks", async () => {
    const s = await setup();
    const titles = ['=HYPERLINK("http://evil.example","x")', "+44 1234", "-2+3", "@SUM(A1)", 'Plain, with "quotes"', "Two\nlines"];
    for (const title of titles) await makePrototype(t.db, { localityId: s.loc.id, title });
    await t.db.locality.update({ where: { id: s.loc.id }, data: { name: "=cmd|' /C calc'!A0" } });
    const out = await s.csv(s.cookies.org);
    expect(out.status).toBe(200);
    expect(out.type).toBe("text/csv; charset=utf-8");
    expect(out.text.split("\r\n")[0]!.split(",").slice(0, 5)).toEqual(["\uFEFFLocality", "Prototype", "Status", "Test cycles", "Latest cycle"]);
    expect(out.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(out.text).toContain(",'+44 1234,");
    expect(out.text).toContain(",'-2+3,");
    expect(out.text).toContain(",'@SUM(A1),");
    expect(out.text).toContain(`,"Plain, with ""quotes""",`);
    expect(out.text).toContain(`,"Two\nlines",`);
    expect(out.text).toContain("'=cmd|' /C calc'!A0,");
    // No line starts with a formula character, and none holds one right after a separator.
    for (const line of out.text.replace(/^\uFEFF/, "").split("\r\n")) expect(line).not.toMatch(/(^|,)[=+\-@]/);
    expect(await t.db.auditEntry.count({ where: { action: "portfolio.export", targetId: s.org.id } })).toBe(1);
  });
});
