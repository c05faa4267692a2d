// The stage pages that know the group (issue 16): a member reads each of Longbridge's four stage
// pages in English and Arabic at 390 px (no side scroll, axe, every string) with its checklist and
// guidance and no control to move the group on; a facilitator moves a new group on with every item
// open, without JavaScript: the warning lists what is open, "Move on anyway" moves, and the
// activity log says from where to where and how many items were open. Screenshots at 390 and
// 1280 px go to tests/.tmp/shots.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLocality, newApi, unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";

expect.configure({ timeout: 10_000 });
const SHOTS = path.resolve("tests/.tmp/shots");
fs.mkdirSync(SHOTS, { recursive: true });
const STAGE_KEYS = ["relationships", "stories", "ideas", "prototypes"] as const;

async function open(browser: Browser, state: StorageState, lang: "en" | "ar", width: number, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 }, javaScriptEnabled });
  // Lets the client record any string key a loaded part lacks (app/entry.client.tsx).
  if (javaScriptEnabled)
    await context.addInitScript(() => {
      window.__COPRODUCE_TEST_HANDLES__ = true;
    });
  return context.newPage();
}

test.describe("stage pages", () => {
  test("a member reads the four stage pages in English and Arabic at 390 px: checklist, guidance, no move-on, axe", async ({ browser, auth, ids }) => {
    test.setTimeout(90_000);
    for (const lang of ["en", "ar"] as const) {
      const page = await open(browser, await auth.state("member"), lang, 390);
      for (const key of STAGE_KEYS) {
        await page.goto(`/l/${ids.longbridge}/stages/${key}`);
        await hydrated(page);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator("main h1")).toBeVisible();
        const items = page.locator("ul.stage-checklist > li");
        expect(await items.count(), `${key}: checklist items`).toBeGreaterThanOrEqual(3);
        // Each item links to where to act, inside this locality.
        for (const href of await items.locator("a.checklist-label").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "")))
          expect(href).toMatch(new RegExp(`^/l/${ids.longbridge}/`));
        await expect(page.locator(".stage-guide li")).toHaveCount(6);
        await expect(page.locator("section.stage-move")).toHaveCount(0);
        await expect(page.locator(`form[action="/l/${ids.longbridge}?index"]`)).toHaveCount(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lang} ${key}: no side scroll`).toBeLessThanOrEqual(390);
        expect(await seriousViolations(page), `${lang} ${key}: axe`).toEqual([]);
        expect(await page.evaluate(() => window.__missingStrings ?? []), `${lang} ${key}: missing strings`).toEqual([]);
        if (key === "relationships" || key === "stories") await page.screenshot({ path: path.join(SHOTS, `stage-${key}-${lang}-390.png`), fullPage: true });
      }
      if (lang === "en") {
        await expect(page.getByText("Why this stage matters")).toBeVisible();
      } else {
        await expect(page.getByText("لماذا تهمّ هذه المرحلة")).toBeVisible();
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`/l/${ids.longbridge}/stages/stories`);
      await page.screenshot({ path: path.join(SHOTS, `stage-stories-${lang}-1280.png`), fullPage: true });
      await page.context().close();
    }
  });

  test("a facilitator moves a group on with items open, without JavaScript: warned, moves anyway, logged", async ({ browser, auth }) => {
    const api = await newApi(await auth.state("facilitator"));
    const L = await createLocality(api, unique("Stage move"));
    await api.dispose();
    const page = await open(browser, await auth.state("facilitator"), "en", 390, false);

    await page.goto(`/l/${L}/stages/relationships`);
    await expect(page.getByText("0 of 5 done")).toBeVisible();
    await expect(page.locator("ul.stage-checklist > li.is-open")).toHaveCount(5);
    await expect(page.getByRole("link", { name: "A purpose the group has agreed" })).toHaveAttribute("href", `/l/${L}/purpose`);
    await page.getByRole("button", { name: "Move on to stage 2: Stories & insights" }).click();

    // The first post answers with what is open and changes nothing.
    const warning = page.locator("section.stage-warning");
    await expect(warning.getByRole("heading", { name: "Items still open: 5" })).toBeVisible();
    await expect(warning.locator("li")).toHaveCount(5);
    await expect(warning.getByRole("link", { name: "Sessions held: 0" })).toHaveAttribute("href", `/l/${L}/workshops`);
    await expect(page.getByRole("link", { name: "Stage 1: 0 of 5 done" })).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, "stage-warning-en-390.png"), fullPage: true });

    await warning.getByRole("button", { name: "Move on anyway" }).click();
    await expect(page).toHaveURL(new RegExp(`/l/${L}$`));
    await expect(page.locator("section.stage-warning")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Stage 2: 0 of 4 done" })).toHaveAttribute("href", `/l/${L}/stages/stories`);

    await page.goto(`/l/${L}/audit`);
    const row = page.locator("tbody tr", { hasText: "Moved the group to another stage" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("From stage 1 to stage 2; items open: 5");
    await page.context().close();
  });
});
