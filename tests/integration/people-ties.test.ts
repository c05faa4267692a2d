// People and ties on the server, against real SQLite and PostgreSQL: creating, merging and
// removing people with their ties, attendance and audit entries; recording ties and what is
// refused; contact details filtered by role in the routes' loaders.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser } from "../factories";
import { setProcessDb } from "~/data/db.server";
import { createPerson, findDuplicatesFor, linkPerson, listDuplicatePairs, mergePeople, removePerson } from "~/data/people.server";
import { loadConnectedness, recordTie, removeTie } from "~/data/ties.server";
import { personInput, tieInput } from "~/domain/people";
import * as profileRoute from "~/routes/l.$localityId+/_relationships+/people.$personId._index";
import * as newRoute from "~/routes/l.$localityId+/_relationships+/people.new";
import * as mapRoute from "~/routes/l.$localityId+/_relationships+/relationships";
import * as listRoute from "~/routes/l.$localityId+/_relationships+/people._index";

const person = (fields: Record<string, unknown>) => personInput.parse({ sector: "resident", languages: ["en"], ...fields });
const tie = (otherPersonId: string, fields: Record<string, unknown> = {}) =>
  tieInput.parse({ otherPersonId, kind: "works_with", strength: "2", since: "2026-01-15", ...fields });

describe.each(await providers())("people and ties on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
  });
  afterAll(async () => t?.drop());

  /** A locality page's loader data, read as the person whose session `cookie` is. */
  async function loaded<T>(loader: (args: LoaderFunctionArgs) => Promise<T>, path: string, cookie: string, localityId: string) {
    return (await outcome(() => loader({ request: get(path, cookie), params: { localityId }, context: context() }))).data as Awaited<T>;
  }

  async function setup() {
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id);
    const elsewhere = await makeLocality(t.db, org.id, "Elsewhere");
    const [facilitator, member, viewer] = await Promise.all([
      makeUser(t.db, { name: "Fac" }),
      makeUser(t.db, { name: "Mem" }),
      makeUser(t.db, { name: "View" }),
    ]);
    await addMember(t.db, loc.id, facilitator.id, "facilitator");
    await addMember(t.db, loc.id, member.id, "member");
    await addMember(t.db, loc.id, viewer.id, "viewer");
    const add = (fields: Record<string, unknown>, localityId = loc.id) => createPerson(t.db, { localityId, actorId: facilitator.id, person: person(fields) });
    return { loc, elsewhere, facilitator, member, viewer, add };
  }

  it("records ties and refuses a tie to oneself, a pair twice, another locality's people and sessions", async () => {
    const s = await setup();
    const [a, b, c] = await Promise.all([
      s.add({ displayName: "Ann" }),
      s.add({ displayName: "Bob", sector: "councillor" }),
      s.add({ displayName: "Cat", sector: "public_service" }),
    ]);
    const outsider = await s.add({ displayName: "Out" }, s.elsewhere.id);
    const foreignSession = await t.db.workshop.create({ data: { localityId: s.elsewhere.id, title: "Elsewhere session", startsAt: new Date() } });
    const args = (personId: string, input: ReturnType<typeof tie>) => ({ localityId: s.loc.id, actorId: s.facilitator.id, personId, input });

    expect(await recordTie(t.db, args(a.id, tie(a.id)))).toEqual({ ok: false, error: "self" });
    expect(await recordTie(t.db, args(a.id, tie(outsider.id)))).toEqual({ ok: false, error: "otherPerson" });
    expect(await recordTie(t.db, args(a.id, tie(b.id, { kind: "met_at_session", workshopId: foreignSession.id })))).toEqual({ ok: false, error: "workshop" });
    expect(await recordTie(t.db, args(a.id, tie(b.id, { kind: "introduced_by", introducedById: outsider.id })))).toEqual({ ok: false, error: "introducedBy" });
    const made = await recordTie(t.db, args(b.id, tie(a.id, { strength: "1" })));
    expect(made).toMatchObject({ ok: true, updated: false });
    const stored = await t.db.tie.findFirstOrThrow({ where: { localityId: s.loc.id } });
    expect([stored.personAId, stored.personBId]).toEqual([a.id, b.id].sort());
    // The same pair in either order: refused unless updating.
    expect(await recordTie(t.db, args(a.id, tie(b.id)))).toMatchObject({ ok: false, error: "exists" });
    expect(await recordTie(t.db, args(a.id, tie(b.id, { strength: "3", mode: "update" })))).toMatchObject({ ok: true, updated: true });
    expect((await t.db.tie.findUniqueOrThrow({ where: { id: stored.id } })).strength).toBe(3);
    // A member records only ties they are part of.
    expect(await recordTie(t.db, { ...args(b.id, tie(c.id)), mustInclude: a.id })).toEqual({ ok: false, error: "notYours" });
    expect(await recordTie(t.db, { ...args(b.id, tie(c.id)), mustInclude: null })).toEqual({ ok: false, error: "notYours" });
    expect(await recordTie(t.db, { ...args(c.id, tie(a.id, { kind: "introduced_by", introducedById: b.id })), mustInclude: a.id })).toMatchObject({ ok: true });
    expect(await removeTie(t.db, { localityId: s.loc.id, actorId: s.member.id, tieId: stored.id, mustInclude: c.id })).toBe("notYours");
    expect(await removeTie(t.db, { localityId: s.elsewhere.id, actorId: s.member.id, tieId: stored.id })).toBe("notFound");

    const m = await loadConnectedness(t.db, s.loc.id);
    expect(m).toMatchObject({ people: 3, sectors: 3, ties: 2, crossSectorTies: 2, crossLevelTies: 2, isolated: [] });
    expect(m.levelPairs).toEqual({ "resident–politician": 1, "resident–professional": 1 });

    expect(await removeTie(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, tieId: stored.id })).toBe("removed");
    const actions = (await t.db.auditEntry.findMany({ where: { localityId: s.loc.id, targetType: "Tie" }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["tie.create", "tie.update", "tie.create", "tie.remove"]);
  });

  it("removes a person with their ties and attendance, and keeps an audit entry", async () => {
    const s = await setup();
    const [a, b, c] = await Promise.all([s.add({ displayName: "Ann" }), s.add({ displayName: "Bob" }), s.add({ displayName: "Cat" })]);
    await recordTie(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: a.id, input: tie(b.id) });
    await recordTie(t.db, {
      localityId: s.loc.id,
      actorId: s.facilitator.id,
      personId: b.id,
      input: tie(c.id, { kind: "introduced_by", introducedById: a.id }),
    });
    const session = await t.db.workshop.create({ data: { localityId: s.loc.id, title: "Hopes and fears", startsAt: new Date() } });
    await t.db.attendance.create({ data: { workshopId: session.id, personId: a.id } });

    expect(await removePerson(t.db, { localityId: s.elsewhere.id, actorId: s.facilitator.id, personId: a.id })).toBe(false);
    expect(await removePerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: a.id })).toBe(true);
    expect(await t.db.person.count({ where: { id: a.id } })).toBe(0);
    expect(await t.db.tie.count({ where: { localityId: s.loc.id } })).toBe(1);
    expect((await t.db.tie.findFirstOrThrow({ where: { localityId: s.loc.id } })).introducedById).toBeNull();
    expect(await t.db.attendance.count({ where: { workshopId: session.id } })).toBe(0);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "person.remove", targetId: a.id } });
    expect(JSON.parse(entry.detail)).toEqual({ name: "Ann", ties: 1, attendance: 1 });
  });

  it("finds duplicates and merges them in one transaction: fields, ties, attendance and account", async () => {
    const s = await setup();
    const kept = await s.add({ displayName: "Hana Al-Sayed", email: "hana@example.org" });
    const dup = await s.add({
      displayName: "hana al sayed",
      email: "HANA@example.org",
      phone: "07700 900202",
      phoneVisibility: "members",
      organisation: "Food share",
      languages: ["ar", "en"],
    });
    const [x, y, z] = await Promise.all([s.add({ displayName: "X" }), s.add({ displayName: "Y" }), s.add({ displayName: "Z" })]);
    expect((await findDuplicatesFor(t.db, s.loc.id, { displayName: "HANA AL-SAYED", email: "", phone: "+44 7700 900202" })).map((d) => d.person.id)).toEqual([
      dup.id,
    ]);
    expect((await listDuplicatePairs(t.db, s.loc.id)).map((p) => [p.a.id, p.b.id, p.reasons])).toEqual([[kept.id, dup.id, ["email"]]]);

    const rec = (p: string, o: string, fields: Record<string, unknown> = {}) =>
      recordTie(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: p, input: tie(o, fields) });
    await rec(kept.id, dup.id); // between the two: goes
    await rec(kept.id, x.id, { strength: "1" }); // both know X: the stronger (dup's) stays
    await rec(dup.id, x.id, { strength: "3", note: "strong one" });
    await rec(dup.id, y.id); // moves to kept
    await rec(z.id, y.id, { kind: "introduced_by", introducedById: dup.id }); // introducer becomes kept
    const [s1, s2] = await Promise.all([
      t.db.workshop.create({ data: { localityId: s.loc.id, title: "One", startsAt: new Date() } }),
      t.db.workshop.create({ data: { localityId: s.loc.id, title: "Two", startsAt: new Date() } }),
    ]);
    await t.db.attendance.createMany({
      data: [
        { workshopId: s1.id, personId: kept.id },
        { workshopId: s1.id, personId: dup.id },
        { workshopId: s2.id, personId: dup.id },
      ],
    });
    expect(await linkPerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: dup.id, userId: s.member.id })).toEqual({ ok: true });
    expect(await linkPerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: kept.id, userId: s.member.id })).toEqual({
      ok: false,
      error: "taken",
    });

    expect(await mergePeople(t.db, { localityId: s.elsewhere.id, actorId: s.facilitator.id, keptId: kept.id, removedId: dup.id })).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await mergePeople(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, keptId: kept.id, removedId: dup.id })).toEqual({ ok: true });

    const after = await t.db.person.findUniqueOrThrow({ where: { id: kept.id } });
    expect(after).toMatchObject({
      displayName: "Hana Al-Sayed",
      email: "hana@example.org",
      phone: "07700 900202",
      phoneVisibility: "members",
      organisation: "Food share",
      languages: "en,ar",
      userId: s.member.id,
    });
    expect(await t.db.person.count({ where: { id: dup.id } })).toBe(0);
    const ties = await t.db.tie.findMany({ where: { localityId: s.loc.id } });
    const pairs = ties.map((t2) => [t2.personAId, t2.personBId].sort().join("|")).sort();
    expect(pairs).toEqual(
      [
        [kept.id, x.id],
        [kept.id, y.id],
        [y.id, z.id],
      ]
        .map((p) => p.sort().join("|"))
        .sort(),
    );
    expect(ties.find((t2) => [t2.personAId, t2.personBId].includes(x.id))).toMatchObject({ strength: 3, note: "strong one" });
    expect(ties.find((t2) => [t2.personAId, t2.personBId].includes(z.id))?.introducedById).toBe(kept.id);
    expect((await t.db.attendance.findMany({ where: { personId: kept.id } })).map((a) => a.workshopId).sort()).toEqual([s1.id, s2.id].sort());
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: "person.merge", targetId: kept.id } });
    expect(JSON.parse(entry.detail)).toMatchObject({ kept: "Hana Al-Sayed", removed: "hana al sayed", removedId: dup.id });
    expect(await listDuplicatePairs(t.db, s.loc.id)).toEqual([]);
  });

  it("refuses to merge two people linked to different accounts, and changes nothing", async () => {
    const s = await setup();
    const one = await s.add({ displayName: "Sam", email: "sam@example.org" });
    const two = await s.add({ displayName: "Sam", email: "sam@example.org" });
    await linkPerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: one.id, userId: s.member.id });
    await linkPerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: two.id, userId: s.viewer.id });
    expect(await mergePeople(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, keptId: one.id, removedId: two.id })).toEqual({
      ok: false,
      error: "accounts",
    });
    expect(await t.db.person.count({ where: { id: { in: [one.id, two.id] } } })).toBe(2);
    // Only members of the locality can be linked.
    const stranger = await makeUser(t.db);
    expect(await linkPerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: one.id, userId: stranger.id })).toEqual({
      ok: false,
      error: "notMember",
    });
  });

  it("sends each contact detail only to those allowed, through the profile loader", async () => {
    const s = await setup();
    const p = await s.add({
      displayName: "Contact Person",
      email: "secret@example.org",
      emailVisibility: "facilitators",
      phone: "0121 496 0000",
      phoneVisibility: "members",
      howToReach: "Library on Mondays",
      howToReachVisibility: "everyone",
    });
    const path = `/l/${s.loc.id}/people/${p.id}`;
    const load = async (userId: string) => {
      const r = await outcome(async () =>
        profileRoute.loader({ request: get(path, await sessionCookie(userId)), params: { localityId: s.loc.id, personId: p.id }, context: context() }),
      );
      expect(r.status).toBe(200);
      return JSON.stringify(r.data);
    };
    const asFacilitator = await load(s.facilitator.id);
    const asMember = await load(s.member.id);
    const asViewer = await load(s.viewer.id);
    expect(asFacilitator).toContain("secret@example.org");
    expect(asMember).not.toContain("secret@example.org");
    expect(asMember).toContain("0121 496 0000");
    expect(asViewer).not.toContain("0121 496 0000");
    expect(asViewer).toContain("Library on Mondays");
    // Linked to the viewer's account: they see all of their own.
    await linkPerson(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: p.id, userId: s.viewer.id });
    expect(await load(s.viewer.id)).toContain("secret@example.org");
    // Another locality's URL never reaches this person.
    const elsewhere = await outcome(async () =>
      profileRoute.loader({
        request: get(`/l/${s.elsewhere.id}/people/${p.id}`, await sessionCookie(s.facilitator.id)),
        params: { localityId: s.elsewhere.id, personId: p.id },
        context: context(),
      }),
    );
    expect(elsewhere.status).toBe(404);
    // The map's data carries no contact details.
    const map = await outcome(async () =>
      mapRoute.loader({
        request: get(`/l/${s.loc.id}/relationships`, await sessionCookie(s.facilitator.id)),
        params: { localityId: s.loc.id },
        context: context(),
      }),
    );
    expect(JSON.stringify(map.data)).not.toContain("example.org");
  });

  it("shows the ties table a hundred ties a page, while the measures and the drawing count every tie", async () => {
    const s = await setup();
    const people = [];
    for (let i = 0; i < 16; i++) people.push(await s.add({ displayName: `Neighbour ${String(i).padStart(2, "0")}` }));
    let recorded = 0;
    for (let i = 0; i < people.length; i++)
      for (let j = i + 1; j < people.length; j++) {
        const r = await recordTie(t.db, { localityId: s.loc.id, actorId: s.facilitator.id, personId: people[i]!.id, input: tie(people[j]!.id) });
        expect(r.ok).toBe(true);
        recorded++;
      }
    expect(recorded).toBe(120);
    const cookie = await sessionCookie(s.member.id);
    const map = (query: string) => loaded(mapRoute.loader, `/l/${s.loc.id}/relationships${query}`, cookie, s.loc.id);
    const first = await map("");
    expect(first.measures.ties).toBe(120);
    expect(first.edges).toHaveLength(120);
    expect(first.ties).toHaveLength(100);
    expect(first.tiesPage).toEqual({ page: 1, pages: 2, total: 120, from: 1, to: 100 });
    const second = await map("?page=2");
    expect(second.ties).toHaveLength(20);
    expect(second.tiesPage).toMatchObject({ page: 2, from: 101, to: 120 });
    expect(second.edges).toHaveLength(120);
    // The two pages together are every tie, once.
    const shown = [...first.ties, ...second.ties].map((x) => x.id);
    expect(new Set(shown).size).toBe(120);
    expect(new Set(shown)).toEqual(new Set(first.edges.map((e) => e.id)));
    // A page past the end shows the last; anything else that is not a page number, the first.
    expect((await map("?page=99")).tiesPage.page).toBe(2);
    for (const bad of ["?page=0", "?page=-1", "?page=abc", "?page=1e3", "?page=%00"]) expect((await map(bad)).tiesPage.page, bad).toBe(1);
  });

  it("lists a hundred people a page, in alphabetical order, and counts everyone", async () => {
    const s = await setup();
    await t.db.person.createMany({
      data: Array.from({ length: 105 }, (_, i) => ({ localityId: s.loc.id, displayName: `Resident ${String(105 - i).padStart(3, "0")}`, sector: "resident" })),
    });
    const cookie = await sessionCookie(s.viewer.id);
    const list = (query: string) => loaded(listRoute.loader, `/l/${s.loc.id}/people${query}`, cookie, s.loc.id);
    const first = await list("");
    expect(first.people.map((p) => p.displayName)).toEqual(Array.from({ length: 100 }, (_, i) => `Resident ${String(i + 1).padStart(3, "0")}`));
    expect(first.peoplePage).toEqual({ page: 1, pages: 2, total: 105, from: 1, to: 100 });
    const second = await list("?page=2");
    expect(second.people.map((p) => p.displayName)).toEqual(["Resident 101", "Resident 102", "Resident 103", "Resident 104", "Resident 105"]);
    expect((await list("?page=x")).peoplePage.page).toBe(1);
  });

  it("warns of a duplicate when adding, keeps what was typed, and adds anyway when asked", async () => {
    const s = await setup();
    await s.add({ displayName: "Yusuf Abdi", phone: "07700 900300" });
    const cookie = await sessionCookie(s.facilitator.id);
    const fields = {
      intent: "save",
      displayName: "YUSUF ABDI",
      sector: "parent",
      languages: "so",
      phone: "+44 7700 900300",
      caresAbout: "Football",
      _csrf: csrfToken(),
    };
    const submit = (extra: Record<string, string> = {}) =>
      outcome(() =>
        newRoute.action({ request: post(`/l/${s.loc.id}/people/new`, { ...fields, ...extra }, cookie), params: { localityId: s.loc.id }, context: context() }),
      );
    const warned = await submit();
    expect(warned.status).toBe(409);
    const body = warned.data as {
      reply: { initialValue: Record<string, unknown>; error: Record<string, string[]> };
      duplicates: { displayName: string; reasons: string[] }[];
    };
    expect(body.duplicates).toMatchObject([{ displayName: "Yusuf Abdi", reasons: ["phone"] }]);
    expect(body.reply.initialValue).toMatchObject({ displayName: "YUSUF ABDI", caresAbout: "Football" });
    expect(body.reply.error[""]).toEqual(["relationships.duplicate.found"]);
    expect(await t.db.person.count({ where: { localityId: s.loc.id } })).toBe(1);
    const added = await submit({ mode: "anyway" });
    expect(added.status).toBe(303);
    expect(await t.db.person.count({ where: { localityId: s.loc.id } })).toBe(2);
    // Members and viewers may not add people.
    const asMember = await outcome(async () =>
      newRoute.action({
        request: post(`/l/${s.loc.id}/people/new`, fields, await sessionCookie(s.member.id)),
        params: { localityId: s.loc.id },
        context: context(),
      }),
    );
    expect(asMember.status).toBe(403);
  });
});
