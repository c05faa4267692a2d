import type { APIRequestContext, APIResponse } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { demoChallenge } from "./support/demo-challenge";
import { SAME_ORIGIN, createBoard, createSharedDocument, saveDocumentVersion, currentStage, linkedIds, location, membersPage, unique } from "./support/app";
import { ACCESS_TABLE, ROLES, type AccessContext, type AccessRow, type Outcome, type Role } from "./access-table";

const DENIALS: Outcome[] = ["sign-in", "forbidden", "not-found"];

function classify(res: APIResponse, row: AccessRow, c: AccessContext): string {
  const status = res.status();
  const to = location(res);
  const isRedirect = status >= 300 && status < 400;
  if (isRedirect && to.startsWith("/sign-in?")) {
    // Back to where the person was going (Remix drops the `?index` marker from the URL).
    const back = new URLSearchParams(to.slice("/sign-in?".length)).get("redirectTo");
    return back === row.path(c).replace(/\?index$/, "") ? "sign-in" : `sign-in, but redirectTo=${back}`;
  }
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  const allowed = "status" in row.allowed ? status === row.allowed.status : isRedirect && row.allowed.redirect(c).test(to);
  if (allowed) return "allow";
  return `HTTP ${status}${to ? ` → ${to}` : ""}`;
}

async function send(api: APIRequestContext, row: AccessRow, c: AccessContext): Promise<APIResponse> {
  if (row.method === "GET") return api.get(row.path(c), { maxRedirects: 0 });
  return api.post(row.path(c), { form: row.form?.(c) ?? {}, headers: SAME_ORIGIN, maxRedirects: 0 });
}

test.describe("access control", () => {
  test("every route × role matches the expectations table", async ({ apiAs, ids }) => {
    // Some 450 requests and the records they need, on a machine busy with the other workers.
    test.setTimeout(120_000);
    const facilitator = await apiAs("facilitator");
    const { members } = await membersPage(facilitator, ids.longbridge);
    const karen = members.find((m) => m.email === "member.longbridge@coproduce.test");
    expect(karen?.role, "member.longbridge is a member of Longbridge").toBe("member");

    const c: AccessContext = {
      L: ids.longbridge,
      currentStage: await currentStage(facilitator, ids.longbridge),
      memberMembershipId: karen!.membershipId,
      inviteNote: unique("access-table"),
      newLocalityName: unique("Access table locality"),
      boardId: await createBoard(facilitator, ids.longbridge, unique("Access table board")),
      documentId: await createSharedDocument(facilitator, ids.longbridge, unique("Access table document")),
      versionId: "",
      storyId: "",
      storyDocumentId: "",
      codeId: "",
      insightId: "",
      challengeId: "",
      linkCode: "",
      ideaId: "",
      personUserId: "",
    };
    // People's data rights rows: the demo viewer, found through the organisation's list of people.
    const peoplePage = await (await facilitator.get("/orgs/birmingham/people?q=viewer%40coproduce.test")).text();
    c.personUserId = /href="\/orgs\/birmingham\/people\/([A-Za-z0-9_-]{20,})"/.exec(peoplePage)?.[1] ?? "";
    expect(c.personUserId, "the demo viewer's account id").toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // A person of Longbridge who is not member.longbridge's own (the people list marks theirs "You").
    const peopleAsMember = await (await (await apiAs("member")).get(`/l/${ids.longbridge}/people`)).text();
    c.servantPersonId = [...peopleAsMember.matchAll(/href="\/l\/[A-Za-z0-9_-]+\/people\/([A-Za-z0-9_-]{20,})"[^>]*>[^<]*<\/a>(<span class="badge")?/g)].find(
      (m) => !m[2],
    )?.[1];
    expect(c.servantPersonId, "a person of Longbridge").toMatch(/^[A-Za-z0-9_-]{20,}$/);
    c.versionId = await saveDocumentVersion(facilitator, ids.longbridge, c.documentId);
    // Stage 2 demo records: a story members may open (they see only consented ones), a code, an insight.
    const member = await apiAs("member");
    c.storyId = (await linkedIds(member, ids.longbridge, "stories", "stories"))[0] ?? "";
    c.codeId = (await linkedIds(member, ids.longbridge, "analysis", "analysis/codes"))[0] ?? "";
    c.insightId = (await linkedIds(member, ids.longbridge, "insights", "insights"))[0] ?? "";
    const textPage = await (await facilitator.get(`/l/${ids.longbridge}/stories/${c.storyId}/text`)).text();
    c.storyDocumentId = new RegExp(`locality:${ids.longbridge}:doc:([A-Za-z0-9_-]+)`).exec(textPage)?.[1] ?? "";
    for (const [name, id] of Object.entries({ storyId: c.storyId, storyDocumentId: c.storyDocumentId, codeId: c.codeId, insightId: c.insightId })) {
      expect(id, `demo ${name}`).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    }
    // Stage 3 demo records: the challenge, its public link (shown on its page), a published idea.
    Object.assign(c, await demoChallenge(member, ids.longbridge));
    for (const [name, id] of Object.entries({ challengeId: c.challengeId, ideaId: c.ideaId })) expect(id, `demo ${name}`).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(c.linkCode, "demo challenge link code").toMatch(/^[a-z0-9]{8}$/);
    const apis: Record<Role, APIRequestContext> = {
      anonymous: await apiAs(null),
      viewer: await apiAs("viewer"),
      member: await apiAs("member"),
      facilitator,
      other: await apiAs("other"),
    };

    const results = new Map<string, string>(); // `${row}|${role}` → actual
    await Promise.all(
      ROLES.map(async (role) => {
        for (const row of ACCESS_TABLE) results.set(`${row.name}|${role}`, classify(await send(apis[role], row, c), row, c));
      }),
    );

    // Clean up: revoke the invitations the create-invite row made.
    const after = await membersPage(facilitator, ids.longbridge);
    for (const invite of after.invites.filter((i) => i.note === c.inviteNote && i.inviteId)) {
      const res = await facilitator.post(`/l/${ids.longbridge}/members`, {
        form: { intent: "revoke-invite", inviteId: invite.inviteId! },
        headers: SAME_ORIGIN,
      });
      expect(res.status()).toBe(200);
    }
    // set-stage and change-role left the data as it was.
    const final = await membersPage(facilitator, ids.longbridge);
    expect(final.members.find((m) => m.membershipId === karen!.membershipId)?.role).toBe("member");
    expect(final.invites.filter((i) => i.note === c.inviteNote && i.inviteId)).toEqual([]);

    let mismatches = 0;
    let unexpectedAllows = 0;
    const width = Math.max(...ACCESS_TABLE.map((r) => r.name.length));
    const lines = [`${"route".padEnd(width)}  ${ROLES.map((r) => r.padEnd(13)).join("")}`];
    for (const row of ACCESS_TABLE) {
      const cells = ROLES.map((role) => {
        const expected = row.expect[role];
        const actual = results.get(`${row.name}|${role}`)!;
        if (actual === expected) return `✓ ${expected}`.padEnd(13);
        mismatches++;
        const denied = DENIALS.includes(actual as Outcome) || actual.startsWith("sign-in");
        if (expected !== "allow" && !denied) unexpectedAllows++;
        return `✗ ${actual} (want ${expected})`.padEnd(13);
      });
      lines.push(`${row.name.padEnd(width)}  ${cells.join("")}`);
    }
    const total = ACCESS_TABLE.length * ROLES.length;
    lines.push(`${total} checks, ${total - mismatches} as expected, ${mismatches} mismatches, ${unexpectedAllows} unexpected allows`);
    const table = lines.join("\n");
    console.log(`\nAccess-control table\n${table}\n`);
    test.info().attachments.push({ name: "access-table.txt", contentType: "text/plain", body: Buffer.from(table) });

    expect(unexpectedAllows, `unexpected allows:\n${table}`).toBe(0);
    expect(mismatches, `mismatches:\n${table}`).toBe(0);
  });

  test.describe("cross-site request forgery", () => {
    test("a POST from a foreign Origin is refused", async ({ apiAs, ids }) => {
      const facilitator = await apiAs("facilitator");
      // The current stage: harmless even if it were (wrongly) accepted.
      const stage = String(await currentStage(facilitator, ids.longbridge));
      const res = await facilitator.post(`/l/${ids.longbridge}?index`, {
        form: { intent: "set-stage", stage },
        headers: { Origin: "https://evil.example" },
      });
      expect(res.status()).toBe(403);
      expect(await res.text()).not.toContain("<html");
    });

    test("a POST without Origin and without a _csrf token is refused", async ({ apiAs, ids }) => {
      const facilitator = await apiAs("facilitator");
      const stage = String(await currentStage(facilitator, ids.longbridge));
      const res = await facilitator.post(`/l/${ids.longbridge}?index`, { form: { intent: "set-stage", stage } });
      expect(res.status()).toBe(403);
    });

    test("a POST without Origin but with the page's _csrf token is accepted", async ({ apiAs, ids }) => {
      const facilitator = await apiAs("facilitator");
      const page = await facilitator.get(`/l/${ids.longbridge}`);
      const html = await page.text();
      const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      expect(token, "the page carries a CSRF token").toMatch(/^[A-Za-z0-9_-]{40,}$/);
      const stage = String(await currentStage(facilitator, ids.longbridge));
      // The same stage again: accepted without changing anything.
      const res = await facilitator.post(`/l/${ids.longbridge}?index`, {
        form: { intent: "set-stage", stage, _csrf: token! },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(302);
      expect(location(res)).toBe(`/l/${ids.longbridge}`);
    });

    test("a POST with Origin: null (a plain browser form submission) and the page's _csrf token is accepted", async ({ apiAs, ids }) => {
      const facilitator = await apiAs("facilitator");
      const token = /name="_csrf" value="([^"]+)"/.exec(await (await facilitator.get(`/l/${ids.longbridge}`)).text())?.[1];
      const stage = String(await currentStage(facilitator, ids.longbridge));
      const res = await facilitator.post(`/l/${ids.longbridge}?index`, {
        form: { intent: "set-stage", stage, _csrf: token! },
        headers: { Origin: "null" },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(302);
    });
  });
});
