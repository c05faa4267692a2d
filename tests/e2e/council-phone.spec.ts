// Every council page on a phone, at 390 px in English and in Arabic (right to left): no side
// scroll, axe clean, a screenshot each. Most are checked so in their own specs — the portfolio
// (portfolio.spec.ts), the thread, its history and the organisation page in Arabic
// (golden-thread.spec.ts), people's data rights (data-rights.spec.ts) and the exchange
// (exchange.spec.ts) — so this spec walks the rest: each page below, in the languages named.
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { ORG } from "./support/app";
import { seriousViolations } from "./support/axe";
import { expectNoSideScroll } from "./support/layout";

const SHOTS = "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });

const PAGES = [
  { name: "organisation", path: `/orgs/${ORG}`, langs: ["en"] },
  { name: "new-locality", path: `/orgs/${ORG}/localities/new`, langs: ["en", "ar"] },
  { name: "thread", path: `/orgs/${ORG}/thread`, langs: ["en"] },
  { name: "thread-history", path: `/orgs/${ORG}/thread/history`, langs: ["en"] },
  { name: "report", path: `/orgs/${ORG}/portfolio/report`, langs: ["en", "ar"] },
] as const;

test.use({ as: "facilitator", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const lang of ["en", "ar"] as const) {
  test.describe(`council pages at 390 px (${lang})`, () => {
    test.use({ lang });

    test("each reads on a phone: nothing sideways, nothing serious for axe", async ({ page }) => {
      const pages = PAGES.filter((p) => (p.langs as readonly string[]).includes(lang));
      for (const { name, path } of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoSideScroll(page, 390);
        expect(await seriousViolations(page), path).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/council-${name}-${lang}-390.png`, fullPage: true });
      }
    });
  });
}
