// The prototypes list and a prototype's page in a real browser: the list as a board by status and
// as a table (a plain link: no JavaScript needed), each prototype linking to its page, and the
// locality menu and home leading there; the page in English at 1280 px and in Arabic at 390 px
// (right to left, no side scroll) with its evidence chain (redacted excerpts) and test cycles in
// brief; a member adds a person from the core group and a partner with JavaScript off (a wrong
// amount gets its message beside the field, with the input kept); script typed into the page's
// text fields shows as text; axe on the list and the page in both languages. The prototypes are
// written straight into the server's database (tests/e2e/support/prototypes-seed.ts); screenshots
// go to /work/scratch/shots.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createAccountFromInvite, createInvite, createLocality, newApi, unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { installXssHooks, xssFindings } from "./support/xss-payloads";
import { seedPrototypes, type SeededPrototypes } from "./support/prototypes-seed";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.PROTOTYPES_SHOTS ?? "/work/scratch/shots";
fs.mkdirSync(SHOTS, { recursive: true });

async function contextFor(browser: Browser, state: StorageState, lang: "en" | "ar", width: number, javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 }, javaScriptEnabled });
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe("prototypes", () => {
  test.describe.configure({ mode: "serial" });
  const title = `Peer mentors ${unique("p").slice(-5)}`;
  let localityId = "";
  let seeded: SeededPrototypes;
  let facilitator: StorageState;
  let member: StorageState;
  let viewer: StorageState;
  // The receipt links of the phone ideas behind the testing and the adopted prototype.
  const secrets = [crypto.randomBytes(32).toString("base64url"), crypto.randomBytes(32).toString("base64url")] as const;
  const hash = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

  test.beforeAll(async ({ auth }) => {
    test.setTimeout(120_000);
    facilitator = await auth.state("facilitator");
    const api = await newApi(facilitator);
    localityId = await createLocality(api, unique("Prototypes locality"));
    member = (await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name: "Karen Member" })).state;
    viewer = (await createAccountFromInvite(await createInvite(api, localityId, { role: "viewer" }), { name: "Tom Viewer" })).state;
    await api.dispose();
    seeded = seedPrototypes(localityId, title, [hash(secrets[0]), hash(secrets[1])]);
  });

  test("the list: a board by status and a table, each prototype linking to its page; the menu and the home lead there", async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await contextFor(browser, viewer, "en", 1280);
    const page = await context.newPage();
    // The locality home: Stage 4's figures (3 prototypes, 3 cycles, 1 adopted, 3 people + 12 + 3 + 9 + 20 counted).
    await page.goto(`/l/${localityId}`);
    await expect(page.locator(".prototype-figures")).toContainText("3 prototypes · 3 test cycles · 1 adopted · 47 people took part");
    await page.screenshot({ path: `${SHOTS}/locality-home-prototypes-1280-en.png`, fullPage: true });
    await page.locator(".locality-nav").getByRole("link", { name: "Prototypes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Prototypes" })).toBeVisible();
    await expect(page.locator(".locality-nav").getByRole("link", { name: "Prototypes" })).toHaveAttribute("aria-current", "page");

    // The board: a column per status, in order, each card in its column.
    const views = page.getByRole("navigation", { name: "Show the prototypes as" });
    await expect(views.getByRole("link", { name: "Board by status" })).toHaveAttribute("aria-current", "page");
    await expect(page.locator(".prototype-column h2")).toHaveText([
      /^Planned\s+1 prototype$/,
      /^Testing\s+1 prototype$/,
      /^Adopted\s+1 prototype$/,
      /^Adapted\s+0 prototypes$/,
      /^Stopped\s+0 prototypes$/,
      /^Scaled\s+0 prototypes$/,
    ]);
    const testing = page.getByRole("region", { name: /Testing/ });
    const card = testing.locator(".prototype-card");
    await expect(card.getByRole("link", { name: title })).toHaveAttribute("href", `/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await expect(card).toContainText("2 test cycles");
    await expect(card).toContainText("Latest: cycle 2, running");
    await expect(card).toContainText("27 people took part");
    await expect(card.getByRole("link", { name: /Parents who have been there/ })).toHaveAttribute("href", `/l/${localityId}/ideas/${seeded.ideaId}`);
    await expect(page.getByRole("region", { name: /Adopted/ }).locator(".prototype-card")).toContainText("Latest: cycle 1, decided to continue");
    await expect(page.getByRole("region", { name: /Planned/ }).getByRole("link", { name: "جلسة شاي أسبوعية للأمهات في المسجد" })).toHaveAttribute(
      "dir",
      "auto",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototypes-board-1280-en.png`, fullPage: true });

    // The table: a link, so it works without JavaScript too.
    await views.getByRole("link", { name: "Table" }).click();
    await expect(page).toHaveURL(/\?view=table$/);
    const table = page.getByRole("table", { name: /The prototypes of/ });
    await expect(table.getByRole("columnheader")).toHaveText(["Prototype", "Status", "Test cycles", "Latest cycle", "People who took part", "From the idea"]);
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
    await expect(row.getByRole("cell")).toHaveText(["Testing", "2", "Cycle 2, running", "27", /Parents who have been there/]);
    await expect(table.getByRole("rowheader")).toHaveCount(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototypes-table-1280-en.png`, fullPage: true });
    await row.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await context.close();
  });

  test("the list in Arabic at 390 px, both views: right to left, no side scroll, axe", async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await contextFor(browser, viewer, "ar", 390);
    const page = await context.newPage();
    await page.goto(`/l/${localityId}/prototypes`);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "النماذج الأولية" })).toBeVisible();
    await expect(page.locator(".prototype-column h2").first()).toContainText("مخطط له");
    await expect(page.locator(".prototype-card").filter({ hasText: title })).toContainText("دورتا اختبار");
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototypes-board-390-ar.png`, fullPage: true });
    await page.getByRole("link", { name: "جدول" }).click();
    await expect(page.getByRole("table")).toBeVisible();
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototypes-table-390-ar.png`, fullPage: true });
    await context.close();
  });

  test("a prototype's page in English at 1280 px: what it is, people, partners, plan and board, cycles, where it came from", async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await contextFor(browser, facilitator, "en", 1280);
    const page = await context.newPage();
    await page.goto(`/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "This prototype" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    const about = page.getByRole("region", { name: "What it is and who it is for" });
    await expect(about).toContainText("Mothers who have been through the early years");
    await expect(about).toContainText("Newly arrived parents of babies and toddlers.");
    const cycles = page.getByRole("region", { name: "Test cycles" });
    await expect(cycles).toContainText("2 test cycles");
    await expect(cycles).toContainText("Latest: cycle 2, running");
    await expect(cycles).toContainText("27 people took part");
    await expect(cycles.getByRole("link", { name: "See the test cycles" })).toHaveAttribute("href", `/l/${localityId}/prototypes/${seeded.prototypeId}/cycles`);
    await expect(page.getByRole("region", { name: "Measures" }).getByRole("link", { name: "See the measures" })).toBeVisible();

    // Where it came from: the stories' redacted excerpts → the insight → the challenge → the idea, each a link.
    const chain = page.getByRole("region", { name: "Where it came from" });
    await expect(chain.locator("blockquote").first()).toContainText("at the gate where the clinic was");
    await expect(chain).not.toContainText("Amira");
    await expect(chain.getByRole("link", { name: "From “Mornings at the gate”, told by Parent A" })).toBeVisible();
    await expect(chain.getByRole("link", { name: "New parents do not know where to go for help" })).toHaveAttribute(
      "href",
      `/l/${localityId}/insights/${seeded.insightId}`,
    );
    await expect(chain.getByRole("link", { name: "How might we help new parents find their way to services?" })).toBeVisible();
    await expect(chain.getByRole("link", { name: /Parents who have been there/ })).toHaveAttribute("href", `/l/${localityId}/ideas/${seeded.ideaId}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototype-page-1280-en.png`, fullPage: true });

    // And back: the insight names the prototype that came from it.
    await chain.getByRole("link", { name: "New parents do not know where to go for help" }).click();
    const cameFrom = page.getByRole("region", { name: "Prototypes that came from it" });
    await expect(cameFrom.getByRole("link", { name: title })).toHaveAttribute("href", `/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await page.screenshot({ path: `${SHOTS}/insight-prototypes-1280-en.png`, fullPage: true });

    // The plan: started once, opened in the shared editor.
    await page.goto(`/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await hydrated(page);
    await page.getByRole("button", { name: "Start the plan" }).click();
    await expect(page).toHaveURL(/\/documents\/[A-Za-z0-9_-]+$/);
    await expect(page.getByRole("heading", { level: 1, name: `Plan: ${title}` })).toBeVisible();
    await expect(page.locator(".document-page [contenteditable]").first()).toContainText("What we will try", { timeout: 15_000 });
    await page.getByRole("link", { name: `Back to the prototype: ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the plan" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Start the plan" })).toHaveCount(0);
    await context.close();
  });

  test("a prototype's page in Arabic at 390 px: right to left, no side scroll, axe (as a viewer: no forms)", async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await contextFor(browser, viewer, "ar", 390);
    const page = await context.newPage();
    await page.goto(`/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "من أين جاء" })).toBeVisible();
    await expect(page.getByRole("region", { name: "دورات الاختبار" })).toContainText(/الأحدث: الدورة \u2068?2\u2069?، \u2068?جارية/); // placeholders are isolated in Arabic
    await expect(page.locator(".prototype-page form")).toHaveCount(0);
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototype-page-390-ar.png`, fullPage: true });
    await context.close();

    // A member's view in Arabic at 390 px, forms and all.
    const memberContext = await contextFor(browser, member, "ar", 390);
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await expect(memberPage.getByRole("button", { name: "أضف الشريك" })).toBeVisible();
    await noSideScroll(memberPage, 390);
    expect(await seriousViolations(memberPage)).toEqual([]);
    await memberPage.screenshot({ path: `${SHOTS}/prototype-page-member-390-ar.png`, fullPage: true });
    await memberContext.close();
  });

  test("without JavaScript a member adds a person from the core group and a partner; a wrong amount gets its message with the input kept", async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const context = await contextFor(browser, member, "en", 390, false);
    const page = await context.newPage();
    const path = `/l/${localityId}/prototypes/${seeded.prototypeId}`;
    await page.goto(path);
    const people = page.getByRole("region", { name: "People from the core group" });
    await people.getByLabel("Person").selectOption({ label: "Layla Mansour (St Paul's)" });
    await people.getByLabel("They would").selectOption({ label: "deliver it" });
    await people.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Added to the people of this prototype.");
    await expect(page.getByRole("region", { name: "Would deliver it" }).getByRole("link", { name: "Layla Mansour" })).toBeVisible();

    const partners = page.getByRole("region", { name: "Partners and what they pledge" });
    await partners.getByLabel("Organisation").fill("St Paul's Church");
    await partners.getByLabel("Their part").selectOption({ label: "Would deliver it" });
    await partners.getByLabel("What they pledge").selectOption({ label: "Money" });
    await partners.getByLabel("The pledge in words").fill("Crèche costs for the mentors' sessions");
    await partners.getByLabel("Amount (optional)").fill("about fifty");
    await partners.getByRole("button", { name: "Add partner" }).click();
    const again = page.getByRole("region", { name: "Partners and what they pledge" });
    // Back at the form (not the top of the page), its message beside the field.
    await expect(page).toHaveURL(/#partners$/);
    await expect(again.getByText("Write an amount in pounds up to £1,000,000, like 250 or 12.50.")).toBeInViewport();
    await expect(again.getByLabel("Amount (optional)")).toHaveValue("about fifty");
    await expect(again.getByLabel("Organisation")).toHaveValue("St Paul's Church");
    await expect(again.getByLabel("What they pledge")).toHaveValue("money");
    await expect(again.getByLabel("Amount (optional)")).toHaveAttribute("aria-invalid", "true");
    await page.screenshot({ path: `${SHOTS}/prototype-partner-error-390-en.png`, fullPage: true });
    await again.getByLabel("Amount (optional)").fill("250.50");
    await again.getByRole("button", { name: "Add partner" }).click();
    await expect(page.getByRole("status")).toContainText("Partner added.");
    const added = page.getByRole("region", { name: "Partners and what they pledge" }).getByRole("listitem").filter({ hasText: "St Paul's Church" });
    await expect(added).toContainText("£250.50");
    await expect(added).toContainText("Crèche costs for the mentors' sessions");
    await noSideScroll(page, 390);
    await context.close();
  });

  test("script typed into the page's text fields shows as text", async ({ browser }) => {
    test.setTimeout(60_000);
    const payload = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
    const context = await browser.newContext({ storageState: withLanguage(member, "en"), bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await installXssHooks(context);
    const page = await context.newPage();
    await page.goto(`/l/${localityId}/prototypes/${seeded.arabicId}`);
    await hydrated(page);
    await page.getByText("Change the title, what it is and who it is for").click();
    await page.getByLabel("What it is, in a few sentences").fill(payload);
    await page.getByRole("textbox", { name: "Who it is for" }).fill(payload);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Saved.");
    const partners = page.getByRole("region", { name: "Partners and what they pledge" });
    await partners.getByLabel("Organisation").fill(payload);
    await partners.getByLabel("What they pledge").selectOption({ label: "A room" });
    await partners.getByLabel("The pledge in words").fill(payload);
    await partners.getByRole("button", { name: "Add partner" }).click();
    await expect(page.getByRole("status")).toContainText("Partner added.");
    await page.reload();
    await expect(page.locator(".prototype-about dd").filter({ hasText: payload })).toHaveCount(2);
    await expect(page.locator(".prototype-partners p").filter({ hasText: payload })).toHaveCount(2);
    expect(await xssFindings(page)).toEqual([]);
    await context.close();
  });

  test("a phone contributor's receipt follows the prototype: tested with the public summary, then adopted because …, without JavaScript", async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    // The facilitator writes what was learned, for the public.
    const facilitatorContext = await contextFor(browser, facilitator, "en", 1280);
    const page = await facilitatorContext.newPage();
    await page.goto(`/l/${localityId}/prototypes/${seeded.prototypeId}`);
    await hydrated(page);
    await page.getByLabel("Public summary").fill("Parents with a mentor came back; mentors asked for a crèche place, so the plan now has one.");
    await page.getByRole("button", { name: "Save the public summary" }).click();
    await expect(page.getByRole("status")).toContainText("Public summary saved");
    await facilitatorContext.close();

    // The receipt of the idea behind it, on a phone with JavaScript off, in Arabic: tested (and being tried again), with the summary.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const receipt = await phone.newPage();
    await receipt.goto(`/r/${secrets[0]}?lng=ar`);
    await expect(receipt.locator("html")).toHaveAttribute("dir", "rtl");
    const steps = receipt.locator(".receipt-step");
    await expect(steps).toHaveCount(6);
    await expect(receipt.locator(".receipt-step[aria-current=step] .receipt-step-name")).toHaveText("جُرّبت");
    await expect(steps.last().locator(".receipt-step-name")).toHaveText("تقرّر أمرها");
    await expect(receipt.getByText("ما تعلّمته المجموعة")).toBeVisible();
    await expect(receipt.getByText("Parents with a mentor came back; mentors asked for a crèche place, so the plan now has one.")).toBeVisible();
    await expect(receipt.getByText("عدّلتها المجموعة بناءً على ما تعلّمته، وتجرّبها من جديد.")).toBeVisible();
    await noSideScroll(receipt, 390);
    await receipt.screenshot({ path: `${SHOTS}/receipt-tested-390-ar.png`, fullPage: true });

    // The adopted prototype's idea: the last step is "Adopted", with what was learned and why.
    await receipt.goto(`/r/${secrets[1]}?lng=en`);
    await expect(receipt.locator(".receipt-step[aria-current=step] .receipt-step-name")).toHaveText("Adopted");
    await expect(receipt.getByText("Twenty parents came to the first four Saturdays; most had not used the centre before.")).toBeVisible();
    await expect(receipt.getByText("The group decided to keep it going.")).toBeVisible();
    await expect(receipt.getByText("Because: It works")).toBeVisible();
    await noSideScroll(receipt, 390);
    await receipt.screenshot({ path: `${SHOTS}/receipt-adopted-390-en.png`, fullPage: true });
    await receipt.goto(`/r/${secrets[1]}?lng=ar`);
    await expect(receipt.locator(".receipt-step[aria-current=step] .receipt-step-name")).toHaveText("اعتُمدت");
    await expect(receipt.getByText(/السبب: \u2068?It works/)).toBeVisible();
    await receipt.screenshot({ path: `${SHOTS}/receipt-adopted-390-ar.png`, fullPage: true });
    await phone.close();

    // axe needs scripts to run: the same pages in a browser with JavaScript on.
    const checker = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const check = await checker.newPage();
    for (const [secret, lng] of [
      [secrets[0], "ar"],
      [secrets[1], "en"],
    ] as const) {
      await check.goto(`/r/${secret}?lng=${lng}`);
      expect(await seriousViolations(check), `${lng} receipt`).toEqual([]);
    }
    await checker.close();
  });
});
