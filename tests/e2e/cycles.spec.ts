// Test cycles in a real browser: a member plans a cycle (a cycle that ends before it starts is
// refused beside its end date, script in a text field shows as text), adds who took part, a count
// of others, a note, a figure and a photo, writes what was learned, the cost and the reach, and
// rates their confidence before and after; a facilitator records the decision (refused without a
// reason), the prototype's status follows, the cycle is closed (no more edits) and a correction is
// an amendment shown beside the original, in the activity log too. The cycle page in Arabic at
// 390 px (right to left, no side scroll); axe on the new pages in both languages. Screenshots go
// to /work/scratch/shots (CYCLE_SHOTS). The prototype and people are seeded into the e2e server's
// database (tests/factories/cycles.ts).
import fs from "node:fs";
import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated, visit } from "./support/page";
import { seedCycles, type SeededCycles } from "../factories/cycles";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.CYCLE_SHOTS ?? "/work/scratch/shots";
fs.mkdirSync(SHOTS, { recursive: true });

const XSS = `<script>window.__cycleXss=1</script><img src=x onerror="window.__cycleXss=1">`;

async function contextFor(browser: Browser, state: StorageState, lang: "en" | "ar" = "en", width = 1280): Promise<BrowserContext> {
  return browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 } });
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe("test cycles", () => {
  test.describe.configure({ mode: "serial" });
  let seeded: SeededCycles;
  let base = "";
  let cycleUrl = "";
  const CYCLE_PATH = /^\/l\/[A-Za-z0-9_-]+\/prototypes\/[A-Za-z0-9_-]+\/cycles\/[A-Za-z0-9_-]{20,}$/;
  let memberState: StorageState;
  let facilitatorState: StorageState;

  test.beforeAll(async ({ auth, ids }) => {
    memberState = await auth.state("member");
    facilitatorState = await auth.state("facilitator");
    const suffix = unique("p").slice(-6);
    seeded = seedCycles({
      localityId: ids.longbridge,
      title: `FACEboard for parents ${suffix}`,
      people: [`Huda Parent ${suffix}`, `Omar Volunteer ${suffix}`],
    });
    base = `/l/${ids.longbridge}/prototypes/${seeded.prototypeId}`;
  });

  test("a cycle recorded end to end: plan, who took part, evidence, learning, ratings, a facilitator's decision, an amendment", async ({ browser, ids }) => {
    test.setTimeout(120_000);
    const [huda, omar] = seeded.people;
    const memberContext = await contextFor(browser, memberState);
    const page = await memberContext.newPage();
    await visit(page, `${base}/cycles`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/FACEboard for parents/);
    await expect(page.getByRole("navigation", { name: "This prototype" }).getByRole("link", { name: "Test cycles" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("No test cycles yet.")).toBeVisible();
    await expect(page.locator(".prototype-status")).toHaveText("Planned");

    // Plan: a cycle that ends before it starts is refused beside its end date, what was typed kept.
    const plan = page.locator("#cycle-new");
    await plan.getByLabel("We believe …").fill(`${XSS} a FACEboard at the children's centre`);
    await plan.getByLabel("… will …").fill("help parents talk to services and each other");
    await plan.getByLabel("We will know when …").fill("parents post and services answer within a week");
    await plan.getByLabel("Method").selectOption({ label: "Pop-up" });
    await plan.getByLabel("Start date").fill("2026-09-10");
    await plan.getByLabel("End date").fill("2026-09-03");
    await plan.getByLabel("Place", { exact: true }).fill("Longbridge children's centre");
    await plan.getByRole("checkbox", { name: "Arabic" }).check();
    await plan.getByLabel("Interpreting").fill("Layla, Arabic ↔ English");
    await plan.getByRole("button", { name: "Plan this cycle" }).click();
    await expect(plan.getByText("The end date is before the start date: a cycle cannot end before it starts.")).toBeVisible();
    await expect(plan.getByLabel("End date")).toHaveAttribute("aria-invalid", "true");
    await expect(plan.getByLabel("Place", { exact: true })).toHaveValue("Longbridge children's centre");
    await page.screenshot({ path: `${SHOTS}/cycles-list-error-1280-en.png`, fullPage: true });
    await plan.getByLabel("End date").fill("2026-09-24");
    await plan.getByRole("button", { name: "Plan this cycle" }).click();

    await expect(page.getByRole("status").getByText("Cycle planned.")).toBeVisible();
    await hydrated(page);
    cycleUrl = new URL(page.url()).pathname;
    expect(cycleUrl).toMatch(CYCLE_PATH);
    await expect(page.getByRole("heading", { level: 2, name: /Cycle 1: Pop-up/ })).toBeVisible();
    // Script in a text field shows as text.
    await expect(page.locator(".cycle-facts").first().getByText(XSS, { exact: false })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __cycleXss?: number }).__cycleXss)).toBeUndefined();

    // Who took part: people of the core group by role, and counts of others.
    const people = page.locator("#cycle-participant");
    await people.getByLabel("Person").selectOption({ label: huda!.name });
    await people.getByRole("radio", { name: "Would use it" }).check();
    await people.getByRole("button", { name: "Add to this cycle" }).click();
    await expect(page.getByRole("status").getByText("Added to the cycle.")).toBeVisible();
    await hydrated(page);
    await people.getByLabel("Person").selectOption({ label: omar!.name });
    await people.getByRole("radio", { name: "Would deliver it" }).check();
    await people.getByRole("button", { name: "Add to this cycle" }).click();
    await expect(page.getByRole("list", { name: "Would deliver it" })).toContainText(omar!.name);
    await hydrated(page);
    const count = page.locator("#cycle-count");
    await count.getByLabel("How many").fill("twelve");
    await count.getByLabel("Who", { exact: true }).fill("parents");
    await count.getByRole("button", { name: "Add this count" }).click();
    await expect(count.getByText("Enter how many, a whole number from 1 to 100,000.")).toBeVisible();
    await count.getByLabel("How many").fill("12");
    await count.getByRole("button", { name: "Add this count" }).click();
    await expect(page.getByRole("list", { name: "Others who took part" })).toContainText("12 parents");
    await expect(page.getByText("2 from the core group, 12 others.")).toBeVisible();
    await hydrated(page);

    // Evidence: a note, a figure, a photo (not a photo is refused with a clear message).
    await page.locator("#cycle-note").getByLabel("Note", { exact: true }).fill("Two dads asked for evening sessions.");
    await page.locator("#cycle-note").getByRole("button", { name: "Add the note" }).click();
    await expect(page.getByRole("list", { name: "Notes" })).toContainText("Two dads asked for evening sessions.");
    // Done: the form starts afresh for the next one.
    await expect(page.locator("#cycle-note").getByLabel("Note", { exact: true })).toHaveValue("");
    await hydrated(page);
    await page.locator("#cycle-figure").getByLabel("Figure", { exact: true }).fill("9 of 12 parents posted on the board");
    await page.locator("#cycle-figure").getByRole("button", { name: "Add the figure" }).click();
    await expect(page.getByRole("list", { name: "Figures" })).toContainText("9 of 12 parents posted on the board");
    await hydrated(page);
    const photo = page.locator("#cycle-photo");
    await photo.getByLabel("Photo", { exact: true }).setInputFiles({ name: "board.jpg", mimeType: "image/jpeg", buffer: Buffer.from("this is not a photo") });
    await photo.getByLabel("What the photo shows").fill("The FACEboard on the centre's wall");
    await photo.getByRole("button", { name: "Add the photo" }).click();
    await expect(photo.getByText("This file is not a photo we can read.")).toBeVisible();
    await expect(photo.getByLabel("What the photo shows")).toHaveValue("The FACEboard on the centre's wall");
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 240, g: 190, b: 80 } } })
      .png()
      .toBuffer();
    await photo.getByLabel("Photo", { exact: true }).setInputFiles({ name: "board.png", mimeType: "image/png", buffer: png });
    await photo.getByRole("button", { name: "Add the photo" }).click();
    await expect(page.getByRole("status").getByText("Photo added, without its metadata.")).toBeVisible();
    const img = page.getByRole("img", { name: "The FACEboard on the centre's wall" });
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(320);
    await hydrated(page);

    // What was learned, cost (pounds) and reach; the decision is not the member's to make.
    const results = page.locator("#cycle-results");
    await results.getByLabel("What was learned").fill("Parents used the board when someone showed them how; services answered slowly.");
    await results.getByLabel("What the cycle cost (£)").fill("£240.50");
    await results.getByLabel("People reached").fill("30");
    await results.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();
    const learning = page.getByRole("region", { name: "What was learned, cost and reach" });
    await expect(learning).toContainText("£240.50");
    await expect(learning).toContainText("£8.02");
    await hydrated(page);
    await expect(page.getByText("No decision yet. A facilitator records it when the cycle is done.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Record the decision and close the cycle" })).toHaveCount(0);

    // Confidence before and after.
    const rating = page.locator("#cycle-rating");
    await rating.getByRole("group", { name: "How confident were you before the cycle?" }).getByRole("radio", { name: "2 · A little confident" }).check();
    await rating.getByRole("group", { name: "How confident are you after the cycle?" }).getByRole("radio", { name: "4 · Confident" }).check();
    await rating.getByRole("button", { name: "Save my rating" }).click();
    await expect(page.getByRole("status").getByText("Your rating is saved.")).toBeVisible();
    await expect(page.getByText("Confidence rose from 2.0 to 4.0.")).toBeVisible();
    const table = page.getByRole("table", { name: "How many gave each rating, before and after" });
    await expect(table.getByRole("row", { name: /2 · A little confident/ })).toContainText("1");
    await page.screenshot({ path: `${SHOTS}/cycle-open-member-1280-en.png`, fullPage: true });
    await memberContext.close();

    // The facilitator decides: refused without a reason, then recorded; the cycle closes.
    const facilitatorContext = await contextFor(browser, facilitatorState);
    const fpage = await facilitatorContext.newPage();
    await visit(fpage, cycleUrl);
    await fpage
      .locator("#cycle-rating")
      .getByRole("group", { name: "How confident were you before the cycle?" })
      .getByRole("radio", { name: "3 · Fairly confident" })
      .check();
    await fpage
      .locator("#cycle-rating")
      .getByRole("group", { name: "How confident are you after the cycle?" })
      .getByRole("radio", { name: "5 · Very confident" })
      .check();
    await fpage.locator("#cycle-rating").getByRole("button", { name: "Save my rating" }).click();
    await expect(fpage.getByText("Confidence rose from 2.5 to 4.5.")).toBeVisible();
    await hydrated(fpage);
    const decide = fpage.locator("#cycle-decision");
    await decide.getByRole("radio", { name: /^Adapt/ }).check();
    await decide.getByRole("button", { name: "Record the decision and close the cycle" }).click();
    await expect(decide.getByText("Write the reason for the decision.")).toBeVisible();
    await decide.getByLabel("Reason", { exact: true }).fill("Keep the board; add a weekly drop-in where a volunteer shows parents how.");
    await decide.getByRole("button", { name: "Record the decision and close the cycle" }).click();
    await expect(fpage.getByRole("status").getByText("Decision recorded: the cycle is closed.")).toBeVisible();
    await expect(fpage.locator(".prototype-status")).toHaveText("Adapted");
    await expect(fpage.locator(".cycle-decision")).toContainText("Keep the board; add a weekly drop-in");
    await expect(fpage.getByText(/This cycle is closed by its decision/)).toBeVisible();
    await expect(fpage.locator("#cycle-participant, #cycle-results, #cycle-rating, #cycle-note")).toHaveCount(0);
    await hydrated(fpage);

    // A correction is an amendment beside the original, never a silent edit.
    await fpage.locator("summary", { hasText: "Correct this cycle" }).click();
    const amend = fpage.locator("#cycle-amend");
    await amend.getByLabel("What the cycle cost (£)").fill("265.50");
    await amend.getByRole("button", { name: "Record the correction" }).click();
    await expect(amend.getByText("Say why it is corrected.")).toBeVisible();
    await amend.getByLabel("Why is it corrected?").fill("The interpreter's fee was missing.");
    await amend.getByRole("button", { name: "Record the correction" }).click();
    await expect(fpage.getByRole("status").getByText("Correction recorded beside the original.")).toBeVisible();
    const corrections = fpage.getByRole("table", { name: "Corrections made after the decision" });
    await expect(corrections.getByRole("row", { name: /Cost/ })).toContainText("£240.50");
    await expect(corrections.getByRole("row", { name: /Cost/ })).toContainText("£265.50");
    await expect(corrections).toContainText("The interpreter's fee was missing.");
    // Beside the field, too: the cost now, and what it was.
    const costFact = fpage.getByRole("region", { name: "What was learned, cost and reach" }).locator(".cycle-facts > div").first();
    await expect(costFact).toContainText("£265.50");
    await expect(costFact.locator(".cycle-amendments-inline")).toContainText("£240.50");
    await expect(costFact.locator(".cycle-amendments-inline")).toContainText("The interpreter's fee was missing.");
    await fpage.screenshot({ path: `${SHOTS}/cycle-closed-facilitator-1280-en.png`, fullPage: true });

    // The list says so, and the activity log has the decision.
    await visit(fpage, `${base}/cycles`);
    await expect(fpage.locator(".cycle-card")).toContainText("Decided: Adapt");
    await expect(fpage.locator(".cycle-card")).toContainText("2 people of the group");
    await fpage.screenshot({ path: `${SHOTS}/cycles-list-facilitator-1280-en.png`, fullPage: true });
    await fpage.goto(`/l/${ids.longbridge}/audit`);
    await expect(fpage.getByRole("cell", { name: "Recorded a test cycle's decision (continue, adapt, stop or scale) and closed it" }).first()).toBeVisible();
    await expect(fpage.getByRole("cell", { name: "Corrected a closed test cycle (an amendment beside the original)" }).first()).toBeVisible();
    await facilitatorContext.close();
  });

  test("the cycle page in Arabic at 390 px: right to left, no side scroll", async ({ browser }) => {
    // Serial: the first test made this cycle (if it failed, Playwright skips the rest).
    expect(cycleUrl).toMatch(CYCLE_PATH);
    for (const [who, state] of [
      ["facilitator", facilitatorState],
      ["member", memberState],
    ] as const) {
      const context = await contextFor(browser, state, "ar", 390);
      const page = await context.newPage();
      await visit(page, cycleUrl);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      // (Placeholders are isolated for right-to-left text: U+2068 … U+2069 around each value.)
      await expect(page.locator("#cycle-title")).toContainText("نقطة مؤقتة");
      await expect(page.getByRole("heading", { name: "الثقة في الفرضية" })).toBeVisible();
      await expect(page.locator(".cycle-confidence-change")).toHaveText(/^ارتفعت الثقة من \u2068?2\.5\u2069? إلى \u2068?4\.5\u2069?\.$/);
      await expect(page.locator(".prototype-status")).toHaveText("معدَّل");
      await noSideScroll(page, 390);
      await page.screenshot({ path: `${SHOTS}/cycle-closed-${who}-390-ar.png`, fullPage: true });
      await visit(page, `${base}/cycles`);
      await noSideScroll(page, 390);
      await page.screenshot({ path: `${SHOTS}/cycles-list-${who}-390-ar.png`, fullPage: true });
      await context.close();
    }
  });

  test("axe finds nothing serious on the new pages in English and Arabic", async ({ browser }) => {
    test.setTimeout(90_000);
    // Serial: the first test made this cycle (if it failed, Playwright skips the rest).
    expect(cycleUrl).toMatch(CYCLE_PATH);
    // An open cycle too (its forms), planned by the member.
    const open = await contextFor(browser, memberState);
    const planner = await open.newPage();
    await visit(planner, `${base}/cycles`);
    const plan = planner.locator("#cycle-new");
    await plan.getByLabel("We believe …").fill("a weekly drop-in with a volunteer");
    await plan.getByLabel("… will …").fill("help parents use the board");
    await plan.getByLabel("We will know when …").fill("parents post without help");
    await plan.getByLabel("Method").selectOption({ label: "Pilot" });
    await plan.getByRole("button", { name: "Plan this cycle" }).click();
    await expect(planner.getByRole("status").getByText("Cycle planned.")).toBeVisible();
    const openUrl = new URL(planner.url()).pathname;
    await open.close();

    const pages: Array<{ name: string; path: string; state: StorageState }> = [
      { name: "cycles list", path: `${base}/cycles`, state: memberState },
      { name: "open cycle", path: openUrl, state: memberState },
      { name: "closed cycle", path: cycleUrl, state: facilitatorState },
    ];
    const found: string[] = [];
    for (const lang of ["en", "ar"] as const) {
      for (const p of pages) {
        const context = await contextFor(browser, p.state, lang, lang === "ar" ? 390 : 1280);
        const page = await context.newPage();
        await visit(page, p.path);
        // The correction form open too, so its fields are checked.
        const correct = page.locator("details.cycle-edit > summary", { hasText: /Correct this cycle|صحّح هذه الدورة/ });
        if (await correct.count()) await correct.click();
        for (const v of await seriousViolations(page)) found.push(`${p.name} (${lang}): ${v}`);
        if (p.name === "open cycle")
          await page.screenshot({ path: `${SHOTS}/cycle-open-member-${lang === "ar" ? "390-ar" : "1280-en"}-axe.png`, fullPage: true });
        await context.close();
      }
    }
    expect(found).toEqual([]);
  });
});
