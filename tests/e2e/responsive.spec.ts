import fs from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";

const SCREENS_DIR = path.join("test-results", "screens");
const COPY_DIR = path.join("/tmp", "screens");

/** Full-page screenshot into test-results/screens/ (kept after the run) and a copy in /tmp/screens/. */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  for (const dir of [SCREENS_DIR, COPY_DIR]) fs.mkdirSync(dir, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  fs.copyFileSync(file, path.join(COPY_DIR, `${name}.png`));
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function expectNoHorizontalScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${width}px viewport`).toBeLessThanOrEqual(width);
}

test.use({ as: "facilitator" });

for (const lang of ["en", "ar"] as const) {
  test.describe(`phone 390×844 (${lang})`, () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, lang });

    test("the locality home fits the screen and its actions are visible", async ({ page, ids }, testInfo) => {
      await page.goto(`/l/${ids.longbridge}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Longbridge");
      await expectNoHorizontalScroll(page, 390);

      const siteNav = page.locator("header nav");
      await expect(siteNav.getByRole("button", { name: lang === "en" ? "العربية" : "English" })).toBeInViewport();
      await expect(siteNav.getByRole("button")).toHaveCount(2); // language and sign out
      await expect(siteNav.getByRole("button").last()).toBeInViewport();
      const localityNav = page.locator(".locality-nav");
      await expect(localityNav.getByRole("link")).toHaveCount(14);
      for (const link of await localityNav.getByRole("link").all()) await expect(link).toBeVisible();
      // Moving the group to another stage, at the end of the page.
      await expect(page.locator("#stage-select")).toBeVisible();
      await expect(page.locator("form.inline-form").getByRole("button")).toBeVisible();
      await screenshot(page, testInfo, `phone-${lang}`);
    });

    test("the core-group page fits the screen", async ({ page, ids }, testInfo) => {
      await page.goto(`/l/${ids.longbridge}/people`);
      await expect(page.getByRole("heading", { level: 2, name: "Karen Whitcombe" })).toBeVisible();
      await expectNoHorizontalScroll(page, 390);
      await expect(page.locator(".locality-nav").getByRole("link")).toHaveCount(14);
      await screenshot(page, testInfo, `phone-${lang}-people`);
    });
  });
}

test.describe("desktop 1280×800 (en)", () => {
  test.use({ viewport: { width: 1280, height: 800 }, lang: "en" });

  test("the locality home", async ({ page, ids }, testInfo) => {
    await page.goto(`/l/${ids.longbridge}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Longbridge");
    await expect(page.getByRole("button", { name: "Update stage" })).toBeVisible();
    await expectNoHorizontalScroll(page, 1280);
    await screenshot(page, testInfo, "desktop-en");
  });
});
