// A prototype's measures in a real browser: a member adds a measure and readings with JavaScript
// off (bad input — another unit, out of range, a future date — gets its message beside the field
// with the input kept); the chart (inline SVG, one image named by its summary) and its table hold
// the same figures, and the chart runs right to left in Arabic; the costs per cycle and per person;
// script typed into every text field shows as text; Arabic at 390 px (a viewer: no forms, no side
// scroll) and English at 1280 px pass axe. The prototype and its test cycles are written straight
// into the server's database (tests/factories/measures.ts); screenshots go to /work/scratch/shots.
import fs from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createAccountFromInvite, createInvite, createLocality, newApi, unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { installXssHooks, xssFindings } from "./support/xss-payloads";
import { seedMeasures, type MeasuresSeeded } from "../factories/measures";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.MEASURES_SHOTS ?? "/work/scratch/shots";
fs.mkdirSync(SHOTS, { recursive: true });

async function contextFor(browser: Browser, state: StorageState, lang: "en" | "ar", width: number, javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 }, javaScriptEnabled });
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The figures of a measure's chart (its points) and of its table (value cells), in order. */
async function chartAndTable(card: Locator) {
  const chart = await card
    .locator("svg[role=img] circle")
    .evaluateAll((circles) => circles.map((c) => [c.getAttribute("data-date"), Number(c.getAttribute("data-value"))]));
  const table = await card
    .locator("table tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.querySelector("time")?.getAttribute("datetime") ?? "",
        Number((r.querySelector(".reading-value")?.textContent ?? "").replace(/,/g, "")),
      ]),
    );
  return { chart, table };
}

test.describe("a prototype's measures", () => {
  test.describe.configure({ mode: "serial" });
  let localityId = "";
  let seeded: MeasuresSeeded;
  let member: StorageState;
  let viewer: StorageState;
  let path = "";

  test.beforeAll(async ({ auth }) => {
    test.setTimeout(120_000);
    const api = await newApi(await auth.state("facilitator"));
    localityId = await createLocality(api, unique("Measures locality"));
    member = (await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name: "Huda Member" })).state;
    viewer = (await createAccountFromInvite(await createInvite(api, localityId, { role: "viewer" }), { name: "Tom Viewer" })).state;
    await api.dispose();
    seeded = seedMeasures({
      localityId,
      title: "Peer mentors for new parents",
      cycles: [
        { number: 1, method: "role-play", startsOn: "2026-01-10", endsOn: "2026-01-24", costPence: 18000, peopleReached: 14 },
        { number: 2, method: "pilot", startsOn: "2026-02-01", endsOn: "2026-02-28", costPence: 64000, peopleReached: 23 },
        { number: 3, method: "pilot", startsOn: "2026-03-09" },
      ],
      measures: [
        {
          name: "Parents at the weekly session",
          unit: "parents",
          baseline: 4,
          target: 10,
          minValue: 0,
          maxValue: 40,
          readings: [
            { value: 4, takenOn: "2026-01-12", source: "Register", cycle: 1 },
            { value: 7, takenOn: "2026-02-09", source: "Register", cycle: 2 },
            { value: 9, takenOn: "2026-02-23", source: "Register", cycle: 2 },
          ],
        },
      ],
    });
    path = `/l/${localityId}/prototypes/${seeded.prototypeId}/measures`;
  });

  test("a member adds a measure and readings without JavaScript; bad input gets its message and keeps what was typed", async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await contextFor(browser, member, "en", 1280, false);
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Peer mentors for new parents" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "This prototype" }).getByRole("link", { name: "Measures" })).toHaveAttribute("aria-current", "page");

    // Add a measure: first with a range the wrong way round and a target below the baseline.
    await page.getByText("Add a measure", { exact: true }).click();
    const add = page.locator("#measure-add");
    await add.getByLabel("Name").fill("Sessions a month");
    await add.getByLabel("Unit").fill("sessions");
    await add.getByLabel("Lowest allowed (optional)").fill("31");
    await add.getByLabel("Highest allowed (optional)").fill("0");
    await add.getByLabel("Baseline (optional)").fill("4");
    await add.getByLabel("Target (optional)").fill("10");
    await add.getByRole("button", { name: "Add measure" }).click();
    await expect(page.getByText("The highest allowed must be above the lowest allowed.")).toBeVisible();
    await expect(page.locator("#measure-add").getByLabel("Name")).toHaveValue("Sessions a month");
    await expect(page.locator("#measure-add").getByLabel("Highest allowed (optional)")).toHaveAttribute("aria-invalid", "true");
    await page.locator("#measure-add").getByLabel("Lowest allowed (optional)").fill("0");
    await page.locator("#measure-add").getByLabel("Highest allowed (optional)").fill("31");
    await page.locator("#measure-add").getByLabel("Target (optional)").fill("2");
    await page.locator("#measure-add").getByRole("button", { name: "Add measure" }).click();
    await expect(page.getByText("Higher is better, so the target cannot be below the baseline.")).toBeVisible();
    await page.locator("#measure-add").getByLabel("Target (optional)").fill("10");
    await page.locator("#measure-add").getByRole("button", { name: "Add measure" }).click();
    await expect(page.getByRole("status")).toHaveText("Measure added.");
    const card = page.locator("article.measure-card", { has: page.getByRole("heading", { level: 3, name: "Sessions a month" }) });
    await expect(card.getByText("No readings yet: the chart appears with the first.")).toBeVisible();

    // A reading in another unit, then out of range, then dated after today: each refused beside its field.
    const addReading = async (fill: { value?: string; date?: string; cycle?: string; source?: string }) => {
      const form = card.locator("form.reading-form").last();
      if (!(await form.isVisible())) await card.getByText("Add a reading", { exact: true }).click();
      if (fill.value !== undefined) await form.getByLabel("Value, in sessions").fill(fill.value);
      if (fill.date !== undefined) await form.getByLabel("Date of the reading").fill(fill.date);
      if (fill.cycle !== undefined) await form.getByLabel("Test cycle (optional)").selectOption({ label: fill.cycle });
      if (fill.source !== undefined) await form.getByLabel("Source (optional)").fill(fill.source);
      await form.getByRole("button", { name: "Add reading" }).click();
    };
    await addReading({ value: "12%", date: "2026-01-15", source: "Register" });
    const value = card.getByLabel("Value, in sessions");
    await expect(card.getByText("This measure is counted in sessions: write a number of sessions only, without another unit.")).toBeVisible();
    await expect(value).toHaveValue("12%");
    await expect(value).toHaveAttribute("aria-invalid", "true");
    await expect(card.getByLabel("Source (optional)")).toHaveValue("Register");
    await addReading({ value: "45" });
    await expect(card.getByText("The reading must be from 0 to 31 sessions.")).toBeVisible();
    await expect(value).toHaveValue("45");
    await addReading({ value: "5", date: "2099-01-01" });
    await expect(card.getByText(/A reading cannot be dated after today/)).toBeVisible();
    await expect(card.getByLabel("Date of the reading")).toHaveValue("2099-01-01");
    await addReading({ value: "5 sessions", date: "2026-01-15", cycle: "Cycle 1 (10 Jan 2026 to 24 Jan 2026)" });
    await expect(page.getByRole("status")).toHaveText("Reading added.");
    await addReading({ value: "8", date: "2026-02-20", cycle: "Cycle 2 (1 Feb 2026 to 28 Feb 2026)", source: "Sign-in sheet" });
    await expect(page.getByRole("status")).toHaveText("Reading added.");

    // The chart appears, drawn on the server, with its table beside it.
    const chart = card.getByRole("img");
    await expect(chart).toHaveAttribute(
      "aria-label",
      "From 5 to 8 sessions over 2 readings (15 Jan 2026 to 20 Feb 2026); baseline 4; target 10; higher is better.",
    );
    const { chart: points, table } = await chartAndTable(card);
    expect(points).toEqual([
      ["2026-01-15", 5],
      ["2026-02-20", 8],
    ]);
    expect(table).toEqual(points);
    await expect(card.getByRole("table", { name: /Readings of Sessions a month/ }).getByRole("row", { name: /20 Feb 2026/ })).toContainText("Cycle 2");

    // Edit a reading (a link, then the form), and remove it.
    await card.getByRole("link", { name: "Edit or remove the reading of 20 Feb 2026" }).click();
    const edit = page.getByRole("region", { name: "Edit the reading of 20 Feb 2026" });
    await edit.getByLabel("Value, in sessions").fill("9");
    await edit.getByRole("button", { name: "Save reading" }).click();
    await expect(page.getByRole("status")).toHaveText("Reading saved.");
    expect((await chartAndTable(card)).table).toEqual([
      ["2026-01-15", 5],
      ["2026-02-20", 9],
    ]);
    await card.getByRole("link", { name: "Edit or remove the reading of 15 Jan 2026" }).click();
    await page.getByRole("button", { name: "Remove this reading" }).click();
    await expect(page.getByRole("status")).toHaveText("Reading removed.");
    expect((await chartAndTable(card)).table).toEqual([["2026-02-20", 9]]);
    await context.close();
  });

  test("the chart and its table hold the same figures; the costs per cycle and per person; English at 1280 px passes axe", async ({ browser }) => {
    const context = await contextFor(browser, member, "en", 1280);
    const page = await context.newPage();
    await page.goto(path);
    await hydrated(page);
    const card = page.locator(`#measure-${seeded.measureIds[0]}`);
    const chart = card.getByRole("img", { name: /^From 4 to 9 parents over 3 readings/ });
    await expect(chart).toHaveAccessibleName("From 4 to 9 parents over 3 readings (12 Jan 2026 to 23 Feb 2026); baseline 4; target 10; higher is better.");
    const { chart: points, table } = await chartAndTable(card);
    expect(points).toEqual([
      ["2026-01-12", 4],
      ["2026-02-09", 7],
      ["2026-02-23", 9],
    ]);
    expect(table).toEqual(points);
    // The table is a real one, with its caption and headers.
    const readings = card.getByRole("table", { name: /Readings of Parents at the weekly session/ });
    await expect(readings.getByRole("columnheader")).toHaveText(["Date", "Value (parents)", "Test cycle", "Source", "Change"]);
    // Left to right: the earliest reading on the left; the target line above the baseline.
    const xs = await card.locator("svg circle").evaluateAll((cs) => cs.map((c) => Number(c.getAttribute("cx"))));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    await expect(chart.locator(".chart-target text")).toHaveText("Target 10");
    await expect(chart.locator(".chart-baseline text")).toHaveText("Baseline 4");
    await expect(chart.locator(".chart-bands text")).toHaveText(["Cycle 1", "Cycle 2"]);
    await expect(card.getByText("Dates run left to right, earliest first.")).toBeVisible();
    await expect(card.getByText("9 parents on 23 Feb 2026 · better than the baseline · target not reached yet")).toBeVisible();

    // Costs: each cycle, the totals (cost per person over the cycles with both figures) and the change.
    const costs = page.getByRole("table", { name: "What each test cycle cost" });
    await expect(costs.getByRole("row")).toHaveText([
      ["Test cycle", "Cost", "People reached", "Cost per person"].join(""),
      ["Cycle 1", "£180.00", "14", "£12.86"].join(""),
      ["Cycle 2", "£640.00", "23", "£27.83"].join(""),
      ["Cycle 3", "Not entered", "Not entered", "Not entered"].join(""),
      ["All cycles", "£820.00", "37", "£22.16"].join(""),
    ]);
    await expect(page.getByText("Cost per person went up from £12.86 in cycle 1 to £27.83 in cycle 2.")).toBeVisible();
    await expect(page.getByText(/One cycle has no cost or no count of people reached yet/)).toBeVisible();

    await noSideScroll(page, 1280);
    await page.screenshot({ path: `${SHOTS}/measures-en-1280.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    // With an edit form open too.
    await page.goto(`${path}?measure=${seeded.measureIds[0]}#measure-${seeded.measureIds[0]}-edit`);
    await hydrated(page);
    await expect(page.getByRole("region", { name: "Edit this measure" }).getByLabel("Name")).toHaveValue("Parents at the weekly session");
    await page.getByText("Add a reading", { exact: true }).first().click();
    expect(await seriousViolations(page)).toEqual([]);
    // With JavaScript, the same checks run before sending: another unit is refused on the spot.
    const form = card.locator("form.reading-form");
    await form.getByLabel("Value, in parents").fill("12%");
    await form.getByRole("button", { name: "Add reading" }).click();
    await expect(form.getByText("This measure is counted in parents: write a number of parents only, without another unit.")).toBeVisible();
    await form.getByLabel("Value, in parents").fill("41");
    await expect(form.getByText("The reading must be from 0 to 40 parents.")).toBeVisible();
    await context.close();
  });

  test("in Arabic at 390 px a viewer reads the chart right to left with its table, without side scroll, and no forms; axe passes", async ({ browser }) => {
    const context = await contextFor(browser, viewer, "ar", 390);
    const page = await context.newPage();
    await page.goto(path);
    await hydrated(page);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const card = page.locator(`#measure-${seeded.measureIds[0]}`);
    const chart = card.getByRole("img");
    const name = ((await chart.getAttribute("aria-label")) ?? "").replace(/[\u2066-\u2069\u200e\u200f]/g, "");
    expect(name).toBe("من 4 إلى 9 parents في 3 قراءات (من 12 يناير 2026 إلى 23 فبراير 2026)؛ خط الأساس 4؛ الهدف 10؛ الأعلى أفضل.");
    // Right to left: the earliest reading on the right; the same figures as the table.
    const xs = await card.locator("svg circle").evaluateAll((cs) => cs.map((c) => Number(c.getAttribute("cx"))));
    expect(xs).toEqual([...xs].sort((a, b) => b - a));
    const { chart: points, table } = await chartAndTable(card);
    expect(table).toEqual(points);
    await expect(card.getByText("تسير التواريخ من اليمين إلى اليسار، الأقدم أولًا.")).toBeVisible();
    await expect(card.getByRole("table", { name: /^قراءات \u2068?Parents at the weekly session/ })).toBeVisible();
    // Western digits, as the app writes numbers elsewhere in Arabic.
    await expect(page.getByRole("table", { name: "كم كلّفت كل دورة اختبار" })).toContainText("12.86");
    // A viewer reads: no forms, no edit links.
    await expect(page.getByText("أضف قراءة")).toHaveCount(0);
    await expect(page.getByText("أضف مقياسًا")).toHaveCount(0);
    await expect(page.getByRole("link", { name: /تعديل أو حذف/ })).toHaveCount(0);
    await expect(page.locator("form[method=post]").filter({ has: page.locator("input[name=intent]") })).toHaveCount(0);
    // The chart fits the phone and stays legible (at least ~10 px text).
    const box = await chart.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(box!.width).toBeGreaterThan(300);
    await noSideScroll(page, 390);
    await page.screenshot({ path: `${SHOTS}/measures-ar-390.png`, fullPage: true });
    await card.screenshot({ path: `${SHOTS}/measures-ar-390-card.png` });
    await page.locator("#costs").screenshot({ path: `${SHOTS}/measures-ar-390-costs.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  test("a member's page in Arabic at 390 px (forms open) has no side scroll and passes axe; English at 390 too", async ({ browser }) => {
    for (const lang of ["ar", "en"] as const) {
      const context = await contextFor(browser, member, lang, 390);
      const page = await context.newPage();
      await page.goto(path);
      await hydrated(page);
      await page.locator("details.reading-add > summary").first().click();
      await page.locator("details.measure-add > summary").click();
      await noSideScroll(page, 390);
      await page.screenshot({ path: `${SHOTS}/measures-${lang}-390-member.png`, fullPage: true });
      await page
        .locator("details.reading-add")
        .first()
        .screenshot({ path: `${SHOTS}/measures-${lang}-390-reading-form.png` });
      await page.locator("details.measure-add").screenshot({ path: `${SHOTS}/measures-${lang}-390-measure-form.png` });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });

  test("the demo prototypes' measures (Sparkbrook, Longbridge): charts and tables agree, in both languages, axe passes", async ({ browser, auth, ids }) => {
    test.setTimeout(90_000);
    const facilitator = await auth.state("facilitator");
    const api = await newApi(facilitator);
    // The demo's own prototypes, by title (other tests add prototypes of their own to the list).
    const demoTitles: Record<string, string> = { longbridge: "FACEboard", sparkbrook: "Peer mentors for new parents" };
    for (const [place, localityId] of Object.entries(ids)) {
      const list = await (await api.get(`/l/${localityId}/prototypes?view=table`)).text();
      const prototypeId = new RegExp(`href="/l/${localityId}/prototypes/([A-Za-z0-9_-]{20,})"[^>]*>(?:<[^>]+>)*${demoTitles[place]}<`).exec(list)?.[1];
      expect(prototypeId, `the demo prototype in ${place}`).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      for (const [lang, width] of [
        ["en", 1280],
        ["ar", 390],
      ] as const) {
        const context = await contextFor(browser, facilitator, lang, width);
        const page = await context.newPage();
        await page.goto(`/l/${localityId}/prototypes/${prototypeId}/measures`);
        await hydrated(page);
        const cards = page.locator("article.measure-card");
        expect(await cards.count(), `${place} has demo measures`).toBeGreaterThan(0);
        for (const card of await cards.all()) {
          const { chart, table } = await chartAndTable(card);
          expect(table).toEqual(chart);
        }
        await noSideScroll(page, width);
        await page.screenshot({ path: `${SHOTS}/measures-demo-${place}-${lang}-${width}.png`, fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      }
    }
    await api.dispose();
  });

  test("script typed into every text field shows as text and never runs", async ({ browser }) => {
    const context = await browser.newContext({ storageState: withLanguage(member, "en"), bypassCSP: true });
    await installXssHooks(context);
    const page = await context.newPage();
    const name = "<script>alert(1)</script>";
    const unit = '<img src=x onerror="alert(2)">';
    const source = '"><svg onload=alert(3)>';
    await page.goto(path);
    await hydrated(page);
    await page.getByText("Add a measure", { exact: true }).click();
    const add = page.locator("#measure-add");
    await add.getByLabel("Name").fill(name);
    await add.getByLabel("Unit").fill(unit);
    await add.getByRole("button", { name: "Add measure" }).click();
    await expect(page.getByRole("status")).toHaveText("Measure added.");
    const card = page.locator("article.measure-card", { has: page.getByRole("heading", { level: 3, name }) });
    await card.getByText("Add a reading", { exact: true }).click();
    await card.getByLabel(`Value, in ${unit}`).fill("3");
    await card.getByLabel("Source (optional)").fill(source);
    await card.getByRole("button", { name: "Add reading" }).click();
    await expect(page.getByRole("status")).toHaveText("Reading added.");
    await expect(card.getByRole("heading", { level: 3 })).toHaveText(name);
    await expect(card.getByRole("cell", { name: source })).toBeVisible();
    await expect(card.getByRole("img")).toHaveAttribute(
      "aria-label",
      `One reading: 3 ${unit} on ${await card.locator("time").first().textContent()}; higher is better.`,
    );
    await page.reload();
    await hydrated(page);
    expect(await xssFindings(page)).toEqual([]);
    await context.close();
  });
});
