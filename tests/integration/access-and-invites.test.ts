import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { context, csrfToken, get, outcome, post, sessionCookie } from "../setup/requests";
import { addMember, makeLocality, makeOrganisation, makeUser, PASSWORD } from "../factories";
import { setProcessDb } from "~/data/db.server";
import * as localityLayout from "~/routes/l.$localityId+/_layout";
import * as localityHome from "~/routes/l.$localityId+/_index";
import * as membersRoute from "~/routes/l.$localityId+/_group+/members";
import * as auditRoute from "~/routes/l.$localityId+/_group+/audit";
import * as orgRoute from "~/routes/orgs+/$orgSlug._index";
import * as newLocalityRoute from "~/routes/orgs+/$orgSlug.localities.new";
import * as inviteRoute from "~/routes/_account+/invite.$token";
import * as signInRoute from "~/routes/_account+/sign-in";
import * as signOutRoute from "~/routes/_account+/sign-out";
import * as accountRoute from "~/routes/_account+/account";
import * as languageRoute from "~/routes/_account+/language";
import { getSessionUser } from "~/auth/session.server";
import { languageCookie } from "~/i18n/i18next.server";

const list = await providers();

describe.each(list)("on %s", (provider) => {
  let t: TestDatabase;
  let ids: { org: string; orgSlug: string; loc: string; other: string };
  let cookies: Record<"facilitator" | "member" | "viewer" | "outsider" | "orgFacilitator", string>;

  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
    const org = await makeOrganisation(t.db);
    const loc = await makeLocality(t.db, org.id, "Longbridge");
    const other = await makeLocality(t.db, org.id, "Sparkbrook");
    const [facilitator, member, viewer, outsider, orgFacilitator] = await Promise.all(
      ["facilitator", "member", "viewer", "outsider", "orgfac"].map((n) => makeUser(t.db, { email: `${n}-${provider}@example.test` })),
    );
    await addMember(t.db, loc.id, facilitator!.id, "facilitator");
    await addMember(t.db, loc.id, member!.id, "member");
    await addMember(t.db, loc.id, viewer!.id, "viewer");
    await addMember(t.db, other.id, outsider!.id, "member");
    await t.db.organisationMember.create({ data: { organisationId: org.id, userId: orgFacilitator!.id, role: "facilitator" } });
    ids = { org: org.id, orgSlug: org.slug, loc: loc.id, other: other.id };
    cookies = {
      facilitator: await sessionCookie(facilitator!.id),
      member: await sessionCookie(member!.id),
      viewer: await sessionCookie(viewer!.id),
      outsider: await sessionCookie(outsider!.id),
      orgFacilitator: await sessionCookie(orgFacilitator!.id),
    };
  });
  afterAll(async () => t?.drop());

  it("locality pages: anonymous → sign-in, other-locality member → 404, role gates → 403", async () => {
    const args = (cookie?: string) => ({ request: get(`/l/${ids.loc}`, cookie), params: { localityId: ids.loc }, context: context() });
    expect((await outcome(() => localityLayout.loader(args()))).location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/l/${ids.loc}`)}`);
    expect((await outcome(() => localityLayout.loader(args(cookies.outsider)))).status).toBe(404);
    expect((await outcome(() => localityLayout.loader(args(cookies.viewer)))).status).toBe(200);
    expect((await outcome(() => membersRoute.loader(args(cookies.viewer)))).status).toBe(403);
    expect((await outcome(() => membersRoute.loader(args(cookies.member)))).status).toBe(403);
    expect((await outcome(() => membersRoute.loader(args(cookies.facilitator)))).status).toBe(200);
    expect((await outcome(() => auditRoute.loader(args(cookies.member)))).status).toBe(403);
    // An organisation facilitator facilitates every locality of the organisation.
    expect((await outcome(() => membersRoute.loader(args(cookies.orgFacilitator)))).status).toBe(200);
    // Unknown or malformed ids answer 404 like other localities' ids.
    const unknown = { request: get("/l/nope", cookies.facilitator), params: { localityId: "ck-unknown" }, context: context() };
    expect((await outcome(() => localityLayout.loader(unknown))).status).toBe(404);
    const malformed = { request: get("/l/x", cookies.facilitator), params: { localityId: "'; DROP TABLE" }, context: context() };
    expect((await outcome(() => localityLayout.loader(malformed))).status).toBe(404);
  });

  it("organisation pages are for the organisation's facilitators only", async () => {
    const args = (cookie?: string) => ({ request: get(`/orgs/${ids.orgSlug}`, cookie), params: { orgSlug: ids.orgSlug }, context: context() });
    expect((await outcome(() => orgRoute.loader(args(cookies.facilitator)))).status).toBe(404);
    const ok = await outcome(() => orgRoute.loader(args(cookies.orgFacilitator)));
    expect(ok.status).toBe(200);
    expect((ok.data as { localities: Array<{ name: string }> }).localities.map((l) => l.name)).toEqual(["Longbridge", "Sparkbrook"]);
  });

  it("creates a locality, making its creator the facilitator; bad input keeps what was typed", async () => {
    const request = (fields: Record<string, string>) => ({
      request: post(`/orgs/${ids.orgSlug}/localities/new`, fields, cookies.orgFacilitator),
      params: { orgSlug: ids.orgSlug },
      context: context(),
    });
    const bad = await outcome(() => newLocalityRoute.action(request({ name: "", description: "Kept text" })));
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ status: "error", initialValue: { description: "Kept text" }, error: { name: ["validation.required"] } });
    const ok = await outcome(() => newLocalityRoute.action(request({ name: "Kings Heath", description: "" })));
    expect(ok.status).toBe(302);
    const id = ok.location!.split("/").pop()!;
    const membership = await t.db.membership.findFirst({ where: { localityId: id } });
    expect(membership?.role).toBe("facilitator");
    expect(await t.db.auditEntry.count({ where: { localityId: id, action: "locality.create" } })).toBe(1);
    const denied = await outcome(() =>
      newLocalityRoute.action({ ...request({ name: "X" }), request: post(`/orgs/${ids.orgSlug}/localities/new`, { name: "Nope" }, cookies.member) }),
    );
    expect(denied.status).toBe(404);
  });

  it("only facilitators set the stage; CSRF is enforced when Origin is absent", async () => {
    const args = (cookie: string, fields: Record<string, string>, originVerified = true) => ({
      request: post(`/l/${ids.loc}?index`, fields, cookie),
      params: { localityId: ids.loc },
      context: context({ originVerified }),
    });
    expect((await outcome(() => localityHome.action(args(cookies.member, { intent: "set-stage", stage: "2" })))).status).toBe(403);
    expect((await outcome(() => localityHome.action(args(cookies.facilitator, { intent: "set-stage", stage: "9" })))).status).toBe(400);
    expect((await outcome(() => localityHome.action(args(cookies.facilitator, { intent: "set-stage", stage: "2" }, false)))).status).toBe(403);
    // Stage 1's checklist is all open here: the first post answers with it (stage-checklist.test.ts), confirm=1 moves on.
    const warned = await outcome(() => localityHome.action(args(cookies.facilitator, { intent: "set-stage", stage: "2", _csrf: csrfToken() }, false)));
    expect(warned.status).toBe(200);
    expect((await t.db.locality.findUnique({ where: { id: ids.loc } }))?.currentStage).toBe(1);
    const ok = await outcome(() =>
      localityHome.action(args(cookies.facilitator, { intent: "set-stage", stage: "2", confirm: "1", _csrf: csrfToken() }, false)),
    );
    expect(ok.status).toBe(302);
    expect((await t.db.locality.findUnique({ where: { id: ids.loc } }))?.currentStage).toBe(2);
  });

  it("invites: single use, accept with a new account, existing user joins, revoke", async () => {
    const membersAction = (fields: Record<string, string>, cookie = cookies.facilitator) =>
      outcome(() => membersRoute.action({ request: post(`/l/${ids.loc}/members`, fields, cookie), params: { localityId: ids.loc }, context: context() }));

    expect((await membersAction({ intent: "create-invite", role: "member", usage: "single", days: "7" }, cookies.member)).status).toBe(403);
    const badInvite = await membersAction({ intent: "create-invite", role: "owner", usage: "single", days: "99", note: "for Ann" });
    expect(badInvite.status).toBe(400);
    const created = await membersAction({ intent: "create-invite", role: "member", usage: "single", days: "7", note: "for Ann" });
    const link = (created.data as { link: string }).link;
    const token = link.split("/invite/")[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    expect(await t.db.invite.count({ where: { tokenHash: token } })).toBe(0);

    const accept = (fields: Record<string, string>, cookie?: string) =>
      outcome(() => inviteRoute.action({ request: post(`/invite/${token}`, fields, cookie), params: { token }, context: context() }));
    const invalid = await accept({ intent: "create-account", name: "Ann", email: "not-an-email", password: "short", preferredLanguage: "ar" });
    expect(invalid.status).toBe(400);
    expect(invalid.data).toMatchObject({ initialValue: { name: "Ann", email: "not-an-email" } });
    expect((invalid.data as { initialValue: Record<string, unknown> }).initialValue.password).toBeUndefined();

    const email = `ann-${provider}@example.test`;
    const ok = await accept({ intent: "create-account", name: "Ann", email, password: "a long enough password", preferredLanguage: "ar" });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/l/${ids.loc}`);
    expect(ok.headers!.get("Set-Cookie")).toMatch(/coproduce_session=/);
    const ann = await t.db.user.findUnique({ where: { email }, include: { memberships: true } });
    expect(ann?.preferredLanguage).toBe("ar");
    expect(ann?.memberships.map((m) => m.role)).toEqual(["member"]);

    const again = await accept({
      intent: "create-account",
      name: "Bob",
      email: `bob-${provider}@example.test`,
      password: "a long enough password",
      preferredLanguage: "en",
    });
    expect(again.status).toBe(410);
    const page = await outcome(() => inviteRoute.loader({ request: get(`/invite/${token}`), params: { token }, context: context() }));
    expect((page.data as { state: string }).state).toBe("used");

    // An existing user (a member elsewhere) accepting a multi-use invite just joins.
    const multi = await membersAction({ intent: "create-invite", role: "viewer", usage: "multi", days: "3" });
    const multiToken = (multi.data as { link: string }).link.split("/invite/")[1]!;
    const join = await outcome(() =>
      inviteRoute.action({ request: post(`/invite/${multiToken}`, { intent: "join" }, cookies.outsider), params: { token: multiToken }, context: context() }),
    );
    expect(join.location).toBe(`/l/${ids.loc}`);
    const outsiderMemberships = await t.db.membership.findMany({ where: { user: { email: `outsider-${provider}@example.test` } } });
    expect(outsiderMemberships.map((m) => m.role).sort()).toEqual(["member", "viewer"]);

    // Revoked links stop working at once.
    const invite = await t.db.invite.findFirstOrThrow({ where: { localityId: ids.loc, singleUse: false } });
    expect((await membersAction({ intent: "revoke-invite", inviteId: invite.id })).status).toBe(200);
    const revokedPage = await outcome(() => inviteRoute.loader({ request: get(`/invite/${multiToken}`), params: { token: multiToken }, context: context() }));
    expect((revokedPage.data as { state: string }).state).toBe("revoked");
    expect(await t.db.auditEntry.count({ where: { localityId: ids.loc, action: "invite.revoke" } })).toBe(1);

    // Unknown and malformed tokens are 404s.
    const unknownToken = "A".repeat(43);
    expect((await outcome(() => inviteRoute.loader({ request: get(`/invite/x`), params: { token: unknownToken }, context: context() }))).status).toBe(404);
    expect((await outcome(() => inviteRoute.loader({ request: get(`/invite/x`), params: { token: "<script>" }, context: context() }))).status).toBe(404);
  });

  it("a single-use invite redeemed twice at once admits exactly one person", async () => {
    const created = await outcome(() =>
      membersRoute.action({
        request: post(`/l/${ids.loc}/members`, { intent: "create-invite", role: "member", usage: "single", days: "1" }, cookies.facilitator),
        params: { localityId: ids.loc },
        context: context(),
      }),
    );
    const token = (created.data as { link: string }).link.split("/invite/")[1]!;
    const results = await Promise.all(
      ["c1", "c2", "c3"].map((n) =>
        outcome(() =>
          inviteRoute.action({
            request: post(`/invite/${token}`, {
              intent: "create-account",
              name: n,
              email: `${n}-${provider}@example.test`,
              password: "a long enough password",
              preferredLanguage: "en",
            }),
            params: { token },
            context: context(),
          }),
        ).catch(() => ({ status: 500 })),
      ),
    );
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(await t.db.user.count({ where: { email: { in: ["c1", "c2", "c3"].map((n) => `${n}-${provider}@example.test`) } } })).toBe(1);
  });

  it("role changes and removals keep at least one facilitator and are audited", async () => {
    const members = await t.db.membership.findMany({ where: { localityId: ids.loc }, include: { user: true } });
    const fac = members.find((m) => m.role === "facilitator")!;
    const viewer = members.find((m) => m.user.email.startsWith("viewer"))!;
    const act = (fields: Record<string, string>) =>
      outcome(() =>
        membersRoute.action({ request: post(`/l/${ids.loc}/members`, fields, cookies.facilitator), params: { localityId: ids.loc }, context: context() }),
      );
    expect((await act({ intent: "change-role", membershipId: fac.id, role: "member" })).status).toBe(409);
    expect((await act({ intent: "remove-member", membershipId: fac.id })).status).toBe(409);
    expect((await act({ intent: "change-role", membershipId: viewer.id, role: "member" })).status).toBe(200);
    expect((await t.db.membership.findUnique({ where: { id: viewer.id } }))?.role).toBe("member");
    expect((await act({ intent: "change-role", membershipId: "someone-elses", role: "member" })).status).toBe(404);
    const otherMembership = await t.db.membership.findFirstOrThrow({ where: { localityId: ids.other } });
    expect((await act({ intent: "remove-member", membershipId: otherMembership.id })).status).toBe(404);
    expect(await t.db.membership.count({ where: { id: otherMembership.id } })).toBe(1);
    expect(await t.db.auditEntry.count({ where: { localityId: ids.loc, action: "membership.role" } })).toBe(1);
  });

  it("sign-in: new session on success, generic error on failure, 429 past the limit", async () => {
    const user = await makeUser(t.db, { email: `signin-${provider}@example.test` });
    const attempt = (password: string, email = user.email) =>
      outcome(() =>
        signInRoute.action({
          request: post("/sign-in", { email, password, redirectTo: "//evil.example" }),
          params: {},
          context: context({ clientAddress: `10.0.0.${provider === "sqlite" ? 1 : 2}` }),
        }),
      );
    const wrong = await attempt("wrong password");
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ error: { "": ["signIn.invalid"] } });
    const ok = await attempt(PASSWORD);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/home"); // no open redirect
    const cookie = ok.headers!.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const second = await attempt(PASSWORD);
    expect(second.headers!.get("Set-Cookie")).not.toBe(cookie); // a new session id each sign-in

    const nobody = `nobody-${provider}@example.test`;
    for (let i = 0; i < 5; i++) expect((await attempt("guess", nobody)).status).toBe(400);
    const throttled = await attempt("guess", nobody);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers!.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("sign-in: simultaneous attempts are counted before any password is checked (per account and per address)", async () => {
    const user = await makeUser(t.db, { email: `burst-${provider}@example.test` });
    const send = (email: string, password: string, address: string) =>
      outcome(() => signInRoute.action({ request: post("/sign-in", { email, password }), params: {}, context: context({ clientAddress: address }) }));
    // Twenty wrong passwords for one account at once, from twenty addresses: five are checked.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => send(user.email, `wrong ${i}`, `10.1.${provider === "sqlite" ? 1 : 2}.${i}`)));
    expect(burst.filter((r) => r.status === 400)).toHaveLength(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(15);
    // The right password is refused too while the account is throttled.
    expect((await send(user.email, PASSWORD, "10.1.9.9")).status).toBe(429);

    // Thirty wrong passwords for thirty accounts at once, from one address: twenty are checked.
    const address = `10.2.0.${provider === "sqlite" ? 1 : 2}`;
    const spread = await Promise.all(Array.from({ length: 30 }, (_, i) => send(`spread-${i}-${provider}@example.test`, "guess", address)));
    expect(spread.filter((r) => r.status === 400)).toHaveLength(20);
    expect(spread.filter((r) => r.status === 429)).toHaveLength(10);
    expect(Number(spread.find((r) => r.status === 429)!.headers!.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("sign-in: a success gives its attempt back, so a person who types right is never locked out by their own sign-ins", async () => {
    const user = await makeUser(t.db, { email: `steady-${provider}@example.test` });
    const address = `10.3.0.${provider === "sqlite" ? 1 : 2}`;
    const send = (password: string) =>
      outcome(() =>
        signInRoute.action({ request: post("/sign-in", { email: user.email, password }), params: {}, context: context({ clientAddress: address }) }),
      );
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 4; i++) expect((await send("typo")).status).toBe(400);
      expect((await send(PASSWORD)).status).toBe(302); // the account's count starts again
    }
    // The address still counts its failures: 16 so far, and four more reach its limit of 20.
    for (let i = 0; i < 4; i++) expect((await send("typo")).status).toBe(400);
    expect((await send(PASSWORD)).status).toBe(429);
  });

  it("your account: the form as the page sends it changes the name and language; bad input keeps what was typed", async () => {
    const user = await makeUser(t.db, { email: `account-${provider}@example.test` });
    const cookie = await sessionCookie(user.id);
    const save = (fields: Record<string, string>) =>
      outcome(() => accountRoute.action({ request: post("/account", { _csrf: csrfToken(), ...fields }, cookie), params: {}, context: context() }));
    // Exactly the fields the page's form carries, hidden ones included.
    const saved = await save({ intent: "update-profile", name: "  Amira Haddad ", preferredLanguage: "ar" });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe("/account?saved=1");
    expect(await languageCookie.parse(saved.headers!.get("Set-Cookie"))).toBe("ar");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "Amira Haddad", preferredLanguage: "ar" });
    // Fields the form does not have never reach the account.
    const sneaky = await save({
      intent: "update-profile",
      name: "Amira",
      preferredLanguage: "en",
      email: "taken@example.test",
      passwordHash: "x",
      id: "other",
    });
    expect(sneaky.status).toBe(302);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ name: "Amira", preferredLanguage: "en", email: user.email, passwordHash: user.passwordHash });
    for (const bad of [
      { intent: "update-profile", name: "", preferredLanguage: "en" },
      { intent: "update-profile", name: "x".repeat(500), preferredLanguage: "en" },
      { intent: "update-profile", name: "Amira", preferredLanguage: "fr" },
      { intent: "something-else", name: "Amira", preferredLanguage: "en" },
    ]) {
      const refused = await save(bad);
      expect(refused.status).toBe(400);
      // What was typed comes back to the form (conform leaves out empty fields).
      const typed = (refused.data as { initialValue?: Record<string, unknown> }).initialValue ?? {};
      expect(typed).toMatchObject(bad.name ? { name: bad.name, preferredLanguage: bad.preferredLanguage } : { preferredLanguage: bad.preferredLanguage });
    }
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Amira");
    // Signed out: to the sign-in page, nothing changed.
    const anonymous = await outcome(() =>
      accountRoute.action({
        request: post("/account", { _csrf: csrfToken(), intent: "update-profile", name: "X", preferredLanguage: "en" }),
        params: {},
        context: context(),
      }),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/sign-in/);
  });

  it("language switcher: remembers the choice on the account and returns only to a page of ours", async () => {
    const user = await makeUser(t.db, { email: `lang-${provider}@example.test` });
    const cookie = await sessionCookie(user.id);
    const choose = (language: string, redirectTo: string) =>
      outcome(() => languageRoute.action({ request: post("/language", { _csrf: csrfToken(), language, redirectTo }, cookie), params: {}, context: context() }));
    const back = await choose("ar", `/l/${ids.loc}/people?sort=name`);
    expect(back.location).toBe(`/l/${ids.loc}/people?sort=name`);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).preferredLanguage).toBe("ar");
    for (const hostile of ["/\t/evil.example", "/./\\evil.example", "//evil.example", "/%5C%5Cevil.example", "https://evil.example/"]) {
      expect((await choose("en", hostile.replace("\\t", "\t"))).location).toBe("/");
    }
    expect((await choose("xx", "/home")).status).toBe(400);
  });

  it("sessions: idle timeout, sign out, sign out everywhere", async () => {
    const user = await makeUser(t.db);
    const a = await sessionCookie(user.id);
    const b = await sessionCookie(user.id);
    expect((await getSessionUser(get("/", a)))?.id).toBe(user.id);

    await t.db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 73 * 3600_000) } });
    expect(await getSessionUser(get("/", a))).toBeNull(); // idle for longer than 72 h
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(1);

    const c = await sessionCookie(user.id);
    await t.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(get("/", c))).toBeNull(); // past the absolute limit

    const d = await sessionCookie(user.id);
    const e = await sessionCookie(user.id);
    await outcome(() => signOutRoute.action({ request: post("/sign-out", {}, d), params: {}, context: context() }));
    expect(await getSessionUser(get("/", d))).toBeNull();
    expect((await getSessionUser(get("/", e)))?.id).toBe(user.id);
    await outcome(() => signOutRoute.action({ request: post("/sign-out", { scope: "everywhere" }, e), params: {}, context: context() }));
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    void b;
  });
});
