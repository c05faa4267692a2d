// Ideas as records in a real browser: three members report a published idea and, after the third,
// it is gone from the ideas list and from the board open in another browser; a member's note
// written on a challenge board becomes a record in the list, which a facilitator shortlists and
// promotes to a prototype; a bilingual member adds an English translation to an Arabic idea, shown
// side by side with the right lang and dir (and, without JavaScript, an empty translation gets its
// message beside the field); the list and record pages at 390 px in Arabic pass axe. Published
// ideas are seeded straight into the database (tests/e2e/support/idea-records-seed.ts).
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createAccountFromInvite, createInvite, createLocality, newApi, unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { seedIdeas } from "./support/idea-records-seed";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.C2_SHOTS ?? "/tmp/c2-shots";
fs.mkdirSync(SHOTS, { recursive: true });

type Person = { name: string; state: StorageState };

async function contextFor(browser: Browser, state: StorageState, lang: "en" | "ar" = "en", width = 1280, javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 }, javaScriptEnabled });
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** Opens a board in the outline view (a list of notes by cluster), ready for edits. */
async function openBoard(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator(".board-app")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".board-status")).toHaveText(/Saved|تم الحفظ/, { timeout: 15_000 });
  const outline = page.getByRole("button", { name: /^(Outline|قائمة)$/ });
  if ((await outline.getAttribute("aria-pressed")) !== "true") await outline.click();
  await expect(page.locator(".board-outline")).toBeVisible({ timeout: 15_000 });
}

test.describe("ideas as records", () => {
  test.describe.configure({ mode: "serial" });
  let localityId = "";
  let author: Person;
  let reporters: Person[] = [];
  let bilingual: Person;
  let facilitatorState: StorageState;

  test.beforeAll(async ({ auth }) => {
    test.setTimeout(120_000);
    facilitatorState = await auth.state("facilitator");
    const api = await newApi(facilitatorState);
    localityId = await createLocality(api, unique("Ideas locality"));
    const join = async (name: string): Promise<Person> => {
      const account = await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name });
      return { name, state: account.state };
    };
    author = await join(`Author ${unique("a").slice(-5)}`);
    reporters = [
      await join(`Reporter One ${unique("r").slice(-5)}`),
      await join(`Reporter Two ${unique("r").slice(-5)}`),
      await join(`Reporter Three ${unique("r").slice(-5)}`),
    ];
    bilingual = await join(`Huda Bilingual ${unique("b").slice(-5)}`);
    await api.dispose();
  });

  test("three members report a published idea: after the third it leaves the list and the board open elsewhere", async ({ browser }) => {
    test.setTimeout(120_000);
    const seeded = seedIdeas(localityId, [
      { text: "Ring the doorbells of new families at 6am to welcome them", language: "en" },
      { text: "A welcome pack from the children's centre", language: "en" },
    ]);
    const [reported, stays] = seeded.ideas;
    const base = `/l/${localityId}`;

    // The author watches the challenge's board in their own browser.
    const watcher = await contextFor(browser, author.state);
    const board = await watcher.newPage();
    await openBoard(board, `${base}/boards/${seeded.boardId}`);
    await expect(board.locator(".board-outline").getByText(reported!.text, { exact: true })).toBeVisible();

    for (const [i, reporter] of reporters.entries()) {
      const context = await contextFor(browser, reporter.state);
      const page = await context.newPage();
      await page.goto(`${base}/ideas/${reported!.id}`);
      await hydrated(page);
      await expect(page.getByRole("heading", { level: 1, name: reported!.title })).toBeVisible();
      await page.getByLabel("Reason (optional)").fill(i === 0 ? "Not kind to new families" : "");
      await page.getByRole("button", { name: "Report idea" }).click();
      await expect(page.getByRole("status").getByText("Thanks — a facilitator will review it.")).toBeVisible();
      if (i < 2) {
        // Still listed after one or two reports.
        await page.goto(`${base}/ideas`);
        await expect(page.getByRole("link", { name: reported!.title })).toBeVisible();
      } else {
        // The third: back on the list, which no longer has it.
        await expect(page).toHaveURL(new RegExp(`${base}/ideas\\?reported=1$`));
        await expect(page.getByRole("link", { name: stays!.title })).toBeVisible();
        await expect(page.getByRole("link", { name: reported!.title })).toHaveCount(0);
        // Opening it now finds nothing.
        const res = await page.goto(`${base}/ideas/${reported!.id}`);
        expect(res?.status()).toBe(404);
      }
      await context.close();
    }
    // The board in the other browser dropped the note live; the other idea stays.
    await expect(board.locator(".board-outline").getByText(reported!.text, { exact: true })).toHaveCount(0, { timeout: 15_000 });
    await expect(board.locator(".board-outline").getByText(stays!.text, { exact: true })).toBeVisible();
    await watcher.close();

    // A facilitator still opens it: hidden after reports, waiting for review.
    const fac = await contextFor(browser, facilitatorState);
    const page = await fac.newPage();
    await page.goto(`${base}/ideas/${reported!.id}`);
    await expect(page.getByText("Hidden after reports, waiting for a facilitator's review")).toBeVisible();
    await expect(page.getByText("3 reports")).toBeVisible();
    await fac.close();
  });

  test("a note written on a challenge board becomes an idea record; a facilitator shortlists and promotes it", async ({ browser }) => {
    test.setTimeout(120_000);
    const seeded = seedIdeas(localityId, [], { question: "How might we get children to school safely?" });
    const base = `/l/${localityId}`;
    const text = `Walking bus from the park ${unique("w").slice(-4)}`;

    const memberContext = await contextFor(browser, author.state);
    const board = await memberContext.newPage();
    await openBoard(board, `${base}/boards/${seeded.boardId}`);
    await board.getByLabel("Note", { exact: true }).fill(text);
    await board.getByRole("button", { name: "Add note" }).click();
    await expect(board.locator(".board-outline").getByText(text, { exact: true })).toBeVisible();
    await expect(board.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });

    // The collab server stores it, then the sync makes the record (within a second or two).
    const list = await memberContext.newPage();
    await expect(async () => {
      await list.goto(`${base}/ideas?challenge=${seeded.challengeId}`);
      await expect(list.getByRole("link", { name: text })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    const card = list.locator(".idea-card").filter({ hasText: text });
    await expect(card.getByText("From the board")).toBeVisible();
    await expect(card.locator(".idea-status")).toHaveText(/New$/);
    await memberContext.close();

    const fac = await contextFor(browser, facilitatorState);
    const page = await fac.newPage();
    await page.goto(`${base}/ideas?challenge=${seeded.challengeId}`);
    await hydrated(page);
    await page.getByRole("link", { name: text }).click();
    await expect(page.getByRole("heading", { level: 1, name: text })).toBeVisible();
    await hydrated(page);
    // Not shortlisted yet: promotion waits.
    await expect(page.getByText("Shortlist the idea first")).toBeVisible();
    await expect(page.getByRole("button", { name: "Promote to a prototype" })).toBeDisabled();
    await page.getByLabel("Change the status to").selectOption({ label: "Shortlisted" });
    await page.getByRole("button", { name: "Change status" }).click();
    await expect(page.getByRole("status").getByText("Status changed.")).toBeVisible();
    await expect(page.locator(".idea-facts .idea-status")).toContainText("Shortlisted");
    await page.getByRole("button", { name: "Promote to a prototype" }).click();
    await expect(page.getByRole("status").getByText("Promoted: the prototype is on the prototypes list.")).toBeVisible();
    await expect(page.locator(".idea-facts .idea-status")).toContainText("Prototyping");
    await expect(page.locator(".idea-history")).toContainText("Promoted to a prototype");
    await page.screenshot({ path: `${SHOTS}/idea-record-facilitator-1280-en.png`, fullPage: true });

    await page.goto(`${base}/ideas`);
    await page.locator(".idea-links").getByRole("link", { name: "Prototypes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Prototypes" })).toBeVisible();
    // In the "Planned" column of the board: its title links to its page, and it says which idea it came from.
    const prototype = page
      .getByRole("region", { name: /^Planned/ })
      .locator(".prototype-card")
      .filter({ hasText: text });
    await expect(prototype).toHaveCount(1);
    await expect(prototype.getByRole("heading", { name: text }).getByRole("link")).toHaveAttribute("href", /\/prototypes\/[A-Za-z0-9_-]+$/);
    await expect(prototype.locator(".prototype-origin").getByRole("link", { name: text })).toHaveAttribute("href", /\/ideas\//);
    await page.screenshot({ path: `${SHOTS}/prototypes-1280-en.png`, fullPage: true });
    await fac.close();
  });

  test("a bilingual member adds an English translation to an Arabic idea: side by side, each with its language and direction", async ({ browser }) => {
    test.setTimeout(90_000);
    const arabic = "نقترح مجموعة للأمهات الجدد تلتقي كل أسبوع في مركز الأطفال";
    const seeded = seedIdeas(localityId, [{ text: arabic, language: "ar", title: "مجموعة للأمهات الجدد" }]);
    const idea = seeded.ideas[0]!;
    const path = `/l/${localityId}/ideas/${idea.id}`;

    // Without JavaScript: a translation left empty gets its message beside the field; the choice is kept.
    // (The original's own language is not offered; the server refuses it too — integration test.)
    const nojs = await contextFor(browser, bilingual.state, "en", 1280, false);
    const plain = await nojs.newPage();
    await plain.goto(path);
    await expect(plain.getByLabel("Language", { exact: true }).locator("option", { hasText: "Arabic" })).toHaveCount(0);
    await plain.getByLabel("Language", { exact: true }).selectOption("en");
    await plain.getByLabel("Translation", { exact: true }).fill("   ");
    await plain.getByRole("button", { name: "Save translation" }).click();
    await expect(plain.getByText("Write the translation.")).toBeVisible();
    await expect(plain.getByLabel("Translation", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(plain.getByLabel("Language", { exact: true })).toHaveValue("en");
    await nojs.close();

    const context = await contextFor(browser, bilingual.state);
    const page = await context.newPage();
    await page.goto(path);
    await hydrated(page);
    await page.getByLabel("Language", { exact: true }).selectOption("en");
    await page.getByLabel("Translation", { exact: true }).fill("We suggest a group for new mums that meets every week at the children's centre");
    await page.getByRole("button", { name: "Save translation" }).click();
    await expect(page.getByRole("status").getByText("Translation saved.")).toBeVisible();

    const original = page.locator(".idea-text.original .idea-text-body");
    const translation = page.locator(".idea-text.translation .idea-text-body");
    await expect(original).toHaveText(arabic);
    await expect(original).toHaveAttribute("lang", "ar");
    await expect(original).toHaveAttribute("dir", "rtl");
    await expect(translation).toHaveAttribute("lang", "en");
    await expect(translation).toHaveAttribute("dir", "ltr");
    await expect(page.locator(".idea-text.original .idea-text-label")).toHaveText("Original · Arabic");
    await expect(page.locator(".idea-text.translation .idea-text-label")).toHaveText(`English · Human translation by ${bilingual.name}`);
    // Side by side on a wide screen: one row, two columns.
    const [a, b] = [await original.boundingBox(), await translation.boundingBox()];
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(4);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    // The list shows both too, and one idea (votes count once).
    await page.goto(`/l/${localityId}/ideas?challenge=${seeded.challengeId}`);
    await expect(page.locator(".idea-card")).toHaveCount(1);
    await expect(page.locator('.idea-card [lang="en"][dir="ltr"]')).toHaveText(/new mums/);
    await page.screenshot({ path: `${SHOTS}/ideas-list-1280-en.png`, fullPage: true });
    await context.close();
  });

  test("the list and an idea's page at 390 px in Arabic: no side scroll, no serious axe findings", async ({ browser }) => {
    test.setTimeout(90_000);
    const seeded = seedIdeas(localityId, [
      { text: "نقترح حافلة مشي صباحية من الحديقة إلى المدرسة مع أولياء الأمور بالتناوب", language: "ar" },
      { text: "Homework club at the library on Tuesdays", language: "en" },
    ]);
    const context = await contextFor(browser, author.state, "ar", 390);
    const page = await context.newPage();
    await page.goto(`/l/${localityId}/ideas`);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "الأفكار" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/ideas-list-390-ar.png`, fullPage: true });

    await page.goto(`/l/${localityId}/ideas/${seeded.ideas[1]!.id}`);
    await hydrated(page);
    await expect(page.locator(".idea-text.original .idea-text-body")).toHaveAttribute("dir", "ltr");
    // A form error shows beside its field in Arabic too.
    await page.getByRole("button", { name: "أضف تعليقًا" }).click();
    await expect(page.getByText("اكتب تعليقًا.")).toBeVisible();
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/idea-record-390-ar.png`, fullPage: true });

    await page.goto(`/l/${localityId}/prototypes`);
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/prototypes-390-ar.png`, fullPage: true });
    await context.close();
  });
});
