// The portfolio across localities in a real browser: an organisation facilitator opens it from the
// organisation page at 1280 and 390 px in English and Arabic (right to left) — the demo prototypes
// in their rows, each locality's stage chart with its table holding the same figures, no side
// scroll, axe clean; the stalled threshold refused at zero and at a year with the message beside
// the field and the value kept, then saved; the committee report printed to PDF (pages counted) and
// rendered with print media to PNG; the CSV downloaded; and a locality's facilitator who is not an
// organisation facilitator sees only their own locality. Screenshots go to /work/scratch/shots.
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { createAccountFromInvite, createInvite, createLocality, newApi, unique, withLanguage } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { expectNoSideScroll } from "./support/layout";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.PORTFOLIO_SHOTS ?? "/work/scratch/shots";
fs.mkdirSync(SHOTS, { recursive: true });

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

const T = {
  en: {
    link: "Portfolio across localities",
    heading: "Portfolio across localities",
    report: "Report for committee",
    csv: "Download CSV",
    table: "The figures as a table",
  },
  ar: { link: "المحفظة عبر المناطق", heading: "المحفظة عبر المناطق", report: "تقرير للجنة", csv: "تنزيل CSV", table: "الأرقام في جدول" },
} as const;

test.describe("the portfolio across localities", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ as: "facilitator" });

  for (const lang of ["en", "ar"] as const) {
    for (const size of SIZES) {
      test.describe(`${size.name} (${lang})`, () => {
        test.use({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, lang });

        test("every locality's prototypes, flags and stage charts", async ({ page, ids }) => {
          await page.goto("/orgs/birmingham");
          await page.getByRole("link", { name: T[lang].link }).click();
          await expect(page.getByRole("heading", { level: 1, name: T[lang].heading })).toBeVisible();
          await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
          // The demo prototypes, each linking to its page in its locality.
          const mentors = page.getByRole("link", { name: "Peer mentors for new parents" }).first();
          await expect(mentors).toHaveAttribute("href", new RegExp(`^/l/${ids.sparkbrook}/prototypes/`));
          await expect(page.getByRole("link", { name: "FACEboard" }).first()).toHaveAttribute("href", new RegExp(`^/l/${ids.longbridge}/prototypes/`));
          // Drill into a locality.
          const sparkbrook = page.locator("section.portfolio-locality[data-locality='Sparkbrook']");
          await expect(sparkbrook.getByRole("link").first()).toHaveAttribute("href", `/l/${ids.sparkbrook}`);
          // The chart and its table hold the same figures (the latest month's counts).
          const chart = sparkbrook.locator("figure.stage-chart");
          const lastDots = await chart
            .locator("svg g.stage-line")
            .evaluateAll((lines) => lines.map((l) => Number([...l.querySelectorAll("circle")].at(-1)?.getAttribute("data-value"))));
          await chart.getByText(T[lang].table).click();
          const lastRow = await chart.locator("table tbody tr").last().locator("td").allTextContents();
          expect(lastRow.map((c) => Number(c.replace(/,/g, "")))).toEqual(lastDots);
          expect(lastDots.length).toBe(4);
          expect(lastDots[0], "Sparkbrook has people and ties").toBeGreaterThan(0);
          await expectNoSideScroll(page, size.viewport.width);
          expect(await seriousViolations(page), "axe on the portfolio").toEqual([]);
          await page.screenshot({ path: `${SHOTS}/portfolio-${lang}-${size.viewport.width}.png`, fullPage: true });
        });
      });
    }
  }

  test("the stalled threshold: zero and a year refused with the value kept, then saved", async ({ page }) => {
    await page.goto("/orgs/birmingham/portfolio");
    await hydrated(page);
    const field = page.getByLabel("Weeks without a test cycle");
    const before = await field.inputValue();
    // Each answer is waited for, so the next value is not typed into a field about to be replaced.
    const save = () =>
      Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/portfolio")),
        page.getByRole("button", { name: "Save" }).click(),
      ]);
    for (const value of ["0", "52"]) {
      await field.fill(value);
      await save();
      await expect(page.getByRole("alert")).toHaveText("Give a whole number of weeks from 1 to 26 (zero or more than half a year is not accepted).");
      await expect(field).toHaveValue(value);
      await expect(field).toHaveAttribute("aria-invalid", "true");
    }
    await field.fill("8");
    await save();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: a prototype is stalled after 8 weeks without a test cycle.");
    await page.reload();
    await expect(page.getByLabel("Weeks without a test cycle")).toHaveValue("8");
    // Back as it was, for other tests.
    await page.getByLabel("Weeks without a test cycle").fill(before);
    await save();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(`after ${before} weeks`);
  });

  test("the committee report printed to PDF, a page per section; and the CSV", async ({ page }) => {
    await page.goto("/orgs/birmingham/portfolio");
    await page.getByRole("link", { name: T.en.report }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("what the localities are trying, learning and deciding");
    const sections = await page.locator("section.report-page").count();
    expect(sections).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole("heading", { level: 3, name: "What is being tried" }).first()).toBeVisible();
    await expect(page.getByText("Peer mentors for new parents").first()).toBeVisible();
    expect(await seriousViolations(page), "axe on the report").toEqual([]);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.getByRole("link", { name: "Back to the portfolio" })).toBeHidden();
    await page.screenshot({ path: `${SHOTS}/portfolio-report-print.png`, fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    fs.writeFileSync(`${SHOTS}/portfolio-report.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages, "a page (at least) per section").toBeGreaterThanOrEqual(sections);
    await page.emulateMedia({ media: "screen" });

    await page.goto("/orgs/birmingham/portfolio");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: T.en.csv }).click()]);
    expect(download.suggestedFilename()).toMatch(/^portfolio-birmingham-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString("utf8");
    expect(csv.split("\r\n")[0]!.split(",").slice(0, 3)).toEqual(["\uFEFFLocality", "Prototype", "Status"]);
    expect(csv).toContain("Peer mentors for new parents");
    expect(csv).toContain("FACEboard");
  });

  test("a locality's facilitator who is not an organisation facilitator sees only their own locality", async ({ browser, auth }) => {
    const api = await newApi(await auth.state("facilitator"));
    const name = unique("Portfolio own");
    const localityId = await createLocality(api, name);
    const link = await createInvite(api, localityId, { role: "facilitator" });
    await api.dispose();
    const own = await createAccountFromInvite(link, { name: "Lina Locality Facilitator" });
    for (const lang of ["en", "ar"] as const) {
      const context = await browser.newContext({ storageState: withLanguage(own.state, lang), viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      await page.goto("/orgs/birmingham/portfolio");
      await expect(page.getByRole("heading", { level: 1, name: T[lang].heading })).toBeVisible();
      await expect(page.locator("section.portfolio-locality")).toHaveCount(1);
      await expect(page.locator("section.portfolio-locality")).toHaveAttribute("data-locality", name);
      await expect(page.getByRole("link", { name: "Peer mentors for new parents" })).toHaveCount(0);
      await expect(page.locator("input[name=stalledAfterWeeks]")).toHaveCount(0);
      await expectNoSideScroll(page, 390);
      expect(await seriousViolations(page), `axe (${lang})`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/portfolio-own-${lang}-390.png`, fullPage: true });
      await context.close();
    }
  });
});
