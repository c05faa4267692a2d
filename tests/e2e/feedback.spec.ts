// Feedback from phones in a real browser: the public page with JavaScript off at 390 px in
// Arabic (nothing answered → a message in Arabic; answered → the thanks); script in a sentence
// shown as text; with JavaScript on, answers sent offline are kept and sent once when back
// online; closed and unknown links say so in the visitor's language; the facilitator writes the
// questions, opens the link, sees the answers counted by language and question and approves a
// sentence; the A4 poster's QR codes decode to the link; axe on every new page in both languages;
// the page's bytes; screenshots at 390 px Arabic and 1280 px English.
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import sharp from "sharp";
import jsQR from "jsqr";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { BASE_URL, withLanguage } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { seedFeedback, type SeededFeedback } from "../factories/feedback";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.SHOTS_DIR ?? path.resolve(import.meta.dirname, "..", ".tmp", "shots");
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };
const DB_FILE = path.resolve(import.meta.dirname, "..", ".tmp", `e2e-${Number(process.env.E2E_PORT ?? 3199)}`, "coproduce.db");

type Row = { language: string; face: number | null; yes: number | null; text: string | null; moderation: string };
/** A cycle's answers, read straight from the e2e server's SQLite file. */
function answersOf(cycleId: string): Row[] {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT language, face, yes, text, moderation FROM FeedbackAnswer WHERE cycleId = ? ORDER BY createdAt, id").all(cycleId) as Row[];
  } finally {
    db.close();
  }
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

/** Any dialog a page opens (script that ran where text belongs). */
const dialogs: string[] = [];
function watchDialogs(page: Page) {
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

async function phone(browser: Browser, js: boolean) {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: js, locale: "en-GB" });
  return { context, page: watchDialogs(await context.newPage()) };
}

test.describe("feedback from phones", () => {
  let longbridge = "";
  let cycle: SeededFeedback;

  test.beforeAll(async ({ ids }) => {
    longbridge = ids.longbridge;
    cycle = seedFeedback({ localityId: longbridge, title: "Coffee mornings at the gate" });
  });

  test("with JavaScript off at 390 px in Arabic, a parent answers and is thanked; nothing answered gets a message in Arabic", async ({ browser }) => {
    const { context, page } = await phone(browser, false);
    const res = await page.goto(`/f/${cycle.code}?lng=ar`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["cache-control"]).toBe("no-store");
    expect(res?.headers()["referrer-policy"]).toContain("no-referrer");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
    await expect(page.locator(".site-header")).toHaveCount(0);
    await expect(page.locator("script:not([src])")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1, name: "أخبرنا برأيك" })).toBeVisible();
    await expect(page.getByText("Coffee mornings at the gate")).toBeVisible();
    await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("href", "?lng=en");
    const faces = page.getByRole("group", { name: "كيف كان شعورك في الجلسة؟" });
    await expect(faces.getByRole("radio")).toHaveCount(5);
    await shot(page, "feedback-form-390-ar-nojs.png");
    await noSideScroll(page, PHONE.width);

    // Nothing answered: a message in Arabic, nothing stored.
    await page.getByRole("button", { name: "أرسل إجاباتي" }).click();
    await expect(page.getByRole("alert")).toContainText("يُرجى الإجابة عن سؤال واحد على الأقل قبل الإرسال.");
    await shot(page, "feedback-empty-390-ar-nojs.png");
    expect(answersOf(cycle.cycleId)).toEqual([]);

    // Answered: a face, yes, and a sentence with script in it.
    const sentence = `<script>alert("x")</script> أتمنى جلسات بعد المدرسة`;
    await faces.getByRole("radio", { name: "راضٍ جدًا" }).check();
    await page.getByRole("group", { name: "هل ستأتين مرة أخرى؟" }).getByRole("radio", { name: "نعم" }).check();
    await page.getByLabel("ما الشيء الواحد الذي يجب أن نغيّره؟").fill(sentence);
    await shot(page, "feedback-answered-390-ar-nojs.png");
    await page.getByRole("button", { name: "أرسل إجاباتي" }).click();
    await expect(page).toHaveURL(new RegExp(`/f/${cycle.code}\\?lng=ar&sent=1$`));
    await expect(page.getByRole("heading", { level: 1, name: "شكرًا لك!" })).toBeVisible();
    await expect(page.getByRole("link", { name: /ابدأ من جديد/ })).toHaveAttribute("href", `/f/${cycle.code}?lng=ar`);
    await shot(page, "feedback-thanks-390-ar-nojs.png");
    await noSideScroll(page, PHONE.width);
    expect(answersOf(cycle.cycleId)).toEqual([
      { language: "ar", face: 5, yes: null, text: null, moderation: "published" },
      { language: "ar", face: null, yes: 1, text: null, moderation: "published" },
      { language: "ar", face: null, yes: null, text: sentence, moderation: "pending" },
    ]);
    // A reload of the thanks page sends nothing.
    await page.reload();
    expect(answersOf(cycle.cycleId)).toHaveLength(3);
    await context.close();
  });

  test("script in an answer is shown as text to the facilitator who reviews it", async ({ browser, auth }) => {
    const own = seedFeedback({ localityId: longbridge, title: "Script as text" });
    const script = `<script>alert("answer")</script><img src=x onerror=alert(2)> Ask before you visit`;
    const { context, page } = await phone(browser, false);
    await page.goto(`/f/${own.code}?lng=en`);
    await page.getByLabel("What one thing should we change?").fill(script);
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await context.close();
    const en = await browser.newContext({ storageState: withLanguage(await auth.state("facilitator"), "en"), viewport: WIDE });
    const review = watchDialogs(await en.newPage());
    await review.goto(`/l/${longbridge}/prototypes/${own.prototypeId}/cycles/${own.cycleId}/feedback`);
    await hydrated(review);
    await expect(review.locator(".feedback-review blockquote")).toHaveText(script);
    await expect(review.getByLabel("The sentence as it will count")).toHaveValue(script);
    await review.getByRole("button", { name: "Approve" }).click();
    await expect(review.locator(".feedback-sentences blockquote")).toHaveText(script);
    expect(dialogs).toEqual([]);
    await en.close();
  });

  test("with JavaScript on, answers sent offline are kept on the phone and sent once when back online", async ({ browser }) => {
    const own = seedFeedback({ localityId: longbridge, title: "Offline feedback" });
    const { context, page } = await phone(browser, true);
    await page.goto(`/f/${own.code}?lng=en`);
    await page.waitForFunction(() => document.readyState === "complete");
    await page.getByRole("group", { name: "Would you come again?" }).getByRole("radio", { name: "Yes" }).check();
    await page.getByLabel("What one thing should we change?").fill("Saved while offline");
    await context.setOffline(true);
    await page.getByRole("button", { name: "Send my answers" }).click();
    const status = page.getByRole("status");
    await expect(status).toHaveText("Saved on this phone. Your answers will be sent when you're back online.");
    await expect(page.getByLabel("What one thing should we change?")).toHaveValue("");
    await shot(page, "feedback-offline-saved-390-en.png");
    expect(answersOf(own.cycleId)).toEqual([]);

    await context.setOffline(false);
    await expect(status).toHaveText("Your saved answers were sent. Thank you!", { timeout: 15_000 });
    expect(answersOf(own.cycleId).map((a) => [a.yes, a.text])).toEqual([
      [1, null],
      [null, "Saved while offline"],
    ]);
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(answersOf(own.cycleId)).toHaveLength(2);

    // Online: sent with fetch, the thanks shown at its address.
    await page.getByRole("group", { name: "How did the session feel?" }).getByRole("radio", { name: "Happy", exact: true }).check();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Thank you!" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/f/${own.code}\\?lng=en&sent=1$`));
    expect(answersOf(own.cycleId)).toHaveLength(3);
    await context.close();
  });

  test("closed and unknown links say so in the visitor's language, on the bare page", async ({ browser }) => {
    const closed = seedFeedback({ localityId: longbridge, title: "Decided already", decision: "adapt" });
    const { context, page } = await phone(browser, true);
    const res = await page.goto(`/f/${closed.code}?lng=ar`);
    expect(res?.status()).toBe(410);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "انتهى جمع الآراء هنا" })).toBeVisible();
    await expect(page.locator(".site-header")).toHaveCount(0);
    await shot(page, "feedback-closed-390-ar.png");
    expect(await seriousViolations(page), "axe on the closed page").toEqual([]);
    const unknown = await page.goto("/f/zzzzzzzz?lng=ar");
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "هذا الرابط لا يعمل" })).toBeVisible();
    await shot(page, "feedback-unknown-390-ar.png");
    expect(await seriousViolations(page), "axe on the unknown page").toEqual([]);
    await context.close();
  });

  test("the public page is small (HTML + CSS) and passes axe in Arabic and English, also with a message", async ({ browser }) => {
    const { context, page } = await phone(browser, true);
    const html = await (await page.request.get(`/f/${cycle.code}?lng=ar`)).text();
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(css, "the page links one stylesheet of the build").toMatch(/^\/build\/_assets\/feedback-phone-[A-Z0-9]+\.css$/);
    const cssText = await (await page.request.get(css!)).text();
    const bytes = Buffer.byteLength(html) + Buffer.byteLength(cssText);
    console.log(`feedback page first load: HTML ${Buffer.byteLength(html)} B + CSS ${Buffer.byteLength(cssText)} B = ${bytes} B (uncompressed)`);
    expect(bytes).toBeLessThanOrEqual(9 * 1024);
    for (const lang of ["ar", "en"] as const) {
      await page.goto(`/f/${cycle.code}?lng=${lang}`);
      expect(await seriousViolations(page), `axe /f in ${lang}`).toEqual([]);
    }
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("alert")).toContainText("Please answer at least one question before sending.");
    expect(await seriousViolations(page), "axe /f with a message").toEqual([]);
    await page.goto(`/f/${cycle.code}?lng=en&sent=1`);
    expect(await seriousViolations(page), "axe on the thanks").toEqual([]);
    await context.close();
  });

  test("a facilitator writes the questions, opens the link, sees answers counted by language and question, and approves a sentence", async ({
    browser,
    auth,
  }) => {
    const fresh = seedFeedback({ localityId: longbridge, title: "Peer mentors in two languages", questions: [], open: false });
    const self = `/l/${longbridge}/prototypes/${fresh.prototypeId}/cycles/${fresh.cycleId}/feedback`;
    const en = await browser.newContext({ storageState: withLanguage(await auth.state("facilitator"), "en"), viewport: WIDE });
    const page = watchDialogs(await en.newPage());
    expect((await page.goto(self))?.status()).toBe(200);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Peer mentors in two languages" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Cycle 1: feedback from phones" })).toBeVisible();
    await expect(page.getByText("No link yet")).toBeVisible();

    // Opening before any question: refused, said next to the link.
    await page.getByRole("button", { name: "Open the link" }).click();
    await expect(page.getByRole("alert")).toContainText("Write at least one question before opening the link.");

    // A question without its Arabic prompt: refused at the field, the English kept.
    const q1 = page.getByRole("group", { name: "Question 1" });
    await q1.getByLabel("Kind of answer").selectOption("faces");
    await q1.getByLabel("The question in English").fill("How did meeting your mentor feel?");
    await page.getByRole("button", { name: "Save the questions" }).click();
    await expect(q1.getByText("Write this question in this language too.")).toBeVisible();
    await expect(q1.getByLabel("The question in English")).toHaveValue("How did meeting your mentor feel?");
    await expect(q1.getByLabel("The question in Arabic")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "feedback-questions-error-1280-en.png");
    await q1.getByLabel("The question in Arabic").fill("كيف كان شعورك عند لقاء مرشدتك؟");
    const q2 = page.getByRole("group", { name: "Question 2" });
    await q2.getByLabel("Kind of answer").selectOption("sentence");
    await q2.getByLabel("The question in English").fill(`<img src=x onerror=alert(1)> What should we change?`);
    await q2.getByLabel("The question in Arabic").fill("ما الذي يجب أن نغيّره؟");
    await page.getByRole("button", { name: "Save the questions" }).click();
    await expect(page.getByText("The questions were saved.")).toBeVisible();

    await page.getByRole("button", { name: "Open the link" }).click();
    await expect(page.getByText("The link is open: it takes answers now.")).toBeVisible();
    const link = await page.getByLabel("Link to share").inputValue();
    expect(link).toMatch(new RegExp(`^${BASE_URL}/f/[a-z0-9]{8}$`));

    // Two parents answer, one in each language (JavaScript off).
    const { context: phoneContext, page: parent } = await phone(browser, true);
    await parent.goto(`${link}?lng=en`);
    await expect(parent.getByText("<img src=x onerror=alert(1)> What should we change?")).toBeVisible();
    await parent.getByRole("radio", { name: "Very happy" }).check();
    await parent.getByRole("textbox").fill("Meet at the library, not the centre. Ask for Fatima.");
    await parent.getByRole("button", { name: "Send my answers" }).click();
    await expect(parent.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await parent.goto(`${link}?lng=ar`);
    await parent.getByRole("radio", { name: "غير راضٍ", exact: true }).check();
    await parent.getByRole("button", { name: "أرسل إجاباتي" }).click();
    await expect(parent.getByRole("heading", { name: "شكرًا لك!" })).toBeVisible();
    await phoneContext.close();

    await page.goto(self);
    await hydrated(page);
    await expect(page.getByText("2 people answered")).toBeVisible();
    // Script in a prompt is text on the facilitator's page too (the public page showed it above).
    await expect(page.getByRole("heading", { level: 3, name: "Question 2: <img src=x onerror=alert(1)> What should we change?" })).toBeVisible();
    await expect(page.getByText("1 sentence waits for review").first()).toBeVisible();
    const byLanguage = page.getByRole("table", { name: "People who answered, by language" });
    await expect(byLanguage.getByRole("row", { name: /English/ })).toContainText("1");
    await expect(byLanguage.getByRole("row", { name: /Arabic/ })).toContainText("1");
    const faces = page.getByRole("table", { name: "Faces chosen, by language" });
    await expect(
      faces
        .getByRole("row", { name: /5 · Very happy/ })
        .getByRole("cell")
        .first(),
    ).toHaveText("1");
    await expect(
      faces
        .getByRole("row", { name: /2 · Unhappy/ })
        .getByRole("cell")
        .nth(1),
    ).toHaveText("1");
    await expect(page.getByText("Average: 3.5 out of 5")).toBeVisible();
    await expect(page.getByText("No sentence counts as evidence yet.")).toBeVisible();

    // The sentence, edited for anonymity, approved: it counts now.
    const review = page.getByRole("region", { name: "Sentences waiting for review" });
    await expect(review.locator("blockquote")).toHaveText("Meet at the library, not the centre. Ask for Fatima.");
    await shot(page, "feedback-page-1280-en.png");
    await review.getByLabel("The sentence as it will count").fill("Meet at the library, not the centre.");
    await review.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("The sentence now counts as evidence.")).toBeVisible();
    await expect(page.getByText("Nothing waits for review.")).toBeVisible();
    await expect(page.locator(".feedback-sentences blockquote")).toHaveText("Meet at the library, not the centre.");
    await expect(page.getByText("Fatima")).toHaveCount(0);
    expect(await seriousViolations(page), "axe on the feedback page (en)").toEqual([]);
    await shot(page, "feedback-page-approved-1280-en.png");

    // In Arabic at 390 px (a member reads; no controls).
    const ar = await browser.newContext({ storageState: withLanguage(await auth.state("member"), "ar"), viewport: PHONE });
    const member = watchDialogs(await ar.newPage());
    expect((await member.goto(self))?.status()).toBe(200);
    await hydrated(member);
    await expect(member.getByRole("heading", { level: 2, name: /آراء من الهواتف/ })).toBeVisible();
    await expect(member.getByRole("button", { name: "أغلق الرابط" })).toHaveCount(0);
    await expect(member.getByRole("table", { name: "الوجوه المختارة، حسب اللغة" })).toBeVisible();
    await noSideScroll(member, PHONE.width);
    await shot(member, "feedback-page-390-ar.png");
    expect(await seriousViolations(member), "axe on the feedback page (ar)").toEqual([]);

    // The facilitator closes the link: the public page says so.
    await page.getByRole("button", { name: "Close the link" }).click();
    await expect(page.getByText("The link is closed.", { exact: true })).toBeVisible();
    expect((await page.request.get(`${link}?lng=en`)).status()).toBe(410);
    expect(dialogs, "no script ran from a prompt or an answer").toEqual([]);
    await Promise.all([en.close(), ar.close()]);
  });

  test("the feedback poster's QR codes decode to the link in each language, and it prints on one A4 page", async ({ browser, auth }) => {
    const en = await browser.newContext({ storageState: withLanguage(await auth.state("facilitator"), "en"), viewport: WIDE });
    const page = await en.newPage();
    const url = `/l/${longbridge}/prototypes/${cycle.prototypeId}/cycles/${cycle.cycleId}/feedback/poster`;
    expect((await page.goto(url))?.status()).toBe(200);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Feedback poster" })).toBeVisible();
    const blocks = page.locator(".poster-block");
    await expect(blocks).toHaveCount(2);
    await expect(blocks.nth(1)).toHaveAttribute("dir", "rtl");
    await expect(blocks.nth(1)).toContainText("امسح الرمز بكاميرا هاتفك");
    await expect(blocks.first()).toContainText(`${new URL(BASE_URL).host}/f/${cycle.code}`);
    for (const [i, lang] of (["en", "ar"] as const).entries()) {
      const src = (await blocks.nth(i).locator("img.poster-qr").getAttribute("src"))!;
      const svg = Buffer.from(src.slice("data:image/svg+xml;base64,".length), "base64");
      expect(await decodeQr(svg)).toBe(`${BASE_URL}/f/${cycle.code}?lng=${lang}`);
    }
    await shot(page, "feedback-poster-1280-en.png");
    expect(await seriousViolations(page), "axe on the poster (en)").toEqual([]);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".poster-screen")).toBeHidden();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: "screen" });

    const ar = await browser.newContext({ storageState: withLanguage(await auth.state("viewer"), "ar"), viewport: PHONE });
    const phonePage = await ar.newPage();
    expect((await phonePage.goto(url))?.status()).toBe(200);
    await expect(phonePage.getByRole("heading", { level: 1, name: "ملصق الآراء" })).toBeVisible();
    await noSideScroll(phonePage, PHONE.width);
    await shot(phonePage, "feedback-poster-390-ar.png");
    expect(await seriousViolations(phonePage), "axe on the poster (ar)").toEqual([]);
    await Promise.all([en.close(), ar.close()]);
  });
});

/** Rasterises an SVG QR code and decodes it with jsQR. */
async function decodeQr(svg: Buffer): Promise<string | null> {
  const { data, info } = await sharp(svg, { density: 300 }).resize(600, 600, { kernel: "nearest" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}
