// Challenges and moderation in real browsers: the key test — a member has the challenge board
// open (real collab) while a facilitator, in another browser, approves a phone idea from the
// queue: the note appears on the member's board without a reload, and an edit for anonymity
// follows it there. A facilitator opens a challenge from an insight's question; closes and
// replaces its public link (the old link stops working at once); the challenge page and the
// queue in Arabic at 390 px pass axe. Rows the phone form would make are seeded directly
// (tests/e2e/support/ideas-seed.ts); the challenge for the live test too (support/challenges.ts).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { newApi, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { contextFor, newGroup, type Group } from "./support/purpose";
import { seedChallenge } from "./support/challenges";
import { seedInsight, seedPendingIdeas } from "./support/ideas-seed";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.SHOTS_DIR ?? path.resolve(import.meta.dirname, "..", ".tmp", "shots");
fs.mkdirSync(SHOTS, { recursive: true });

/** A date "YYYY-MM-DD" `days` from now. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The card of one idea in the queue (found by its text). */
const ideaCard = (page: Page, text: string) => page.locator("article.review-card").filter({ has: page.locator("blockquote", { hasText: text }) });

test.describe("challenges and moderation", () => {
  test.describe.configure({ mode: "serial" });
  let group: Group;
  let facilitatorState: StorageState;

  test.beforeAll(async ({ auth }) => {
    facilitatorState = await auth.state("facilitator");
    const api = await newApi(facilitatorState);
    group = await newGroup(api);
    await api.dispose();
  });

  test("approving a phone idea puts it on the board a member has open, at once; an edit for anonymity follows", async ({ browser }) => {
    test.setTimeout(120_000);
    const challenge = seedChallenge(group.localityId, { question: "How might we help new parents meet each other?" });
    const text = "A walking bus from Alder Road to the children's centre, with Mrs Begum leading";
    const anonymous = "A walking bus to the children's centre, led by a parent volunteer";
    const { ideaIds } = seedPendingIdeas(challenge.challengeId, [
      { text, language: "en", contributorName: "Huda", contributorContact: "07700 900123", spamSignals: ["links"], photo: true },
      { text: "زيارات منزلية للأمهات الجدد", language: "ar" },
    ]);
    const base = `/l/${group.localityId}`;

    // The member, on the live board.
    const memberContext = await contextFor(browser, group.member.state);
    const board = await memberContext.newPage();
    await board.goto(`${base}/boards/${challenge.boardId}`);
    await expect(board.locator(".board-app")).toBeVisible({ timeout: 15_000 });
    await expect(board.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await board.evaluate(() => ((window as unknown as { __stillHere: boolean }).__stillHere = true));
    await expect(board.getByText(text, { exact: true })).toHaveCount(0);

    // The facilitator, in another browser, on the queue.
    const facilitatorContext = await contextFor(browser, facilitatorState);
    const queue = await facilitatorContext.newPage();
    await queue.goto(`${base}/challenges/${challenge.challengeId}/moderation`);
    await hydrated(queue);
    await expect(queue.getByRole("heading", { name: "Waiting for a decision (2)" })).toBeVisible();
    const card = ideaCard(queue, text);
    await expect(card.getByText("Huda")).toBeVisible();
    await expect(card.getByText("07700 900123")).toBeVisible();
    await expect(card.getByText("Contains web links.")).toBeVisible();
    const photo = card.getByRole("img", { name: "Photo sent with this idea (opens full size)" });
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await card.getByRole("button", { name: "Approve and put on the board" }).click();
    await expect(queue.getByRole("status").getByText("Approved: the idea is on the board.")).toBeVisible();
    await expect(queue.getByRole("heading", { name: "Waiting for a decision (1)" })).toBeVisible();

    // On the member's open board, without a reload.
    await expect(board.locator(".board-app").getByText(text, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
    expect(await board.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);

    // The facilitator edits it for anonymity: the member's board follows.
    const published = ideaCard(queue, text);
    await published.locator("summary", { hasText: "Edit for anonymity" }).click();
    await published.getByLabel("Text on the board").fill(anonymous);
    await published.getByRole("button", { name: "Save the edited text" }).click();
    await expect(queue.getByRole("status").getByText("The text was changed on the record and on the board.")).toBeVisible();
    await expect(board.locator(".board-app").getByText(anonymous, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
    await expect(board.locator(".board-app").getByText(text, { exact: true })).toHaveCount(0);
    expect(await board.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);

    // Rejecting needs a reason: the message appears beside the field (the browser's own check is bypassed to reach the server's).
    const arabic = ideaCard(queue, "زيارات منزلية للأمهات الجدد");
    await arabic.locator("textarea[name=reason]").evaluate((el: HTMLTextAreaElement) => el.removeAttribute("required"));
    await arabic.getByRole("button", { name: "Reject" }).click();
    await expect(ideaCard(queue, "زيارات منزلية للأمهات الجدد").getByText("Give a reason: the sender will read it.")).toBeVisible();
    expect(ideaIds).toHaveLength(2);

    await queue.setViewportSize({ width: 1280, height: 900 });
    await queue.screenshot({ path: path.join(SHOTS, "challenges-queue-1280-en.png"), fullPage: true });
    await board.screenshot({ path: path.join(SHOTS, "challenges-board-with-idea-1280-en.png") });
    await memberContext.close();
    await facilitatorContext.close();
  });

  test("a facilitator opens an insight's question as a challenge; bad input is explained beside the field", async ({ browser }) => {
    test.setTimeout(90_000);
    const question = "How might we make the children's centre easier to find?";
    const { insightId } = seedInsight(group.localityId, "Parents new to the area do not know where the centre is.", [
      question,
      "How might we welcome fathers too?",
    ]);
    const base = `/l/${group.localityId}`;
    const context = await contextFor(browser, facilitatorState);
    const page = await context.newPage();
    await page.goto(`${base}/insights/${insightId}`);
    await hydrated(page);
    await page.getByRole("link", { name: `Open as a challenge: ${question}` }).click();
    await expect(page.getByRole("heading", { name: "Open a challenge", level: 1 })).toBeVisible();
    await hydrated(page);
    const questionBox = page.getByLabel("Question", { exact: true });
    await expect(questionBox).toHaveValue(question);
    await expect(page.getByRole("checkbox", { name: "English" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "العربية" })).toBeChecked();

    // Bad input: no question, a past date, no language.
    await questionBox.fill("");
    await page.getByLabel("Closing date (optional)").fill(dayFromNow(-3));
    await page.getByRole("checkbox", { name: "English" }).uncheck();
    await page.getByRole("checkbox", { name: "العربية" }).uncheck();
    await page.getByRole("button", { name: "Open the challenge" }).click();
    await expect(page.getByText("Write the question.")).toBeVisible();
    await expect(page.getByText("The closing date must be today or later.")).toBeVisible();
    await expect(page.getByText("Choose at least one language.")).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, "challenges-new-errors-1280-en.png"), fullPage: true });

    await questionBox.fill(question);
    await page.getByLabel("Closing date (optional)").fill(dayFromNow(21));
    await page.getByRole("checkbox", { name: "العربية" }).check();
    await page.getByRole("button", { name: "Open the challenge" }).click();
    await expect(page.getByRole("heading", { name: question, level: 1 })).toBeVisible();
    await expect(page.getByText("The challenge is open. Share its link or print its poster.")).toBeVisible();
    await expect(page.getByText("Offered in: Arabic")).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the board" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Moderation queue \(0 waiting\)$/ })).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, "challenges-page-1280-en.png"), fullPage: true });

    // The insight page now links to it; the list no longer offers the question.
    await page.goto(`${base}/insights/${insightId}`);
    await expect(page.getByRole("link", { name: "Opened as a challenge →" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open as a challenge: How might we welcome fathers too?" })).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, "challenges-insight-page-1280-en.png"), fullPage: true });
    await page.goto(`${base}/challenges`);
    await expect(page.getByRole("heading", { name: question, level: 2 })).toBeVisible();
    await expect(page.getByRole("link", { name: `Open as a challenge: ${question}` })).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, "challenges-list-1280-en.png"), fullPage: true });

    // A member sees the challenge but not the facilitator's controls.
    const memberContext = await contextFor(browser, group.member.state);
    const member = await memberContext.newPage();
    await member.goto(`${base}/challenges`);
    await expect(member.getByRole("heading", { name: question, level: 2 })).toBeVisible();
    await expect(member.getByRole("link", { name: /^Open as a challenge/ })).toHaveCount(0);
    await expect(member.getByRole("link", { name: /Moderation queue/ })).toHaveCount(0);
    await memberContext.close();
    await context.close();
  });

  test("closing and replacing the public link: the old link stops working at once", async ({ browser }) => {
    test.setTimeout(90_000);
    const challenge = seedChallenge(group.localityId, { question: "How might we share lifts to the clinic?" });
    const base = `/l/${group.localityId}`;
    const context = await contextFor(browser, facilitatorState);
    const page = await context.newPage();
    await page.goto(`${base}/challenges/${challenge.challengeId}`);
    await hydrated(page);
    const linkField = page.getByLabel("Link to share");
    const oldLink = await linkField.inputValue();
    expect(oldLink).toMatch(new RegExp(`/i/${challenge.linkCode}$`));
    const anon = await newApi();
    expect((await anon.get(`/i/${challenge.linkCode}`)).status()).toBe(200);

    await page.getByRole("button", { name: "Close the link now" }).click();
    await expect(page.getByText("The public link is closed: it takes no ideas until you reopen it.")).toBeVisible();
    await expect(page.locator(".public-link .link-state")).toHaveText("Link closed");
    expect((await anon.get(`/i/${challenge.linkCode}`)).status()).toBe(410);
    await page.getByRole("button", { name: "Reopen the link" }).click();
    await expect(page.locator(".public-link .link-state")).toHaveText("Link open");
    expect((await anon.get(`/i/${challenge.linkCode}`)).status()).toBe(200);

    await page.getByRole("link", { name: "Replace the link…" }).click();
    const confirm = page.getByRole("region", { name: "Replace the link with a new one?" });
    await expect(confirm.getByText(/the printed posters/)).toBeVisible();
    await confirm.getByRole("button", { name: "Yes, replace the link" }).click();
    await expect(page.getByText(/The link was replaced\. The old link and the printed posters no longer work/)).toBeVisible();
    const newLink = await page.getByLabel("Link to share").inputValue();
    expect(newLink).not.toBe(oldLink);
    expect(newLink).toMatch(/\/i\/[23456789abcdefghjkmnpqrstuvwxyz]{8}$/);
    expect((await anon.get(`/i/${challenge.linkCode}`)).status()).toBe(404);
    expect((await anon.get(new URL(newLink).pathname)).status()).toBe(200);
    await anon.dispose();
    await context.close();
  });

  test("Arabic on a phone (390 px): the challenge page and the queue read right to left and pass axe", async ({ browser }) => {
    test.setTimeout(90_000);
    const challenge = seedChallenge(group.localityId, { question: "كيف يمكننا مساعدة الأهالي الجدد على التعارف؟" });
    seedPendingIdeas(challenge.challengeId, [
      {
        text: "مقهى صباحي للأمهات كل يوم جمعة في المركز",
        language: "ar",
        contributorName: "هدى",
        contributorContact: "huda@example.test",
        spamSignals: ["fast", "burst"],
        photo: true,
      },
      { text: "A toy library at the school gate", language: "en" },
    ]);
    const base = `/l/${group.localityId}`;
    const context = await contextFor(browser, facilitatorState, "ar", { width: 390, height: 844 });
    const page = await context.newPage();

    await page.goto(`${base}/challenges/${challenge.challengeId}`);
    await hydrated(page);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { name: "الرابط العام" })).toBeVisible();
    await expect(page.getByRole("link", { name: "قائمة المراجعة (فكرتان بالانتظار)" })).toBeVisible();
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "challenges-page-390-ar.png"), fullPage: true });

    await page.goto(`${base}/challenges/${challenge.challengeId}/moderation`);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "بانتظار القرار (فكرتان)" })).toBeVisible();
    await expect(page.getByText("أُرسلت بعد ثوانٍ من فتح الصفحة، أسرع مما يكتب الإنسان.")).toBeVisible();
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "challenges-queue-390-ar.png"), fullPage: true });

    await page.goto(`${base}/challenges`);
    await hydrated(page);
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "challenges-list-390-ar.png"), fullPage: true });

    await page.goto(`${base}/challenges/${challenge.challengeId}?confirm=rotate`);
    await hydrated(page);
    await noSideScroll(page, 390);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
