// Sessions end to end on the server: the routes' loaders and actions against a real database
// (SQLite and PostgreSQL): planning, attendance, opening a board, ties suggested by attending
// together (idempotent), confirming by both sides, declining, and access from other localities.
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { BASE, context, csrfToken, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { setProcessDb } from "~/data/db.server";
import { pairKey } from "~/domain/ties";
import * as listRoute from "~/routes/l.$localityId+/workshops+/_index";
import * as detailRoute from "~/routes/l.$localityId+/workshops+/$workshopId";
import * as attendanceRoute from "~/routes/l.$localityId+/workshops+/$workshopId.attendance";
import * as tiesRoute from "~/routes/l.$localityId+/_relationships+/ties.suggested";

/** A form POST with repeated fields (checkbox groups) and the CSRF token. */
function postForm(path: string, fields: Array<[string, string]>, cookie: string): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie } });
}

type Reply = { status?: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> };

describe.each(await providers())("workshops on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
  });
  afterAll(async () => t?.drop());

  async function setup() {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id, "Longbridge");
    const elsewhere = await makeLocality(t.db, org.id, "Elsewhere");
    const [facilitator, member, viewer, outsider] = await Promise.all([
      makeUser(t.db, { name: "Amira" }),
      makeUser(t.db, { name: "Karen" }),
      makeUser(t.db),
      makeUser(t.db),
    ]);
    await addMember(t.db, loc.id, facilitator.id, "facilitator");
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    await addMember(t.db, elsewhere.id, outsider.id, "facilitator");
    const person = (name: string, localityId = loc.id, userId: string | null = null) =>
      t.db.person.create({ data: { localityId, displayName: name, sector: "parent", languages: "en,ar", userId } });
    const karen = await person("Karen", loc.id, member.id);
    const others = await Promise.all(["Darren", "Agnieszka", "Marcia", "Tyler"].map((n) => person(n)));
    const stranger = await person("Stranger", elsewhere.id);
    const foreignWorkshop = await t.db.workshop.create({ data: { localityId: elsewhere.id, title: "Theirs", startsAt: new Date() } });
    const cookies = {
      facilitator: await sessionCookie(facilitator.id),
      member: await sessionCookie(member.id),
      viewer: await sessionCookie(viewer.id),
      outsider: await sessionCookie(outsider.id),
    };
    return { loc, elsewhere, facilitator, member, karen, others, stranger, foreignWorkshop, cookies };
  }
  type S = Awaited<ReturnType<typeof setup>>;

  const plan = (s: S, cookie: string, fields: Array<[string, string]>) =>
    outcome(() =>
      listRoute.action({ request: postForm(`/l/${s.loc.id}/workshops?index`, fields, cookie), params: { localityId: s.loc.id }, context: context() }),
    );

  async function planned(s: S, title = "Hopes and fears evening") {
    const res = await plan(s, s.cookies.facilitator, [
      ["title", title],
      ["startsAt", "2026-07-15T18:30"],
      ["place", "Library"],
      ["agenda", "Welcome\nExercise"],
      ["languages", "en"],
      ["languages", "ar"],
      ["interpreting", "Arabic–English"],
    ]);
    expect(res.status).toBe(303);
    const id = /\/workshops\/([^/]+)$/.exec(res.location ?? "")?.[1];
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    return id!;
  }

  const detail = (s: S, workshopId: string, cookie: string, fields: Array<[string, string]>) =>
    outcome(() =>
      detailRoute.action({
        request: postForm(`/l/${s.loc.id}/workshops/${workshopId}`, fields, cookie),
        params: { localityId: s.loc.id, workshopId },
        context: context(),
      }),
    );
  const attend = (s: S, workshopId: string, cookie: string, fields: Array<[string, string]>, localityId = s.loc.id) =>
    outcome(() =>
      attendanceRoute.action({
        request: postForm(`/l/${localityId}/workshops/${workshopId}/attendance`, fields, cookie),
        params: { localityId, workshopId },
        context: context(),
      }),
    );
  const decide = (s: S, cookie: string, fields: Array<[string, string]>) =>
    outcome(() =>
      tiesRoute.action({ request: postForm(`/l/${s.loc.id}/ties/suggested`, fields, cookie), params: { localityId: s.loc.id }, context: context() }),
    );

  it("plans a session (stored in UK time, languages comma separated) and lists it; bad input keeps what was typed", async () => {
    const s = await setup();
    const id = await planned(s);
    const stored = await t.db.workshop.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      localityId: s.loc.id,
      title: "Hopes and fears evening",
      place: "Library",
      languages: "en,ar",
      interpreting: "Arabic–English",
    });
    expect(stored.startsAt.toISOString()).toBe("2026-07-15T17:30:00.000Z");
    expect(await t.db.auditEntry.count({ where: { action: "workshop.create", targetId: id } })).toBe(1);

    const bad = await plan(s, s.cookies.facilitator, [
      ["title", ""],
      ["startsAt", "2026-02-30T10:00"],
      ["place", "p".repeat(5000)],
      ["agenda", "Keep me"],
    ]);
    expect(bad.status).toBe(400);
    const reply = (bad.data as { reply: Reply }).reply;
    expect(reply.error).toMatchObject({ title: ["validation.required"], startsAt: ["workshops.errors.date"], place: ["validation.tooLong"] });
    expect(reply.initialValue).toMatchObject({ startsAt: "2026-02-30T10:00", agenda: "Keep me" });
    expect(await t.db.workshop.count({ where: { localityId: s.loc.id } })).toBe(1);

    const list = await outcome(() =>
      listRoute.loader({ request: get(`/l/${s.loc.id}/workshops`, s.cookies.viewer), params: { localityId: s.loc.id }, context: context() }),
    );
    expect(list.status).toBe(200);
    const data = list.data as { upcoming: Array<{ id: string }>; past: unknown[]; mayManage: boolean };
    expect(data.mayManage).toBe(false);
    expect([...data.upcoming, ...(data.past as Array<{ id: string }>)].map((w) => w.id)).toEqual([id]);

    // Viewers and members do not plan; other localities' people do not see it.
    expect(
      (
        await plan(s, s.cookies.viewer, [
          ["title", "x"],
          ["startsAt", "2026-07-15T18:30"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await plan(s, s.cookies.member, [
          ["title", "x"],
          ["startsAt", "2026-07-15T18:30"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await plan(s, s.cookies.outsider, [
          ["title", "x"],
          ["startsAt", "2026-07-15T18:30"],
        ])
      ).status,
    ).toBe(404);
  });

  it("edits details and keeps notes; a session of another locality is not found", async () => {
    const s = await setup();
    const id = await planned(s);
    const updated = await detail(s, id, s.cookies.facilitator, [
      ["intent", "update"],
      ["title", "Renamed"],
      ["startsAt", "2026-01-10T10:00"],
      ["languages", "ur"],
    ]);
    expect(updated.status).toBe(200);
    expect(await t.db.workshop.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Renamed",
      languages: "ur",
      place: "",
      startsAt: new Date("2026-01-10T10:00:00Z"),
    });
    expect(
      (
        await detail(s, id, s.cookies.facilitator, [
          ["intent", "notes"],
          ["notes", "We agreed to meet monthly."],
        ])
      ).status,
    ).toBe(200);
    expect((await t.db.workshop.findUniqueOrThrow({ where: { id } })).notes).toBe("We agreed to meet monthly.");
    const tooLong = await detail(s, id, s.cookies.facilitator, [
      ["intent", "notes"],
      ["notes", "n".repeat(30_000)],
    ]);
    expect(tooLong.status).toBe(400);
    expect((tooLong.data as { reply: Reply }).reply.error).toMatchObject({ notes: ["validation.tooLong"] });
    expect(await t.db.auditEntry.count({ where: { action: "workshop.update", targetId: id } })).toBe(2);

    expect(
      (
        await detail(s, id, s.cookies.viewer, [
          ["intent", "notes"],
          ["notes", "x"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await detail(s, s.foreignWorkshop.id, s.cookies.facilitator, [
          ["intent", "notes"],
          ["notes", "x"],
        ])
      ).status,
    ).toBe(404);
    expect((await t.db.workshop.findUniqueOrThrow({ where: { id: s.foreignWorkshop.id } })).notes).toBe("");
    expect((await detail(s, id, s.cookies.facilitator, [["intent", "nonsense"]])).status).toBe(400);
    const foreignView = await outcome(() =>
      detailRoute.loader({ request: get("/x", s.cookies.facilitator), params: { localityId: s.loc.id, workshopId: s.foreignWorkshop.id }, context: context() }),
    );
    expect(foreignView.status).toBe(404);
    const viewerView = await outcome(() =>
      detailRoute.loader({ request: get("/x", s.cookies.viewer), params: { localityId: s.loc.id, workshopId: id }, context: context() }),
    );
    expect(viewerView).toMatchObject({ status: 200, data: { mayManage: false, workshop: { notes: "We agreed to meet monthly." } } });
  });

  it("opens one exercise board per session, linked to it", async () => {
    const s = await setup();
    const id = await planned(s);
    const custom = await detail(s, id, s.cookies.facilitator, [
      ["intent", "board"],
      ["exercise", "custom"],
      ["customTitle", ""],
    ]);
    expect(custom.status).toBe(400);
    expect((custom.data as { reply: Reply }).reply.error).toMatchObject({ customTitle: ["workshops.errors.customTitle"] });
    const opened = await detail(s, id, s.cookies.facilitator, [
      ["intent", "board"],
      ["exercise", "hopes_fears"],
    ]);
    expect(opened.status).toBe(303);
    const boardId = /\/boards\/([^/]+)$/.exec(opened.location ?? "")?.[1];
    expect(await t.db.board.findUniqueOrThrow({ where: { id: boardId! } })).toMatchObject({
      localityId: s.loc.id,
      title: "Hopes and fears",
      purpose: "exercise",
    });
    expect((await t.db.workshop.findUniqueOrThrow({ where: { id } })).boardId).toBe(boardId);
    const again = await detail(s, id, s.cookies.facilitator, [
      ["intent", "board"],
      ["exercise", "strong_round_here"],
    ]);
    expect(again.location).toBe(opened.location);
    expect(await t.db.board.count({ where: { localityId: s.loc.id } })).toBe(1);
    expect(await t.db.auditEntry.count({ where: { action: "workshop.board", targetId: id } })).toBe(1);
  });

  it("takes attendance one tick at a time and as a whole form, refusing people of other localities", async () => {
    const s = await setup();
    const id = await planned(s);
    const [darren, agnieszka, marcia] = s.others;
    expect(
      await attend(s, id, s.cookies.facilitator, [
        ["intent", "toggle"],
        ["personId", s.karen.id],
        ["present", "true"],
      ]),
    ).toMatchObject({ status: 200, data: { ok: true, present: true } });
    expect(
      (
        await attend(s, id, s.cookies.facilitator, [
          ["intent", "toggle"],
          ["personId", s.karen.id],
          ["present", "true"],
        ])
      ).status,
    ).toBe(200); // twice: still once
    expect(await t.db.attendance.count({ where: { workshopId: id } })).toBe(1);

    // The plain form: only the people shown change; Karen (not shown) keeps her mark.
    const saved = await attend(s, id, s.cookies.facilitator, [
      ["intent", "save"],
      ["q", "a"],
      ["shown", darren!.id],
      ["shown", agnieszka!.id],
      ["shown", marcia!.id],
      ["present", darren!.id],
      ["present", marcia!.id],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/l/${s.loc.id}/workshops/${id}/attendance?saved=1&q=a`);
    const present = async () => (await t.db.attendance.findMany({ where: { workshopId: id }, select: { personId: true } })).map((a) => a.personId).sort();
    expect(await present()).toEqual([s.karen.id, darren!.id, marcia!.id].sort());
    expect(
      (
        await attend(s, id, s.cookies.facilitator, [
          ["intent", "toggle"],
          ["personId", marcia!.id],
          ["present", "false"],
        ])
      ).status,
    ).toBe(200);
    expect(await present()).toEqual([s.karen.id, darren!.id].sort());

    // Another locality's person, a bad id, another locality's session, a viewer: nothing changes.
    expect(
      (
        await attend(s, id, s.cookies.facilitator, [
          ["intent", "toggle"],
          ["personId", s.stranger.id],
          ["present", "true"],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await attend(s, id, s.cookies.facilitator, [
          ["intent", "save"],
          ["shown", s.stranger.id],
          ["shown", darren!.id],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await attend(s, id, s.cookies.facilitator, [
          ["intent", "toggle"],
          ["personId", "../x"],
          ["present", "true"],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await attend(s, s.foreignWorkshop.id, s.cookies.facilitator, [
          ["intent", "toggle"],
          ["personId", s.karen.id],
          ["present", "true"],
        ])
      ).status,
    ).toBe(404);
    expect(
      (
        await attend(s, id, s.cookies.viewer, [
          ["intent", "toggle"],
          ["personId", agnieszka!.id],
          ["present", "true"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await attend(s, id, s.cookies.member, [
          ["intent", "toggle"],
          ["personId", agnieszka!.id],
          ["present", "true"],
        ])
      ).status,
    ).toBe(403);
    expect(await present()).toEqual([s.karen.id, darren!.id].sort());
    expect(await t.db.attendance.count({ where: { workshopId: s.foreignWorkshop.id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { action: "workshop.attendance", targetId: id } })).toBe(3);

    const page = await outcome(() =>
      attendanceRoute.loader({ request: get("/x", s.cookies.facilitator), params: { localityId: s.loc.id, workshopId: id }, context: context() }),
    );
    expect(page.status).toBe(200);
    const d = page.data as { people: Array<{ id: string }>; present: string[] };
    expect(d.people.map((p) => p.id)).not.toContain(s.stranger.id);
    expect(d.present.sort()).toEqual([s.karen.id, darren!.id].sort());
    expect(
      (
        await outcome(() =>
          attendanceRoute.loader({ request: get("/x", s.cookies.viewer), params: { localityId: s.loc.id, workshopId: id }, context: context() }),
        )
      ).status,
    ).toBe(403);
  });

  it("suggests ties between attendees once (idempotent), skips pairs already tied, and both sides confirm", async () => {
    const s = await setup();
    const id = await planned(s);
    const [darren, agnieszka, marcia] = s.others;
    for (const p of [s.karen, darren!, agnieszka!, marcia!])
      await attend(s, id, s.cookies.facilitator, [
        ["intent", "toggle"],
        ["personId", p.id],
        ["present", "true"],
      ]);
    // Darren and Marcia know each other already.
    const [a, b] = [darren!.id, marcia!.id].sort();
    await t.db.tie.create({ data: { localityId: s.loc.id, personAId: a!, personBId: b!, kind: "works_with", since: new Date() } });

    expect((await detail(s, id, s.cookies.member, [["intent", "suggest-ties"]])).status).toBe(403);
    const first = await detail(s, id, s.cookies.facilitator, [["intent", "suggest-ties"]]);
    expect(first).toMatchObject({ status: 200, data: { suggested: 5 } });
    const again = await detail(s, id, s.cookies.facilitator, [["intent", "suggest-ties"]]);
    expect(again).toMatchObject({ status: 200, data: { suggested: 0 } });
    const ties = await t.db.tie.findMany({ where: { workshopId: id } });
    expect(ties).toHaveLength(5);
    const workshop = await t.db.workshop.findUniqueOrThrow({ where: { id } });
    for (const tie of ties) {
      expect(tie).toMatchObject({ localityId: s.loc.id, kind: "met_at_session", status: "suggested", confirmedByA: false, confirmedByB: false });
      expect(tie.since.toISOString()).toBe(workshop.startsAt.toISOString());
      expect(tie.personAId < tie.personBId).toBe(true);
    }
    expect(ties.map((x) => pairKey(x.personAId, x.personBId))).not.toContain(pairKey(darren!.id, marcia!.id));
    expect(await t.db.auditEntry.count({ where: { action: "tie.suggest", targetId: id } })).toBe(1);

    // Karen sees her three suggestions; the facilitator sees all five; a viewer is refused.
    const memberPage = await outcome(() => tiesRoute.loader({ request: get("/x", s.cookies.member), params: { localityId: s.loc.id }, context: context() }));
    const mine = (memberPage.data as { suggestions: Array<{ id: string; mySides: string[]; a: { name: string }; b: { name: string } }> }).suggestions;
    expect(mine).toHaveLength(3);
    expect(mine.every((x) => x.mySides.length === 1)).toBe(true);
    const facilitatorPage = await outcome(() =>
      tiesRoute.loader({ request: get("/x", s.cookies.facilitator), params: { localityId: s.loc.id }, context: context() }),
    );
    expect(facilitatorPage.data as { suggestions: unknown[]; onBehalf: boolean }).toMatchObject({ onBehalf: true });
    expect((facilitatorPage.data as { suggestions: unknown[] }).suggestions).toHaveLength(5);
    expect((await outcome(() => tiesRoute.loader({ request: get("/x", s.cookies.viewer), params: { localityId: s.loc.id }, context: context() }))).status).toBe(
      403,
    );

    // Karen confirms her side of the tie with Darren; the facilitator confirms Darren's for him.
    const withDarren = ties.find((x) => pairKey(x.personAId, x.personBId) === pairKey(s.karen.id, darren!.id))!;
    expect(
      await decide(s, s.cookies.member, [
        ["intent", "confirm"],
        ["tieId", withDarren.id],
      ]),
    ).toMatchObject({ status: 200, data: { outcome: "waiting" } });
    const karenSide = withDarren.personAId === s.karen.id ? "confirmedByA" : "confirmedByB";
    expect(await t.db.tie.findUniqueOrThrow({ where: { id: withDarren.id } })).toMatchObject({ status: "suggested", [karenSide]: true });
    // Karen may not confirm Darren's side, nor a tie she is not part of.
    const darrenSide = withDarren.personAId === darren!.id ? "a" : "b";
    expect(
      (
        await decide(s, s.cookies.member, [
          ["intent", "confirm"],
          ["tieId", withDarren.id],
          ["side", darrenSide],
        ])
      ).status,
    ).toBe(403);
    const notHers = ties.find((x) => x.personAId !== s.karen.id && x.personBId !== s.karen.id)!;
    expect(
      (
        await decide(s, s.cookies.member, [
          ["intent", "confirm"],
          ["tieId", notHers.id],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await decide(s, s.cookies.member, [
          ["intent", "decline"],
          ["tieId", notHers.id],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await decide(s, s.cookies.viewer, [
          ["intent", "confirm"],
          ["tieId", withDarren.id],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await decide(s, s.cookies.outsider, [
          ["intent", "confirm"],
          ["tieId", withDarren.id],
        ])
      ).status,
    ).toBe(404);
    expect(
      await decide(s, s.cookies.facilitator, [
        ["intent", "confirm"],
        ["tieId", withDarren.id],
        ["side", darrenSide],
      ]),
    ).toMatchObject({ status: 200, data: { outcome: "confirmed" } });
    expect(await t.db.tie.findUniqueOrThrow({ where: { id: withDarren.id } })).toMatchObject({ status: "confirmed", confirmedByA: true, confirmedByB: true });
    // Confirmed ties are no longer suggestions.
    expect(
      (
        await decide(s, s.cookies.facilitator, [
          ["intent", "confirm"],
          ["tieId", withDarren.id],
          ["side", "a"],
        ])
      ).status,
    ).toBe(404);
    expect(
      (
        await decide(s, s.cookies.facilitator, [
          ["intent", "confirm"],
          ["tieId", notHers.id],
        ])
      ).status,
    ).toBe(400); // which side?
    expect(await t.db.auditEntry.count({ where: { action: "tie.confirm", targetId: withDarren.id } })).toBe(2);

    const detailPage = await outcome(() =>
      detailRoute.loader({ request: get("/x", s.cookies.viewer), params: { localityId: s.loc.id, workshopId: id }, context: context() }),
    );
    expect(detailPage.data).toMatchObject({ confirmedTies: 1 });
    expect((detailPage.data as { suggestions: unknown[] }).suggestions).toHaveLength(4);
  });

  it("declining deletes the suggestion, keeps an audit entry, and suggesting again does not bring it back", async () => {
    const s = await setup();
    const id = await planned(s);
    const [darren] = s.others;
    for (const p of [s.karen, darren!])
      await attend(s, id, s.cookies.facilitator, [
        ["intent", "toggle"],
        ["personId", p.id],
        ["present", "true"],
      ]);
    expect((await detail(s, id, s.cookies.facilitator, [["intent", "suggest-ties"]])).data).toMatchObject({ suggested: 1 });
    const tie = await t.db.tie.findFirstOrThrow({ where: { workshopId: id } });
    expect(
      (
        await decide(s, s.cookies.member, [
          ["intent", "decline"],
          ["tieId", "no-such-tie"],
        ])
      ).status,
    ).toBe(404);
    expect(
      (
        await decide(s, s.cookies.member, [
          ["intent", "maybe"],
          ["tieId", tie.id],
        ])
      ).status,
    ).toBe(400);
    expect(
      await decide(s, s.cookies.member, [
        ["intent", "decline"],
        ["tieId", tie.id],
      ]),
    ).toMatchObject({ status: 200, data: { outcome: "declined" } });
    expect(await t.db.tie.count({ where: { id: tie.id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { action: "tie.decline", targetId: tie.id } })).toBe(1);
    expect((await detail(s, id, s.cookies.facilitator, [["intent", "suggest-ties"]])).data).toMatchObject({ suggested: 0 });
    expect(await t.db.tie.count({ where: { workshopId: id } })).toBe(0);
  });
});

describe.each(await providers())("demo sessions on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("gives each demo locality a past session with attendance and its board, and one coming up", async () => {
    const { seedDemo } = await import("../../prisma/demo/seed-demo");
    const { hash } = await import("@node-rs/argon2");
    const { DEMO_WORKSHOPS } = await import("../../prisma/demo/workshops");
    await seedDemo(t.db, (plain) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 }));
    const now = new Date();
    for (const locality of await t.db.locality.findMany()) {
      const sessions = await t.db.workshop.findMany({
        where: { localityId: locality.id },
        include: { _count: { select: { attendance: true } }, board: true },
        orderBy: { startsAt: "asc" },
      });
      const demo = DEMO_WORKSHOPS[locality.slug as "longbridge" | "sparkbrook"];
      expect(sessions.map((w) => w.title)).toEqual([...demo].sort((a, b) => a.dayOffset - b.dayOffset).map((d) => d.title));
      const [past, upcoming] = sessions;
      expect(past!.startsAt < now && upcoming!.startsAt > now).toBe(true);
      expect(past!._count.attendance).toBeGreaterThanOrEqual(10);
      expect(past!.board).toMatchObject({ localityId: locality.id, purpose: "exercise" });
      expect(upcoming!._count.attendance).toBe(0);
      // Attendance only of the locality's own people.
      expect(await t.db.attendance.count({ where: { workshopId: past!.id, person: { localityId: { not: locality.id } } } })).toBe(0);
    }
  });
});
