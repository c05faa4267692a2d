// Every council page on a phone: the organisation's own pages (its localities, the golden thread
// and its history, the portfolio and the committee report, people's data rights, a new locality,
// the exchange and a share in it)
// at 390 px in English and in Arabic (right to left) — no side scroll, axe clean, a screenshot each.
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { ORG } from "./support/app";
import { seriousViolations } from "./support/axe";
import { expectNoSideScroll } from "./support/layout";

const SHOTS = "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });

const PAGES = [
  { name: "organisation", path: `/orgs/${ORG}` },
  { name: "new-locality", path: `/orgs/${ORG}/localities/new` },
  { name: "thread", path: `/orgs/${ORG}/thread` },
  { name: "thread-history", path: `/orgs/${ORG}/thread/history` },
  { name: "portfolio", path: `/orgs/${ORG}/portfolio` },
  { name: "report", path: `/orgs/${ORG}/portfolio/report` },
  { name: "people", path: `/orgs/${ORG}/people` },
  { name: "exchange", path: `/orgs/${ORG}/exchange` },
] as const;

test.use({ as: "facilitator", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const lang of ["en", "ar"] as const) {
  test.describe(`council pages at 390 px (${lang})`, () => {
    test.use({ lang });

    test("each reads on a phone: nothing sideways, nothing serious for axe", async ({ page }) => {
      test.slow();
      const visited: string[] = [];
      for (const { name, path } of PAGES) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        visited.push(path);
        await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoSideScroll(page, 390);
        expect(await seriousViolations(page), path).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/council-${name}-${lang}-390.png`, fullPage: true });
      }
      // A person's page and a share of the exchange, each reached from its list.
      for (const [name, list, pattern] of [
        ["person", `/orgs/${ORG}/people`, new RegExp(`^/orgs/${ORG}/people/[^/]+$`)],
        ["share", `/orgs/${ORG}/exchange`, new RegExp(`^/orgs/${ORG}/exchange/[^/?]+$`)],
      ] as const) {
        await page.goto(list);
        const hrefs = await page.locator(`main a[href^="${list}/"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
        const href = hrefs.find((h) => pattern.test(h));
        expect(href, `a link to a ${name} on ${list}`).toBeTruthy();
        await page.goto(href!);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoSideScroll(page, 390);
        expect(await seriousViolations(page), href).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/council-${name}-${lang}-390.png`, fullPage: true });
      }
      expect(visited).toHaveLength(PAGES.length);
    });
  });
}
