// Ideas from phones in a real browser: the public page with JavaScript off at 390 px in Arabic
// sends an Arabic idea and shows its receipt; a photo that is not an image is refused with the
// text kept; with JavaScript on, an idea sent offline is kept and sent when the connection
// returns (stored once, even when sent again); the 429 page after the per-device limit; the
// unknown-link page in Arabic; the page's HTML+CSS budget; axe; and the QR poster, whose codes
// decode to the public link.
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import sharp from "sharp";
import jsQR from "jsqr";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { BASE_URL, withLanguage } from "./support/app";
import { seriousViolations } from "./support/axe";
import { hydrated } from "./support/page";
import { seedChallenge, type SeededChallenge } from "./support/challenges";

expect.configure({ timeout: 10_000 });
const SHOTS = process.env.SHOTS_DIR ?? path.resolve(import.meta.dirname, "..", ".tmp", "shots");
const PHONE = { width: 390, height: 844 };
const DB_FILE = path.resolve(import.meta.dirname, "..", ".tmp", `e2e-${Number(process.env.E2E_PORT ?? 3199)}`, "coproduce.db");
const QUESTION = "How might we help parents meet each other after school?";

/** Ideas of a challenge, read straight from the e2e server's SQLite file. */
function ideasOf(challengeId: string): { text: string; moderation: string; source: string; language: string }[] {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT text, moderation, source, language FROM Idea WHERE challengeId = ? ORDER BY createdAt").all(challengeId) as never;
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

test.describe("ideas from phones", () => {
  let challenge: SeededChallenge;
  let longbridge = "";

  test.beforeAll(async ({ ids }) => {
    longbridge = ids.longbridge;
    challenge = seedChallenge(longbridge, { question: QUESTION, languages: "en,ar" });
  });

  test("with JavaScript off at 390 px in Arabic, a parent sends an Arabic idea and sees its receipt", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    const res = await page.goto(`/i/${challenge.linkCode}?lng=ar`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["cache-control"]).toBe("no-store");
    expect(res?.headers()["referrer-policy"]).toContain("no-referrer");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
    await expect(page.locator(".site-header")).toHaveCount(0);
    await expect(page.locator("script:not([src])")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1, name: QUESTION })).toBeVisible();
    await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("href", "?lng=en");
    await expect(page.locator("#idea-counter")).toBeHidden();
    await shot(page, "phone-form-390-ar-nojs.png");
    await noSideScroll(page, PHONE.width);

    // A photo that is not an image: a message next to it, the text kept.
    const idea = "حافلة مشي صباحية من العمارات إلى المدرسة مع الأمهات";
    await page.getByLabel("فكرتك", { exact: true }).fill(idea);
    await expect(page.getByLabel("لغة فكرتك")).toHaveValue("ar");
    await page.getByLabel("صورة (اختياري)").setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("this is not a photo") });
    await page.getByLabel("اسمك").fill("أمينة");
    await page.getByRole("button", { name: "أرسل فكرتي" }).click();
    await expect(page.getByText("هذا الملف ليس صورة.", { exact: false })).toBeVisible();
    await expect(page.getByLabel("فكرتك", { exact: true })).toHaveValue(idea);
    await expect(page.getByLabel("اسمك")).toHaveValue("أمينة");
    await expect(page.getByLabel("صورة (اختياري)")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "phone-photo-error-390-ar-nojs.png");
    expect(ideasOf(challenge.challengeId).filter((i) => i.text === idea)).toHaveLength(0);

    // Without the photo it goes.
    await page.getByRole("button", { name: "أرسل فكرتي" }).click();
    await expect(page).toHaveURL(/\/r\/[A-Za-z0-9_-]{43}\?new=1&lng=ar$/);
    await expect(page.getByText("شكرًا لك، تم إرسال فكرتك.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "إيصال فكرتك" })).toBeVisible();
    await expect(page.locator("blockquote")).toHaveText(idea);
    await expect(page.locator("[aria-current=step]")).toContainText("استُلمت");
    await expect(page.getByText("أمينة")).toHaveCount(0);
    const receiptLink = await page.locator(".phone-receipt-link a").getAttribute("href");
    expect(receiptLink).toMatch(new RegExp(`^${BASE_URL}/r/[A-Za-z0-9_-]{43}\\?lng=ar$`));
    await shot(page, "phone-receipt-390-ar-nojs.png");
    await noSideScroll(page, PHONE.width);
    const stored = ideasOf(challenge.challengeId).filter((i) => i.text === idea);
    expect(stored).toEqual([{ text: idea, moderation: "pending", source: "phone", language: "ar" }]);

    // The receipt link (bookmarked) opens without the banner.
    await page.goto(receiptLink!);
    await expect(page.locator("blockquote")).toHaveText(idea);
    await expect(page.getByText("شكرًا لك، تم إرسال فكرتك.")).toHaveCount(0);
    await context.close();
  });

  test("with JavaScript on, an idea sent offline is kept on the phone and sent once when back online", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`/i/${challenge.linkCode}?lng=en`);
    await expect(page.locator("#idea-counter")).toBeVisible();
    const idea = `Swap shop for school uniforms ${Date.now()}`;
    await page.getByLabel("Your idea", { exact: true }).fill(idea);
    await expect(page.locator("#idea-counter")).toHaveText(`${idea.length} / 500 characters`);
    const key = await page.locator('input[name="submissionKey"]').inputValue();
    const token = await page.locator('input[name="_csrf"]').inputValue();

    await context.setOffline(true);
    await page.getByRole("button", { name: "Send my idea" }).click();
    const status = page.getByRole("status");
    await expect(status).toHaveText("Saved on this phone. It will be sent when you're back online.");
    await expect(page.getByLabel("Your idea", { exact: true })).toHaveValue("");
    expect(await page.locator('input[name="submissionKey"]').inputValue()).not.toBe(key);
    await shot(page, "phone-offline-saved-390-en.png");
    expect(ideasOf(challenge.challengeId).filter((i) => i.text === idea)).toHaveLength(0);

    await context.setOffline(false);
    await expect(status).toContainText("Your saved idea was sent.", { timeout: 15_000 });
    const receipt = page.locator("[data-receipt-link]");
    await expect(receipt).toHaveAttribute("href", /\/r\/[A-Za-z0-9_-]{43}\?lng=en$/);
    const receiptHref = (await receipt.getAttribute("href"))!;
    await shot(page, "phone-offline-sent-390-en.png");
    expect(ideasOf(challenge.challengeId).filter((i) => i.text === idea)).toEqual([{ text: idea, moderation: "pending", source: "phone", language: "en" }]);

    // Sent again with the same key (as a retry would): the same receipt, still one idea; a reload sends nothing.
    const again = await page.request.post(`/i/${challenge.linkCode}?lng=en`, {
      multipart: { text: idea, language: "en", name: "", contact: "", website: "", stamp: "", submissionKey: key, _csrf: token },
      headers: { Origin: BASE_URL },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(new URL(again.headers().location!, BASE_URL).pathname).toBe(new URL(receiptHref).pathname);
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(ideasOf(challenge.challengeId).filter((i) => i.text === idea)).toHaveLength(1);

    await page.goto(receiptHref);
    await expect(page.locator("blockquote")).toHaveText(idea);

    // Online, the script sends with fetch and shows the receipt that came back, at its address.
    await page.goto(`/i/${challenge.linkCode}?lng=en`);
    const online = `Homework club in the library ${Date.now()}`;
    await page.getByLabel("Your idea", { exact: true }).fill(online);
    await page.getByRole("button", { name: "Send my idea" }).click();
    await expect(page).toHaveURL(/\/r\/[A-Za-z0-9_-]{43}\?new=1&lng=en$/);
    await expect(page.getByText("Thank you, your idea was sent.")).toBeVisible();
    await expect(page.locator("blockquote")).toHaveText(online);
    await page.reload();
    await expect(page.locator("blockquote")).toHaveText(online);
    expect(await seriousViolations(page), "axe on the receipt").toEqual([]);
    expect(ideasOf(challenge.challengeId).filter((i) => i.text === online)).toHaveLength(1);
    await context.close();
  });

  test("after 10 ideas from one phone, the 11th gets the friendly 429 page with the text kept", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, storageState: withLanguage({ cookies: [], origins: [] }, "ar") });
    const page = await context.newPage();
    await page.goto(`/i/${challenge.linkCode}`);
    const cookies = await context.cookies();
    expect(cookies.some((c) => /coproduce_device$/.test(c.name) && c.httpOnly && c.sameSite === "Lax")).toBe(true);
    const token = await page.locator('input[name="_csrf"]').inputValue();
    // Ten cheap sends from this browser (its device cookie), as the form sends them.
    for (let i = 0; i < 10; i++) {
      const res = await context.request.post(`/i/${challenge.linkCode}`, {
        multipart: {
          text: `Idea ${i} from one phone`,
          language: "en",
          name: "",
          contact: "",
          website: "",
          stamp: "",
          submissionKey: `limit-test-key-${i}-${Date.now()}`,
          _csrf: token,
        },
        headers: { Origin: BASE_URL },
        maxRedirects: 0,
      });
      expect(res.status(), `send ${i + 1}`).toBe(303);
    }
    await page.getByLabel("فكرتك", { exact: true }).fill("فكرة أخرى بعد الحد");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "أرسل فكرتي" }).click(),
    ]);
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(60);
    await expect(page.getByRole("heading", { name: "لقد أرسلت أفكارًا كثيرة" })).toBeVisible();
    await expect(page.getByText("كل ما كتبته ما زال هنا.")).toBeVisible();
    await expect(page.getByLabel("فكرتك", { exact: true })).toHaveValue("فكرة أخرى بعد الحد");
    await shot(page, "phone-429-390-ar.png");
    await context.close();
  });

  test("an unknown link says so in the visitor's language, on the bare page", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const res = await page.goto("/i/zzzzzzzz?lng=ar");
    expect(res?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1, name: "هذا الرابط لا يعمل" })).toBeVisible();
    await expect(page.locator(".site-header")).toHaveCount(0);
    await shot(page, "phone-unknown-390-ar.png");
    const receipt = await page.goto("/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lng=ar");
    expect(receipt?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "لم نجد هذا الإيصال" })).toBeVisible();
    await context.close();
  });

  test("the page's first load is at most 30 KB of HTML and CSS, and passes axe in Arabic and English", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const html = await (await page.request.get(`/i/${challenge.linkCode}?lng=ar`)).text();
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(css, "the page links one stylesheet of the build").toMatch(/^\/build\/_assets\/phone-[A-Z0-9]+\.css$/);
    const cssText = await (await page.request.get(css!)).text();
    const bytes = Buffer.byteLength(html) + Buffer.byteLength(cssText);
    console.log(`phone page first load: HTML ${Buffer.byteLength(html)} B + CSS ${Buffer.byteLength(cssText)} B = ${bytes} B (uncompressed)`);
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
    for (const lang of ["ar", "en"] as const) {
      await page.goto(`/i/${challenge.linkCode}?lng=${lang}`);
      expect(await seriousViolations(page), `axe /i in ${lang}`).toEqual([]);
    }
    await context.close();
  });

  test("the QR poster shows each language's block with a QR code that decodes to the public link, and prints on one A4 page", async ({ browser, auth }) => {
    const en = await browser.newContext({ storageState: withLanguage(await auth.state("facilitator"), "en"), viewport: { width: 1280, height: 900 } });
    const page = await en.newPage();
    const res = await page.goto(`/l/${longbridge}/challenges/${challenge.challengeId}/poster`);
    expect(res?.status()).toBe(200);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "QR poster" })).toBeVisible();
    const blocks = page.locator(".poster-block");
    await expect(blocks).toHaveCount(2);
    await expect(blocks.nth(1)).toHaveAttribute("dir", "rtl");
    await expect(blocks.nth(1)).toContainText("امسح الرمز لتضيف فكرتك");
    const host = new URL(BASE_URL).host;
    await expect(blocks.first()).toContainText(`${host}/i/${challenge.linkCode}`);
    for (const [i, lang] of (["en", "ar"] as const).entries()) {
      const src = (await blocks.nth(i).locator("img.poster-qr").getAttribute("src"))!;
      expect(src.startsWith("data:image/svg+xml;base64,")).toBe(true);
      const svg = Buffer.from(src.slice("data:image/svg+xml;base64,".length), "base64");
      expect(await decodeQr(svg)).toBe(`${BASE_URL}/i/${challenge.linkCode}?lng=${lang}`);
    }
    // The download is the same code as an SVG file.
    const download = await page.request.get(`/l/${longbridge}/challenges/${challenge.challengeId}/qr.svg?lng=ar`);
    expect(download.headers()["content-type"]).toContain("image/svg+xml");
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expect(await decodeQr(await download.body())).toBe(`${BASE_URL}/i/${challenge.linkCode}?lng=ar`);
    await expect(page.getByRole("link", { name: /Download the QR code \(SVG\)/ }).first()).toBeVisible();
    await shot(page, "poster-1280-en.png");
    expect(await seriousViolations(page)).toEqual([]);

    // Printed: no site header or actions, one A4 page.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator(".poster-screen")).toBeHidden();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    fs.writeFileSync(path.join(SHOTS, "poster-a4.pdf"), pdf);
    await shot(page, "poster-print-1280-en.png");
    await page.emulateMedia({ media: "screen" });

    // A viewer may see it too; in Arabic at 390 px it fits.
    const ar = await browser.newContext({ storageState: withLanguage(await auth.state("viewer"), "ar"), viewport: PHONE });
    const phone = await ar.newPage();
    expect((await phone.goto(`/l/${longbridge}/challenges/${challenge.challengeId}/poster`))?.status()).toBe(200);
    await expect(phone.getByRole("heading", { level: 1, name: "ملصق رمز QR" })).toBeVisible();
    await shot(phone, "poster-390-ar.png");
    await noSideScroll(phone, PHONE.width);
    await Promise.all([en.close(), ar.close()]);
  });
});

/** Rasterises an SVG QR code and decodes it with jsQR. */
async function decodeQr(svg: Buffer): Promise<string | null> {
  const { data, info } = await sharp(svg, { density: 300 }).resize(600, 600, { kernel: "nearest" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}
