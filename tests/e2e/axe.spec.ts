import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { test as base, expect } from "./support/fixtures";
import { createInvite, createLocality, linkedIds, newApi, withLanguage, type Who } from "./support/app";
import { STAGE_KEYS } from "./access-table";
import { demoChallenge } from "./support/demo-challenge";

type Ctx = { longbridge: string; invite: string; storyId: string; insightId: string; challengeId: string; linkCode: string; ideaId: string };
type AxePage = { name: string; as: Who | null; path: (c: Ctx) => string; status?: number };

const PAGES: AxePage[] = [
  { name: "landing", as: null, path: () => "/" },
  { name: "sign-in", as: null, path: () => "/sign-in" },
  { name: "home", as: "facilitator", path: () => "/home" },
  { name: "account", as: "facilitator", path: () => "/account" },
  { name: "organisation home", as: "facilitator", path: () => "/orgs/birmingham" },
  { name: "new locality", as: "facilitator", path: () => "/orgs/birmingham/localities/new" },
  { name: "locality home", as: "facilitator", path: (c) => `/l/${c.longbridge}` },
  { name: "core group", as: "facilitator", path: (c) => `/l/${c.longbridge}/people` },
  { name: "relationships", as: "member", path: (c) => `/l/${c.longbridge}/relationships` },
  { name: "sessions", as: "member", path: (c) => `/l/${c.longbridge}/workshops` },
  { name: "purpose", as: "member", path: (c) => `/l/${c.longbridge}/purpose` },
  ...STAGE_KEYS.map((key): AxePage => ({ name: `stage ${key}`, as: "facilitator", path: (c) => `/l/${c.longbridge}/stages/${key}` })),
  { name: "stories", as: "member", path: (c) => `/l/${c.longbridge}/stories` },
  { name: "story (original)", as: "facilitator", path: (c) => `/l/${c.longbridge}/stories/${c.storyId}?view=original` },
  { name: "coding a story", as: "member", path: (c) => `/l/${c.longbridge}/stories/${c.storyId}/code` },
  { name: "analysis", as: "member", path: (c) => `/l/${c.longbridge}/analysis` },
  { name: "insight", as: "viewer", path: (c) => `/l/${c.longbridge}/insights/${c.insightId}` },
  { name: "insights report", as: "viewer", path: (c) => `/l/${c.longbridge}/insights/report` },
  { name: "challenges", as: "member", path: (c) => `/l/${c.longbridge}/challenges` },
  { name: "challenge", as: "facilitator", path: (c) => `/l/${c.longbridge}/challenges/${c.challengeId}` },
  { name: "moderation queue", as: "facilitator", path: (c) => `/l/${c.longbridge}/challenges/${c.challengeId}/moderation` },
  { name: "QR poster", as: "member", path: (c) => `/l/${c.longbridge}/challenges/${c.challengeId}/poster` },
  { name: "ideas", as: "viewer", path: (c) => `/l/${c.longbridge}/ideas` },
  { name: "idea", as: "member", path: (c) => `/l/${c.longbridge}/ideas/${c.ideaId}` },
  { name: "prototypes", as: "viewer", path: (c) => `/l/${c.longbridge}/prototypes` },
  { name: "public idea page", as: null, path: (c) => `/i/${c.linkCode}` },
  { name: "public link unknown", as: null, path: () => "/i/zzzzzzzz", status: 404 },
  { name: "receipt unknown", as: null, path: () => `/r/${"x".repeat(43)}`, status: 404 },
  { name: "boards", as: "member", path: (c) => `/l/${c.longbridge}/boards` },
  { name: "shared documents", as: "member", path: (c) => `/l/${c.longbridge}/documents` },
  { name: "members", as: "facilitator", path: (c) => `/l/${c.longbridge}/members` },
  { name: "audit", as: "facilitator", path: (c) => `/l/${c.longbridge}/audit` },
  { name: "invite accept (new account)", as: null, path: (c) => c.invite },
  { name: "invite accept (signed in)", as: "viewer", path: (c) => c.invite },
  { name: "404", as: null, path: () => "/no/such/page", status: 404 },
  { name: "404 signed in", as: "viewer", path: (c) => `/l/${c.longbridge}x`, status: 404 },
];

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function seriousViolations(page: Page) {
  // @axe-core/playwright is typed against another playwright-core version; the page is the same object.
  const { violations } = await new AxeBuilder({ page: page as unknown as ConstructorParameters<typeof AxeBuilder>[0]["page"] }).withTags(TAGS).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

function describe(violations: Awaited<ReturnType<typeof seriousViolations>>): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(" ")}  ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n")}`,
    )
    .join("\n");
}

let invitePath: string | undefined;
let stage2 = { storyId: "", insightId: "" };
let stage3 = { challengeId: "", linkCode: "", ideaId: "" };

/**
 * One page per (person, language) per worker, reused by the tests below: a warm browser
 * cache makes the page checks (two languages each) noticeably faster than a fresh context each.
 */
const test = base.extend<{}, { pageFor: (as: Who | null, lang: "en" | "ar") => Promise<Page> }>({
  pageFor: [
    async ({ browser, auth }, use) => {
      const contexts = new Map<string, Promise<BrowserContext>>();
      await use(async (as, lang) => {
        const key = `${as ?? "anonymous"}/${lang}`;
        let context = contexts.get(key);
        if (!context) {
          context = (async () => {
            const state = as ? await auth.state(as) : { cookies: [], origins: [] };
            return browser.newContext({ storageState: withLanguage(state, lang) });
          })();
          contexts.set(key, context);
        }
        const ctx = await context;
        return ctx.pages()[0] ?? (await ctx.newPage());
      });
      await Promise.all([...contexts.values()].map(async (c) => (await c).close()));
    },
    { scope: "worker" },
  ],
});

test.beforeAll(async ({ auth, ids }) => {
  // A multi-use invitation to a throwaway locality: the accept page stays valid.
  const facilitator = await newApi(await auth.state("facilitator"));
  const locality = await createLocality(facilitator);
  invitePath = new URL(await createInvite(facilitator, locality, { role: "member", usage: "multi" })).pathname;
  await facilitator.dispose();
  // Stage 2 demo records of Longbridge: a consented story (members see only those) and an insight.
  const member = await newApi(await auth.state("member"));
  stage2 = {
    storyId: (await linkedIds(member, ids.longbridge, "stories", "stories"))[0] ?? "",
    insightId: (await linkedIds(member, ids.longbridge, "insights", "insights"))[0] ?? "",
  };
  // Stage 3: the demo challenge, its public link, a published idea.
  stage3 = await demoChallenge(member, ids.longbridge);
  await member.dispose();
});

for (const lang of ["en", "ar"] as const) {
  test.describe(`axe (${lang})`, () => {
    for (const p of PAGES) {
      test.describe(p.name, () => {
        test(`${p.name} has no serious or critical violations`, async ({ pageFor, ids }) => {
          const page = await pageFor(p.as, lang);
          const res = await page.goto(p.path({ longbridge: ids.longbridge, invite: invitePath!, ...stage2, ...stage3 }));
          expect(res?.status()).toBe(p.status ?? 200);
          await expect(page.locator("html")).toHaveAttribute("lang", lang);
          await expect(page.locator("h1")).toBeVisible();
          const violations = await seriousViolations(page);
          expect(violations, `${violations.length} serious/critical axe violations on ${p.name} (${lang}):\n${describe(violations)}`).toEqual([]);
        });
      });
    }
  });
}
