// The 21st-century public servant through the real route modules (SQLite and PostgreSQL, an
// in-process collab server): roles set on a profile and read back in the people list, the
// profile and the relationship view (who weaves between sectors); the reflective log private by
// default (another member's loaders cannot reach an entry, not the facilitator's either), shared
// and unshared by its author only; and the deck's cards drawn onto a board, seen by a y-websocket
// client on that board through the collab server, until an eleventh draw says all are drawn.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { connect, until, type Client } from "../collab/harness";
import * as tokenRoute from "~/routes/l.$localityId+/collab-token";
import * as rolesRoute from "~/routes/l.$localityId+/_relationships+/people.$personId.roles";
import * as profileRoute from "~/routes/l.$localityId+/_relationships+/people.$personId._index";
import * as peopleRoute from "~/routes/l.$localityId+/_relationships+/people._index";
import * as relationshipsRoute from "~/routes/l.$localityId+/_relationships+/relationships";
import * as reflectionsRoute from "~/routes/l.$localityId+/_servant+/reflections._index";
import * as sharedRoute from "~/routes/l.$localityId+/_servant+/reflections.shared";
import * as editRoute from "~/routes/l.$localityId+/_servant+/reflections.$reflectionId.edit";
import * as drawRoute from "~/routes/l.$localityId+/boards+/$boardId_.draw-card";
import * as deckRoute from "~/routes/l.$localityId+/_servant+/deck";
import { createBoard } from "~/data/boards.server";
import { getNote, listNotes } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { cardOfNoteId } from "~/domain/public-servant-deck";
import { messages } from "~/i18n/locales";

type Handler = (args: unknown) => Promise<unknown>;
type Route = { loader?: unknown; action?: unknown };

/** A form post with repeated fields (checkbox groups) and the CSRF token. */
function formPost(path: string, fields: Array<[string, string]>, cookie: string): Request {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams([...fields, ["_csrf", csrfToken()]]),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

describe.each(await providers())("the 21st-century public servant on %s", (provider) => {
  const app = useAppServer(provider);
  let g: Awaited<ReturnType<typeof makeGroup>>;
  const clients: Client[] = [];
  beforeAll(async () => {
    g = await makeGroup(app.db, { locality: "Longbridge", facilitator: "Fatima", member: "Mo", member2: "Mia", viewer: "Vic", outsider: "Otto" });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.provider.destroy();
  });

  const run = (route: Route, kind: "loader" | "action", request: Request, params: Record<string, string> = {}) =>
    outcome(() => (route[kind] as Handler)({ request, params: { localityId: g.loc.id, ...params }, context: context() }));
  const base = () => `/l/${g.loc.id}`;

  it("saves the roles a person carries, refuses a fifth, and shows them in the people list, the profile and the relationship view", async () => {
    const db = app.db;
    const mo = await db.person.create({ data: { localityId: g.loc.id, userId: g.member.id, displayName: "Mo Khan", sector: "parent" } });
    const cara = await db.person.create({ data: { localityId: g.loc.id, displayName: "Cara Jones", sector: "public_service" } });
    const dev = await db.person.create({ data: { localityId: g.loc.id, displayName: "Dev Patel", sector: "councillor" } });
    const eve = await db.person.create({ data: { localityId: g.loc.id, displayName: "Eve Stone", sector: "local_organisation" } });
    for (const other of [mo, dev, eve]) {
      const [a, b] = [cara.id, other.id].sort();
      await db.tie.create({ data: { localityId: g.loc.id, personAId: a!, personBId: b!, kind: "works_with", since: new Date("2026-01-01") } });
    }
    const rolesPath = (id: string) => `${base()}/people/${id}/roles`;

    // A facilitator sets anyone's; the page answers with the profile.
    const saved = await run(
      rolesRoute,
      "action",
      formPost(
        rolesPath(cara.id),
        [
          ["servantRoles", "weaver"],
          ["servantRoles", "navigator"],
        ],
        g.cookies.facilitator,
      ),
      { personId: cara.id },
    );
    expect(saved).toMatchObject({ status: 303, location: `${base()}/people/${cara.id}?roles=saved` });
    // A member sets their own, not someone else's; a viewer neither; another locality's facilitator never sees the person.
    expect((await run(rolesRoute, "action", formPost(rolesPath(mo.id), [["servantRoles", "storyteller"]], g.cookies.member), { personId: mo.id })).status).toBe(
      303,
    );
    expect(
      (await run(rolesRoute, "action", formPost(rolesPath(cara.id), [["servantRoles", "architect"]], g.cookies.member), { personId: cara.id })).status,
    ).toBe(403);
    expect((await run(rolesRoute, "loader", get(rolesPath(cara.id), g.cookies.member), { personId: cara.id })).status).toBe(403);
    expect((await run(rolesRoute, "loader", get(rolesPath(mo.id), g.cookies.member), { personId: mo.id })).status).toBe(200);
    expect((await run(rolesRoute, "action", formPost(rolesPath(mo.id), [["servantRoles", "architect"]], g.cookies.viewer), { personId: mo.id })).status).toBe(
      403,
    );
    expect((await run(rolesRoute, "action", formPost(rolesPath(mo.id), [["servantRoles", "architect"]], g.cookies.outsider), { personId: mo.id })).status).toBe(
      404,
    );
    // A role outside the four refuses the whole form: 400 with the message, what was ticked kept, nothing saved.
    const refused = await run(
      rolesRoute,
      "action",
      formPost(
        rolesPath(cara.id),
        [
          ["servantRoles", "architect"],
          ["servantRoles", "mayor"],
        ],
        g.cookies.facilitator,
      ),
      {
        personId: cara.id,
      },
    );
    expect(refused).toMatchObject({ status: 400, data: { error: "servant.roles.errors.unknown", chosen: ["architect"] } });
    expect((await db.person.findUniqueOrThrow({ where: { id: cara.id } })).servantRoles).toBe("weaver,navigator");
    expect((await db.person.findUniqueOrThrow({ where: { id: mo.id } })).servantRoles).toBe("storyteller");
    // Ticking none clears them.
    expect((await run(rolesRoute, "action", formPost(rolesPath(dev.id), [], g.cookies.facilitator), { personId: dev.id })).status).toBe(303);
    expect((await db.person.findUniqueOrThrow({ where: { id: dev.id } })).servantRoles).toBe("");

    // Read back: the list, the profile (a viewer reads them too), the relationship view.
    const list = (await run(peopleRoute, "loader", get(`${base()}/people`, g.cookies.viewer))).data as {
      people: Array<{ id: string; servantRoles: string[] }>;
    };
    expect(list.people.find((p) => p.id === cara.id)?.servantRoles).toEqual(["weaver", "navigator"]);
    expect(list.people.find((p) => p.id === mo.id)?.servantRoles).toEqual(["storyteller"]);
    const profile = (await run(profileRoute, "loader", get(`${base()}/people/${cara.id}`, g.cookies.viewer), { personId: cara.id })).data as {
      person: { servantRoles: string[] };
      mayEdit: boolean;
    };
    expect(profile).toMatchObject({ person: { servantRoles: ["weaver", "navigator"] }, mayEdit: false });
    const view = (await run(relationshipsRoute, "loader", get(`${base()}/relationships`, g.cookies.viewer))).data as {
      people: Array<{ id: string; servantRoles: string[] }>;
      weavers: Array<{ id: string; spans: string[]; crossSectorTies: number }>;
    };
    expect(view.people.filter((p) => p.servantRoles.includes("weaver")).map((p) => p.id)).toEqual([cara.id]);
    // Cara's ties reach three other sectors: she spans four, first; each of the others spans two.
    expect(view.weavers[0]).toEqual({ id: cara.id, spans: ["councillor", "local_organisation", "parent", "public_service"], crossSectorTies: 3 });
    expect(
      view.weavers
        .slice(1)
        .map((w) => w.id)
        .sort(),
    ).toEqual([mo.id, dev.id, eve.id].sort());

    // The activity log has the roles, not the person's name.
    const entries = await db.auditEntry.findMany({ where: { localityId: g.loc.id, action: "person.servantRoles" }, orderBy: { createdAt: "asc" } });
    expect(entries).toHaveLength(3);
    expect(JSON.parse(entries[0]!.detail)).toEqual({ roles: "weaver,navigator" });
    expect(entries.map((e) => e.detail).join(" ")).not.toMatch(/Cara|Mo Khan/);
  });

  it("keeps a reflection private to its author until they share it, and again once they unshare it", async () => {
    const db = app.db;
    const workshop = await db.workshop.create({
      data: { localityId: g.loc.id, title: "Getting to know each other", startsAt: new Date("2026-03-01T10:00:00Z") },
    });
    const elsewhere = await db.workshop.create({ data: { localityId: g.other.id, title: "Another place", startsAt: new Date("2026-03-01T10:00:00Z") } });
    const path = `${base()}/reflections`;
    const write = (cookie: string, fields: Array<[string, string]>) =>
      run(reflectionsRoute, "action", formPost(`${path}?index`, [["intent", "write"], ...fields], cookie));
    const mine = async (cookie: string) =>
      ((await run(reflectionsRoute, "loader", get(path, cookie))).data as { reflections: Array<{ id: string; body: string }> }).reflections;
    const shared = async (cookie: string) =>
      ((await run(sharedRoute, "loader", get(`${path}/shared`, cookie))).data as { reflections: Array<{ id: string; body: string; author: string }> })
        .reflections;

    const text = "I talked less and listened more. <script>alert('x')</script>";
    expect(
      await write(g.cookies.member, [
        ["body", text],
        ["workshopId", workshop.id],
        ["theme", "10"],
      ]),
    ).toMatchObject({ status: 303, location: `${path}?done=created` });
    expect(await write(g.cookies.member, [["body", "A second thought"]])).toMatchObject({ status: 303 });
    const own = await mine(g.cookies.member);
    expect(own.map((r) => r.body)).toEqual(["A second thought", text]);
    const id = own[1]!.id;
    expect(await db.reflection.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: text, theme: 10, workshopId: workshop.id, sharedAt: null });

    // Nobody else reaches it: not another member, not the facilitator, not through any loader or action.
    const everyonesPages = async () => {
      const pages: string[] = [];
      for (const cookie of [g.cookies.member2, g.cookies.facilitator]) {
        pages.push(JSON.stringify(await mine(cookie)), JSON.stringify(await shared(cookie)));
      }
      return pages.join("\n");
    };
    expect(await everyonesPages()).not.toContain("listened more");
    for (const cookie of [g.cookies.member2, g.cookies.facilitator]) {
      expect((await run(editRoute, "loader", get(`${path}/${id}/edit`, cookie), { reflectionId: id })).status).toBe(404);
      expect((await run(editRoute, "action", formPost(`${path}/${id}/edit`, [["body", "taken over"]], cookie), { reflectionId: id })).status).toBe(404);
      for (const intent of ["share", "unshare", "delete"]) {
        expect(
          (
            await run(
              reflectionsRoute,
              "action",
              formPost(
                `${path}?index`,
                [
                  ["intent", intent],
                  ["reflectionId", id],
                ],
                cookie,
              ),
            )
          ).status,
          intent,
        ).toBe(404);
      }
    }
    expect((await db.reflection.findUniqueOrThrow({ where: { id } })).body).toBe(text);
    // Viewers keep no log; another locality's people get 404; nobody signed out gets in.
    expect((await run(reflectionsRoute, "loader", get(path, g.cookies.viewer))).status).toBe(403);
    expect((await run(sharedRoute, "loader", get(`${path}/shared`, g.cookies.viewer))).status).toBe(403);
    expect((await run(reflectionsRoute, "loader", get(path, g.cookies.outsider))).status).toBe(404);
    expect((await run(reflectionsRoute, "loader", get(path))).status).toBe(302);

    // Bad input: empty, too long (the text comes back), a session of another locality, a card outside the deck.
    const empty = await write(g.cookies.member, [["body", "   "]]);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data)).toContain("servant.reflections.errors.empty");
    const long = "long ".repeat(1001);
    const tooLong = await write(g.cookies.member, [["body", long]]);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data).toMatchObject({ reply: { initialValue: { body: long }, error: { body: ["servant.reflections.errors.tooLong"] } } });
    const foreign = await write(g.cookies.member, [
      ["body", "about elsewhere"],
      ["workshopId", elsewhere.id],
    ]);
    expect(foreign).toMatchObject({ status: 400, data: { reply: { error: { workshopId: ["servant.reflections.errors.workshop"] } } } });
    expect(
      (
        await write(g.cookies.member, [
          ["body", "eleventh"],
          ["theme", "11"],
        ])
      ).status,
    ).toBe(400);
    expect(await db.reflection.count({ where: { authorId: g.member.id } })).toBe(2);

    // Its author edits it (a refused edit keeps the stored text).
    expect((await run(editRoute, "loader", get(`${path}/${id}/edit`, g.cookies.member), { reflectionId: id })).status).toBe(200);
    expect((await run(editRoute, "action", formPost(`${path}/${id}/edit`, [["body", ""]], g.cookies.member), { reflectionId: id })).status).toBe(400);
    const edited = `${text} And asked better questions.`;
    expect(
      await run(
        editRoute,
        "action",
        formPost(
          `${path}/${id}/edit`,
          [
            ["body", edited],
            ["theme", "10"],
          ],
          g.cookies.member,
        ),
        { reflectionId: id },
      ),
    ).toMatchObject({
      status: 303,
      location: `${path}?done=updated`,
    });
    expect(await db.reflection.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: edited, workshopId: null, sharedAt: null });

    // Shared: the group's members read it, with its author; unshared: gone again.
    expect(
      await run(
        reflectionsRoute,
        "action",
        formPost(
          `${path}?index`,
          [
            ["intent", "share"],
            ["reflectionId", id],
          ],
          g.cookies.member,
        ),
      ),
    ).toMatchObject({
      status: 303,
      location: `${path}?done=shared`,
    });
    for (const cookie of [g.cookies.member2, g.cookies.facilitator]) {
      expect(await shared(cookie)).toEqual([expect.objectContaining({ id, body: edited, author: "Mo" })]);
      expect(JSON.stringify(await mine(cookie))).not.toContain("listened more");
    }
    expect((await shared(g.cookies.member2)).map((r) => r.body)).not.toContain("A second thought");
    expect(
      (
        await run(
          reflectionsRoute,
          "action",
          formPost(
            `${path}?index`,
            [
              ["intent", "unshare"],
              ["reflectionId", id],
            ],
            g.cookies.member,
          ),
        )
      ).status,
    ).toBe(303);
    expect(await everyonesPages()).not.toContain("listened more");

    // The activity log: shared and unshared, never the text.
    const log = await db.auditEntry.findMany({ where: { localityId: g.loc.id, targetType: "Reflection" }, orderBy: { createdAt: "asc" } });
    expect(log.map((e) => e.action)).toEqual(["reflection.share", "reflection.unshare"]);
    expect(log.every((e) => e.targetId === id && e.detail === "{}")).toBe(true);

    // Deleted by its author only.
    expect(
      (
        await run(
          reflectionsRoute,
          "action",
          formPost(
            `${path}?index`,
            [
              ["intent", "delete"],
              ["reflectionId", id],
            ],
            g.cookies.member,
          ),
        )
      ).status,
    ).toBe(303);
    expect(await db.reflection.count({ where: { id } })).toBe(0);
    expect((await run(editRoute, "loader", get(`${path}/${id}/edit`, g.cookies.member), { reflectionId: id })).status).toBe(404);
  });

  it("draws the deck's cards onto a board through the collab server, each once, and says so when all ten are there", async () => {
    const board = await createBoard(app.db, { localityId: g.loc.id, actorId: g.facilitator.id, title: "Reflective session", purpose: "exercise" });
    const params = { boardId: board.id };
    const draw = (cookie: string, boardId = board.id) => run(drawRoute, "action", formPost(`${base()}/boards/${boardId}/draw-card`, [], cookie), { boardId });

    // A member's browser on the board, through the real collab server.
    const doc = boardDocName(g.loc.id, board.id);
    const tokenResponse = (await tokenRoute.loader({
      request: get(`${base()}/collab-token?doc=${encodeURIComponent(doc)}`, g.cookies.member2),
      params: { localityId: g.loc.id },
      context: context(),
    })) as Response;
    const client = connect(app.collabUrl, doc, ((await tokenResponse.json()) as { token: string }).token);
    clients.push(client);
    await until(() => client.provider.synced, 5000, "synced");

    // Only facilitators draw.
    expect((await draw(g.cookies.member)).status).toBe(403);
    expect((await draw(g.cookies.viewer)).status).toBe(403);
    expect((await draw(g.cookies.outsider)).status).toBe(404);
    expect((await run(drawRoute, "loader", get(`${base()}/boards/${board.id}/draw-card`, g.cookies.member), params)).status).toBe(302);

    const first = await draw(g.cookies.facilitator);
    expect(first.status).toBe(303);
    const card = Number(/\?card=(\d+)$/.exec(first.location ?? "")?.[1]);
    expect(card).toBeGreaterThanOrEqual(1);
    const words = messages.en.servant.deck.cards[String(card) as "1"];
    await until(() => getNote(client.doc, `deck-card-${card}`) !== null, 5000, "the drawn card reaches the other browser");
    expect(getNote(client.doc, `deck-card-${card}`)).toMatchObject({
      text: `Theme ${card}: ${words.title}\n${words.question}`,
      authorId: null,
      authorName: "From the public servant deck",
    });

    for (let i = 2; i <= 10; i++) expect((await draw(g.cookies.facilitator)).location).toMatch(/\?card=\d+$/);
    await until(() => listNotes(client.doc).length === 10, 5000, "ten cards on the board");
    const cards = listNotes(client.doc).map((n) => cardOfNoteId(n.id));
    expect([...new Set(cards)].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The eleventh: all drawn, nothing added.
    expect(await draw(g.cookies.facilitator)).toMatchObject({ status: 303, location: `${base()}/boards/${board.id}?card=all-drawn` });
    expect(listNotes(client.doc)).toHaveLength(10);
    expect(await app.db.auditEntry.count({ where: { action: "deck.draw", targetId: board.id } })).toBe(10);

    // Not onto a challenge's board (its notes become ideas); nor a board of another locality.
    const challenge = await makeChallenge(app.db, { localityId: g.loc.id, actorId: g.facilitator.id });
    expect(await draw(g.cookies.facilitator, challenge.boardId)).toMatchObject({
      status: 303,
      location: `${base()}/boards/${challenge.boardId}?card=not-here`,
    });
    const foreignBoard = await createBoard(app.db, { localityId: g.other.id, actorId: g.outsider.id, title: "Elsewhere", purpose: "exercise" });
    expect((await draw(g.cookies.facilitator, foreignBoard.id)).status).toBe(404);

    // The deck itself: every role of the locality reads it.
    for (const cookie of [g.cookies.viewer, g.cookies.member, g.cookies.facilitator])
      expect((await run(deckRoute, "loader", get(`${base()}/deck`, cookie))).status).toBe(200);
  });
});
