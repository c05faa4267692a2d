// A prototype's measures on the server (SQLite and PostgreSQL), through the real route module:
// who may read and change them (viewers read, members and facilitators add, edit and remove;
// another locality → 404; signed out → sign-in), measures and readings validated (name, unit,
// range, baseline and target, a reading's unit, range and date, a cycle of another prototype),
// each change in the activity log, creations once per form load, the costs per cycle and per
// person read from the cycles, and the chart's data and its summary in both languages. Test
// cycles are written directly (tests/factories/measures.ts).
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { makeCycle, makeMeasure, makePrototype } from "../factories/measures";
import { setProcessDb } from "~/data/db.server";
import { buildChart, todayInLondon } from "~/domain/measures";
import { chartSummaryText } from "~/components/prototypes/measure-chart";
import { measureFormat } from "~/components/prototypes/measure-format";
import { translator } from "~/i18n/translate";
import * as measuresRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId.measures";

type PageData = Awaited<ReturnType<typeof measuresRoute.loader>>;
type Reply = {
  intent: string;
  target: string | null;
  reply: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
};

/** Bidi isolates the Arabic strings wrap their values in, taken out to compare text. */
const plain = (s: string) => s.replace(/[\u2066-\u2069\u200e\u200f]/g, "");

describe.each(await providers())("measures on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
  });
  afterAll(async () => t?.drop());

  async function setup() {
    const g = await makeGroup(t.db, {
      locality: "Sparkbrook measures",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });
    const prototype = await makePrototype(t.db, { localityId: g.loc.id, title: "Peer mentors" });
    const sibling = await makePrototype(t.db, { localityId: g.loc.id, title: "Walking bus" });
    const elsewhere = await makePrototype(t.db, { localityId: g.other.id, title: "Elsewhere's prototype" });
    const c1 = await makeCycle(t.db, {
      prototypeId: prototype.id,
      localityId: g.loc.id,
      number: 1,
      startsOn: "2026-01-10",
      endsOn: "2026-01-24",
      costPence: 18000,
      peopleReached: 14,
    });
    const c2 = await makeCycle(t.db, {
      prototypeId: prototype.id,
      localityId: g.loc.id,
      number: 2,
      method: "pilot",
      startsOn: "2026-02-01",
      endsOn: "2026-02-28",
      costPence: 64000,
      peopleReached: 23,
    });
    const c3 = await makeCycle(t.db, { prototypeId: prototype.id, localityId: g.loc.id, number: 3, method: "pilot", startsOn: "2026-03-05" });
    const siblingCycle = await makeCycle(t.db, { prototypeId: sibling.id, localityId: g.loc.id, number: 1, costPence: 1000, peopleReached: 3 });
    const path = `/l/${g.loc.id}/prototypes/${prototype.id}/measures`;
    const params = { localityId: g.loc.id, prototypeId: prototype.id };

    const load = (cookie: string, query = "", prototypeId = prototype.id) =>
      outcome(() =>
        (measuresRoute.loader as (args: unknown) => Promise<unknown>)({
          request: get(`/l/${g.loc.id}/prototypes/${prototypeId}/measures${query}`, cookie || undefined),
          params: { ...params, prototypeId },
          context: context(),
        }),
      );
    const page = async (cookie: string, query = "") => {
      const res = await load(cookie, query);
      expect(res.status).toBe(200);
      return res.data as PageData;
    };
    let formLoad = 0;
    const act = (cookie: string, fields: Record<string, string>, options: { formKey?: string; prototypeId?: string } = {}) => {
      const body = new URLSearchParams({ ...fields, _csrf: csrfToken(), _form: options.formKey ?? `load-${Date.now()}-${formLoad++}.f1` });
      const prototypeId = options.prototypeId ?? prototype.id;
      const request = new Request(`http://localhost:3000/l/${g.loc.id}/prototypes/${prototypeId}/measures`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      });
      return outcome(() => (measuresRoute.action as (args: unknown) => Promise<unknown>)({ request, params: { ...params, prototypeId }, context: context() }));
    };
    const errorsOf = (res: { status: number; data?: unknown }) => {
      expect(res.status).toBe(400);
      return (res.data as Reply).reply.error ?? {};
    };
    const audit = async (action: string) => t.db.auditEntry.count({ where: { localityId: g.loc.id, action } });
    const sessions = {
      name: "Sessions a month",
      unit: "sessions a month",
      betterWhen: "up",
      minValue: "0",
      maxValue: "31",
      baseline: "4",
      target: "10",
    };
    return { ...g, prototype, sibling, elsewhere, c1, c2, c3, siblingCycle, path, load, page, act, errorsOf, audit, sessions };
  }

  it("lets viewers read, members and facilitators change, and nobody else in", async () => {
    const s = await setup();
    const viewer = await s.page(s.cookies.viewer);
    expect(viewer.prototype).toMatchObject({ id: s.prototype.id, title: "Peer mentors" });
    expect(viewer.may.edit).toBe(false);
    expect((await s.page(s.cookies.member)).may.edit).toBe(true);
    expect((await s.page(s.cookies.facilitator)).may.edit).toBe(true);
    // A viewer's ?measure= or ?reading= opens no form.
    const m = await makeMeasure(t.db, s.prototype.id, { name: "Parents", unit: "parents", readings: [{ value: 3, takenOn: "2026-01-12" }] });
    const readingId = (await t.db.measureReading.findFirstOrThrow({ where: { measureId: m.id } })).id;
    expect((await s.page(s.cookies.viewer, `?measure=${m.id}&reading=${readingId}`)).editing).toEqual({ measureId: null, readingId: null });
    expect((await s.page(s.cookies.member, `?measure=${m.id}&reading=${readingId}`)).editing).toEqual({ measureId: m.id, readingId });

    // Signed out → sign-in; another locality's facilitator, another locality's prototype, nonsense → 404.
    const anon = await s.load("");
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/sign-in\?redirectTo=/);
    expect((await s.load(s.cookies.outsider)).status).toBe(404);
    expect((await s.load(s.cookies.facilitator, "", s.elsewhere.id)).status).toBe(404);
    expect((await s.load(s.cookies.facilitator, "", "no such id!")).status).toBe(404);

    // Viewers may not change anything: every form is refused with 403 (and nothing is written).
    const forms: Record<string, string>[] = [
      { intent: "add-measure", ...s.sessions },
      { intent: "edit-measure", measureId: m.id, ...s.sessions },
      { intent: "remove-measure", measureId: m.id },
      { intent: "add-reading", measureId: m.id, value: "5", takenOn: "2026-01-20" },
      { intent: "edit-reading", readingId, value: "5", takenOn: "2026-01-20" },
      { intent: "remove-reading", readingId },
    ];
    for (const fields of forms) expect((await s.act(s.cookies.viewer, fields)).status, fields.intent).toBe(403);
    expect(await t.db.measure.count({ where: { prototypeId: s.prototype.id } })).toBe(1);
    expect(await t.db.measureReading.count({ where: { measureId: m.id } })).toBe(1);
    // Signed out → sign-in; an outsider → 404; a measure of another locality's prototype → 404.
    expect((await s.act("", { intent: "add-measure", ...s.sessions })).status).toBe(302);
    expect((await s.act(s.cookies.outsider, { intent: "add-measure", ...s.sessions })).status).toBe(404);
    expect((await s.act(s.cookies.facilitator, { intent: "add-measure", ...s.sessions }, { prototypeId: s.elsewhere.id })).status).toBe(404);
    // An unknown intent → 400.
    expect((await s.act(s.cookies.member, { intent: "nonsense" })).status).toBe(400);
  });

  it("adds, edits and removes measures, each in the activity log, and refuses bad input with the input kept", async () => {
    const s = await setup();
    const added = await s.act(s.cookies.member, { intent: "add-measure", ...s.sessions });
    expect(added.status).toBe(303);
    const measure = await t.db.measure.findFirstOrThrow({ where: { prototypeId: s.prototype.id } });
    expect(added.location).toBe(`${s.path}?done=add-measure#measure-${measure.id}`);
    expect(measure).toMatchObject({ name: "Sessions a month", unit: "sessions a month", betterWhen: "up", minValue: 0, maxValue: 31, baseline: 4, target: 10 });
    expect(await s.audit("measure.create")).toBe(1);

    // Bad input: each with its message beside the field, and what was typed given back.
    const bad = async (fields: Record<string, string>) => {
      const res = await s.act(s.cookies.member, { intent: "add-measure", ...s.sessions, ...fields });
      const reply = (res.data as Reply).reply;
      expect(reply.initialValue).toMatchObject(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "")));
      return s.errorsOf(res);
    };
    expect(await bad({ name: "", unit: "" })).toMatchObject({ name: ["measures.errors.name"], unit: ["measures.errors.unit"] });
    expect(await bad({ name: "x".repeat(121) })).toMatchObject({ name: ["measures.errors.nameLong"] });
    expect(await bad({ betterWhen: "sideways" })).toMatchObject({ betterWhen: ["measures.errors.betterWhen"] });
    expect(await bad({ baseline: "about four" })).toMatchObject({ baseline: ["measures.errors.number"] });
    expect(await bad({ minValue: "40", maxValue: "10" })).toMatchObject({ maxValue: ["measures.errors.rangeOrder"] });
    expect(await bad({ baseline: "40" })).toMatchObject({ baseline: ["measures.errors.baselineOutside"] });
    expect(await bad({ target: "-1" })).toMatchObject({ target: ["measures.errors.targetOutside"] });
    expect(await bad({ target: "2" })).toMatchObject({ target: ["measures.errors.targetBelowBaseline"] });
    expect(await bad({ betterWhen: "down" })).toMatchObject({ target: ["measures.errors.targetAboveBaseline"] });
    // A figure may carry the measure's own unit, no other.
    expect(await bad({ unit: "%", minValue: "0", maxValue: "100", baseline: "40 sessions" })).toMatchObject({ baseline: ["measures.errors.figureUnit"] });
    expect(await t.db.measure.count({ where: { prototypeId: s.prototype.id } })).toBe(1);
    const percent = await s.act(s.cookies.facilitator, {
      intent: "add-measure",
      name: "Would recommend it",
      unit: "%",
      betterWhen: "up",
      minValue: "0%",
      maxValue: "100%",
      baseline: "٤٠",
      target: "75 %",
    });
    expect(percent.status).toBe(303);
    expect(await t.db.measure.findFirstOrThrow({ where: { name: "Would recommend it" } })).toMatchObject({
      minValue: 0,
      maxValue: 100,
      baseline: 40,
      target: 75,
    });

    // Script in a text field is stored as the text it is (and shown as text: React escapes it).
    const script = '<script>alert("x")</script>';
    expect((await s.act(s.cookies.member, { intent: "add-measure", ...s.sessions, name: script, unit: "<b>u</b>" })).status).toBe(303);
    const page = await s.page(s.cookies.viewer);
    expect(page.measures.map((m) => m.name)).toEqual(["Sessions a month", "Would recommend it", script]);
    expect(page.measures[2]!.unit).toBe("<b>u</b>");

    // Edit: saved and logged; a range that leaves a reading outside is refused.
    await t.db.measureReading.create({ data: { measureId: measure.id, value: 12, takenOn: new Date("2026-01-15T00:00:00Z") } });
    const narrow = await s.act(s.cookies.member, { intent: "edit-measure", measureId: measure.id, ...s.sessions, maxValue: "10", target: "9" });
    expect(narrow.status).toBe(400);
    expect((narrow.data as Reply).target).toBe(measure.id);
    expect((narrow.data as Reply).reply.error?.[""]).toEqual(["measures.errors.readingsOutside"]);
    const edited = await s.act(s.cookies.member, { intent: "edit-measure", measureId: measure.id, ...s.sessions, name: "Sessions each month", target: "12" });
    expect(edited.status).toBe(303);
    expect(await t.db.measure.findUniqueOrThrow({ where: { id: measure.id } })).toMatchObject({ name: "Sessions each month", target: 12 });
    expect(await s.audit("measure.update")).toBe(1);
    // A measure of another prototype (even in this locality) is not found here.
    const siblings = await makeMeasure(t.db, s.sibling.id, { name: "Children walking", unit: "children" });
    expect((await s.act(s.cookies.member, { intent: "edit-measure", measureId: siblings.id, ...s.sessions })).status).toBe(404);
    expect((await s.act(s.cookies.member, { intent: "remove-measure", measureId: siblings.id })).status).toBe(404);

    // Remove: the measure and its readings go; logged with how many readings went.
    const removed = await s.act(s.cookies.facilitator, { intent: "remove-measure", measureId: measure.id });
    expect(removed.status).toBe(303);
    expect(await t.db.measure.count({ where: { id: measure.id } })).toBe(0);
    expect(await t.db.measureReading.count({ where: { measureId: measure.id } })).toBe(0);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { localityId: s.loc.id, action: "measure.remove" } });
    expect(JSON.parse(entry.detail)).toMatchObject({ prototypeId: s.prototype.id, name: "Sessions each month", readings: 1 });
    expect(await t.db.measure.count({ where: { id: siblings.id } })).toBe(1);
  });

  it("creates a measure or a reading once per form load, even sent three times at once", async () => {
    const s = await setup();
    const key = `double-${Date.now()}.r1`;
    const runs = await Promise.all([1, 2, 3].map(() => s.act(s.cookies.member, { intent: "add-measure", ...s.sessions }, { formKey: key })));
    expect(runs.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(new Set(runs.map((r) => r.location)).size).toBe(1);
    expect(await t.db.measure.count({ where: { prototypeId: s.prototype.id } })).toBe(1);
    const measure = await t.db.measure.findFirstOrThrow({ where: { prototypeId: s.prototype.id } });
    const readingKey = `double-${Date.now()}.r2`;
    const reading = { intent: "add-reading", measureId: measure.id, value: "6", takenOn: "2026-01-20" };
    await Promise.all([1, 2, 3].map(() => s.act(s.cookies.member, reading, { formKey: readingKey })));
    expect(await t.db.measureReading.count({ where: { measureId: measure.id } })).toBe(1);
    // A refused submission gives its key back: the corrected form (same load) goes through.
    const refusedKey = `refused-${Date.now()}.r3`;
    expect((await s.act(s.cookies.member, { ...reading, value: "99" }, { formKey: refusedKey })).status).toBe(400);
    expect((await s.act(s.cookies.member, { ...reading, value: "7" }, { formKey: refusedKey })).status).toBe(303);
    expect(await t.db.measureReading.count({ where: { measureId: measure.id } })).toBe(2);
    expect(await s.audit("measure.create")).toBe(1);
    expect(await s.audit("measure.reading.create")).toBe(2);
  });

  it("validates readings: the measure's unit, its range, a real date not after today, and a cycle of this prototype only", async () => {
    const s = await setup();
    const measure = await makeMeasure(t.db, s.prototype.id, { name: "Sessions a month", unit: "sessions", minValue: 0, maxValue: 31, baseline: 4, target: 10 });
    const percent = await makeMeasure(t.db, s.prototype.id, { name: "Would recommend", unit: "%", minValue: 0, maxValue: 100 });
    const reading = (fields: Record<string, string>, measureId = measure.id) =>
      s.act(s.cookies.member, { intent: "add-reading", measureId, value: "6", takenOn: "2026-01-20", source: "Register", ...fields });
    const refused = async (fields: Record<string, string>, measureId = measure.id) => {
      const res = await reading(fields, measureId);
      expect((res.data as Reply).target).toBe(measureId);
      // What was typed comes back (an empty field is simply absent).
      expect((res.data as Reply).reply.initialValue).toMatchObject(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "")));
      return s.errorsOf(res);
    };
    // Another unit, text, an empty value: refused with a message that names the unit.
    expect(await refused({ value: "12%" })).toEqual({ value: ["measures.errors.valueUnit"] });
    expect(await refused({ value: "12 parents" })).toEqual({ value: ["measures.errors.valueUnit"] });
    expect(await refused({ value: "twelve" })).toEqual({ value: ["measures.errors.valueNumber"] });
    expect(await refused({ value: "12 to 15" })).toEqual({ value: ["measures.errors.valueNumber"] });
    expect(await refused({ value: "" })).toEqual({ value: ["measures.errors.value"] });
    expect(await refused({ value: "12 sessions" }, percent.id)).toEqual({ value: ["measures.errors.valueUnit"] });
    // Out of the measure's range.
    expect(await refused({ value: "32" })).toEqual({ value: ["measures.errors.valueRange"] });
    expect(await refused({ value: "-1" })).toEqual({ value: ["measures.errors.valueRange"] });
    expect(await refused({ value: "101%" }, percent.id)).toEqual({ value: ["measures.errors.valueRange"] });
    // Dates: none, not a date, not a real day, after today.
    const tomorrow = new Date(Date.parse(`${todayInLondon()}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await refused({ takenOn: "" })).toEqual({ takenOn: ["measures.errors.date"] });
    expect(await refused({ takenOn: "last Tuesday" })).toEqual({ takenOn: ["measures.errors.dateInvalid"] });
    expect(await refused({ takenOn: "2026-02-30" })).toEqual({ takenOn: ["measures.errors.dateInvalid"] });
    expect(await refused({ takenOn: tomorrow })).toEqual({ takenOn: ["measures.errors.dateFuture"] });
    // A cycle of another prototype (in the same locality) is refused; a malformed id too.
    expect(await refused({ cycleId: s.siblingCycle.id })).toEqual({ cycleId: ["measures.errors.cycle"] });
    expect(await refused({ cycleId: "not an id!" })).toEqual({ cycleId: ["measures.errors.cycle"] });
    expect(await refused({ source: "x".repeat(201) })).toEqual({ source: ["measures.errors.sourceLong"] });
    expect(await t.db.measureReading.count({ where: { measure: { prototypeId: s.prototype.id } } })).toBe(0);
    // A reading for a measure of another prototype → 404.
    const siblings = await makeMeasure(t.db, s.sibling.id, { name: "Children walking", unit: "children" });
    expect((await reading({}, siblings.id)).status).toBe(404);

    // Good ones: a plain number, with the unit (or its singular), Arabic digits, today, a cycle of this prototype.
    for (const [value, takenOn, cycleId] of [
      ["6", "2026-01-20", s.c1.id],
      ["9 sessions", "2026-02-20", s.c2.id],
      ["١ session", "2026-01-02", ""],
      ["0", todayInLondon(), ""],
    ] as const)
      expect((await reading({ value, takenOn, cycleId })).status, value).toBe(303);
    expect((await reading({ value: "45 %" }, percent.id)).status).toBe(303);
    expect((await reading({ value: "٥٠٫٥٪", takenOn: "2026-02-01" }, percent.id)).status).toBe(303);
    expect((await t.db.measureReading.findMany({ where: { measureId: percent.id }, orderBy: { takenOn: "asc" } })).map((r) => r.value)).toEqual([45, 50.5]);
    const stored = await t.db.measureReading.findMany({ where: { measureId: measure.id }, orderBy: { takenOn: "asc" } });
    expect(stored.map((r) => [r.value, r.takenOn.toISOString().slice(0, 10), r.cycleId])).toEqual([
      [1, "2026-01-02", null],
      [6, "2026-01-20", s.c1.id],
      [9, "2026-02-20", s.c2.id],
      [0, todayInLondon(), null],
    ]);
    expect(stored.every((r) => r.createdById === s.member.id && r.source === "Register")).toBe(true);
    expect(await s.audit("measure.reading.create")).toBe(6);

    // Edit a reading: the same checks; then saved and logged. Remove: gone and logged.
    const six = stored[1]!;
    const edit = (fields: Record<string, string>) =>
      s.act(s.cookies.facilitator, { intent: "edit-reading", readingId: six.id, value: "6", takenOn: "2026-01-20", ...fields });
    const wrong = await edit({ value: "50%" });
    expect((wrong.data as Reply).target).toBe(six.id);
    expect(s.errorsOf(wrong)).toEqual({ value: ["measures.errors.valueUnit"] });
    expect(s.errorsOf(await edit({ cycleId: s.siblingCycle.id }))).toEqual({ cycleId: ["measures.errors.cycle"] });
    expect((await edit({ value: "7", cycleId: s.c1.id, source: "Sign-in sheet" })).status).toBe(303);
    expect(await t.db.measureReading.findUniqueOrThrow({ where: { id: six.id } })).toMatchObject({ value: 7, source: "Sign-in sheet", cycleId: s.c1.id });
    expect(await s.audit("measure.reading.update")).toBe(1);
    // A reading of another prototype's measure → 404.
    const foreign = await t.db.measureReading.create({ data: { measureId: siblings.id, value: 3, takenOn: new Date("2026-01-02T00:00:00Z") } });
    expect((await s.act(s.cookies.member, { intent: "edit-reading", readingId: foreign.id, value: "4", takenOn: "2026-01-03" })).status).toBe(404);
    expect((await s.act(s.cookies.member, { intent: "remove-reading", readingId: foreign.id })).status).toBe(404);
    expect((await s.act(s.cookies.member, { intent: "remove-reading", readingId: six.id })).status).toBe(303);
    expect(await t.db.measureReading.count({ where: { id: six.id } })).toBe(0);
    expect(await s.audit("measure.reading.remove")).toBe(1);
    expect(await t.db.measureReading.count({ where: { id: foreign.id } })).toBe(1);
  });

  it("computes each cycle's cost per person reached and the totals from the cycles", async () => {
    const s = await setup();
    const { costs } = await s.page(s.cookies.viewer);
    expect(costs.rows.map((r) => [r.number, r.costPence, r.peopleReached, r.costPerPerson])).toEqual([
      [1, 18000, 14, 1286],
      [2, 64000, 23, 2783],
      [3, null, null, null],
    ]);
    // Totals: what is known; cost per person over the cycles with both figures (82,000 / 37).
    expect(costs).toMatchObject({ costPence: 82000, peopleReached: 37, costPerPerson: 2216, incomplete: 1 });
    expect(costs.trend).toEqual({ from: { number: 1, pence: 1286 }, to: { number: 2, pence: 2783 }, change: "higher" });
    // The sibling prototype's cycle is not counted here.
    expect(costs.rows).toHaveLength(3);

    // A third cycle recorded cheaply turns the argument: lower cost per person.
    await t.db.testCycle.update({ where: { id: s.c3.id }, data: { costPence: 20000, peopleReached: 40 } });
    const after = (await s.page(s.cookies.member)).costs;
    expect(after).toMatchObject({ costPence: 102000, peopleReached: 77, costPerPerson: 1325, incomplete: 0 });
    expect(after.trend).toEqual({ from: { number: 1, pence: 1286 }, to: { number: 3, pence: 500 }, change: "lower" });
    expect(plain(translator("en")("measures.costs.trend.lower", { from: "£12.86", fromCycle: 1, to: "£5.00", toCycle: 3 }))).toBe(
      "Cost per person went down from £12.86 in cycle 1 to £5.00 in cycle 3.",
    );
    const money = measureFormat("en").money;
    expect([money(1286), money(500), money(2216)]).toEqual(["£12.86", "£5.00", "£22.16"]);

    // No cycles at all: an empty table, nothing to divide.
    const lone = await makePrototype(t.db, { localityId: s.loc.id, title: "No cycles yet" });
    const res = await s.load(s.cookies.viewer, "", lone.id);
    expect((res.data as PageData).costs).toMatchObject({ rows: [], costPence: null, peopleReached: null, costPerPerson: null, trend: null });
  });

  it("gives the chart its data in date order, and a summary in English and Arabic", async () => {
    const s = await setup();
    await makeMeasure(t.db, s.prototype.id, {
      name: "Sessions a month",
      unit: "sessions a month",
      minValue: 0,
      maxValue: 31,
      baseline: 4,
      target: 10,
      readings: [
        { value: 9, takenOn: "2026-03-03", source: "Register" },
        { value: 4, takenOn: "2026-01-12", source: "Register", cycleId: s.c1.id },
        { value: 7, takenOn: "2026-02-16", source: "Register", cycleId: s.c2.id },
      ],
    });
    await makeMeasure(t.db, s.prototype.id, { name: "Waiting time", unit: "days", betterWhen: "down", baseline: 20 });
    const page = await s.page(s.cookies.viewer);
    const [sessions, waiting] = page.measures;
    expect(sessions!.readings.map((r) => [r.value, r.takenOn, r.cycleNumber])).toEqual([
      [4, "2026-01-12", 1],
      [7, "2026-02-16", 2],
      [9, "2026-03-03", null],
    ]);
    expect(sessions!.summary).toEqual({
      count: 3,
      first: { value: 4, takenOn: "2026-01-12" },
      last: { value: 9, takenOn: "2026-03-03" },
      baseline: 4,
      target: 10,
      betterWhen: "up",
      improves: true,
      reachedTarget: false,
    });
    expect(waiting!.summary).toMatchObject({ count: 0, first: null, last: null, betterWhen: "down", improves: null });

    // The chart drawn from that data: one point per reading, left to right in English, right to left in Arabic.
    const ltr = buildChart(sessions!, sessions!.readings, page.chartCycles, { rtl: false });
    const rtl = buildChart(sessions!, sessions!.readings, page.chartCycles, { rtl: true });
    expect(ltr.points.map((p) => p.value)).toEqual([4, 7, 9]);
    const xs = ltr.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(rtl.points.map((p) => p.x)).toEqual(xs.map((x) => Math.round((ltr.width - x) * 10) / 10));
    // Higher values higher up; the target above the baseline; both inside the plot.
    const ys = ltr.points.map((p) => p.y);
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeGreaterThan(ys[2]!);
    expect(ltr.target!.y).toBeLessThan(ltr.baseline!.y);
    expect(ltr.baseline!.y).toBe(ltr.points[0]!.y);
    for (const y of [ltr.target!.y, ltr.baseline!.y, ...ys]) {
      expect(y).toBeGreaterThanOrEqual(ltr.plot.y1);
      expect(y).toBeLessThanOrEqual(ltr.plot.y2);
    }
    // Nice ticks with room above and below, inside the range 0–31.
    expect(ltr.yTicks.map((tick) => tick.value)).toEqual([2, 4, 6, 8, 10, 12]);
    // A band for each cycle a reading was taken in (not cycle 3: none of this measure's readings).
    expect(ltr.bands.map((b) => b.number)).toEqual([1, 2]);
    expect(ltr.bands[0]!.x1).toBeLessThan(ltr.points[0]!.x);
    expect(ltr.bands[0]!.x2).toBeGreaterThan(ltr.points[0]!.x);
    expect(rtl.bands[0]!.x1).toBeGreaterThan(rtl.bands[1]!.x2);

    const en = plain(chartSummaryText(translator("en"), measureFormat("en"), sessions!.unit, sessions!.summary));
    expect(en).toBe("From 4 to 9 sessions a month over 3 readings (12 Jan 2026 to 3 Mar 2026); baseline 4; target 10; higher is better.");
    const ar = plain(chartSummaryText(translator("ar"), measureFormat("ar"), sessions!.unit, sessions!.summary));
    expect(ar).toBe("من 4 إلى 9 sessions a month في 3 قراءات (من 12 يناير 2026 إلى 3 مارس 2026)؛ خط الأساس 4؛ الهدف 10؛ الأعلى أفضل.");
    expect(plain(chartSummaryText(translator("en"), measureFormat("en"), waiting!.unit, waiting!.summary))).toBe(
      "No readings yet; baseline 20; lower is better.",
    );
  });
});
