// The shared document in Chromium: two editors converge and see each other's carets, named
// versions are saved, viewed and restored for everyone, a viewer can neither type nor write
// through the protocol, Arabic on a phone, axe, and screenshots for a person to look at.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect as baseExpect, type Auth } from "./support/fixtures";
import { ACCOUNTS, SAME_ORIGIN, location, unique, withLanguage, type Who } from "./support/app";
import { hydrated } from "./support/page";
import { seriousViolations } from "./support/axe";

/** Two browsers, a collab server and a build share the machine: allow for a slow moment. */
const expect = baseExpect.configure({ timeout: 10_000 });

const SHOTS = path.resolve(import.meta.dirname, "..", ".tmp", "shots");
fs.mkdirSync(SHOTS, { recursive: true });

/** Creates a shared document through the documents page's form; returns its path. */
export async function createDocument(api: APIRequestContext, localityId: string, title = unique("E2E document")): Promise<string> {
  const res = await api.post(`/l/${localityId}/documents?index`, { form: { title }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(res.status(), "create document").toBe(302);
  const target = location(res);
  expect(target).toMatch(new RegExp(`^/l/${localityId}/documents/[A-Za-z0-9_-]+$`));
  return target;
}

async function openAs(browser: Browser, auth: Auth, who: Who, lang: "en" | "ar" = "en", options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ storageState: withLanguage(await auth.state(who), lang), viewport: options.viewport });
  await context.addInitScript(() => {
    window.__COPRODUCE_TEST_HANDLES__ = true;
  });
  return context;
}

/** Opens the document and waits for the live editor. */
async function openDocument(context: BrowserContext, docPath: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(docPath);
  await hydrated(page);
  await expect(page.locator('.document-editor-frame[data-ready="true"] .ProseMirror')).toBeVisible({ timeout: 15_000 });
  return page;
}

const editorOf = (page: Page) => page.getByRole("textbox", { name: /^(Text of|نص) / });
const statusOf = (page: Page) => page.getByTestId("save-status-text");

async function typeInto(page: Page, text: string) {
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

test.describe("shared document", () => {
  test("two editors see each other's typing, carets and names; versions are saved, viewed and restored for both", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(90_000);
    const docPath = await createDocument(await apiAs("member"), ids.longbridge);
    const [ctxA, ctxB] = await Promise.all([openAs(browser, auth, "member"), openAs(browser, auth, "facilitator")]);
    const a = await openDocument(ctxA, docPath);
    const b = await openDocument(ctxB, docPath);

    // Presence: each sees the other by name.
    await expect(a.getByRole("region", { name: "Here now" }).getByText(ACCOUNTS.facilitator.name)).toBeVisible();
    await expect(b.getByRole("region", { name: "Here now" }).getByText(ACCOUNTS.member.name)).toBeVisible();

    // Typing with formatting from the toolbar, and converging.
    await editorOf(a).click();
    await a.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Heading", exact: true }).click();
    await a.keyboard.type("Our purpose");
    await a.keyboard.press("Enter");
    await a.keyboard.type("Parents feel welcome at the centre.");
    await expect(a.getByRole("button", { name: "Heading", exact: true })).toHaveAttribute("aria-pressed", "false");
    await expect(b.locator(".ProseMirror h2")).toHaveText("Our purpose");
    await expect(b.locator(".ProseMirror")).toContainText("Parents feel welcome at the centre.");
    await typeInto(b, " Reply from the facilitator.");
    await expect(a.locator(".ProseMirror")).toContainText("Reply from the facilitator.");

    // Carets with names, both ways.
    await expect(b.locator(".collab-caret-label", { hasText: ACCOUNTS.member.name })).toBeVisible();
    await expect(a.locator(".collab-caret-label", { hasText: ACCOUNTS.facilitator.name })).toBeVisible();
    await expect(statusOf(a)).toHaveText("Saved");
    await expect(statusOf(b)).toHaveText("Saved");

    // A version, with the name required.
    await a.getByRole("button", { name: "Save version" }).click();
    await expect(a.getByText("Fill in this field.")).toBeVisible();
    await a.getByLabel("Name of this version").fill("First draft");
    await a.getByRole("button", { name: "Save version" }).click();
    await expect(a.getByRole("status").filter({ hasText: "Version “First draft” saved." })).toBeVisible();
    await expect(a.getByRole("link", { name: "View version First draft" })).toBeVisible();
    // The editor survived the form submission.
    await expect(a.locator(".ProseMirror")).toContainText("Reply from the facilitator.");

    // Work goes on, then the version is restored from the other browser.
    await typeInto(a, " CHANGED AFTER THE VERSION");
    await expect(b.locator(".ProseMirror")).toContainText("CHANGED AFTER THE VERSION");
    await expect(statusOf(a)).toHaveText("Saved");

    await b.reload();
    await hydrated(b);
    await b.getByRole("link", { name: "View version First draft" }).click();
    await expect(b.getByRole("heading", { level: 1 })).toContainText("First draft");
    const view = b.getByRole("article", { name: "Text of version First draft" });
    await expect(view.getByRole("heading", { level: 2 })).toHaveText("Our purpose");
    await expect(view).toContainText("Reply from the facilitator.");
    await expect(view).not.toContainText("CHANGED");
    await b.screenshot({ path: path.join(SHOTS, "document-version-1280.png"), fullPage: true });
    await b.getByRole("button", { name: "Restore this version" }).click();
    await expect(b).toHaveURL(/\?restored=/);
    await expect(b.getByRole("status").filter({ hasText: "Version “First draft” restored for everyone." })).toBeVisible();

    // Both editors show the restored text — A without reloading.
    await expect(a.locator(".ProseMirror")).not.toContainText("CHANGED", { timeout: 10_000 });
    await expect(a.locator(".ProseMirror")).toContainText("Reply from the facilitator.");
    await expect(a.locator(".ProseMirror h2")).toHaveText("Our purpose");
    await expect(b.locator(".ProseMirror")).not.toContainText("CHANGED");
    await expect(b.locator(".ProseMirror")).toContainText("Reply from the facilitator.");

    // Nothing lost: the text before the restore is a version of its own.
    const before = b.getByRole("link", { name: "View version Before restoring “First draft”" });
    await expect(before).toBeVisible();
    await before.click();
    await expect(b.getByRole("article")).toContainText("CHANGED AFTER THE VERSION");
    await Promise.all([ctxA.close(), ctxB.close()]);
  });

  test("comments on a text range reach the other editor live and can be resolved", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(60_000);
    const docPath = await createDocument(await apiAs("member"), ids.longbridge);
    const [ctxA, ctxB] = await Promise.all([openAs(browser, auth, "member"), openAs(browser, auth, "facilitator")]);
    const a = await openDocument(ctxA, docPath);
    const b = await openDocument(ctxB, docPath);
    await editorOf(a).click();
    await a.keyboard.type("Parents feel judged at the school gate");
    await expect(a.getByRole("button", { name: "Comment", exact: true })).toHaveAttribute("aria-disabled", "true");
    await a.keyboard.press("Shift+Home");
    await expect(a.getByRole("button", { name: "Comment", exact: true })).not.toHaveAttribute("aria-disabled", "true");
    await a.getByRole("button", { name: "Comment", exact: true }).click();
    const field = a.getByLabel("Comment on the selected text");
    await expect(field).toBeFocused();
    await a.getByRole("button", { name: "Add comment" }).click();
    await expect(a.getByRole("alert")).toHaveText("Write your comment first.");
    await field.fill("Which school? Ask Layla.");
    await a.getByRole("button", { name: "Add comment" }).click();
    await expect(a.locator(".ProseMirror .comment-anchor")).toHaveText("Parents feel judged at the school gate");

    const comments = b.getByRole("region", { name: "Comments" });
    await expect(comments.getByText("Which school? Ask Layla.")).toBeVisible();
    await expect(comments.locator("q")).toHaveText("Parents feel judged at the school gate");
    await expect(comments.getByText(ACCOUNTS.member.name)).toBeVisible();
    await b.screenshot({ path: path.join(SHOTS, "document-comments-1280.png"), fullPage: true });
    await comments.getByRole("button", { name: "Show in text: Which school? Ask Layla." }).click();
    await expect(editorOf(b)).toBeFocused();
    await comments.getByRole("button", { name: "Resolve: Which school? Ask Layla." }).click();
    await expect(a.getByRole("region", { name: "Comments" }).getByText("Resolved (1)")).toBeVisible();
    await expect(a.locator(".ProseMirror .comment-anchor")).toHaveCount(0);
    await expect(a.locator(".ProseMirror")).toContainText("Parents feel judged at the school gate");
    expect(await seriousViolations(b), "document page with comments").toEqual([]);
    await Promise.all([ctxA.close(), ctxB.close()]);
  });

  test("offline: edits are kept on the device (even across a reload), shown as Offline, and synced on reconnect", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(90_000);
    const docPath = await createDocument(await apiAs("member"), ids.longbridge);
    const [ctxA, ctxB] = await Promise.all([openAs(browser, auth, "member"), openAs(browser, auth, "facilitator")]);
    // The collab socket goes through a switch (Chromium's offline mode does not cut WebSockets).
    let online = true;
    const sockets: Array<{ close(options?: { code?: number; reason?: string }): Promise<void> }> = [];
    await ctxA.routeWebSocket(/\/collab\//, (ws) => {
      if (!online) {
        void ws.close({ code: 1012, reason: "test offline" });
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    const a = await openDocument(ctxA, docPath);
    const b = await openDocument(ctxB, docPath);
    await typeInto(a, "Typed online.");
    await expect(b.locator(".ProseMirror")).toContainText("Typed online.");

    online = false;
    await Promise.all(sockets.splice(0).map((ws) => ws.close({ code: 1012, reason: "test offline" })));
    await expect(statusOf(a)).toHaveText("Offline — your changes are kept on this device");
    await typeInto(a, " Typed offline.");
    await a.waitForTimeout(500);
    await expect(b.locator(".ProseMirror")).not.toContainText("Typed offline.");

    // Reload while still offline: the text comes back from this device's copy.
    await a.reload();
    await hydrated(a);
    await expect(a.locator(".ProseMirror")).toContainText("Typed online. Typed offline.");
    await expect(statusOf(a)).not.toHaveText("Saved");

    online = true;
    await expect(statusOf(a)).toHaveText("Saved", { timeout: 20_000 });
    await expect(b.locator(".ProseMirror")).toContainText("Typed online. Typed offline.");
    await Promise.all([ctxA.close(), ctxB.close()]);
  });

  test("a viewer reads but cannot type, and cannot change the document through the protocol", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(60_000);
    const docPath = await createDocument(await apiAs("member"), ids.longbridge);
    const [ctxM, ctxV] = await Promise.all([openAs(browser, auth, "member"), openAs(browser, auth, "viewer")]);
    const member = await openDocument(ctxM, docPath);
    await typeInto(member, "Written by a member.");
    await expect(statusOf(member)).toHaveText("Saved");

    const viewer = await openDocument(ctxV, docPath);
    await expect(viewer.locator(".ProseMirror")).toContainText("Written by a member.");
    await expect(viewer.getByText("You can read this document but not change it")).toBeVisible();
    await expect(viewer.getByRole("toolbar")).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Save version" })).toHaveCount(0);
    await expect(editorOf(viewer)).toHaveAttribute("contenteditable", "false");
    await expect(editorOf(viewer)).toHaveAttribute("aria-readonly", "true");
    await editorOf(viewer).click();
    await viewer.keyboard.type("VIEWER TYPED");
    await expect(viewer.locator(".ProseMirror")).not.toContainText("VIEWER TYPED");

    // Protocol: force the viewer's own editor to write into its Y.Doc; the update goes out on
    // the socket but the server refuses it (read-only token), so it never reaches anyone.
    await viewer.evaluate(() => {
      const editor = window.__coproduceEditor!;
      editor.setEditable(true);
      editor.commands.insertContent("<p>VIEWER FORCED</p>");
    });
    await expect(viewer.locator(".ProseMirror")).toContainText("VIEWER FORCED");
    await typeInto(member, " Still editing.");
    await expect(viewer.locator(".ProseMirror")).toContainText("Still editing.");
    await expect(member.locator(".ProseMirror")).not.toContainText("VIEWER FORCED");
    await member.reload();
    await hydrated(member);
    await expect(member.locator(".ProseMirror")).toContainText("Still editing.");
    await expect(member.locator(".ProseMirror")).not.toContainText("VIEWER FORCED");

    // Nor through the forms.
    const api = await apiAs("viewer");
    const save = await api.post(docPath, { form: { intent: "save-version", name: "viewer" }, headers: SAME_ORIGIN, maxRedirects: 0 });
    expect(save.status()).toBe(403);
    await Promise.all([ctxM.close(), ctxV.close()]);
  });

  test("works in Arabic on a 390 px phone, right to left", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(60_000);
    const docPath = await createDocument(await apiAs("member"), ids.longbridge, "خطة الإرشاد بين الأهالي");
    const context = await openAs(browser, auth, "member", "ar", { viewport: { width: 390, height: 844 } });
    const page = await openDocument(context, docPath);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("toolbar", { name: "التنسيق" })).toBeVisible();
    await editorOf(page).click();
    await page.getByRole("button", { name: "عنوان", exact: true }).click();
    await page.keyboard.type("هدفنا");
    await page.keyboard.press("Enter");
    await page.keyboard.type("أن يشعر الأهالي بالترحيب في المركز. Children's centre");
    await expect(page.locator(".ProseMirror h2")).toHaveText("هدفنا");
    await expect(page.locator(".ProseMirror h2")).toHaveAttribute("dir", "auto");
    await expect(statusOf(page)).toHaveText("تم الحفظ");
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `page is ${scrollWidth}px wide`).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, "document-ar-390.png"), fullPage: true });
    await page.getByLabel("اسم هذه النسخة").fill("المسودة الأولى");
    await page.getByRole("button", { name: "احفظ نسخة" }).click();
    await expect(page.getByRole("status").filter({ hasText: "تم حفظ النسخة" })).toBeVisible();
    await page.getByRole("link", { name: /^اعرض النسخة/ }).click();
    await expect(page.getByRole("article")).toContainText("هدفنا");
    const versionWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(versionWidth).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, "document-version-ar-390.png"), fullPage: true });
    await context.close();
  });

  test("keyboard: toolbar arrows, shortcuts, and links limited to web and email addresses", async ({ browser, auth, ids, apiAs }) => {
    const docPath = await createDocument(await apiAs("member"), ids.longbridge);
    const context = await openAs(browser, auth, "member");
    const page = await openDocument(context, docPath);
    await editorOf(page).click();
    await page.keyboard.type("Read the guide");
    await page.keyboard.press("Shift+Home");
    await expect.poll(() => page.evaluate(() => window.__coproduceEditor!.state.selection.empty)).toBe(false);
    await page.keyboard.press("Control+b");
    await expect(page.locator(".ProseMirror strong")).toHaveText("Read the guide");
    await expect(page.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");

    // Ctrl+K opens the link field; javascript: is refused with a message, https is accepted.
    await page.keyboard.press("Control+k");
    const field = page.getByRole("textbox", { name: "Link address" });
    await expect(field).toBeFocused();
    await field.fill("javascript:alert(1)");
    await field.press("Enter");
    await expect(page.getByRole("alert")).toContainText("Other kinds of link are not allowed");
    await field.fill("example.org/guide");
    await field.press("Enter");
    await expect(page.locator(".ProseMirror a")).toHaveAttribute("href", "https://example.org/guide");
    await expect(editorOf(page)).toBeFocused();

    // Typed autolinks: https yes, javascript: no (on a new line, after the link).
    await page.keyboard.press("End");
    // ProseMirror reads the new selection on Chromium's (asynchronous) selectionchange event.
    await expect.poll(() => page.evaluate(() => window.__coproduceEditor!.state.selection.empty)).toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.type("See https://nhs.uk/start and javascript:alert(1) ");
    await expect(page.locator(".ProseMirror a")).toHaveCount(2);
    const hrefs = await page.locator(".ProseMirror a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["https://example.org/guide", "https://nhs.uk/start"]);

    // The toolbar is one tab stop; arrows move within it.
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    await toolbar.getByRole("button", { name: "Heading", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(toolbar.getByRole("button", { name: "Subheading" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(toolbar.getByRole("button", { name: "Redo" })).toBeFocused();
    await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
    await context.close();
  });

  test("axe finds no serious problems on the document and version pages (English and Arabic); screenshots", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(180_000);
    const docPath = await createDocument(await apiAs("member"), ids.longbridge, "Peer mentoring plan");
    for (const lang of ["en", "ar"] as const) {
      const context = await openAs(browser, auth, "member", lang, { viewport: { width: 1280, height: 900 } });
      const page = await openDocument(context, docPath);
      if (lang === "en") {
        await editorOf(page).click();
        await page.keyboard.type("Plan for the peer mentoring pilot");
        await page.keyboard.press("Enter");
        await page.keyboard.type("Mentors meet parents at the school gate. ");
        await page.getByRole("button", { name: "List", exact: true }).click();
        await page.keyboard.type("Week 1: coffee morning");
        await page.keyboard.press("Enter");
        await page.keyboard.type("Week 2: library visit");
        await expect(statusOf(page)).toHaveText("Saved");
        await page.getByLabel("Name of this version").fill("Plan v1");
        await page.getByRole("button", { name: "Save version" }).click();
        await expect(page.getByRole("link", { name: "View version Plan v1" })).toBeVisible();
      }
      await expect(statusOf(page)).toHaveText(lang === "en" ? "Saved" : "تم الحفظ");
      expect(await seriousViolations(page), `document page (${lang})`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `document-${lang}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(SHOTS, `document-${lang}-390.png`), fullPage: true });
      expect(await seriousViolations(page), `document page at 390 px (${lang})`).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator(".version-list a").first().click();
      await expect(page.getByRole("article")).toBeVisible();
      expect(await seriousViolations(page), `version page (${lang})`).toEqual([]);
      await context.close();
    }
    const viewerContext = await openAs(browser, auth, "viewer", "en", { viewport: { width: 390, height: 844 } });
    const viewer = await openDocument(viewerContext, docPath);
    expect(await seriousViolations(viewer), "document page as viewer").toEqual([]);
    await viewer.screenshot({ path: path.join(SHOTS, "document-viewer-390.png"), fullPage: true });
    await viewerContext.close();
  });
});
