// XSS safety of the shared document: every payload of support/xss-payloads.ts is pasted (as
// HTML and as plain text), typed, and inserted through the editor's API; the document is then
// rendered in a second browser and as a saved version. The browsers run with the CSP bypassed
// (so an injected handler would really run) and hooks on alert/confirm/prompt/print/__xss,
// dialogs, page errors and CSP reports: 0 executions, and no live markup in what is rendered.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect as baseExpect, type Auth } from "./support/fixtures";
import { SAME_ORIGIN, location, unique, withLanguage } from "./support/app";
import { hydrated } from "./support/page";
import { XSS_PAYLOADS, auditDom, installXssHooks, xssCanary, xssFindings } from "./support/xss-payloads";

/** Two browsers, a collab server and a build share the machine: allow for a slow moment. */
const expect = baseExpect.configure({ timeout: 10_000 });

/** Pastes per pause: the collab server allows 100 messages a second per connection. */
const CHUNK = 30;
const PAUSE_MS = 800;

async function createDocument(browser: Browser, auth: Auth, localityId: string): Promise<string> {
  const context = await browser.newContext({ storageState: await auth.state("member") });
  const res = await context.request.post(`/l/${localityId}/documents?index`, { form: { title: unique("XSS") }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(res.status()).toBe(302);
  await context.close();
  return location(res);
}

async function hostileContext(browser: Browser, auth: Auth): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: withLanguage(await auth.state("member"), "en"), bypassCSP: true });
  await installXssHooks(context);
  await context.addInitScript(() => {
    window.__COPRODUCE_TEST_HANDLES__ = true;
  });
  return context;
}

async function openEditor(context: BrowserContext, docPath: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(docPath);
  await hydrated(page);
  await expect(page.locator('.document-editor-frame[data-ready="true"] .ProseMirror[contenteditable=true]')).toBeVisible({ timeout: 15_000 });
  await page.waitForFunction(() => Boolean(window.__coproduceEditor));
  // The hooks work: a real injection outside the editor is seen (and then cleared).
  expect((await xssCanary(page)).map((f) => f.detail)).toEqual(["alert(canary)"]);
  return page;
}

/** Pastes each payload into the editor through a real paste event (ProseMirror's own path). */
async function pasteAll(page: Page, mode: "html" | "text") {
  for (let i = 0; i < XSS_PAYLOADS.length; i += CHUNK) {
    const chunk = XSS_PAYLOADS.slice(i, i + CHUNK).map((p) => p.payload);
    await page.evaluate(
      ([payloads, m]) => {
        const target = document.querySelector(".ProseMirror")!;
        for (const payload of payloads as string[]) {
          const data = new DataTransfer();
          data.setData("text/plain", payload);
          if (m === "html") data.setData("text/html", payload);
          target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
          window.__coproduceEditor!.commands.enter();
        }
      },
      [chunk, mode] as const,
    );
    await page.waitForTimeout(PAUSE_MS);
  }
}

async function expectClean(page: Page, selector: string, what: string) {
  expect(await xssFindings(page), `${what}: executions`).toEqual([]);
  expect(await auditDom(page, selector), `${what}: live markup`).toEqual([]);
}

test.describe("XSS payloads in the shared document", () => {
  test.describe.configure({ timeout: 180_000 });
  // The canary (an image with an unknown scheme, which proves the hooks see an execution) fails
  // to load on purpose.
  test.beforeEach(({ consoleErrors }) => consoleErrors.allow(/ERR_UNKNOWN_URL_SCHEME \(x:canary\)$/));

  test(`the payload list is large and varied (${XSS_PAYLOADS.length})`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(XSS_PAYLOADS.map((p) => p.category)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(XSS_PAYLOADS.map((p) => p.payload)).size).toBe(XSS_PAYLOADS.length);
  });

  test("pasted as HTML: nothing runs, nothing live is rendered, in this editor or another", async ({ browser, auth, ids }) => {
    const docPath = await createDocument(browser, auth, ids.longbridge);
    const context = await hostileContext(browser, auth);
    const page = await openEditor(context, docPath);
    await pasteAll(page, "html");
    await expect(page.getByTestId("save-status-text")).toHaveText("Saved", { timeout: 30_000 });
    // Words of the payloads arrive as text (e.g. link text, the text of unknown elements).
    await expect(page.locator(".ProseMirror")).toContainText("hover me");
    await expectClean(page, ".ProseMirror", "pasting HTML");

    // A second person's browser renders the same document from the collab server.
    const other = await hostileContext(browser, auth);
    const second = await openEditor(other, docPath);
    await expect(second.locator(".ProseMirror")).toContainText("hover me");
    await second.mouse.move(200, 400);
    await expectClean(second, ".ProseMirror", "rendering synced HTML paste");
    await Promise.all([context.close(), other.close()]);
  });

  test("pasted and typed as plain text: shown as text, never as markup", async ({ browser, auth, ids }) => {
    const docPath = await createDocument(browser, auth, ids.longbridge);
    const context = await hostileContext(browser, auth);
    const page = await openEditor(context, docPath);
    await pasteAll(page, "text");
    // Typed (as a keyboard or IME would insert it), a sample of each category.
    const sample = [...new Map(XSS_PAYLOADS.map((p) => [p.category, p])).values()];
    await page.locator(".ProseMirror").click();
    for (const p of sample) {
      await page.keyboard.press("Control+End");
      await page.keyboard.insertText(p.payload.replace(/\n/g, " "));
      await page.keyboard.press("Enter");
    }
    await expect(page.getByTestId("save-status-text")).toHaveText("Saved", { timeout: 30_000 });
    await expect(page.locator(".ProseMirror")).toContainText("<script>alert(1)</script>");
    await expect(page.locator(".ProseMirror")).toContainText("<img src=x onerror=alert(1)>");
    await expectClean(page, ".ProseMirror", "pasting text");
    // Typed text autolinks only http(s)/mailto.
    const hrefs = await page.locator(".ProseMirror a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.filter((h) => !/^(https?:\/\/|mailto:)/i.test(h))).toEqual([]);
    await context.close();
  });

  test("inserted through the editor's API as HTML and as text, then saved and viewed as a version", async ({ browser, auth, ids }) => {
    const docPath = await createDocument(browser, auth, ids.longbridge);
    const context = await hostileContext(browser, auth);
    const page = await openEditor(context, docPath);
    await page.evaluate(
      (payloads) => {
        const editor = window.__coproduceEditor!;
        // One transaction each (one message to the server), every payload as its own insertion.
        let html = editor.chain();
        for (const p of payloads) html = html.insertContent(p).enter();
        html.run();
        let text = editor.chain();
        for (const p of payloads) text = text.insertContent({ type: "paragraph", content: [{ type: "text", text: p }] });
        text.run();
        // Links set directly: only safe ones are accepted.
        for (const href of [
          "javascript:alert(1)",
          "data:text/html,<script>alert(1)</script>",
          "vbscript:msgbox(1)",
          " javascript:alert(1)",
          "java\tscript:alert(1)",
        ]) {
          editor
            .chain()
            .insertContent({ type: "paragraph", content: [{ type: "text", text: "link" }] })
            .run();
          const end = editor.state.selection.to;
          editor
            .chain()
            .setTextSelection({ from: end - 4, to: end })
            .setLink({ href })
            .run();
        }
      },
      XSS_PAYLOADS.map((p) => p.payload),
    );
    // Comments whose text and author name are payloads, anchored on text, as a hostile
    // client could write them straight into the document's comment map.
    await page.evaluate(
      (payloads) => {
        const editor = window.__coproduceEditor!;
        const doc = editor.extensionManager.extensions.find((e) => e.name === "collaboration")!.options.document;
        const comments = doc.getMap("comments");
        const YMap = comments.constructor as new () => { set(k: string, v: unknown): void };
        doc.transact(() => {
          payloads.forEach((payload, i) => {
            const c = new YMap();
            c.set("text", payload);
            c.set("authorName", payload);
            c.set("authorId", "x");
            c.set("createdAt", i);
            c.set("resolved", i % 5 === 0);
            comments.set(`xss${i}`, c);
          });
        });
        editor.chain().setTextSelection({ from: 1, to: 5 }).setMark("comment", { commentId: "xss1" }).run();
      },
      XSS_PAYLOADS.slice(0, 150).map((p) => p.payload),
    );
    await expect(page.getByRole("region", { name: "Comments" })).toContainText("<script>alert(1)</script>");
    await page.getByRole("region", { name: "Comments" }).locator("summary").click();
    await expect(page.getByTestId("save-status-text")).toHaveText("Saved", { timeout: 30_000 });
    await expect(page.locator(".ProseMirror")).toContainText("{{constructor.constructor('alert(1)')()}}");
    await expectClean(page, ".ProseMirror", "insertContent");
    await expectClean(page, ".comment-text, .comment-quote, .comment-meta", "comments");

    // Saved as a version and rendered by the server.
    await page.getByLabel("Name of this version").fill("<img src=x onerror=alert(1)>");
    await page.getByRole("button", { name: "Save version" }).click();
    await expect(page.locator(".version-name").first()).toHaveText("<img src=x onerror=alert(1)>", { timeout: 15_000 });
    await page.locator(".version-list a").first().click();
    const view = page.getByRole("article");
    await expect(view).toContainText("{{constructor.constructor('alert(1)')()}}");
    await expect(view).toContainText("<script>alert(1)</script>");
    await page.mouse.move(300, 500);
    await expectClean(page, "main h1, main article, main .muted", "version view");
    await context.close();
  });
});
