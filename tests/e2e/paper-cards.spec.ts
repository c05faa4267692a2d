// Paper ↔ board in real browsers: a facilitator pastes a list of notes into a new cluster, prints
// the board's notes as cards, and each printed QR code (a screenshot of it, decoded) opens its
// note on the board; a link to a note that is gone says so. Blank cards: the printed QR code
// decodes to the phone page, where a parent types a card in Arabic at 390 px with JavaScript off;
// the facilitator places it and a member's browser on the board sees it arrive. Axe, 390 and
// 1280 px, English and Arabic, with screenshots of each page.
import path from "node:path";
import sharp from "sharp";
import jsQR from "jsqr";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { languageCookie, unique, withLanguage } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { createBoardAs, openBoard } from "./support/board";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.SHOTS_DIR ?? path.resolve(import.meta.dirname, "..", ".tmp", "shots");
const PHONE = { width: 390, height: 844 };

/** Decodes a QR code as the browser drew it: a screenshot of the element, enlarged pixel for pixel. */
async function decodeShown(qr: Locator): Promise<string | null> {
  const png = await qr.screenshot();
  const { data, info } = await sharp(png)
    .resize({ width: 480, kernel: "nearest" })
    .extend({ top: 40, bottom: 40, left: 40, right: 40, background: "#ffffff" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `paper-${name}.png`), fullPage: true });
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe("paper and the board", () => {
  test.use({ as: "facilitator", lang: "en" });

  test("a pasted list lands in a new cluster; printed cards' QR codes open their notes; a gone note says so", async ({ page, ids, auth, context }) => {
    const boardPath = await createBoardAs(auth, ids.longbridge, unique("Wall of hopes"), "exercise");
    await page.goto(`${boardPath}/paper`);
    await hydrated(page);
    const lines = ["Safer crossings near the school", "", "  أماكن للعب بعد المدرسة  ", "<img src=x onerror=alert(1)>"];
    await page.getByLabel("Notes, one per line").fill(lines.join("\n"));
    await page.getByLabel("Cluster", { exact: true }).selectOption({ label: "A new cluster (name it below)" });
    await page.getByLabel("Name of the new cluster").fill("Streets");
    await page.getByRole("button", { name: "Add these notes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "3 notes were added to the board." })).toBeVisible();

    // Over the limit: refused whole, with the list kept.
    const tooLong = `fine\n${"x".repeat(501)}`;
    await page.getByLabel("Notes, one per line").fill(tooLong);
    await page.getByRole("button", { name: "Add these notes" }).click();
    await expect(page.getByRole("alert")).toContainText("Line 2 is too long");
    await expect(page.getByLabel("Notes, one per line")).toHaveValue(tooLong);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "page-1280-en");

    // The printed cards (the read model follows the board a moment after each stored change).
    await expect(async () => {
      await page.goto(`${boardPath}/cards`);
      await expect(page.locator(".paper-card")).toHaveCount(3, { timeout: 1000 });
    }).toPass();
    await hydrated(page);
    const card = page.locator(".paper-card").filter({ hasText: "أماكن للعب بعد المدرسة" });
    await expect(card.locator(".paper-card-cluster")).toHaveText("Streets");
    await expect(card.locator(".paper-card-text")).toHaveAttribute("dir", "auto");
    await expect(page.locator(".paper-card").filter({ hasText: "<img src=x onerror=alert(1)>" })).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "cards-1280-en");
    const link = await decodeShown(card.locator(".paper-card-qr"));
    expect(link).toMatch(new RegExp(`^http://localhost:\\d+${boardPath}\\?note=[A-Za-z0-9_-]+$`));

    // Printed: one A4 page for three cards, with nothing of the screen's page around them.
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);

    // The card's link opens the board with its note selected.
    await page.goto(link!);
    await expect(page.getByTestId("printed-note")).toContainText("أماكن للعب بعد المدرسة");
    const noteId = new URL(link!).searchParams.get("note")!;
    await expect(page.locator(`[data-outline-note="${noteId}"], [data-note-id="${noteId}"]`).first()).toBeFocused({ timeout: 15_000 });
    await shoot(page, "board-note-1280-en");
    // A link to a note no longer on the board says so.
    await page.goto(`${boardPath}?note=gone-note-0123`);
    await expect(page.getByRole("alert")).toContainText("This card's note is no longer on the board");
    await expect(page.locator(".board-app")).toBeVisible();

    // The paper page and the cards in Arabic at phone size.
    await context.addCookies([languageCookie("ar")]);
    await page.setViewportSize(PHONE);
    for (const [suffix, name] of [
      ["/paper", "page-390-ar"],
      ["/cards", "cards-390-ar"],
    ] as const) {
      await page.goto(`${boardPath}${suffix}`);
      await hydrated(page);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await noSideScroll(page, PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, name);
    }
  });

  test("a blank card typed on a phone in Arabic with JavaScript off is placed by the facilitator and reaches a member's board", async ({
    page,
    browser,
    ids,
    auth,
  }) => {
    const boardPath = await createBoardAs(auth, ids.longbridge, unique("Cards from paper"), "exercise");
    await page.goto(`${boardPath}/paper`);
    await hydrated(page);
    await page.getByLabel("How many blank cards").fill("10");
    await page.getByRole("button", { name: "Print blank cards" }).click();
    await expect(page.locator(".paper-card.is-blank")).toHaveCount(10);
    await expect(page.getByRole("list", { name: "Sheet 2 of 2" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, "blank-1280-en");
    // Printed: ten cards are two A4 pages (eight, then two).
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(2);
    await page.emulateMedia({ media: "print" });
    await shoot(page, "blank-print");
    await page.emulateMedia({ media: "screen" });
    const cardLink = await decodeShown(page.locator(".paper-card-qr").first());
    expect(cardLink).toMatch(/^http:\/\/localhost:\d+\/card\/[a-z0-9]{8}$/);

    // A member has the board open in another browser.
    const member = await openBoard(browser, auth, "member", boardPath);

    // A parent's phone: no account, no JavaScript, Arabic, 390 px.
    const phone = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, storageState: withLanguage({ cookies: [], origins: [] }, "ar") });
    const parent = await phone.newPage();
    const res = await parent.goto(cardLink!);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["cache-control"]).toBe("no-store");
    await expect(parent.locator("html")).toHaveAttribute("dir", "rtl");
    await noSideScroll(parent, PHONE.width);
    await parent.screenshot({ path: path.join(SHOTS, "paper-phone-390-ar.png"), fullPage: true });
    // Empty: a message in Arabic, nothing sent.
    await parent.locator("#card-text").fill("   ");
    await parent.getByRole("button", { name: "أرسل بطاقتي" }).click();
    await expect(parent.getByRole("alert")).toContainText("لم تُرسل بطاقتك بعد");
    const words = "حديقة صغيرة قرب المدرسة للأمهات والأطفال";
    await parent.getByLabel("ما تقوله بطاقتك").fill(words);
    await parent.getByRole("button", { name: "أرسل بطاقتي" }).click();
    await expect(parent.getByRole("heading", { name: "شكرًا لك، أُرسلت بطاقتك" })).toBeVisible();

    // Axe on the phone page (axe needs scripts: a second phone with them on).
    const checker = await browser.newContext({ viewport: PHONE, storageState: withLanguage({ cookies: [], origins: [] }, "ar") });
    const check = await checker.newPage();
    await check.goto(cardLink!);
    expect(await seriousViolations(check)).toEqual([]);

    // The facilitator sees it waiting, and places it.
    await page.goto(boardPath);
    await expect(page.getByText("1 card typed on a phone waits for you")).toBeVisible();
    await page.getByRole("link", { name: "Paper: print cards, blank cards, pasted notes" }).click();
    const waiting = page.locator(".paper-pending-item").filter({ hasText: words });
    await expect(waiting).toBeVisible();
    await waiting.getByRole("button", { name: "Place on the board" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The card is on the board." })).toBeVisible();
    await expect(member.page.locator(".board-app").getByText(words)).toBeVisible();

    await Promise.all([member.context.close(), phone.close(), checker.close()]);
  });
});
