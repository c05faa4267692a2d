// Synthesis in a real browser: a member sends excerpts to a new analysis board, sees them as
// notes there, clusters two of them with the board's outline controls, turns the cluster into
// an insight with two "How might we…?" questions and sees what stands behind it; a viewer only
// reads; the pages at 390 px in Arabic pass axe. Stories and excerpts are made directly in a
// throwaway locality (tests/e2e/support/insights.ts).
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { newApi, unique } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { contextFor, newGroup, type Group } from "./support/purpose";
import { seedExcerpts, type SeededExcerpts } from "./support/insights";

expect.configure({ timeout: 10_000 });
const SHOTS = path.resolve(import.meta.dirname, "..", ".tmp", "shots");

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe("insights", () => {
  test.describe.configure({ mode: "serial" });
  let group: Group;
  let seeded: SeededExcerpts;
  let insightPath = "";

  test.beforeAll(async ({ auth }) => {
    const api = await newApi(await auth.state("facilitator"));
    group = await newGroup(api);
    await api.dispose();
    seeded = seedExcerpts(group.localityId);
  });

  test("a member sends excerpts to a new analysis board, clusters them there and turns the cluster into an insight", async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await contextFor(browser, group.member.state);
    const page = await context.newPage();
    const base = `/l/${group.localityId}`;

    // Send: the excerpts are listed redacted; tick two; a new analysis board.
    await page.goto(`${base}/analysis/send`);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Send excerpts to a board", level: 1 })).toBeVisible();
    for (const e of seeded.excerpts) await expect(page.getByText(e.quote, { exact: true })).toBeVisible();
    const html = await page.content();
    for (const secret of seeded.secrets) expect(html).not.toContain(secret);
    await page.screenshot({ path: `${SHOTS}/insights-send-1280-en.png`, fullPage: true });

    // Nothing ticked: a message by the list, nothing lost.
    await page.getByRole("radio", { name: "A new analysis board" }).check();
    await page.getByLabel("Title of the new board").fill("Our analysis board");
    await page.getByRole("button", { name: "Send to the board" }).click();
    await expect(page.getByText("Choose at least one excerpt.")).toBeVisible();
    await expect(page.getByLabel("Title of the new board")).toHaveValue("Our analysis board");

    const [gate, rashid] = [seeded.excerpts[0]!, seeded.excerpts[2]!];
    await page.getByRole("checkbox", { name: new RegExp(`^${gate.quote}`) }).check();
    await page.getByRole("checkbox", { name: new RegExp(`^${rashid.quote.replace(/[[\]]/g, "\\$&")}`) }).check();
    await page.getByRole("button", { name: "Send to the board" }).click();
    await expect(page).toHaveURL(new RegExp(`${base}/boards/[A-Za-z0-9_-]+$`), { timeout: 15_000 });
    const boardPath = new URL(page.url()).pathname;

    // The board shows them as notes (the quote, then who told it).
    await expect(page.locator(".board-app")).toBeVisible({ timeout: 15_000 });
    const outline = page.getByRole("button", { name: "Outline" });
    if ((await outline.getAttribute("aria-pressed")) !== "true") await outline.click();
    await expect(page.locator(".board-outline")).toBeVisible({ timeout: 15_000 });
    const gateNote = `${gate.quote} — Parent A`;
    const rashidNote = `${rashid.quote} — Grandparent B`;
    await expect(page.getByText(gateNote, { exact: true })).toBeVisible();
    await expect(page.getByText(rashidNote, { exact: true })).toBeVisible();

    // Cluster them with the outline's controls.
    await page.getByLabel("New cluster").fill("Nobody to turn to");
    await page.getByRole("button", { name: "Add cluster" }).click();
    await expect(page.getByRole("region", { name: /^Nobody to turn to/ })).toBeVisible();
    for (const note of [gateNote, rashidNote]) {
      // The controls name the note by its first words.
      const start = note.slice(0, 24).replace(/[[\]]/g, "\\$&");
      const move = page.getByLabel(new RegExp(`^Move note to: ${start}`));
      await move.focus();
      await move.selectOption({ label: "Nobody to turn to" });
      await page.getByRole("button", { name: new RegExp(`^Move note: ${start}`) }).click();
      await expect(page.getByRole("region", { name: /^Nobody to turn to/ }).getByText(note, { exact: true })).toBeVisible();
    }
    await expect(page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/insights-board-1280-en.png`, fullPage: true });

    // Turn the cluster into an insight.
    await page.getByRole("link", { name: "Turn a cluster into an insight" }).click();
    await expect(page).toHaveURL(new RegExp(`${base}/insights/new\\?board=`));
    await hydrated(page);
    await expect(page.getByLabel("Cluster", { exact: true })).toContainText("Nobody to turn to (2 excerpts)");
    await page.getByLabel("Cluster", { exact: true }).selectOption({ label: "Nobody to turn to (2 excerpts)" });
    await page.getByRole("button", { name: "Use this cluster" }).click();
    await expect(page.getByText(`Evidence from the cluster “Nobody to turn to” on Our analysis board.`)).toBeVisible();
    await hydrated(page);
    // The evidence is the cluster's excerpts, all ticked.
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${gate.quote}`) })).toBeChecked();
    await expect(page.getByRole("checkbox")).toHaveCount(2);
    const statement = page.getByLabel("What did we learn?");
    await expect(statement).toHaveAttribute("placeholder", "We learned that…");
    await statement.fill("We learned that parents new to the area have nobody to turn to, and a single friendly contact makes all the difference.");
    await page.getByLabel("Question 1").fill("How might we help new parents meet someone at the school gate?");
    await page.getByRole("button", { name: "Add another question" }).click();
    await expect(page.getByLabel("Question 2")).toBeFocused();
    await page.getByLabel("Question 2").fill("How might we make sure every family has one person who rings back?");
    await page.getByRole("radio", { name: /^Medium/ }).check();
    await page.screenshot({ path: `${SHOTS}/insights-new-1280-en.png`, fullPage: true });
    await page.getByRole("button", { name: "Save insight" }).click();

    await expect(page).toHaveURL(new RegExp(`${base}/insights/[A-Za-z0-9_-]+\\?saved=1$`));
    insightPath = new URL(page.url()).pathname;
    await expect(page.getByText("Insight saved.")).toBeVisible();
    await expect(page.getByText("2 excerpts from 2 stories told by 2 storytellers")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "How might we make sure every family has one person who rings back?" })).toBeVisible();
    await expect(page.getByText(gate.quote, { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Made from a cluster on the board Our analysis board" })).toHaveAttribute("href", boardPath);
    const insightHtml = await page.content();
    for (const secret of seeded.secrets) expect(insightHtml).not.toContain(secret);
    await page.screenshot({ path: `${SHOTS}/insights-insight-1280-en.png`, fullPage: true });

    // The list's card says the same.
    await page.getByRole("link", { name: "All insights" }).click();
    await expect(page.getByRole("article").filter({ hasText: "nobody to turn to" })).toContainText("2 excerpts from 2 stories told by 2 storytellers");
    await context.close();
  });

  test("a viewer reads insights and the report, and cannot send or write", async ({ browser }) => {
    expect(insightPath, "the member's test made an insight").toMatch(/\/insights\//);
    const context = await contextFor(browser, group.viewer.state);
    const page = await context.newPage();
    const base = `/l/${group.localityId}`;
    await page.goto(`${base}/insights`);
    await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    await expect(page.getByText("2 excerpts from 2 stories told by 2 storytellers")).toBeVisible();
    await expect(page.getByRole("link", { name: "New insight" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Send excerpts to a board" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Download CSV" })).toHaveCount(0);
    await page.goto(insightPath);
    await expect(page.getByRole("link", { name: "Edit insight" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete insight" })).toHaveCount(0);
    expect((await page.goto(`${base}/analysis/send`))?.status()).toBe(403);
    expect((await page.goto(`${base}/insights/new`))?.status()).toBe(403);
    expect((await page.goto(`${base}/insights/export`))?.status()).toBe(403);
    // The report quotes only stories whose consent covers quotes: Grandparent B's is core group only.
    await page.goto(`${base}/insights/report`);
    await expect(page.getByText(seeded.excerpts[0]!.quote, { exact: true })).toBeVisible();
    await expect(page.getByText(seeded.excerpts[2]!.quote)).toHaveCount(0);
    await expect(page.getByText("quote not shared: consent covers analysis by the core group only")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/insights-report-1280-en.png`, fullPage: true });
    // On paper: the report without the site's header, menus and buttons.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(page.getByRole("heading", { name: "Insights report", level: 1 })).toBeVisible();
    await context.close();
  });

  test("without JavaScript: five question fields, bad input keeps what was typed, and the insight is saved", async ({ browser }) => {
    const context = await browser.newContext({ storageState: group.member.state, javaScriptEnabled: false });
    const page = await context.newPage();
    const base = `/l/${group.localityId}`;
    await page.goto(`${base}/insights/new`);
    for (let n = 1; n <= 5; n++) await expect(page.getByLabel(`Question ${n}`, { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add another question" })).toHaveCount(0);
    const statement = "We learned that parents do not know who to ask about nursery places.";
    await page.getByLabel("What did we learn?").fill(statement);
    await page.getByLabel("Question 1", { exact: true }).fill("How might we answer nursery questions at the gate?");
    await page.getByRole("radio", { name: /^Low/ }).check();
    // No evidence ticked: the server says so next to the list, and keeps the rest.
    await page.getByRole("button", { name: "Save insight" }).click();
    await expect(page.getByText("Choose at least one excerpt as evidence.")).toBeVisible();
    await expect(page.getByLabel("What did we learn?")).toHaveValue(statement);
    await expect(page.getByLabel("Question 1", { exact: true })).toHaveValue("How might we answer nursery questions at the gate?");
    await expect(page.getByRole("radio", { name: /^Low/ })).toBeChecked();
    await page.getByRole("checkbox", { name: new RegExp(`^${seeded.excerpts[1]!.quote}`) }).check();
    await page.getByRole("button", { name: "Save insight" }).click();
    await expect(page).toHaveURL(new RegExp(`${base}/insights/[A-Za-z0-9_-]+\\?saved=1$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(statement);
    await expect(page.getByText("1 excerpt from 1 story told by 1 storyteller")).toBeVisible();
    await context.close();
  });

  test("at 390 px in Arabic the pages fit, read right to left and pass axe", async ({ browser }) => {
    expect(insightPath).toMatch(/\/insights\//);
    const context = await contextFor(browser, group.member.state, "ar", { width: 390, height: 844 });
    const page = await context.newPage();
    const base = `/l/${group.localityId}`;
    const pages: Array<[string, string, string]> = [
      [`${base}/insights`, "الاستنتاجات", "insights-list"],
      [insightPath, "", "insights-insight"],
      [`${base}/insights/new`, "استنتاج جديد", "insights-new"],
      [`${base}/analysis/send`, "أرسل مقتطفات إلى لوحة", "insights-send"],
      [`${base}/insights/report`, "تقرير الاستنتاجات", "insights-report"],
    ];
    for (const [url, heading, shot] of pages) {
      await page.goto(url);
      await hydrated(page);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      if (heading) await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      await noSideScroll(page, 390);
      expect(await seriousViolations(page), url).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/${shot}-390-ar.png`, fullPage: true });
    }
    // Arabic plural forms: two excerpts, two stories, two storytellers.
    await page.goto(insightPath);
    // (Arabic strings isolate their placeholders with U+2068 … U+2069.)
    await expect(page.locator(".evidence-summary")).toHaveText(/^مقتطفان من \u2068?قصتين\u2069? رواها \u2068?راويان\u2069?$/);
    // Bad input in Arabic: the message is next to the field and nothing typed is lost.
    await page.goto(`${base}/insights/new`);
    await hydrated(page);
    await page.getByLabel("ماذا تعلّمنا؟").fill(unique("تعلّمنا أن"));
    await page.getByRole("button", { name: "احفظ الاستنتاج" }).click();
    await expect(page.getByText("اكتب سؤالًا واحدًا على الأقل من نوع «كيف يمكننا…؟».")).toBeVisible();
    await expect(page.getByText("اختر مقتطفًا واحدًا على الأقل دليلًا.")).toBeVisible();
    await expect(page.getByLabel("ماذا تعلّمنا؟")).toHaveValue(/^تعلّمنا أن/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
