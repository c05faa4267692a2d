// The browser loads only its language's strings, and only the parts a page names
// (app/i18n/strings.ts). Walk every kind of page by client-side navigation, in English and then in
// Arabic, and make sure no string was missing and no other language's strings were fetched.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createAccountFromInvite, createInvite, createSharedDocument, newApi } from "./support/app";
import { visit } from "./support/page";

/** The string files (one chunk per language and part) the page fetched: "en", "board.en", … */
function stringChunks(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (req) => {
    const m = /\/build\/_shared\/((?:pages\.|board\.|document\.|stories\.|analysis\.|insights\.|challenges\.|ideas\.|phone\.)?(?:en|ar))-[A-Z0-9]+\.js$/.exec(
      req.url(),
    );
    if (m) seen.push(m[1]!);
  });
  return seen;
}

async function navigate(page: Page, link: RegExp | string, ready: () => Promise<void>) {
  await page
    .getByRole("link", { name: link, exact: typeof link === "string" })
    .first()
    .click();
  await ready();
}

test("every page has its strings, in English and then in Arabic, and only that language's are fetched", async ({ browser, auth, ids }) => {
  test.setTimeout(90_000);
  // A fresh facilitator: switching language while signed in changes the account's preference.
  const facilitator = await newApi(await auth.state("facilitator"));
  const link = await createInvite(facilitator, ids.longbridge, { role: "facilitator" });
  await createSharedDocument(facilitator, ids.longbridge, "Strings walk document");
  await facilitator.dispose();
  const account = await createAccountFromInvite(link, { name: "Strings Walker" });

  const context = await browser.newContext({ storageState: account.state });
  await context.addInitScript(() => {
    window.__COPRODUCE_TEST_HANDLES__ = true;
  });
  const page = await context.newPage();
  const chunks = stringChunks(page);
  const heading = (name: RegExp | string) => () => expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await visit(page, "/home");
  await expect(page.locator("html")).toHaveAttribute("data-strings", "core pages");
  // The first page's parts come inlined in the page (a JSON block), not as chunks.
  await expect(page.locator("script#coproduce-strings[type='application/json']")).toHaveCount(1);
  await navigate(page, "Longbridge", heading(/Longbridge/));
  await navigate(page, "Core group", heading("Core group"));
  await navigate(page, "Boards", heading("Boards"));
  await navigate(page, /What's strong round here|Hopes and fears/, async () => {
    await expect(page.locator(".board-app")).toBeVisible();
    await expect(page.getByRole("button", { name: "Outline" })).toBeVisible();
  });
  await navigate(page, "Documents", heading("Shared documents"));
  await navigate(page, "Strings walk document", heading("Strings walk document"));
  await expect(page.getByRole("button", { name: "Save version" })).toBeVisible();
  await navigate(page, "Members & invitations", heading(/Members/));
  await navigate(page, "Activity log", heading(/Activity/));
  await navigate(page, "Overview", heading(/Longbridge/));
  await navigate(page, "Relationships & purpose", heading("Relationships & purpose"));
  // Stage 2: the stories, a story, its coding view, the analysis and the insights.
  await navigate(page, "Stories", heading("Stories"));
  await page.locator(".story-card:not(.needs-consent) a").first().click();
  await expect(page.locator(".story-text")).toBeVisible();
  await navigate(page, "Analysis", heading("Analysis"));
  await navigate(page, "Insights", heading("Insights"));
  // Stage 3: the challenges, a challenge, its ideas, an idea and the prototypes.
  await navigate(page, "Ideas", heading("Challenges"));
  // The demo challenge (other tests open challenges of their own in Longbridge too).
  const question = "How might we help parents at the same gate get to know each other?";
  await page.locator("main h2 a").filter({ hasText: question }).click();
  await heading(question)();
  await navigate(page, "List of ideas", heading("Ideas"));
  const idea = page.locator("main article h2 a, main article h3 a").first();
  const title = (await idea.innerText()).trim();
  await idea.click();
  await heading(title)();
  expect(
    chunks.every((c) => c.endsWith("en")),
    `English only: ${chunks.join(", ")}`,
  ).toBe(true);
  // "en" and "pages.en" came inlined with /home, so they are never fetched.
  expect(new Set(chunks)).toEqual(new Set(["board.en", "document.en", "stories.en", "analysis.en", "insights.en", "challenges.en", "ideas.en", "phone.en"]));

  // Switch: every part used so far comes again in Arabic, before the interface changes.
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  for (const part of ["ar", "pages.ar", "board.ar", "document.ar", "stories.ar", "analysis.ar", "insights.ar", "challenges.ar", "ideas.ar", "phone.ar"])
    expect(chunks, part).toContain(part);
  await navigate(page, "اللوحات", async () => expect(page.locator("main h1")).toBeVisible());
  await navigate(page, /What's strong round here|Hopes and fears/, () => expect(page.locator(".board-app")).toBeVisible());

  const missing = await page.evaluate(() => window.__missingStrings ?? []);
  expect(missing, "keys the loaded parts lacked").toEqual([]);

  // Leave the account as it was found (English), for anyone reading this test's data later.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});
