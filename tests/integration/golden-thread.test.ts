// The golden thread (issue 21) on SQLite and PostgreSQL, through the real route modules: every
// change makes a version with what changed; links keep the version they were made against and
// show as older once the item changes; a priority in use is archived, never deleted (deleting it
// is refused), an unused item is deleted; a stale form is refused and loses nothing; a link to
// another organisation's outcome is refused; script is stored and returned as text; access role
// by role (organisation facilitator edits; locality facilitator, member, viewer read; people of
// another organisation and the signed-out do not).
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { makeGroup, makeLocality, makeOrganisation, makeUser } from "../factories";
import { makeChainedPrototype } from "../factories/prototypes";
import { addItem, linkItem, linksOfPrototypes, readCurrentThread, unlinkedOutcomes } from "~/data/golden-thread.server";
import * as threadRoute from "~/routes/orgs+/$orgSlug.thread._index";
import * as historyRoute from "~/routes/orgs+/$orgSlug.thread.history";
import * as linksRoute from "~/routes/l.$localityId+/thread-links";
import * as prototypeRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId._index";

const SCRIPT = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
type ThreadData = Awaited<ReturnType<typeof threadRoute.loader>>;
type Reply = { intent: string; target: string; errors: string[]; values: Record<string, string> };

describe.each(await providers())("the golden thread on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const g = await makeGroup(t.db, { locality: "Thread test", facilitator: "Amal", member: "Karen", member2: "Darren", viewer: "Tom", outsider: "Olu" });
    const orgFac = await makeUser(t.db, { name: "Council Facilitator" });
    await t.db.organisationMember.create({ data: { organisationId: g.org.id, userId: orgFac.id, role: "facilitator" } });
    const stranger = await makeUser(t.db, { name: "Stranger" });
    const otherOrg = await makeOrganisation(t.db);
    const strangerLoc = await makeLocality(t.db, otherOrg.id, "Far away");
    await t.db.membership.create({ data: { localityId: strangerLoc.id, userId: stranger.id, role: "facilitator" } });
    const chain = await makeChainedPrototype(t.db, { localityId: g.loc.id, actorId: g.facilitator.id, stories: [] });
    return {
      ...g,
      orgFac,
      otherOrg,
      cookies: { ...g.cookies, orgFac: await sessionCookie(orgFac.id), stranger: await sessionCookie(stranger.id) },
      prototypeId: chain.prototype.id,
    };
  }

  const path = (slug: string) => `/orgs/${slug}/thread`;
  const send = (slug: string, cookie: string, fields: Record<string, string>) =>
    outcome(() => threadRoute.action({ request: post(path(slug), { _csrf: csrfToken(), ...fields }, cookie), params: { orgSlug: slug }, context: context() }));
  const read = async (slug: string, cookie: string) =>
    (await outcome(() => threadRoute.loader({ request: get(path(slug), cookie), params: { orgSlug: slug }, context: context() }))) as {
      status: number;
      data?: ThreadData;
    };

  it("versions every change, keeps links at their version, archives a priority in use and refuses to delete it", async () => {
    const g = await setup();
    const slug = g.org.slug;
    expect((await send(slug, g.cookies.orgFac, { intent: "add", kind: "purpose", title: "To make a positive difference" })).status).toBe(303);
    expect(
      (
        await send(slug, g.cookies.orgFac, {
          intent: "add",
          kind: "priority",
          title: `A strong economy ${SCRIPT}`,
          underReview: "on",
          reviewNote: "Over the summer",
        })
      ).status,
    ).toBe(303);
    let page = (await read(slug, g.cookies.orgFac)).data!;
    const priority = page.thread.priorities[0]!;
    expect(priority.title).toBe(`A strong economy ${SCRIPT}`);
    expect(priority.underReview).toBe(true);
    expect(
      (await send(slug, g.cookies.orgFac, { intent: "add", kind: "outcome", parentId: priority.id, title: "More people in work", isExample: "on" })).status,
    ).toBe(303);
    page = (await read(slug, g.cookies.orgFac)).data!;
    expect(page.thread.version).toBe(3);
    const outcomeItem = page.thread.priorities[0]!.outcomes[0]!;
    expect(outcomeItem.isExample).toBe(true);

    // A facilitator of the locality links the prototype (at version 3).
    const link = await outcome(() =>
      linksRoute.action({
        request: post(
          `/l/${g.loc.id}/thread-links`,
          {
            _csrf: csrfToken(),
            intent: "link",
            targetType: "prototype",
            targetId: g.prototypeId,
            itemId: outcomeItem.id,
            back: `/l/${g.loc.id}/prototypes/${g.prototypeId}`,
          },
          g.cookies.facilitator,
        ),
        params: { localityId: g.loc.id },
        context: context(),
      }),
    );
    expect(link.location).toBe(`/l/${g.loc.id}/prototypes/${g.prototypeId}?threadDone=link&on=${g.prototypeId}#golden-thread`);
    let links = (await linksOfPrototypes(t.db, [g.prototypeId])).get(g.prototypeId)!;
    expect(links.map((l) => [l.title, l.versionNumber, l.older])).toEqual([["More people in work", 3, false]]);
    expect(await unlinkedOutcomes(t.db, g.org.id)).toEqual([]);

    // The outcome is reworded: the link keeps version 3 and shows as older, with the old wording.
    expect(
      (
        await send(slug, g.cookies.orgFac, {
          intent: "edit",
          itemId: outcomeItem.id,
          revision: String(outcomeItem.revision),
          title: "More residents in good work",
        })
      ).status,
    ).toBe(303);
    links = (await linksOfPrototypes(t.db, [g.prototypeId])).get(g.prototypeId)!;
    expect(links.map((l) => [l.title, l.titleAtLink, l.versionNumber, l.currentVersion, l.older])).toEqual([
      ["More residents in good work", "More people in work", 3, 4, true],
    ]);

    // A stale form (loaded before that edit) is refused with what was typed kept.
    const stale = await send(slug, g.cookies.orgFac, { intent: "edit", itemId: outcomeItem.id, revision: String(outcomeItem.revision), title: "My wording" });
    expect(stale.status).toBe(409);
    expect((stale.data as Reply).errors).toEqual(["thread.errors.stale"]);
    expect((stale.data as Reply).values.title).toBe("My wording");
    expect((await readCurrentThread(t.db, g.org.id)).priorities[0]!.outcomes[0]!.title).toBe("More residents in good work");

    // The priority is in use: deleting it is refused, archiving keeps the link.
    page = (await read(slug, g.cookies.orgFac)).data!;
    const p2 = page.thread.priorities[0]!;
    expect(page.uses[p2.outcomes[0]!.id]).toBe(1);
    const del = await send(slug, g.cookies.orgFac, { intent: "delete", itemId: p2.id, revision: String(p2.revision) });
    expect((del.data as Reply).errors).toEqual(["thread.errors.inUse"]);
    expect((await readCurrentThread(t.db, g.org.id)).priorities).toHaveLength(1);
    expect((await send(slug, g.cookies.orgFac, { intent: "archive", itemId: p2.id, revision: String(p2.revision) })).status).toBe(303);
    const archived = (await readCurrentThread(t.db, g.org.id)).priorities[0]!;
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await linksOfPrototypes(t.db, [g.prototypeId])).get(g.prototypeId)!).toHaveLength(1);

    // An unused item is deleted.
    const purpose = (await readCurrentThread(t.db, g.org.id)).purpose!;
    expect((await send(slug, g.cookies.orgFac, { intent: "delete", itemId: purpose.id, revision: String(purpose.revision) })).status).toBe(303);
    expect((await readCurrentThread(t.db, g.org.id)).purpose).toBeNull();

    // The history says what changed, newest first.
    const history = (
      await outcome(() => historyRoute.loader({ request: get(`${path(slug)}/history`, g.cookies.member), params: { orgSlug: slug }, context: context() }))
    ).data as Awaited<ReturnType<typeof historyRoute.loader>>;
    expect(history.versions.map((v) => [v.number, v.changes.map((c) => c.change).join(",")])).toEqual([
      [6, "deleted"],
      [5, "archived"],
      [4, "edited"],
      [3, "added"],
      [2, "added"],
      [1, "added"],
    ]);
    expect(history.versions[2]!.changes[0]!.before).toBe("More people in work");
  });

  it("refuses a link to another organisation's outcome, empty and too-long text", async () => {
    const g = await setup();
    const foreignPriority = await addItem(
      t.db,
      { organisationId: g.otherOrg.id, actorId: g.orgFac.id },
      { kind: "priority", title: "Theirs", body: "", underReview: false, reviewNote: "", isExample: false },
    );
    const foreign = await addItem(
      t.db,
      { organisationId: g.otherOrg.id, actorId: g.orgFac.id },
      { kind: "outcome", parentId: foreignPriority.id, title: "Their outcome", body: "", underReview: false, reviewNote: "", isExample: false },
    );
    const refused = await outcome(() =>
      linksRoute.action({
        request: post(
          `/l/${g.loc.id}/thread-links`,
          {
            _csrf: csrfToken(),
            intent: "link",
            targetType: "prototype",
            targetId: g.prototypeId,
            itemId: foreign.id,
            back: `/l/${g.loc.id}/prototypes/${g.prototypeId}`,
          },
          g.cookies.facilitator,
        ),
        params: { localityId: g.loc.id },
        context: context(),
      }),
    );
    expect(refused.location).toBe(`/l/${g.loc.id}/prototypes/${g.prototypeId}?thread=otherOrganisation&on=${g.prototypeId}#golden-thread`);
    await expect(
      linkItem(t.db, { organisationId: g.org.id, localityId: g.loc.id, actorId: g.facilitator.id }, { prototypeId: g.prototypeId }, foreign.id),
    ).rejects.toThrow("otherOrganisation");
    expect(await t.db.threadLink.count({ where: { prototypeId: g.prototypeId } })).toBe(0);

    const empty = await send(g.org.slug, g.cookies.orgFac, { intent: "add", kind: "priority", title: "   " });
    expect((empty.data as Reply).errors).toEqual(["thread.errors.titleRequired"]);
    const long = await send(g.org.slug, g.cookies.orgFac, { intent: "add", kind: "priority", title: "x".repeat(301) });
    expect((long.data as Reply).errors).toEqual(["thread.errors.titleTooLong"]);
    expect((long.data as Reply).values.title).toHaveLength(301);
    expect(await t.db.threadItem.count({ where: { organisationId: g.org.id } })).toBe(0);
  });

  it("lets every locality member read, only organisation facilitators change, nobody else in", async () => {
    const g = await setup();
    const slug = g.org.slug;
    for (const who of ["orgFac", "facilitator", "member", "viewer", "outsider"] as const) expect((await read(slug, g.cookies[who])).status, who).toBe(200);
    expect((await read(slug, g.cookies.orgFac)).data!.mayEdit).toBe(true);
    expect((await read(slug, g.cookies.facilitator)).data!.mayEdit).toBe(false);
    expect((await read(slug, g.cookies.stranger)).status).toBe(404);
    expect((await read(slug, "")).status).toBe(302);
    for (const who of ["facilitator", "member", "viewer"] as const)
      expect((await send(slug, g.cookies[who], { intent: "add", kind: "priority", title: "Mine" })).status, who).toBe(403);
    expect((await send(slug, g.cookies.stranger, { intent: "add", kind: "priority", title: "Mine" })).status).toBe(404);
    // Linking on a locality page: its facilitators only.
    const linkAs = (cookie: string) =>
      outcome(() =>
        linksRoute.action({
          request: post(
            `/l/${g.loc.id}/thread-links`,
            { _csrf: csrfToken(), intent: "facet", targetType: "prototype", targetId: g.prototypeId, facet: "adaptive" },
            cookie,
          ),
          params: { localityId: g.loc.id },
          context: context(),
        }),
      );
    expect((await linkAs(g.cookies.member)).status).toBe(403);
    expect((await linkAs(g.cookies.stranger)).status).toBe(404);
    expect((await linkAs(g.cookies.facilitator)).status).toBe(303);
    const proto = (
      await outcome(() =>
        prototypeRoute.loader({
          request: get(`/l/${g.loc.id}/prototypes/${g.prototypeId}`, g.cookies.viewer),
          params: { localityId: g.loc.id, prototypeId: g.prototypeId },
          context: context(),
        }),
      )
    ).data as Awaited<ReturnType<typeof prototypeRoute.loader>>;
    expect(proto.thread.facet).toBe("adaptive");
    expect(proto.thread.mayLink).toBe(false);
  });
});
