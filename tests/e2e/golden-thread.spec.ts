// The golden thread in a real browser (issue 21): an organisation facilitator adds an item and
// edits it, and the version history says what it was; on a demo prototype's page they link it to a
// priority outcome and see the link (with the version it was made against); a member of a locality
// reads the thread with no forms at all; the thread, its history and the organisation page in
// Arabic at 390 px have no side scroll and pass axe, as in English at 1280 px, with no string
// missing. Screenshots go to the test's output and to /work/scratch/shots (THREAD_SHOTS).
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { ORG, unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated, visit } from "./support/page";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.THREAD_SHOTS ?? "/work/scratch/shots";
fs.mkdirSync(SHOTS, { recursive: true });
const THREAD = `/orgs/${ORG}/thread`;

async function open(browser: Browser, state: StorageState, lang: "en" | "ar", width: number): Promise<Page> {
  const context = await browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 } });
  // Lets the client record any string key a loaded part lacks (app/entry.client.tsx).
  await context.addInitScript(() => {
    window.__COPRODUCE_TEST_HANDLES__ = true;
  });
  return context.newPage();
}

async function shoot(page: Page, info: TestInfo, name: string) {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  fs.copyFileSync(file, path.join(SHOTS, `thread-${name}.png`));
  // A long page also in screen-high parts, readable one by one (a full 390 px page is 10,000 px tall).
  const { width, height } = await page.evaluate(() => ({ width: window.innerWidth, height: document.documentElement.scrollHeight }));
  for (let part = 0; part * 1500 < height && part < 8; part++)
    await page.screenshot({
      path: path.join(SHOTS, `thread-${name}-part${part + 1}.png`),
      fullPage: true,
      clip: { x: 0, y: part * 1500, width, height: Math.min(1500, height - part * 1500) },
    });
  await info.attach(name, { path: file, contentType: "image/png" });
}

test.describe("the golden thread", () => {
  test("an organisation facilitator adds an item, edits it, and the history shows what it was", async ({ browser, auth }) => {
    const page = await open(browser, await auth.state("facilitator"), "en", 1280);
    await visit(page, THREAD);
    await expect(page.getByRole("heading", { level: 1, name: "The golden thread" })).toBeVisible();
    const before = unique("Open data by default");
    const after = `${before} (revised)`;

    const bigMoves = page.locator("section[aria-labelledby=thread-big-moves]");
    await bigMoves.getByText("Add a big move", { exact: true }).click();
    const add = bigMoves.locator("details.thread-add form");
    await add.getByLabel("Text").fill(before);
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Added. The thread has a new version.");
    await hydrated(page);

    const item = page.locator("li.thread-item", { has: page.getByRole("heading", { level: 3, name: before, exact: true }) });
    await item.locator("summary", { hasText: "Edit" }).click();
    await item.locator("details.thread-edit").getByLabel("Text").fill(after);
    await item.locator("details.thread-edit").getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. The thread has a new version.");
    await expect(page.getByRole("heading", { level: 3, name: after, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: before, exact: true })).toHaveCount(0);

    await page.getByRole("link", { name: "Version history" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Golden thread: version history" })).toBeVisible();
    const versions = page.locator("ol.thread-history > li");
    await expect(versions.first()).toContainText(`Changed (Big move): ${after} (was ${before})`);
    await expect(versions.nth(1)).toContainText(`Added (Big move): ${before}`);
    await page.context().close();
  });

  test("a facilitator links a demo prototype to a priority outcome and sees the link", async ({ browser, auth, ids }) => {
    const page = await open(browser, await auth.state("facilitator"), "en", 1280);
    await visit(page, `/l/${ids.longbridge}/prototypes`);
    await page.getByRole("link", { name: "FACEboard", exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "FACEboard" })).toBeVisible();
    await hydrated(page);
    const section = page.locator("#golden-thread");
    await expect(section.getByRole("heading", { name: "Golden thread" })).toBeVisible();

    // An outcome the prototype is not linked to yet (the demo links it to one already).
    const linked = await section.locator("ul.thread-links > li > bdi:first-child").allInnerTexts();
    const choices = await section
      .getByLabel("Link to a priority outcome or design principle")
      .locator("optgroup")
      .first()
      .locator("option")
      .evaluateAll((options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })));
    const choice = choices.find((c) => !linked.some((l) => c.label.includes(l)));
    expect(choice, `an outcome not linked yet among ${JSON.stringify(choices)}`).toBeDefined();
    const outcomeTitle = choice!.label
      .split(" — ")
      .at(-1)!
      .replace(/ \(example\)$/, "");
    await section.getByLabel("Link to a priority outcome or design principle").selectOption(choice!.value);
    await section.getByRole("button", { name: "Link", exact: true }).click();

    await expect(page.locator("#golden-thread [role=status]")).toHaveText("Linked.");
    const link = page.locator("#golden-thread ul.thread-links > li", { has: page.locator("bdi", { hasText: outcomeTitle }) });
    await expect(link).toHaveCount(1);
    await expect(link).toContainText(/linked at version \d+/);
    await expect(link.getByRole("button", { name: /^Remove link/ })).toBeVisible();
    await page.context().close();
  });

  test("a member reads the thread, with no forms to change it", async ({ browser, auth }) => {
    const page = await open(browser, await auth.state("member"), "en", 1280);
    await visit(page, THREAD);
    await expect(page.getByRole("heading", { level: 1, name: "The golden thread" })).toBeVisible();
    await expect(page.getByText("To make a positive difference every day to people’s lives.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "A strong economy" })).toBeVisible();
    await expect(page.locator(".thread .badge.thread-example").first()).toBeVisible();
    await expect(page.locator("main .thread form")).toHaveCount(0);
    await expect(page.locator("main .thread summary")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Save|Add|Delete|Archive)/ })).toHaveCount(0);
    await page.context().close();
  });

  for (const [lang, width] of [
    ["ar", 390],
    ["en", 1280],
  ] as const) {
    test(`the thread, its history and the organisation page in ${lang} at ${width} px: no side scroll, axe, every string`, async ({ browser, auth }, info) => {
      test.setTimeout(60_000);
      const page = await open(browser, await auth.state("facilitator"), lang, width);
      for (const [name, url] of [
        ["thread", THREAD],
        ["history", `${THREAD}/history`],
        ["organisation", `/orgs/${ORG}`],
      ] as const) {
        await visit(page, url);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator("main h1")).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: no side scroll`).toBeLessThanOrEqual(width);
        expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
        expect(await page.evaluate(() => window.__missingStrings ?? []), `${name}: missing strings`).toEqual([]);
        await shoot(page, info, `${name}-${lang}-${width}`);
      }
      // A member's view of the thread (no forms) too.
      const member = await open(browser, await auth.state("member"), lang, width);
      await visit(member, THREAD);
      expect(await member.evaluate(() => document.documentElement.scrollWidth), "member's thread: no side scroll").toBeLessThanOrEqual(width);
      expect(await seriousViolations(member), "member's thread: axe").toEqual([]);
      await shoot(member, info, `thread-member-${lang}-${width}`);
      expect(await member.evaluate(() => window.__missingStrings ?? []), "member's thread: missing strings").toEqual([]);
      await member.context().close();
      await page.context().close();
    });
  }
});
