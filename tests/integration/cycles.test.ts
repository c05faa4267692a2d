// Test cycles of a prototype on the server (SQLite and PostgreSQL), through the real route
// modules: the lifecycle planned → testing → decided; decisions by facilitators only (a member's
// is 403) and only with a reason and with what was learned written; a closed cycle refuses every
// edit and is corrected by amendments (before, after, reason, who, when) beside the original;
// the prototype's status follows decisions across cycles; participants only of this locality;
// dates in order; photos re-encoded without metadata (an oversized or non-image file refused) and
// served behind the prototype's gate; confidence before and after (one rating per person per
// moment); a decision closes the public feedback link; numbers unique when planned at once.
import sharp from "sharp";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { BASE, context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { makeCycle, makePerson, makePrototype } from "../factories/cycles";
import { LIMITS } from "~/domain/limits";
import { prototypeStatusFrom, parsePounds, parseWholeNumber, startOfToday, toCycleDateInput } from "~/domain/cycles";
import * as listRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId.cycles._index";
import * as cycleRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId.cycles.$cycleId._index";
import * as photoRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId.cycles.$cycleId.photos.$evidenceId";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type PageData = Awaited<ReturnType<typeof cycleRoute.loader>>;
type Reply = { intent?: string; reply: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

const DAY = 86_400_000;
const day = (offset: number) => toCycleDateInput(new Date(Date.now() + offset * DAY));

const plan = (over: Record<string, string | string[]> = {}): Array<[string, string]> => {
  const fields: Record<string, string | string[]> = {
    believe: "a weekly drop-in run by Arabic-speaking parents",
    willResult: "help new parents find support sooner",
    knowWhen: "most parents who come once come back",
    method: "role-play",
    startsOn: day(7),
    endsOn: day(14),
    place: "Sparkbrook children's centre",
    languages: ["en", "ar"],
    interpreting: "Huda, Arabic ↔ English",
    ...over,
  };
  return Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
};

describe.each(await providers())("test cycles on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const g = await makeGroup(t.db, {
      locality: "Sparkbrook cycles",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });
    const prototype = await makePrototype(t.db, { localityId: g.loc.id, title: "Peer mentoring in Arabic" });
    const [huda, omar] = await Promise.all([
      makePerson(t.db, { localityId: g.loc.id, displayName: "Huda Parent" }),
      makePerson(t.db, { localityId: g.loc.id, displayName: "Omar Volunteer", sector: "local_organisation" }),
    ]);
    const stranger = await makePerson(t.db, { localityId: g.other.id, displayName: "Elsewhere Person" });
    const base = `/l/${g.loc.id}/prototypes/${prototype.id}/cycles`;
    const params = { localityId: g.loc.id, prototypeId: prototype.id };

    const post = (path: string, cookie: string, fields: Array<[string, string]>) =>
      new Request(`${BASE}${path}`, {
        method: "POST",
        body: new URLSearchParams([...fields, ["_csrf", csrfToken()]]),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      });
    const create = (cookie: string, fields: Array<[string, string]>) =>
      outcome(() => listRoute.action({ request: post(base, cookie, [["intent", "create"], ...fields]), params, context: context() }));
    const act = (cookie: string, cycleId: string, intent: string, fields: Array<[string, string]> = []) =>
      outcome(() =>
        cycleRoute.action({ request: post(`${base}/${cycleId}`, cookie, [["intent", intent], ...fields]), params: { ...params, cycleId }, context: context() }),
      );
    const list = async (cookie: string) => outcome(() => listRoute.loader({ request: get(base, cookie || undefined), params, context: context() }));
    const page = async (cookie: string, cycleId: string) =>
      outcome(() => cycleRoute.loader({ request: get(`${base}/${cycleId}`, cookie || undefined), params: { ...params, cycleId }, context: context() }));
    const view = async (cycleId: string, cookie = g.cookies.member) => (await page(cookie, cycleId)).data as PageData;
    const status = async () => (await t.db.prototype.findUniqueOrThrow({ where: { id: prototype.id } })).status;
    const cycleIdOf = (location: string | null | undefined) => new RegExp(`${base}/([A-Za-z0-9_-]+)\\?done=create$`).exec(location ?? "")?.[1] ?? "";
    const errors = (res: { status: number; data?: unknown }) => {
      expect(res.status).toBe(400);
      return (res.data as Reply).reply.error ?? {};
    };
    return { ...g, prototype, huda, omar, stranger, base, params, create, act, list, page, view, status, cycleIdOf, errors };
  }

  /** A cycle planned through the list's form, by a member. */
  async function planned(s: Awaited<ReturnType<typeof setup>>, over: Record<string, string | string[]> = {}) {
    const res = await s.create(s.cookies.member, plan(over));
    expect(res.status).toBe(303);
    return s.cycleIdOf(res.location);
  }

  it("runs a cycle planned → testing → decided, facilitators deciding (a member's decision is 403), each decision in the activity log", async () => {
    const s = await setup();
    // Who may see and plan: viewers read, members plan, other localities and strangers see nothing.
    expect((await s.list(s.cookies.viewer)).status).toBe(200);
    expect((await s.list(s.cookies.outsider)).status).toBe(404);
    expect((await s.list("")).location).toMatch(/^\/sign-in\?redirectTo=/);
    expect((await s.create(s.cookies.viewer, plan())).status).toBe(403);
    expect((await s.create(s.cookies.outsider, plan())).status).toBe(404);

    const cycleId = await planned(s);
    const cycle = await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(cycle).toMatchObject({ number: 1, method: "role-play", languages: "en,ar", place: "Sparkbrook children's centre", decision: null });
    expect(toCycleDateInput(cycle.startsOn)).toBe(day(7));
    expect(await s.status()).toBe("planned");
    expect((await s.view(cycleId)).cycle.state).toBe("planned");
    expect((await s.view(cycleId)).feedback).toEqual({ answers: 0, open: false, link: "none" });
    expect((await s.view(cycleId, s.cookies.viewer)).may).toEqual({ edit: false, start: false, decide: false, amend: false });
    expect((await s.view(cycleId)).may).toEqual({ edit: true, start: true, decide: false, amend: false });
    expect((await s.page(s.cookies.outsider, cycleId)).status).toBe(404);
    expect((await s.page(s.cookies.member, "nope")).status).toBe(404);

    // A member marks it started before its start date: it starts today, and the prototype is being tested.
    expect((await s.act(s.cookies.viewer, cycleId, "start")).status).toBe(403);
    expect((await s.act(s.cookies.member, cycleId, "start")).status).toBe(303);
    expect(toCycleDateInput((await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } })).startsOn)).toBe(day(0));
    expect(await s.status()).toBe("testing");
    expect(s.errors(await s.act(s.cookies.member, cycleId, "start"))[""]).toEqual(["cycles.errors.alreadyStarted"]);

    // What was learned, what it cost (pounds in, pence stored) and how many it reached.
    const results = await s.act(s.cookies.member, cycleId, "results", [
      ["learned", "Parents came back when a volunteer met them at the door."],
      ["cost", "£1,250.50"],
      ["reached", "25"],
    ]);
    expect(results).toMatchObject({ status: 303, location: `${s.base}/${cycleId}?done=results#learning` });
    expect(await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } })).toMatchObject({ costPence: 125050, peopleReached: 25 });
    expect((await s.view(cycleId)).cycle).toMatchObject({ state: "running", costPence: 125050, peopleReached: 25, costPerPerson: 5002 });
    expect(
      s.errors(
        await s.act(s.cookies.member, cycleId, "results", [
          ["cost", "twelve"],
          ["reached", "-3"],
        ]),
      ),
    ).toMatchObject({
      cost: ["cycles.errors.cost"],
      reached: ["cycles.errors.reached"],
    });

    // Only facilitators decide: a member's decision is 403, a viewer's too.
    expect(
      (
        await s.act(s.cookies.member, cycleId, "decide", [
          ["decision", "adapt"],
          ["reason", "Mine"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(s.cookies.viewer, cycleId, "decide", [
          ["decision", "adapt"],
          ["reason", "Mine"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(s.cookies.outsider, cycleId, "decide", [
          ["decision", "adapt"],
          ["reason", "Mine"],
        ])
      ).status,
    ).toBe(404);
    // A decision without a reason (or an unknown one) is refused with a message beside the field.
    expect(
      s.errors(
        await s.act(s.cookies.facilitator, cycleId, "decide", [
          ["decision", "adapt"],
          ["reason", "   "],
        ]),
      ),
    ).toMatchObject({
      reason: ["cycles.errors.reason"],
    });
    expect(
      s.errors(
        await s.act(s.cookies.facilitator, cycleId, "decide", [
          ["decision", "maybe"],
          ["reason", "Why"],
        ]),
      ),
    ).toMatchObject({
      decision: ["cycles.errors.decision"],
    });
    expect((await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } })).decision).toBeNull();

    const decided = await s.act(s.cookies.facilitator, cycleId, "decide", [
      ["decision", "adapt"],
      ["reason", "Keep the volunteer at the door; move it to Saturday mornings."],
    ]);
    expect(decided).toMatchObject({ status: 303, location: `${s.base}/${cycleId}?done=decide#decision` });
    const closed = await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(closed).toMatchObject({
      decision: "adapt",
      decisionReason: "Keep the volunteer at the door; move it to Saturday mornings.",
      decidedById: s.facilitator.id,
    });
    expect(await s.status()).toBe("adapted");
    const audit = await t.db.auditEntry.findMany({ where: { localityId: s.loc.id, targetId: cycleId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["cycle.create", "cycle.start", "cycle.update", "cycle.decide"]);
    expect(JSON.parse(audit.at(-1)!.detail)).toEqual({ prototypeId: s.prototype.id, decision: "adapt", from: "testing", to: "adapted" });
    expect(audit.at(-1)!.actorId).toBe(s.facilitator.id);
    const page = await s.view(cycleId, s.cookies.viewer);
    expect(page.cycle).toMatchObject({ state: "closed", decision: { decision: "adapt", by: "Amal Facilitator" } });
    // Deciding again: refused, the first decision stands.
    expect(
      s.errors(
        await s.act(s.cookies.facilitator, cycleId, "decide", [
          ["decision", "stop"],
          ["reason", "Again"],
        ]),
      )[""],
    ).toEqual(["cycles.errors.closed"]);
    expect((await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } })).decision).toBe("adapt");
  });

  it("refuses to close a cycle with no learning written, and two decisions at once make one", async () => {
    const s = await setup();
    const cycleId = await planned(s);
    const noLearning = s.errors(
      await s.act(s.cookies.facilitator, cycleId, "decide", [
        ["decision", "continue"],
        ["reason", "It works"],
      ]),
    );
    expect(noLearning[""]).toEqual(["cycles.errors.noLearning"]);
    expect((await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } })).decision).toBeNull();
    expect((await s.view(cycleId, s.cookies.facilitator)).may.decide).toBe(true);

    await s.act(s.cookies.member, cycleId, "results", [["learned", "It worked for the parents who came."]]);
    const both = await Promise.all(
      (["continue", "stop"] as const).map((decision) =>
        s.act(s.cookies.facilitator, cycleId, "decide", [
          ["decision", decision],
          ["reason", `Decide ${decision}`],
        ]),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([303, 400]);
    const audit = await t.db.auditEntry.count({ where: { targetId: cycleId, action: "cycle.decide" } });
    expect(audit).toBe(1);
  });

  it("refuses every edit of a closed cycle and corrects it only by amendments shown beside the original", async () => {
    const s = await setup();
    const cycleId = await planned(s);
    await s.act(s.cookies.member, cycleId, "participant", [
      ["personId", s.huda.id],
      ["role", "use"],
    ]);
    // An open cycle is changed directly, not amended.
    expect(s.errors(await s.act(s.cookies.facilitator, cycleId, "amend", [...plan(), ["decisionReason", "x"], ["reason", "y"]]))[""]).toEqual([
      "cycles.errors.notClosed",
    ]);
    await s.act(s.cookies.member, cycleId, "results", [
      ["learned", "Saturday suits working parents."],
      ["cost", "300"],
      ["reached", "12"],
    ]);
    expect(
      (
        await s.act(s.cookies.facilitator, cycleId, "decide", [
          ["decision", "continue"],
          ["reason", "Parents asked for more."],
        ])
      ).status,
    ).toBe(303);

    // No silent edits: every form but the amendment is refused, and nothing changes.
    const before = await t.db.testCycle.findUniqueOrThrow({
      where: { id: cycleId },
      include: { participants: true, counts: true, evidence: true, ratings: true },
    });
    const refused: Array<[string, Array<[string, string]>]> = [
      ["plan", plan({ place: "Somewhere else" })],
      [
        "results",
        [
          ["learned", "Rewritten"],
          ["cost", "1"],
        ],
      ],
      [
        "participant",
        [
          ["personId", s.omar.id],
          ["role", "deliver"],
        ],
      ],
      ["remove-participant", [["id", before.participants[0]!.id]]],
      [
        "count",
        [
          ["label", "parents"],
          ["count", "12"],
        ],
      ],
      ["note", [["text", "A late note"]]],
      ["figure", [["text", "9 of 12"]]],
      ["rate", [["before", "3"]]],
      ["start", []],
    ];
    for (const [intent, fields] of refused) {
      for (const who of [s.cookies.member, s.cookies.facilitator]) {
        const res = await s.act(who, cycleId, intent, fields);
        expect(res.status, intent).toBe(400);
        expect((res.data as Reply).reply.error?.[""], intent).toEqual(["cycles.errors.closed"]);
      }
    }
    const after = await t.db.testCycle.findUniqueOrThrow({
      where: { id: cycleId },
      include: { participants: true, counts: true, evidence: true, ratings: true },
    });
    expect(after).toEqual(before);
    expect((await s.view(cycleId)).may).toEqual({ edit: false, start: false, decide: false, amend: false });
    expect((await s.view(cycleId, s.cookies.facilitator)).may).toEqual({ edit: false, start: false, decide: false, amend: true });

    // Corrections: facilitators only, with a reason, and something must change.
    const page = await s.view(cycleId, s.cookies.facilitator);
    const current: Array<[string, string]> = Object.entries(page.defaults).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, String(v)] as [string, string]],
    );
    const withField = (name: string, value: string) => [...current.filter(([k]) => k !== name), [name, value] as [string, string]];
    expect((await s.act(s.cookies.member, cycleId, "amend", [...withField("cost", "450"), ["reason", "Room hire"]])).status).toBe(403);
    expect(s.errors(await s.act(s.cookies.facilitator, cycleId, "amend", withField("cost", "450")))).toMatchObject({ reason: ["cycles.errors.amendReason"] });
    expect(s.errors(await s.act(s.cookies.facilitator, cycleId, "amend", [...current, ["reason", "Checking"]]))[""]).toEqual(["cycles.errors.nothingChanged"]);
    expect(s.errors(await s.act(s.cookies.facilitator, cycleId, "amend", [...withField("endsOn", day(-30)), ["reason", "Dates"]]))).toMatchObject({
      endsOn: ["cycles.errors.endsBeforeStarts"],
    });

    const amended = await s.act(s.cookies.facilitator, cycleId, "amend", [
      ...withField("cost", "450.00").filter(([k]) => k !== "reached"),
      ["reached", "14"],
      ["reason", "The room hire was missing, and two parents came late."],
    ]);
    expect(amended).toMatchObject({ status: 303, location: `${s.base}/${cycleId}?done=amend#amendments` });
    expect(await t.db.testCycle.findUniqueOrThrow({ where: { id: cycleId } })).toMatchObject({ costPence: 45000, peopleReached: 14, decision: "continue" });
    const rows = await t.db.cycleAmendment.findMany({ where: { cycleId }, orderBy: { field: "asc" } });
    expect(rows.map((r) => ({ field: r.field, before: r.before, after: r.after, reason: r.reason, by: r.createdById }))).toEqual([
      { field: "costPence", before: "30000", after: "45000", reason: "The room hire was missing, and two parents came late.", by: s.facilitator.id },
      { field: "peopleReached", before: "12", after: "14", reason: "The room hire was missing, and two parents came late.", by: s.facilitator.id },
    ]);
    const shown = await s.view(cycleId, s.cookies.viewer);
    expect(shown.amendments.map((a) => [a.field, a.before, a.after, a.by])).toEqual(
      expect.arrayContaining([
        ["costPence", "30000", "45000", "Amal Facilitator"],
        ["peopleReached", "12", "14", "Amal Facilitator"],
      ]),
    );
    expect(shown.cycle.costPerPerson).toBe(Math.round(45000 / 14));
    expect(await t.db.auditEntry.count({ where: { targetId: cycleId, action: "cycle.amend" } })).toBe(1);
    // A double submit of one correction records it once.
    const again = [...withField("place", "The library"), ["reason", "Moved"], ["_form", "load-1234567890.r1"]] as Array<[string, string]>;
    const twice = await Promise.all([s.act(s.cookies.facilitator, cycleId, "amend", again), s.act(s.cookies.facilitator, cycleId, "amend", again)]);
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    expect(await t.db.cycleAmendment.count({ where: { cycleId, field: "place" } })).toBe(1);
  });

  it("lets the status follow decisions only, across two cycles (adapt → the next cycle starts → continue)", async () => {
    const s = await setup();
    expect((await s.list(s.cookies.member)).data).toMatchObject({ prototype: { status: "planned" }, cycles: [] });
    const first = await planned(s, { startsOn: day(-3), endsOn: day(-1) });
    // Its start date has come: testing at once.
    expect(await s.status()).toBe("testing");
    await s.act(s.cookies.member, first, "results", [["learned", "Role play showed parents want a named contact."]]);
    await s.act(s.cookies.facilitator, first, "decide", [
      ["decision", "adapt"],
      ["reason", "Add a named contact."],
    ]);
    expect(await s.status()).toBe("adapted");

    // The next cycle, planned for next week: still adapted until it starts.
    const second = await planned(s, { method: "pilot", startsOn: day(5), endsOn: day(33) });
    expect((await t.db.testCycle.findUniqueOrThrow({ where: { id: second } })).number).toBe(2);
    expect(await s.status()).toBe("adapted");
    // Its start date comes (moved here by hand): the next visit of its pages finds it testing.
    await t.db.testCycle.update({ where: { id: second }, data: { startsOn: startOfToday(new Date(Date.now() - 2 * DAY)) } });
    const listed = (await s.list(s.cookies.viewer)).data as ListData;
    expect(listed.prototype.status).toBe("testing");
    expect(listed.cycles.map((c) => [c.number, c.state, c.decision])).toEqual([
      [2, "running", null],
      [1, "closed", "adapt"],
    ]);
    expect(await s.status()).toBe("testing");
    await s.act(s.cookies.member, second, "results", [["learned", "Four weeks: most parents came back."]]);
    await s.act(s.cookies.facilitator, second, "decide", [
      ["decision", "continue"],
      ["reason", "It works; keep it going."],
    ]);
    expect(await s.status()).toBe("adopted");

    // The rule itself: the last decision's status, "testing" from planned or adapted while a started cycle waits.
    const c = (number: number, decision: string | null, decidedAt: number | null, startsOn: number | null) => ({
      number,
      decision,
      decidedAt: decidedAt === null ? null : new Date(decidedAt),
      startsOn: startsOn === null ? null : new Date(startsOn),
    });
    const now = new Date(10_000);
    expect(prototypeStatusFrom([], now)).toBe("planned");
    expect(prototypeStatusFrom([c(1, null, null, 20_000)], now)).toBe("planned");
    expect(prototypeStatusFrom([c(1, null, null, 5_000)], now)).toBe("testing");
    expect(prototypeStatusFrom([c(1, "stop", 1_000, 0), c(2, "scale", 2_000, 0)], now)).toBe("scaled");
    expect(prototypeStatusFrom([c(1, "stop", 1_000, 0), c(2, null, null, 5_000)], now)).toBe("stopped");
    expect(prototypeStatusFrom([c(1, "adapt", 1_000, 0), c(2, null, null, 5_000)], now)).toBe("testing");
  });

  it("takes part only people of this locality's core group, counts of others, and refuses bad counts", async () => {
    const s = await setup();
    const cycleId = await planned(s);
    expect((await s.view(cycleId)).people.map((p) => p.name)).toEqual(["Huda Parent", "Omar Volunteer"]);
    expect(
      s.errors(
        await s.act(s.cookies.member, cycleId, "participant", [
          ["personId", s.stranger.id],
          ["role", "use"],
        ]),
      ),
    ).toMatchObject({
      personId: ["cycles.errors.otherLocalityPerson"],
    });
    expect(
      s.errors(
        await s.act(s.cookies.member, cycleId, "participant", [
          ["personId", s.huda.id],
          ["role", "watch"],
        ]),
      ),
    ).toMatchObject({
      role: ["cycles.errors.role"],
    });
    expect(s.errors(await s.act(s.cookies.member, cycleId, "participant", [["role", "use"]]))).toMatchObject({ personId: ["cycles.errors.person"] });
    expect(
      (
        await s.act(s.cookies.viewer, cycleId, "participant", [
          ["personId", s.huda.id],
          ["role", "use"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(s.cookies.member, cycleId, "participant", [
          ["personId", s.huda.id],
          ["role", "use"],
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await s.act(s.cookies.member, cycleId, "participant", [
          ["personId", s.huda.id],
          ["role", "deliver"],
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await s.act(s.cookies.facilitator, cycleId, "participant", [
          ["personId", s.omar.id],
          ["role", "deliver"],
        ])
      ).status,
    ).toBe(303);
    expect(
      s.errors(
        await s.act(s.cookies.member, cycleId, "participant", [
          ["personId", s.huda.id],
          ["role", "use"],
        ]),
      )[""],
    ).toEqual(["cycles.errors.alreadyTakingPart"]);
    expect(await t.db.cycleParticipant.count({ where: { person: { localityId: s.other.id } } })).toBe(0);

    expect(
      (
        await s.act(s.cookies.member, cycleId, "count", [
          ["count", "12"],
          ["label", "parents"],
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await s.act(s.cookies.member, cycleId, "count", [
          ["count", "٣"],
          ["label", "staff"],
        ])
      ).status,
    ).toBe(303);
    expect(
      s.errors(
        await s.act(s.cookies.member, cycleId, "count", [
          ["count", "0"],
          ["label", "nobody"],
        ]),
      ),
    ).toMatchObject({ count: ["cycles.errors.count"] });
    expect(
      s.errors(
        await s.act(s.cookies.member, cycleId, "count", [
          ["count", "many"],
          ["label", ""],
        ]),
      ),
    ).toMatchObject({
      count: ["cycles.errors.count"],
      label: ["cycles.errors.countLabel"],
    });
    const page = await s.view(cycleId, s.cookies.viewer);
    expect(page.participants.map((p) => [p.name, p.role])).toEqual([
      ["Huda Parent", "use"],
      ["Huda Parent", "deliver"],
      ["Omar Volunteer", "deliver"],
    ]);
    expect(page.counts.map((c) => [c.count, c.label])).toEqual([
      [12, "parents"],
      [3, "staff"],
    ]);
    expect((await s.list(s.cookies.viewer)).data).toMatchObject({ cycles: [{ participants: 3, others: 15 }] });
    // Removing: someone of another cycle (or nothing) is not found; one's own is removed.
    expect((await s.act(s.cookies.member, cycleId, "remove-participant", [["id", "nope"]])).status).toBe(404);
    expect((await s.act(s.cookies.member, cycleId, "remove-count", [["id", page.counts[1]!.id]])).status).toBe(303);
    expect(await t.db.cycleCount.count({ where: { cycleId } })).toBe(1);
  });

  it("refuses a cycle that ends before it starts, bad dates and missing parts, keeping what was typed", async () => {
    const s = await setup();
    const ends = s.errors(await s.create(s.cookies.member, plan({ startsOn: "2026-05-10", endsOn: "2026-05-09" })));
    expect(ends).toEqual({ endsOn: ["cycles.errors.endsBeforeStarts"] });
    const res = await s.create(s.cookies.member, plan({ startsOn: "2026-02-30", believe: "", method: "séance", languages: [] }));
    expect(s.errors(res)).toMatchObject({
      startsOn: ["cycles.errors.date"],
      believe: ["cycles.errors.believe"],
      method: ["cycles.errors.method"],
      languages: ["cycles.errors.languages"],
    });
    expect((res.data as Reply).reply.initialValue).toMatchObject({ willResult: "help new parents find support sooner", place: "Sparkbrook children's centre" });
    expect(await t.db.testCycle.count({ where: { prototypeId: s.prototype.id } })).toBe(0);
    // The same day for both is fine; so is a cycle without dates yet.
    expect((await s.create(s.cookies.member, plan({ startsOn: "2026-05-10", endsOn: "2026-05-10" }))).status).toBe(303);
    expect((await s.create(s.cookies.member, plan({ startsOn: "", endsOn: "" }))).status).toBe(303);
    // Marking started a cycle whose end date has passed: correct the dates instead.
    const ended = await planned(s, { startsOn: "", endsOn: day(-2) });
    expect(s.errors(await s.act(s.cookies.member, ended, "start"))[""]).toEqual(["cycles.errors.startAfterEnd"]);
    expect((await s.view(ended)).may.start).toBe(false);
    // Changing the plan keeps the rule.
    const cycleId = (await t.db.testCycle.findFirstOrThrow({ where: { prototypeId: s.prototype.id, startsOn: null, endsOn: null } })).id;
    expect(s.errors(await s.act(s.cookies.member, cycleId, "plan", plan({ startsOn: "2026-06-02", endsOn: "2026-06-01" })))).toEqual({
      endsOn: ["cycles.errors.endsBeforeStarts"],
    });
  });

  it("numbers cycles 1, 2, … even when planned at once, and a double submit plans one", async () => {
    const s = await setup();
    const results = await Promise.all(Array.from({ length: 4 }, () => s.create(s.cookies.member, plan())));
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    const numbers = (await t.db.testCycle.findMany({ where: { prototypeId: s.prototype.id }, select: { number: true } })).map((c) => c.number).sort();
    expect(numbers).toEqual([1, 2, 3, 4]);
    const once: Array<[string, string]> = [...plan(), ["_form", "load-abcdefgh.r1"]];
    const twice = await Promise.all([s.create(s.cookies.member, once), s.create(s.cookies.member, once)]);
    expect(twice[0]!.location).toBe(twice[1]!.location);
    expect(await t.db.testCycle.count({ where: { prototypeId: s.prototype.id } })).toBe(5);
  });

  it("re-encodes photos without metadata, refuses an oversized or non-image file, and serves them only to people who may view the prototype", async () => {
    const s = await setup();
    const cycleId = await planned(s);
    const jpeg = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 30, g: 120, b: 60 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneCo", Copyright: "Pop-up stall" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 27/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "1/1 52/1 0/1" },
      })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif?.includes(Buffer.from("PhoneCo"))).toBe(true);
    const upload = (fields: Record<string, string>, file: File | null, cookie = s.cookies.member) => {
      const body = new FormData();
      body.append("intent", "photo");
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      if (file) body.append("photo", file);
      body.append("_csrf", csrfToken());
      return outcome(() =>
        cycleRoute.action({
          request: new Request(`${BASE}${s.base}/${cycleId}`, { method: "POST", body, headers: { Cookie: cookie } }),
          params: { ...s.params, cycleId },
          context: context(),
        }),
      );
    };
    expect((await upload({ alt: "The stall" }, new File([jpeg], "stall.jpg"), s.cookies.viewer)).status).toBe(403);
    expect(s.errors(await upload({ alt: "Big" }, new File([new Uint8Array(LIMITS.photoBytes + 1)], "big.jpg"))).photo).toEqual([
      "cycles.errors.photoTooLarge",
      "cycles.errors.photoAgain",
    ]);
    expect(s.errors(await upload({ alt: "Not a photo" }, new File(["<script>alert(1)</script>"], "x.jpg", { type: "image/jpeg" }))).photo).toEqual([
      "cycles.errors.photoNotImage",
      "cycles.errors.photoAgain",
    ]);
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "blue" } })
      .gif()
      .toBuffer();
    expect(s.errors(await upload({ alt: "A gif" }, new File([gif], "x.gif"))).photo).toEqual(["cycles.errors.photoType", "cycles.errors.photoAgain"]);
    expect(s.errors(await upload({ alt: "" }, new File([jpeg], "stall.jpg")))).toMatchObject({
      alt: ["cycles.errors.photoAlt"],
      photo: ["cycles.errors.photoAgain"],
    });
    expect(s.errors(await upload({ alt: "No file" }, null))).toMatchObject({ photo: ["cycles.errors.photoMissing"] });
    expect(await t.db.cycleEvidence.count({ where: { cycleId } })).toBe(0);

    expect(await upload({ alt: "The stall at the market, parents talking" }, new File([jpeg], "stall.jpg", { type: "image/jpeg" }))).toMatchObject({
      status: 303,
      location: `${s.base}/${cycleId}?done=photo#evidence`,
    });
    const stored = await t.db.cycleEvidence.findFirstOrThrow({ where: { cycleId, kind: "photo" } });
    expect(stored).toMatchObject({ mimeType: "image/jpeg", width: 48, height: 32, text: "The stall at the market, parents talking", createdById: s.member.id });
    const bytes = Buffer.from(stored.bytes!);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    expect(bytes.includes(Buffer.from("Exif\0\0"))).toBe(false);

    const fetchPhoto = (cookie: string, evidenceId = stored.id, cycle = cycleId) =>
      photoRoute.loader({
        request: get(`${s.base}/${cycle}/photos/${evidenceId}`, cookie || undefined),
        params: { ...s.params, cycleId: cycle, evidenceId },
        context: context(),
      });
    const served = (await fetchPhoto(s.cookies.viewer)) as Response;
    expect(served.status).toBe(200);
    expect(Object.fromEntries(served.headers)).toMatchObject({
      "content-type": "image/jpeg",
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-length": String(bytes.length),
    });
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await outcome(() => fetchPhoto(s.cookies.outsider))).status).toBe(404);
    expect((await outcome(() => fetchPhoto(""))).location).toMatch(/^\/sign-in/);
    expect((await outcome(() => fetchPhoto(s.cookies.viewer, "nope"))).status).toBe(404);
    const otherCycle = await makeCycle(t.db, { localityId: s.loc.id, prototypeId: s.prototype.id });
    expect((await outcome(() => fetchPhoto(s.cookies.viewer, stored.id, otherCycle.id))).status).toBe(404);
    // A note and a figure are text, stored as typed (script shows as text on the page).
    expect((await s.act(s.cookies.member, cycleId, "note", [["text", "<script>alert('x')</script> parents laughed"]])).status).toBe(303);
    expect((await s.act(s.cookies.member, cycleId, "figure", [["text", "9 of 12 came back"]])).status).toBe(303);
    expect(s.errors(await s.act(s.cookies.member, cycleId, "note", [["text", " "]]))).toMatchObject({ text: ["cycles.errors.note"] });
    expect((await s.view(cycleId, s.cookies.viewer)).evidence.map((e) => [e.kind, e.text])).toEqual([
      ["photo", "The stall at the market, parents talking"],
      ["note", "<script>alert('x')</script> parents laughed"],
      ["figure", "9 of 12 came back"],
    ]);
  });

  it("keeps one confidence rating per person per moment before and after, changeable until the cycle closes, as averages and distributions", async () => {
    const s = await setup();
    const cycleId = await planned(s);
    expect((await s.view(cycleId)).confidence).toEqual({
      before: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
      after: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
      change: null,
    });
    expect((await s.act(s.cookies.viewer, cycleId, "rate", [["before", "3"]])).status).toBe(403);
    expect(s.errors(await s.act(s.cookies.member, cycleId, "rate", []))[""]).toEqual(["cycles.errors.ratingNone"]);
    expect(s.errors(await s.act(s.cookies.member, cycleId, "rate", [["before", "6"]]))).toMatchObject({ before: ["cycles.errors.rating"] });
    await s.act(s.cookies.member, cycleId, "rate", [["before", "2"]]);
    await s.act(s.cookies.member2, cycleId, "rate", [
      ["before", "3"],
      ["after", "5"],
    ]);
    await s.act(s.cookies.facilitator, cycleId, "rate", [
      ["before", "3"],
      ["after", "4"],
    ]);
    // Changing one's mind: the same person and moment is one rating, changed.
    await s.act(s.cookies.member, cycleId, "rate", [
      ["before", "1"],
      ["after", "4"],
    ]);
    expect(await t.db.confidenceRating.count({ where: { cycleId } })).toBe(6);
    const page = await s.view(cycleId);
    expect(page.myRatings).toEqual({ before: 1, after: 4 });
    expect(page.confidence).toEqual({
      before: { count: 3, average: 2.3, distribution: [1, 0, 2, 0, 0] },
      after: { count: 3, average: 4.3, distribution: [0, 0, 0, 2, 1] },
      change: "rose",
    });
    await s.act(s.cookies.member, cycleId, "results", [["learned", "Confidence grew."]]);
    await s.act(s.cookies.facilitator, cycleId, "decide", [
      ["decision", "scale"],
      ["reason", "Everyone is confident."],
    ]);
    expect(s.errors(await s.act(s.cookies.member, cycleId, "rate", [["after", "1"]]))[""]).toEqual(["cycles.errors.closed"]);
    expect((await s.view(cycleId)).confidence.after.average).toBe(4.3);
    expect(await s.status()).toBe("scaled");
  });

  it("closes the cycle's public feedback link with its decision and counts the answers, and opens one board for its evidence", async () => {
    const s = await setup();
    const cycle = await makeCycle(t.db, {
      localityId: s.loc.id,
      prototypeId: s.prototype.id,
      startsOn: new Date(Date.now() - 3 * DAY),
      learned: "Parents liked the faces.",
      feedbackOpen: true,
      feedbackCode: `fb${Date.now().toString(36)}${provider.slice(0, 2)}`,
    });
    const question = await t.db.feedbackQuestion.create({
      data: { cycleId: cycle.id, position: 1, kind: "faces", prompts: JSON.stringify({ en: "How was it?" }) },
    });
    await t.db.feedbackAnswer.createMany({
      data: [1, 2, 3].map((n) => ({ cycleId: cycle.id, questionId: question.id, language: n === 3 ? "ar" : "en", face: n + 2, submissionKey: `k${n}` })),
    });
    expect((await s.view(cycle.id)).feedback).toEqual({ answers: 3, open: true, link: "open" });
    expect((await s.list(s.cookies.viewer)).data).toMatchObject({ cycles: [{ answers: 3 }] });

    // A board for the cycle's evidence, opened once and linked.
    const opened = await s.act(s.cookies.member, cycle.id, "board");
    expect(opened.status).toBe(303);
    const boardId = (await t.db.testCycle.findUniqueOrThrow({ where: { id: cycle.id } })).boardId;
    expect(opened.location).toBe(`/l/${s.loc.id}/boards/${boardId}`);
    expect(await t.db.board.findUniqueOrThrow({ where: { id: boardId! } })).toMatchObject({ localityId: s.loc.id, title: "Cycle 1: Peer mentoring in Arabic" });
    expect((await s.act(s.cookies.member, cycle.id, "board")).location).toBe(`/l/${s.loc.id}/boards/${boardId}`);
    expect(await t.db.board.count({ where: { localityId: s.loc.id } })).toBe(1);
    expect((await s.view(cycle.id, s.cookies.viewer)).board).toEqual({ id: boardId, title: "Cycle 1: Peer mentoring in Arabic" });

    expect(
      (
        await s.act(s.cookies.facilitator, cycle.id, "decide", [
          ["decision", "stop"],
          ["reason", "Too few came."],
        ])
      ).status,
    ).toBe(303);
    expect(await t.db.testCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ feedbackOpen: false, decision: "stop" });
    expect((await s.view(cycle.id)).feedback).toEqual({ answers: 3, open: false, link: "closed" });
    expect(await s.status()).toBe("stopped");
  });

  it("reads money and numbers as people type them", () => {
    expect(parsePounds("12")).toBe(1200);
    expect(parsePounds("12.5")).toBe(1250);
    expect(parsePounds("£1,250.50")).toBe(125050);
    expect(parsePounds("١٢٫٥٠")).toBe(1250);
    expect(parsePounds("0")).toBe(0);
    for (const bad of ["", "-5", "12.345", "1,25", "ten", "£", "10000000.01", "1e3"]) expect(parsePounds(bad), bad).toBeNull();
    expect(parseWholeNumber("1,200", 0, 5000)).toBe(1200);
    expect(parseWholeNumber("٢٥", 0, 100)).toBe(25);
    expect(parseWholeNumber("2.5", 0, 100)).toBeNull();
    expect(parseWholeNumber("0", 1, 100)).toBeNull();
  });
});
