// A form that creates something creates it once per form load: parallel copies of one submission
// (a double tap, a retry, a hand-made replay) all get the first one's result — the same redirect,
// or the same data — so whichever answer the browser shows (it shows the last) is right. Checked
// for every creation action through the real route modules, on SQLite and PostgreSQL, with an
// in-process collab server; and what a key cannot do: a malformed key is not remembered, another
// person's or another path's use of a key creates again, an invitation's link is not kept in
// clear, and a repeat of an account creation starts a session only with the right password.
import sharp from "sharp";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { BASE, context, csrfToken, outcome, post, sessionCookie } from "../setup/requests";
import { makeGroup, makeUser } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { applyServerChange } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { appendRichText } from "~/collab/rich-text";
import { getSessionUser } from "~/auth/session.server";
import { seal, unseal } from "~/auth/sealed.server";
import { hashToken } from "~/data/invites.server";
import * as boardsRoute from "~/routes/l.$localityId+/boards+/_index";
import * as documentsRoute from "~/routes/l.$localityId+/documents+/_index";
import * as documentRoute from "~/routes/l.$localityId+/documents+/$documentId";
import * as versionRoute from "~/routes/l.$localityId+/documents+/$documentId.versions.$versionId";
import * as newLocalityRoute from "~/routes/orgs+/$orgSlug.localities.new";
import * as membersRoute from "~/routes/l.$localityId+/_group+/members";
import * as inviteRoute from "~/routes/_account+/invite.$token";
import * as newPersonRoute from "~/routes/l.$localityId+/_relationships+/people.new";
import * as personRoute from "~/routes/l.$localityId+/_relationships+/people.$personId._index";
import * as workshopsRoute from "~/routes/l.$localityId+/workshops+/_index";
import * as workshopRoute from "~/routes/l.$localityId+/workshops+/$workshopId";
import * as attendanceRoute from "~/routes/l.$localityId+/workshops+/$workshopId.attendance";
import * as newStoryRoute from "~/routes/l.$localityId+/stories+/new";
import * as photosRoute from "~/routes/l.$localityId+/stories+/$storyId.photos";
import * as identifiersRoute from "~/routes/l.$localityId+/stories+/$storyId.identifiers";
import * as codeRoute from "~/routes/l.$localityId+/stories+/$storyId.code";
import * as newChallengeRoute from "~/routes/l.$localityId+/challenges+/new";
import * as analysisRoute from "~/routes/l.$localityId+/analysis+/_index";
import * as sendRoute from "~/routes/l.$localityId+/analysis+/send";
import * as newInsightRoute from "~/routes/l.$localityId+/insights+/new";
import * as ideaRoute from "~/routes/l.$localityId+/ideas+/$ideaId._index";
import * as purposeRoute from "~/routes/l.$localityId+/_relationships+/purpose";

type Answer = Awaited<ReturnType<typeof outcome>>;
type Fields = Array<[string, string]> | Record<string, string>;
type Action = (args: never) => Promise<unknown>;

const list = await providers();

/** A form POST (repeated fields allowed) with the CSRF token. */
function formPost(path: string, fields: Fields, cookie?: string): Request {
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  const body = new URLSearchParams([...entries, ["_csrf", csrfToken()]]);
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** A multipart POST, as a browser sends a form with a file field. */
function multipartPost(path: string, fields: Record<string, string>, files: Record<string, File>, cookie: string): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [k, f] of Object.entries(files)) body.append(k, f);
  body.append("_csrf", csrfToken());
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

/** Runs a route's action as the server would: a fresh request each time (a body is read once). */
function run(action: Action, request: () => Request, params: Record<string, string>) {
  return outcome(() => (action as (args: unknown) => Promise<unknown>)({ request: request(), params, context: context() }));
}

/** Sends the same form `times` times at once, as a browser that double-submits would. */
const burst = (times: number, send: () => Promise<Answer>) => Promise.all(Array.from({ length: times }, () => send()));

/** What the browser would show of an answer. */
const shown = (a: Answer) => ({ status: a.status, location: a.location ?? null, data: a.data ?? null });

/** Every answer is the first one's; returns it. */
function allSame(answers: Answer[]) {
  const first = shown(answers[0]!);
  for (const a of answers) expect(shown(a)).toEqual(first);
  return first;
}

let keys = 0;
/** A new form load's key, as CsrfField renders it: the page load's id and the form's place. */
const newKey = () => `load${++keys}x${Math.random().toString(36).slice(2, 10)}.:R${keys}:`;

describe.each(list)("on %s", (provider) => {
  const app = useAppServer(provider);
  let group: Awaited<ReturnType<typeof makeGroup>>;
  beforeAll(async () => {
    group = await makeGroup(app.db, { locality: "Longbridge", facilitator: "Fay", member: "Mo", member2: "Mia", viewer: "Vic", outsider: "Otto" });
  });
  const loc = () => group.loc.id;
  const base = () => `/l/${group.loc.id}`;

  it("a board: three parallel posts of one form load make one board, and each answer leads to it", async () => {
    const fields = { _csrf: csrfToken(), _form: "load1.:R1:", title: "Hopes and fears", purpose: "exercise" };
    const send = () =>
      boardsRoute.action({
        request: post(`/l/${group.loc.id}/boards?index`, fields, group.cookies.member),
        params: { localityId: group.loc.id },
        context: context(),
      });
    const answers = await burst(3, () => outcome(send));
    expect(await app.db.board.count({ where: { localityId: group.loc.id, title: "Hopes and fears" } })).toBe(1);
    const board = await app.db.board.findFirstOrThrow({ where: { localityId: group.loc.id, title: "Hopes and fears" } });
    expect(answers.map((a) => a.location)).toEqual(Array(3).fill(`/l/${group.loc.id}/boards/${board.id}`));
    // A new load of the form (a new key) makes a new board; so does another person with the same key.
    await outcome(() =>
      boardsRoute.action({
        request: post(`/l/${group.loc.id}/boards?index`, { ...fields, _form: "load2.:R1:" }, group.cookies.member),
        params: { localityId: group.loc.id },
        context: context(),
      }),
    );
    await outcome(() =>
      boardsRoute.action({
        request: post(`/l/${group.loc.id}/boards?index`, fields, group.cookies.facilitator),
        params: { localityId: group.loc.id },
        context: context(),
      }),
    );
    expect(await app.db.board.count({ where: { localityId: group.loc.id, title: "Hopes and fears" } })).toBe(3);
  });

  it("a refused submission gives its key back: the corrected form creates", async () => {
    const fields = { _csrf: csrfToken(), _form: "load3.:R1:", purpose: "exercise" };
    const send = (title: string) =>
      outcome(() =>
        boardsRoute.action({
          request: post(`/l/${group.loc.id}/boards?index`, { ...fields, title }, group.cookies.member),
          params: { localityId: group.loc.id },
          context: context(),
        }),
      );
    expect((await send("")).status).toBe(400);
    expect((await send("Fixed title")).status).toBe(302);
    expect(await app.db.board.count({ where: { localityId: group.loc.id, title: "Fixed title" } })).toBe(1);
  });

  // ---- what a key cannot do ------------------------------------------------------------------

  describe("hostile keys", () => {
    const newDocument = (title: string, key: string | null, cookie = group.cookies.member) =>
      run(documentsRoute.action, () => formPost(`${base()}/documents?index`, { title, ...(key === null ? {} : { _form: key }) }, cookie), {
        localityId: loc(),
      });
    const documents = (title: string) => app.db.sharedDocument.count({ where: { localityId: loc(), title } });

    it("a malformed, too short or too long key is not remembered: each post creates, none fails", async () => {
      const bad = ["short", "x".repeat(121), "load 1 <script>", "../../etc/passwd", "load1.:R1:\u0000", "ключ-формы-1234", ""];
      for (const [i, key] of bad.entries()) {
        const title = `Malformed key ${i}`;
        const answers = await burst(2, () => newDocument(title, key));
        expect(answers.map((a) => a.status)).toEqual([302, 302]);
        expect(new Set(answers.map((a) => a.location)).size).toBe(2);
        expect(await documents(title)).toBe(2);
      }
      // No key at all (a hand-made client): nothing remembered either.
      await burst(2, () => newDocument("No key", null));
      expect(await documents("No key")).toBe(2);
      // Repeated `_form` fields: the first counts, as for any field.
      const key = newKey();
      const twice = () =>
        run(
          documentsRoute.action,
          () =>
            formPost(
              `${base()}/documents?index`,
              [
                ["title", "Two keys"],
                ["_form", key],
                ["_form", "other-key-123"],
              ],
              group.cookies.member,
            ),
          { localityId: loc() },
        );
      allSame(await burst(3, twice));
      expect(await documents("Two keys")).toBe(1);
    });

    it("another person's use of a key creates again, and answers lead to their own record", async () => {
      const key = newKey();
      const mine = allSame(await burst(3, () => newDocument("Same key, two people", key, group.cookies.member)));
      const theirs = allSame(await burst(3, () => newDocument("Same key, two people", key, group.cookies.member2)));
      expect(mine.location).not.toBe(theirs.location);
      expect(await documents("Same key, two people")).toBe(2);
      const [a, b] = await app.db.sharedDocument.findMany({ where: { localityId: loc(), title: "Same key, two people" }, orderBy: { createdAt: "asc" } });
      expect(new Set([a!.createdById, b!.createdById])).toEqual(new Set([group.member.id, group.member2.id]));
    });

    it("the same key on another path creates again (another form, another locality)", async () => {
      const key = newKey();
      expect((await newDocument("Same key, two paths", key)).status).toBe(302);
      const board = await run(
        boardsRoute.action,
        () => formPost(`${base()}/boards?index`, { title: "Same key, two paths", purpose: "exercise", _form: key }, group.cookies.member),
        { localityId: loc() },
      );
      expect(board.status).toBe(302);
      expect(await documents("Same key, two paths")).toBe(1);
      expect(await app.db.board.count({ where: { localityId: loc(), title: "Same key, two paths" } })).toBe(1);
      // The outsider facilitates the other locality: their key is theirs, on their own path.
      const elsewhere = await run(
        documentsRoute.action,
        () => formPost(`/l/${group.other.id}/documents?index`, { title: "Same key, two paths", _form: key }, group.cookies.outsider),
        { localityId: group.other.id },
      );
      expect(elsewhere.status).toBe(302);
      expect(await app.db.sharedDocument.count({ where: { localityId: group.other.id, title: "Same key, two paths" } })).toBe(1);
      // Someone without the right is refused before any key is looked at.
      expect(
        (
          await run(documentsRoute.action, () => formPost(`${base()}/documents?index`, { title: "Viewer", _form: key }, group.cookies.viewer), {
            localityId: loc(),
          })
        ).status,
      ).toBe(403);
    });

    it("a sealed value opens only with its purpose and the secret, and never when tampered with", () => {
      const sealed = seal("invite-link", "the-token");
      expect(sealed).not.toContain("the-token");
      expect(unseal("invite-link", sealed)).toBe("the-token");
      expect(seal("invite-link", "the-token")).not.toBe(sealed); // a fresh IV each time
      expect(unseal("something-else", sealed)).toBeNull();
      const [v, iv, body, tag] = sealed.split(".");
      const flipped = Buffer.from(body!, "base64url");
      flipped[0] = flipped[0]! ^ 1;
      expect(unseal("invite-link", [v, iv, flipped.toString("base64url"), tag].join("."))).toBeNull();
      expect(unseal("invite-link", [v, iv, body, Buffer.alloc(16).toString("base64url")].join("."))).toBeNull();
      for (const junk of ["", "s1", "s1...", "s2.a.b.c", "s1.a.b.c", 42, null, { sealed }]) expect(unseal("invite-link", junk)).toBeNull();
    });
  });

  // ---- each creation action ------------------------------------------------------------------

  it("a shared document: one document, every answer leads to it", async () => {
    const key = newKey();
    const first = allSame(
      await burst(3, () =>
        run(documentsRoute.action, () => formPost(`${base()}/documents?index`, { title: "Minutes", _form: key }, group.cookies.member), { localityId: loc() }),
      ),
    );
    const docs = await app.db.sharedDocument.findMany({ where: { localityId: loc(), title: "Minutes" } });
    expect(docs).toHaveLength(1);
    expect(first).toMatchObject({ status: 302, location: `${base()}/documents/${docs[0]!.id}` });
    expect(await app.db.auditEntry.count({ where: { action: "document.create", targetId: docs[0]!.id } })).toBe(1);
  });

  it("a locality: one locality (and one membership for its creator), every answer leads to it", async () => {
    const orgFacilitator = await makeUser(app.db, { name: "Org Fac" });
    await app.db.organisationMember.create({ data: { organisationId: group.org.id, userId: orgFacilitator.id, role: "facilitator" } });
    const cookie = await sessionCookie(orgFacilitator.id);
    const key = newKey();
    const path = `/orgs/${group.org.slug}/localities/new`;
    const first = allSame(
      await burst(3, () =>
        run(newLocalityRoute.action, () => formPost(path, { name: "Selly Oak", description: "South", _form: key }, cookie), { orgSlug: group.org.slug }),
      ),
    );
    const made = await app.db.locality.findMany({ where: { organisationId: group.org.id, name: "Selly Oak" } });
    expect(made).toHaveLength(1);
    expect(first).toMatchObject({ status: 302, location: `/l/${made[0]!.id}` });
    expect(await app.db.membership.count({ where: { userId: orgFacilitator.id } })).toBe(1);
  });

  it("an invitation: one Invite row, the same link in every answer, and the link never stored in clear", async () => {
    const key = newKey();
    const send = () =>
      run(
        membersRoute.action,
        () =>
          formPost(
            `${base()}/members`,
            { intent: "create-invite", role: "member", usage: "single", days: "7", note: "for Ann (double)", _form: key },
            group.cookies.facilitator,
          ),
        { localityId: loc() },
      );
    const first = allSame(await burst(3, send));
    const invites = await app.db.invite.findMany({ where: { localityId: loc(), note: "for Ann (double)" } });
    expect(invites).toHaveLength(1);
    expect(first.status).toBe(200);
    const link = (first.data as { kind: string; link: string }).link;
    expect(first.data).toEqual({ kind: "invite-created", link });
    const token = link.split("/invite/")[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invites[0]!.tokenHash).toBe(hashToken(token));
    expect(await app.db.auditEntry.count({ where: { action: "invite.create", targetId: invites[0]!.id } })).toBe(1);
    // What is remembered for the repeats holds the token sealed, never in clear.
    const remembered = await app.db.formSubmission.findMany();
    expect(remembered.some((r) => r.result?.includes("s1."))).toBe(true);
    for (const r of remembered) expect(r.result ?? "").not.toContain(token);
    // A repeat later (a browser retry) still shows the same link.
    expect(shown(await send())).toEqual(first);
    // A new load of the form makes a new invitation with a new link.
    const other = await run(
      membersRoute.action,
      () =>
        formPost(
          `${base()}/members`,
          { intent: "create-invite", role: "member", usage: "single", days: "7", note: "for Ann (double)", _form: newKey() },
          group.cookies.facilitator,
        ),
      { localityId: loc() },
    );
    expect((other.data as { link: string }).link).not.toBe(link);
    expect(await app.db.invite.count({ where: { localityId: loc(), note: "for Ann (double)" } })).toBe(2);
  });

  it("an account from an invitation: one user, every answer signs in to it; a repeat with another password gets no session", async () => {
    const created = await run(
      membersRoute.action,
      () => formPost(`${base()}/members`, { intent: "create-invite", role: "member", usage: "single", days: "1", _form: newKey() }, group.cookies.facilitator),
      { localityId: loc() },
    );
    const token = (created.data as { link: string }).link.split("/invite/")[1]!;
    const key = newKey();
    const email = `dana-${provider}@example.test`;
    const fields = { intent: "create-account", name: "Dana", email, password: "a long enough password", preferredLanguage: "en", _form: key };
    const accept = (extra: Record<string, string> = {}) => run(inviteRoute.action, () => formPost(`/invite/${token}`, { ...fields, ...extra }), { token });
    const answers = await burst(3, () => accept());
    expect(await app.db.user.count({ where: { email } })).toBe(1);
    const dana = await app.db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(dana.memberships.map((m) => [m.localityId, m.role])).toEqual([[loc(), "member"]]);
    expect(answers.map((a) => [a.status, a.location])).toEqual(Array(3).fill([302, `/l/${loc()}`]));
    // Each answer starts a real session for the one account.
    for (const a of answers) {
      const cookie = a.headers!.get("Set-Cookie")!.match(/coproduce_session=[^;]+/)![0];
      expect((await getSessionUser(new Request(`${BASE}/`, { headers: { Cookie: cookie } })))?.id).toBe(dana.id);
    }
    const sessions = await app.db.session.count({ where: { userId: dana.id } });
    expect(sessions).toBe(3);
    // The same key and email with another password: answered as "email taken", no session.
    const wrong = await accept({ password: "not the password at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.headers?.get("Set-Cookie") ?? "").not.toMatch(/coproduce_session=/);
    expect((wrong.data as { error: Record<string, string[]> }).error).toEqual({ email: ["invite.emailTaken"] });
    expect(JSON.stringify(wrong.data)).not.toContain("not the password");
    expect(await app.db.session.count({ where: { userId: dana.id } })).toBe(sessions);
    // The same key with another email is another submission: the invitation is used up now.
    const otherEmail = await accept({ email: `eve-${provider}@example.test` });
    expect(otherEmail.status).toBe(410);
    expect(await app.db.user.count({ where: { email: `eve-${provider}@example.test` } })).toBe(0);
    // A later retry of the first form, with its password, still signs in.
    const retry = await accept();
    expect([retry.status, retry.location]).toEqual([302, `/l/${loc()}`]);
    expect(retry.headers!.get("Set-Cookie")).toMatch(/coproduce_session=/);
  });

  it("a person: one person, every answer leads to them; a duplicate warning keeps the key for “add anyway”", async () => {
    const fields = { intent: "save", displayName: "Hamza Ali", sector: "parent", languages: "ur", phone: "07700 900555" };
    const key = newKey();
    const add = (extra: Record<string, string>, k: string) =>
      run(newPersonRoute.action, () => formPost(`${base()}/people/new`, { ...fields, ...extra, _form: k }, group.cookies.facilitator), { localityId: loc() });
    const first = allSame(await burst(3, () => add({}, key)));
    const people = await app.db.person.findMany({ where: { localityId: loc(), displayName: "Hamza Ali" } });
    expect(people).toHaveLength(1);
    expect(first).toMatchObject({ status: 303, location: `${base()}/people/${people[0]!.id}` });
    // Another load of the form for the same person is warned (all copies alike), and nothing is added…
    const again = newKey();
    const warned = allSame(await burst(3, () => add({ displayName: "HAMZA ALI" }, again)));
    expect(warned.status).toBe(409);
    expect((warned.data as { duplicates: Array<{ id: string }> }).duplicates.map((d) => d.id)).toEqual([people[0]!.id]);
    // …and "add anyway" from that same load adds one more, once.
    const anyway = allSame(await burst(3, () => add({ displayName: "HAMZA ALI", mode: "anyway" }, again)));
    expect(anyway.status).toBe(303);
    expect(await app.db.person.count({ where: { localityId: loc(), phone: "07700 900555" } })).toBe(2);
  });

  it("a tie: one tie, every answer says it was recorded", async () => {
    const [a, b] = await Promise.all(
      ["Tie A", "Tie B"].map((displayName) => app.db.person.create({ data: { localityId: loc(), displayName, sector: "resident", languages: "en" } })),
    );
    const key = newKey();
    const record = () =>
      run(
        personRoute.action,
        () =>
          formPost(
            `${base()}/people/${a!.id}`,
            { intent: "record-tie", otherPersonId: b!.id, kind: "works_with", strength: "2", since: "2026-01-15", _form: key },
            group.cookies.facilitator,
          ),
        { localityId: loc(), personId: a!.id },
      );
    const first = allSame(await burst(3, record));
    expect(first).toMatchObject({ status: 303, location: `${base()}/people/${a!.id}?tie=recorded` });
    expect(await app.db.tie.count({ where: { localityId: loc(), OR: [{ personAId: a!.id }, { personBId: a!.id }] } })).toBe(1);
    expect(await app.db.auditEntry.count({ where: { localityId: loc(), action: "tie.create" } })).toBe(1);
  });

  it("a session, its board, suggested ties and attendance: each made once, every answer alike", async () => {
    const key = newKey();
    const plan: Array<[string, string]> = [
      ["title", "Double evening"],
      ["startsAt", "2026-07-15T18:30"],
      ["place", "Library"],
      ["agenda", "Welcome"],
      ["languages", "en"],
      ["_form", key],
    ];
    const planned = allSame(
      await burst(3, () => run(workshopsRoute.action, () => formPost(`${base()}/workshops?index`, plan, group.cookies.facilitator), { localityId: loc() })),
    );
    const workshops = await app.db.workshop.findMany({ where: { localityId: loc(), title: "Double evening" } });
    expect(workshops).toHaveLength(1);
    const workshopId = workshops[0]!.id;
    expect(planned).toMatchObject({ status: 303, location: `${base()}/workshops/${workshopId}` });

    // Its board: one board (none made and archived beside it), every answer leads to it.
    const boardKey = newKey();
    const params = { localityId: loc(), workshopId };
    const opened = allSame(
      await burst(3, () =>
        run(
          workshopRoute.action,
          () => formPost(`${base()}/workshops/${workshopId}`, { intent: "board", exercise: "hopes_fears", _form: boardKey }, group.cookies.facilitator),
          params,
        ),
      ),
    );
    const linked = await app.db.workshop.findUniqueOrThrow({ where: { id: workshopId } });
    expect(opened).toMatchObject({ status: 303, location: `${base()}/boards/${linked.boardId}` });
    const board = await app.db.board.findUniqueOrThrow({ where: { id: linked.boardId! } });
    expect(await app.db.board.count({ where: { localityId: loc(), title: board.title, createdAt: { gte: workshops[0]!.createdAt } } })).toBe(1);
    expect(await app.db.board.count({ where: { localityId: loc(), archivedAt: { not: null } } })).toBe(0);

    // Attendance: three people marked present by one form, saved three times at once.
    const people = await Promise.all(
      ["Att 1", "Att 2", "Att 3"].map((displayName) => app.db.person.create({ data: { localityId: loc(), displayName, sector: "parent", languages: "en" } })),
    );
    const attendanceKey = newKey();
    const save: Array<[string, string]> = [
      ["intent", "save"],
      ...people.flatMap(
        (p) =>
          [
            ["shown", p.id],
            ["present", p.id],
          ] as Array<[string, string]>,
      ),
      ["_form", attendanceKey],
    ];
    const saved = allSame(
      await burst(3, () =>
        run(attendanceRoute.action, () => formPost(`${base()}/workshops/${workshopId}/attendance`, save, group.cookies.facilitator), params),
      ),
    );
    expect(saved).toMatchObject({ status: 303, location: `${base()}/workshops/${workshopId}/attendance?saved=1` });
    expect(await app.db.attendance.count({ where: { workshopId } })).toBe(3);
    expect(await app.db.auditEntry.count({ where: { action: "workshop.attendance", targetId: workshopId } })).toBe(1);

    // Suggested ties: three pairs, suggested once, and every answer counts three.
    const suggestKey = newKey();
    const suggested = allSame(
      await burst(3, () =>
        run(
          workshopRoute.action,
          () => formPost(`${base()}/workshops/${workshopId}`, { intent: "suggest-ties", _form: suggestKey }, group.cookies.facilitator),
          params,
        ),
      ),
    );
    expect(suggested).toMatchObject({ status: 200, data: { intent: "suggest-ties", suggested: 3 } });
    expect(await app.db.tie.count({ where: { localityId: loc(), workshopId, status: "suggested" } })).toBe(3);
  });

  describe("stories", () => {
    const TEXT = "Karen told me the 47 bus no longer stops on Coleman Close. Ring her on 0121 496 0000.";
    const capture = (title: string, key: string) =>
      run(
        newStoryRoute.action,
        () =>
          multipartPost(
            `${base()}/stories/new`,
            {
              title,
              storytellerPseudonym: "Storyteller D",
              interviewer: "Helen",
              occurredOn: "2026-09-17",
              place: "Library",
              language: "en",
              method: "interview",
              realName: "Karen Whitcombe",
              contact: "",
              text: TEXT,
              _form: key,
            },
            {},
            group.cookies.facilitator,
          ),
        { localityId: loc() },
      );
    const storyIdOf = (location: string | null) => /\/stories\/([A-Za-z0-9_-]+)\?created=1$/.exec(location ?? "")?.[1] ?? "";

    it("a story (multipart): one story and one text document, every answer leads to it", async () => {
      const key = newKey();
      const first = allSame(await burst(3, () => capture("Double story", key)));
      const stories = await app.db.story.findMany({ where: { localityId: loc(), title: "Double story" } });
      expect(stories).toHaveLength(1);
      expect(first).toMatchObject({ status: 303, location: `${base()}/stories/${stories[0]!.id}?created=1` });
      expect(await app.db.sharedDocument.count({ where: { localityId: loc(), kind: "story", story: { title: "Double story" } } })).toBe(1);
      expect(await app.db.sharedDocument.count({ where: { localityId: loc(), kind: "story", story: null } })).toBe(0);
    });

    it("a photo, an identifier, and marking every suggestion: each once, every answer alike", async () => {
      const storyId = storyIdOf((await capture("Story with photos", newKey())).location ?? null);
      expect(storyId).not.toBe("");
      const params = { localityId: loc(), storyId };
      const jpeg = await sharp({ create: { width: 20, height: 10, channels: 3, background: { r: 10, g: 120, b: 10 } } })
        .jpeg()
        .toBuffer();
      const photoKey = newKey();
      const upload = () =>
        run(
          photosRoute.action,
          () =>
            multipartPost(
              `${base()}/stories/${storyId}/photos`,
              { intent: "add", alt: "A green door", _form: photoKey },
              { photo: new File([jpeg], "door.jpg", { type: "image/jpeg" }) },
              group.cookies.facilitator,
            ),
          params,
        );
      const added = allSame(await burst(3, upload));
      expect(added).toMatchObject({ status: 200, data: { intent: "add", done: true } });
      expect(await app.db.storyPhoto.count({ where: { storyId } })).toBe(1);

      const idKey = newKey();
      const mark = () =>
        run(
          identifiersRoute.action,
          () => formPost(`${base()}/stories/${storyId}/identifiers`, { intent: "add", text: "Jayden", kind: "name", _form: idKey }, group.cookies.facilitator),
          params,
        );
      expect(allSame(await burst(3, mark))).toMatchObject({ status: 200, data: { intent: "add", added: 1, done: true } });
      expect(await app.db.storyIdentifier.count({ where: { storyId, text: "Jayden" } })).toBe(1);

      const allKey = newKey();
      const markAll = () =>
        run(
          identifiersRoute.action,
          () => formPost(`${base()}/stories/${storyId}/identifiers`, { intent: "mark-all", _form: allKey }, group.cookies.facilitator),
          params,
        );
      const all = allSame(await burst(3, markAll));
      const count = await app.db.storyIdentifier.count({ where: { storyId } });
      expect((all.data as { added: number }).added).toBeGreaterThan(0);
      expect((all.data as { added: number }).added).toBe(count - 1);
      expect(await app.db.auditEntry.count({ where: { action: "story.identifier.add", targetId: storyId } })).toBe(count);
    });
  });

  it("a challenge opened from an insight's question: one challenge (none answered “already open”), every answer leads to it", async () => {
    const insight = await app.db.insight.create({
      data: {
        localityId: loc(),
        statement: "Parents new to the area know nobody",
        questions: { create: [{ text: "How might we help new parents meet?", position: 0 }] },
      },
      include: { questions: true },
    });
    const key = newKey();
    const fields: Array<[string, string]> = [
      ["question", "How might we help new parents meet?"],
      ["languages", "en"],
      ["languages", "ar"],
      ["questionId", insight.questions[0]!.id],
      ["_form", key],
    ];
    const first = allSame(
      await burst(3, () => run(newChallengeRoute.action, () => formPost(`${base()}/challenges/new`, fields, group.cookies.facilitator), { localityId: loc() })),
    );
    const challenges = await app.db.challenge.findMany({ where: { localityId: loc(), questionId: insight.questions[0]!.id } });
    expect(challenges).toHaveLength(1);
    expect(first).toMatchObject({ status: 303, location: `${base()}/challenges/${challenges[0]!.id}?done=opened` });
    expect(await app.db.board.count({ where: { localityId: loc(), purpose: "ideas", title: "How might we help new parents meet?" } })).toBe(1);
  });

  describe("analysis", () => {
    /** A consented story with its text in the collab server, and one coded excerpt. */
    async function codedStory(title: string) {
      const text = "Nobody at the gate talks to me since we moved. The bus costs too much.";
      const document = await app.db.sharedDocument.create({ data: { localityId: loc(), title, kind: "story" } });
      await applyServerChange(richTextDocName(loc(), document.id), (doc) => appendRichText(doc, [{ type: "paragraph" as const, text }]));
      const story = await app.db.story.create({
        data: { localityId: loc(), title, storytellerPseudonym: "Parent A", occurredOn: new Date("2026-03-02"), method: "interview", documentId: document.id },
      });
      await app.db.storyConsent.create({
        data: {
          storyId: story.id,
          givenBy: "The storyteller",
          givenAt: new Date("2026-03-02"),
          method: "signed_form",
          infoSheetVersion: "v2",
          scope: "quotes",
        },
      });
      const code = await app.db.code.create({ data: { localityId: loc(), name: `Isolation ${title}` } });
      const phrase = "Nobody at the gate talks to me since we moved";
      const excerpt = await app.db.excerpt.create({
        data: { localityId: loc(), storyId: story.id, start: 0, end: phrase.length, quote: phrase, codes: { create: [{ codeId: code.id }] } },
      });
      return { story, code, excerpt };
    }

    it("a code: one code, and no answer says its name is taken", async () => {
      const key = newKey();
      const send = () =>
        run(
          analysisRoute.action,
          () => formPost(`${base()}/analysis`, { intent: "create", name: "Trust twice", description: "Who people turn to", _form: key }, group.cookies.member),
          { localityId: loc() },
        );
      expect(allSame(await burst(3, send))).toMatchObject({ status: 200, data: { intent: "create", ok: true, name: "Trust twice" } });
      expect(await app.db.code.count({ where: { localityId: loc(), name: "Trust twice" } })).toBe(1);
      // A new load of the form with the same name is told it is taken.
      const taken = await run(
        analysisRoute.action,
        () => formPost(`${base()}/analysis`, { intent: "create", name: "Trust twice", _form: newKey() }, group.cookies.member),
        { localityId: loc() },
      );
      expect(taken).toMatchObject({ status: 400, data: { ok: false } });
    });

    it("an excerpt: one excerpt, every answer the first one's (not “merged”)", async () => {
      const { story, code } = await codedStory("Coded twice");
      const key = newKey();
      const fields: Array<[string, string]> = [
        ["intent", "create"],
        ["from", "0:1"],
        ["to", "0:1"],
        ["codeIds", code.id],
        ["comment", "costs"],
        ["_form", key],
      ];
      const first = allSame(
        await burst(3, () =>
          run(codeRoute.action, () => formPost(`${base()}/stories/${story.id}/code`, fields, group.cookies.member), { localityId: loc(), storyId: story.id }),
        ),
      );
      expect(first).toMatchObject({ status: 200, data: { intent: "create", ok: true, merged: false } });
      const mine = await app.db.excerpt.findMany({ where: { storyId: story.id, coderId: group.member.id } });
      expect(mine).toHaveLength(1);
      expect((first.data as { excerptId: string }).excerptId).toBe(mine[0]!.id);
      expect(await app.db.auditEntry.count({ where: { action: "excerpt.create", targetId: mine[0]!.id } })).toBe(1);
      expect(await app.db.auditEntry.count({ where: { action: "excerpt.update", targetId: mine[0]!.id } })).toBe(0);
    });

    it("sending excerpts to a new board: one board, every answer leads to it", async () => {
      const { excerpt } = await codedStory("Sent twice");
      const key = newKey();
      const fields: Array<[string, string]> = [
        ["excerpts", excerpt.id],
        ["target", "new"],
        ["title", "Analysis twice"],
        ["_form", key],
      ];
      const first = allSame(
        await burst(3, () => run(sendRoute.action, () => formPost(`${base()}/analysis/send`, fields, group.cookies.member), { localityId: loc() })),
      );
      const boards = await app.db.board.findMany({ where: { localityId: loc(), title: "Analysis twice" } });
      expect(boards).toHaveLength(1);
      expect(first).toMatchObject({ status: 303, location: `${base()}/boards/${boards[0]!.id}` });
      expect(await app.db.auditEntry.count({ where: { action: "excerpt.send", targetId: boards[0]!.id } })).toBe(1);
    });

    it("an insight: one insight, every answer leads to it", async () => {
      const { excerpt } = await codedStory("Insight twice");
      const key = newKey();
      const fields: Array<[string, string]> = [
        ["statement", "We learned twice that the gate is unfriendly."],
        ["questions[0]", "How might we warm up the gate?"],
        ["confidence", "low"],
        ["evidence", excerpt.id],
        ["_form", key],
      ];
      const first = allSame(
        await burst(3, () => run(newInsightRoute.action, () => formPost(`${base()}/insights/new`, fields, group.cookies.member), { localityId: loc() })),
      );
      const insights = await app.db.insight.findMany({ where: { localityId: loc(), statement: "We learned twice that the gate is unfriendly." } });
      expect(insights).toHaveLength(1);
      expect(first).toMatchObject({ status: 303, location: `${base()}/insights/${insights[0]!.id}?saved=1` });
    });
  });

  it("a named version, and a restore: one version each, every answer alike", async () => {
    const created = await run(
      documentsRoute.action,
      () => formPost(`${base()}/documents?index`, { title: "Versioned twice", _form: newKey() }, group.cookies.member),
      { localityId: loc() },
    );
    const documentId = created.location!.split("/documents/")[1]!;
    await applyServerChange(richTextDocName(loc(), documentId), (doc) => appendRichText(doc, [{ type: "paragraph" as const, text: "First draft" }]));
    const params = { localityId: loc(), documentId };
    const key = newKey();
    const save = () =>
      run(
        documentRoute.action,
        () => formPost(`${base()}/documents/${documentId}`, { intent: "save-version", name: "Agreed draft", _form: key }, group.cookies.member),
        params,
      );
    expect(allSame(await burst(3, save))).toMatchObject({ status: 200, data: { saved: "Agreed draft" } });
    const versions = await app.db.documentVersion.findMany({ where: { documentId } });
    expect(versions).toHaveLength(1);

    const restoreKey = newKey();
    const restore = () =>
      run(
        versionRoute.action,
        () => formPost(`${base()}/documents/${documentId}/versions/${versions[0]!.id}`, { intent: "restore-version", _form: restoreKey }, group.cookies.member),
        { ...params, versionId: versions[0]!.id },
      );
    expect(allSame(await burst(3, restore))).toMatchObject({ status: 302, location: `${base()}/documents/${documentId}?restored=${versions[0]!.id}` });
    expect(await app.db.documentVersion.count({ where: { documentId } })).toBe(2); // the one saved, and one "before restoring"
  });

  it("an idea's comment, translation and report: each once, every answer leads back alike", async () => {
    const challenge = await makeChallenge(app.db, { localityId: loc(), question: "How might we meet twice?", actorId: group.facilitator.id });
    const idea = await app.db.idea.create({
      data: {
        localityId: loc(),
        challengeId: challenge.id,
        source: "phone",
        moderation: "published",
        title: "A walking bus",
        text: "A walking bus",
        language: "en",
      },
    });
    const path = `${base()}/ideas/${idea.id}`;
    const act = (fields: Record<string, string>, cookie = group.cookies.member) =>
      run(ideaRoute.action, () => formPost(path, fields, cookie), { localityId: loc(), ideaId: idea.id });

    const commentKey = newKey();
    expect(allSame(await burst(3, () => act({ intent: "comment", body: "I could walk on Tuesdays", _form: commentKey })))).toMatchObject({
      status: 303,
      location: `${path}?done=comment#comments`,
    });
    expect(await app.db.ideaComment.count({ where: { ideaId: idea.id } })).toBe(1);

    const translateKey = newKey();
    expect(allSame(await burst(3, () => act({ intent: "translate", language: "ar", text: "حافلة المشي", _form: translateKey })))).toMatchObject({
      status: 303,
      location: `${path}?done=translate`,
    });
    expect(await app.db.ideaTranslation.count({ where: { ideaId: idea.id } })).toBe(1);

    const reportKey = newKey();
    expect(allSame(await burst(3, () => act({ intent: "report", reason: "Not kind", _form: reportKey }, group.cookies.member2)))).toMatchObject({
      status: 303,
      location: `${path}?done=report`,
    });
    expect(await app.db.ideaReport.count({ where: { ideaId: idea.id } })).toBe(1);
    // A report from a new load of the page is told it was made already (that is not a repeat).
    const again = await act({ intent: "report", reason: "Again", _form: newKey() }, group.cookies.member2);
    expect(again.status).toBe(400);
  });

  it("starting the purpose: one purpose document, every answer leads to it", async () => {
    const key = newKey();
    const first = allSame(
      await burst(3, () =>
        run(purposeRoute.action, () => formPost(`${base()}/purpose`, { intent: "start", _form: key }, group.cookies.facilitator), { localityId: loc() }),
      ),
    );
    const docs = await app.db.sharedDocument.findMany({ where: { localityId: loc(), kind: "purpose" } });
    expect(docs).toHaveLength(1);
    expect(first).toMatchObject({ status: 302, location: `${base()}/documents/${docs[0]!.id}` });
  });
});
