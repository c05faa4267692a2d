// Session plans in the browser: a facilitator applies "Ideas day" to a session (warned that it is
// longer than the session), starts it and steps through it while a member and a viewer have the
// step's board open: both see the prompt and the timer change with each step. The run sheet at
// 390 and 1280 px in English and Arabic, with axe on it and on the plan page.
import fs from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { SAME_ORIGIN, unique, withLanguage } from "./support/app";
import { hydrated, visit } from "./support/page";
import { sessionDate } from "./support/workshops";
import { seedQuestion } from "./support/session-plans";
import { seriousViolations } from "./support/axe";

const SHOTS = "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });

async function newSession(api: APIRequestContext, localityId: string, durationMinutes: string) {
  const res = await api.post(`/l/${localityId}/workshops?index`, {
    form: { title: unique("Ideas evening"), startsAt: sessionDate(2, 18), place: "Library", languages: "en", durationMinutes },
    headers: SAME_ORIGIN,
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  return /\/workshops\/([A-Za-z0-9_-]+)$/.exec(res.headers().location ?? "")![1]!;
}

/** The board's prompt and its timer's text, as the page shows them. */
const promptOf = (page: Page) => page.getByTestId("board-prompt");
const timerOf = (page: Page) => page.getByRole("timer");

test.describe("session plans", () => {
  test.use({ as: "facilitator", lang: "en" });

  test("Ideas day: applied, started and stepped through; two browsers on the board follow the prompt and the timer", async ({
    page,
    browser,
    auth,
    ids,
    apiAs,
  }) => {
    const L = ids.longbridge;
    const question = unique("How might we make Sunday evenings easier");
    seedQuestion(L, question);
    const workshopId = await newSession(await apiAs("facilitator"), L, "45");

    await visit(page, `/l/${L}/workshops/${workshopId}/plan`);
    await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Ideas day (60 min, 5 steps)" });
    await page.getByLabel("Question to open as a challenge").selectOption({ label: question });
    await page.getByRole("button", { name: "Use this plan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The plan is in the agenda." })).toBeVisible();
    await expect(page.getByText("new challenges: 1")).toBeVisible();
    await expect(page.getByText("The steps take 60 min: 15 min more than the session's 45 min.").first()).toBeVisible();
    const boardLink = page.getByRole("link", { name: "Board", exact: true }).first();
    const boardPath = await boardLink.getAttribute("href");
    expect(boardPath).toMatch(new RegExp(`^/l/${L}/boards/[A-Za-z0-9_-]+$`));

    await visit(page, `/l/${L}/workshops/${workshopId}`);
    await page.getByRole("button", { name: "Start the session" }).click();
    await expect(page.getByText("Step 1 of 5: Welcome and the question")).toBeVisible();

    // A member and a viewer open the challenge's board.
    const others = await Promise.all(
      (["member", "viewer"] as const).map(async (who) => (await browser.newContext({ storageState: withLanguage(await auth.state(who), "en") })).newPage()),
    );
    for (const other of others) {
      await other.goto(boardPath!);
      await hydrated(other);
      await expect(other.getByText("Saved")).toBeVisible();
    }

    await page.getByRole("button", { name: "Next step" }).click();
    await expect(page.getByText("Step 2 of 5: Silent brainstorm")).toBeVisible();
    for (const other of others) {
      await expect(promptOf(other)).toContainText("On your own, without talking");
      await expect(timerOf(other)).toContainText(/(10:00|9:[0-5]\d)/);
    }
    await others[0]!.screenshot({ path: `${SHOTS}/session-plan-board-prompt-en.png` });
    await page.screenshot({ path: `${SHOTS}/session-plan-running-en.png`, fullPage: true });

    await page.getByRole("button", { name: "Next step" }).click();
    await expect(page.getByText("Step 3 of 5: Share and build on ideas")).toBeVisible();
    for (const other of others) {
      await expect(promptOf(other)).toContainText("Read each other's ideas");
      await expect(timerOf(other)).toContainText(/(20:00|19:[0-5]\d)/);
    }
    await page.getByRole("button", { name: "End the session" }).click();
    await expect(page.getByText("The session is not running.")).toBeVisible();
    for (const other of others) await other.context().close();
  });

  test("the run sheet at 390 and 1280 px in English and Arabic, and the plan page, pass axe", async ({ browser, auth, ids, apiAs }) => {
    const L = ids.longbridge;
    const api = await apiAs("facilitator");
    const workshopId = await newSession(api, L, "90");
    const applied = await api.post(`/l/${L}/workshops/${workshopId}/plan`, {
      form: { intent: "apply", plan: "builtin:strong_round_here" },
      headers: SAME_ORIGIN,
      maxRedirects: 0,
    });
    expect(applied.status()).toBe(200);
    for (const lang of ["en", "ar"] as const) {
      const context = await browser.newContext({ storageState: withLanguage(await auth.state("facilitator"), lang) });
      const page = await context.newPage();
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await visit(page, `/l/${L}/workshops/${workshopId}/run-sheet`);
        await expect(page.getByRole("table")).toBeVisible();
        await expect(page.getByRole("rowheader")).toHaveCount(5);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/run-sheet-${lang}-${width}.png`, fullPage: true });
        if (width === 390) expect(await seriousViolations(page)).toEqual([]);
      }
      await page.emulateMedia({ media: "print" });
      await expect(page.locator(".site-header")).toBeHidden();
      await page.emulateMedia({ media: "screen" });
      await visit(page, `/l/${L}/workshops/${workshopId}/plan`);
      expect(await seriousViolations(page)).toEqual([]);
      if (lang === "ar") await page.screenshot({ path: `${SHOTS}/plan-page-ar-1280.png`, fullPage: true });
      await context.close();
    }
  });
});
