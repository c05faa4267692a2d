// Stories in Chromium: a facilitator captures a story with pasted text, marks a suggested
// identifier and records consent; a member reads only the redacted text (page HTML and the
// `.data` loader response hold neither the name nor the storyteller's identity); the
// facilitator switches to the original; a viewer reads only; an Arabic story on a phone (390 px)
// with axe and screenshots; withdrawal through the form, after which the story is gone.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { test, expect as baseExpect } from "./support/fixtures";
import { SAME_ORIGIN } from "./support/app";
import { hydrated } from "./support/page";
import { contextFor, editorReady, newGroup, typeAtEnd } from "./support/purpose";
import { captureStoryApi, noSideScroll, receivedBy } from "./support/stories";
import { seriousViolations } from "./support/axe";

const expect = baseExpect.configure({ timeout: 10_000 });
const SHOTS = path.resolve(import.meta.dirname, "..", ".tmp", "shots");
fs.mkdirSync(SHOTS, { recursive: true });

/** A placeholder as rendered: the number is wrapped in bidi isolates (FSI … PDI) by i18n. */
const ph = (label: string, n: number) => `\\[${label} \u2068?${n}\u2069?\\]`;

const PASTED = [
  "Kelly told me the bus no longer stops on Coleman Close before half eight.",
  "She walks her son to nursery in the rain and is late for work twice a month.",
].join("\n");

test.describe("stories", () => {
  test("capture, mark a suggested identifier, record consent; members read it redacted; the facilitator toggles the original; viewers read only; withdraw", async ({
    browser,
    auth,
    apiAs,
  }) => {
    test.setTimeout(150_000);
    const facilitatorApi = await apiAs("facilitator");
    const group = await newGroup(facilitatorApi);
    const list = `/l/${group.localityId}/stories`;
    const fCtx = await contextFor(browser, await auth.state("facilitator"));
    const f = await fCtx.newPage();

    // Capture with pasted text; the pseudonym is suggested.
    await f.goto(list);
    await hydrated(f);
    await f.getByRole("link", { name: "Capture a story" }).click();
    await hydrated(f);
    await expect(f.getByLabel("Storyteller (pseudonym)")).toHaveValue("Storyteller A");
    await f.getByLabel("Title").fill("Mornings after the bus changed");
    await f.getByLabel("Real name").fill("Kelly Dawson");
    await f.getByLabel("Text", { exact: true }).fill(PASTED);
    await f.getByRole("button", { name: "Save the story" }).click();
    await expect(f).toHaveURL(new RegExp(`${list}/[A-Za-z0-9_-]+\\?created=1$`));
    const storyPath = new URL(f.url()).pathname;
    await expect(f.getByRole("status").filter({ hasText: "Story saved." })).toBeVisible();
    await expect(f.locator(".story-text")).toContainText("Kelly told me the bus");

    // Members cannot open it before consent; it is marked for facilitators.
    const mCtx = await contextFor(browser, group.member.state);
    const m = await mCtx.newPage();
    expect((await m.goto(storyPath))!.status()).toBe(403);
    await f.goto(list);
    await expect(f.getByRole("listitem").filter({ hasText: "Mornings after the bus changed" })).toContainText("Needs consent");

    // Mark the suggested storyteller's name (and a street) on the identifiers page.
    await f.goto(`${storyPath}/identifiers`);
    await hydrated(f);
    await f.getByRole("button", { name: "Mark “Kelly” as name" }).click();
    await expect(f.getByRole("status").filter({ hasText: "Marked. It is now hidden" })).toBeVisible();
    await expect(f.getByRole("region", { name: /^Marked identifiers/ })).toContainText("Kelly");
    await f.getByRole("button", { name: "Mark “Coleman Close” as place" }).click();
    await expect(f.getByRole("region", { name: "Marked identifiers (2)" })).toBeVisible();

    // Record consent.
    await f.getByRole("link", { name: "Consent" }).click();
    await hydrated(f);
    await f.getByLabel("Given by").fill("Kelly Dawson");
    await f.getByLabel("Date given").fill("2026-09-17");
    await f.getByLabel("signed consent form").check();
    await f.getByLabel("Information sheet version").fill("v2, September 2026");
    await f.getByLabel(/Also anonymised quotes in reports/).check();
    await f.getByRole("button", { name: "Save consent" }).click();
    await expect(f.getByRole("status").filter({ hasText: "Consent saved." })).toBeVisible();

    // A photo, with its description.
    await f.getByRole("link", { name: "Photos", exact: true }).click();
    await hydrated(f);
    const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 20, g: 120, b: 90 } } })
      .png()
      .toBuffer();
    await f.getByLabel("Photo", { exact: true }).setInputFiles({ name: "stop.png", mimeType: "image/png", buffer: png });
    await f.getByLabel("Describe the photo").fill("A bus stop in the rain");
    await f.getByRole("button", { name: "Add the photo" }).click();
    await expect(f.getByRole("status").filter({ hasText: "Photo added." })).toBeVisible();
    await expect(f.getByRole("img", { name: "A bus stop in the rain" })).toBeVisible();

    // The facilitator adds to the text in the live editor; no copy of it is kept in the browser.
    await f.getByRole("link", { name: "Text", exact: true }).click();
    await editorReady(f);
    await expect(f.locator(".ProseMirror")).toContainText("Kelly told me the bus");
    await f.getByRole("textbox", { name: /^Text of / }).click();
    await f.keyboard.press("Control+End");
    await f.keyboard.press("Enter");
    await typeAtEnd(f, "Added in the editor.");
    const databases = await f.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ""));
    expect(databases.filter((name) => name.includes(":doc:"))).toEqual([]);

    // The member reads the redacted text; neither the page nor its loader data hold the name.
    const received = await receivedBy(m, storyPath);
    await expect(m.locator(".story-text")).toContainText(
      new RegExp(`${ph("Name", 1)} told me the bus no longer stops on ${ph("Place", 1)} before half eight\\.`),
    );
    for (const secret of ["Kelly", "Dawson", "Coleman"]) expect(received, secret).not.toContain(secret);
    await expect(m.locator(".story-text")).toContainText("Added in the editor.");
    const photo = m.getByRole("img", { name: "A bus stop in the rain" });
    await expect(photo).toBeVisible();
    const served = await m.request.get((await photo.getAttribute("src"))!);
    expect(served.status()).toBe(200);
    expect(served.headers()["cache-control"]).toBe("private, no-store");
    await expect(m.getByRole("link", { name: "Highlight and code this story" })).toHaveAttribute("href", `${storyPath}/code`);
    await expect(m.getByText("Short anonymised quotes may appear in reports.")).toBeVisible();
    await expect(m.getByRole("link", { name: "Show the original" })).toHaveCount(0);
    expect((await m.goto(`${storyPath}?view=original`))!.status()).toBe(200);
    expect(await m.content()).not.toContain("Kelly");

    // The facilitator sees it redacted by default, and the original (with the identity) on request.
    await f.goto(storyPath);
    await hydrated(f);
    await expect(f.locator(".story-text")).toContainText(new RegExp(`${ph("Name", 1)} told me`));
    await f.getByRole("link", { name: "Show the original" }).click();
    await expect(f).toHaveURL(`${storyPath}?view=original`);
    await expect(f.locator(".story-text mark.identifier").first()).toContainText("Kelly");
    await expect(f.locator(".story-text")).toContainText("told me the bus no longer stops on Coleman Close");
    await expect(f.getByRole("region", { name: "The storyteller's real identity" })).toContainText("Kelly Dawson");
    await f.getByRole("link", { name: "Show as members see it" }).click();
    await expect(f.locator(".story-text")).toContainText(new RegExp(`${ph("Name", 1)} told me`));

    // The viewer reads, without coding or managing.
    const vCtx = await contextFor(browser, group.viewer.state);
    const v = await vCtx.newPage();
    const viewerReceived = await receivedBy(v, storyPath);
    expect(viewerReceived).not.toContain("Kelly");
    await expect(v.getByRole("link", { name: "Highlight and code this story" })).toHaveCount(0);
    await expect(v.getByRole("navigation", { name: "This story" })).toHaveCount(0);
    expect((await v.goto(`${storyPath}/consent`))!.status()).toBe(403);
    const viewerPost = await v.request.post(`${storyPath}/consent`, { headers: SAME_ORIGIN, form: { intent: "withdraw", understood: "yes" }, maxRedirects: 0 });
    expect(viewerPost.status()).toBe(403);

    await f.goto(storyPath);
    await hydrated(f);
    await f.screenshot({ path: path.join(SHOTS, "story-facilitator-1280-en.png"), fullPage: true });
    await m.goto(storyPath);
    await hydrated(m);
    await m.screenshot({ path: path.join(SHOTS, "story-member-1280-en.png"), fullPage: true });
    expect(await seriousViolations(m)).toEqual([]);

    // Withdraw through the form: the box must be ticked first.
    await f.goto(`${storyPath}/consent`);
    await hydrated(f);
    expect(await seriousViolations(f)).toEqual([]);
    await f.getByRole("button", { name: "Withdraw the story" }).click();
    await expect(f.getByText("Tick the box to confirm that you understand what withdrawing removes.")).toBeVisible();
    await f.getByLabel(/I understand that this removes the story/).check();
    await f.getByRole("button", { name: "Withdraw the story" }).click();
    await expect(f).toHaveURL(`${list}?withdrawn=1`);
    await expect(f.getByRole("status")).toContainText("The story was withdrawn.");
    await expect(f.getByText("Mornings after the bus changed")).toHaveCount(0);
    expect((await f.goto(storyPath))!.status()).toBe(404);
    expect((await m.goto(storyPath))!.status()).toBe(404);
    await m.goto(list);
    await expect(m.getByText("There are no stories to read yet.")).toBeVisible();
    await Promise.all([fCtx.close(), mCtx.close(), vCtx.close()]);
  });

  test("bad input keeps what was typed: a text file that is not text; then a Markdown file", async ({ browser, auth, apiAs }) => {
    const group = await newGroup(await apiAs("facilitator"));
    const ctx = await contextFor(browser, await auth.state("facilitator"));
    const f = await ctx.newPage();
    await f.goto(`/l/${group.localityId}/stories/new`);
    await hydrated(f);
    await f.getByLabel("Title").fill("From a file");
    await f.getByLabel("Real name").fill("Piotr Zając");
    await f.getByLabel("Or import a file").setInputFiles({ name: "photo.txt", mimeType: "text/plain", buffer: Buffer.from([0x68, 0x00, 0x01]) });
    await f.getByRole("button", { name: "Save the story" }).click();
    await expect(f.getByText("This file is not plain text.")).toBeVisible();
    await expect(f.getByText("Choose the file again: browsers do not keep a chosen file after an error.")).toBeVisible();
    await expect(f.getByLabel("Title")).toHaveValue("From a file");
    await expect(f.getByLabel("Real name")).toHaveValue("Piotr Zając");
    // A .md file works.
    await f
      .getByLabel("Or import a file")
      .setInputFiles({ name: "visit.md", mimeType: "text/markdown", buffer: Buffer.from("# Visit\n\nPiotr met us at the library.\n") });
    // With the keyboard: the message beside the field goes as the form checks itself again.
    await f.getByRole("button", { name: "Save the story" }).focus();
    await f.keyboard.press("Enter");
    await expect(f).toHaveURL(/\?created=1$/);
    await expect(f.locator(".story-text")).toContainText("Piotr met us at the library.");
    await ctx.close();
  });

  test("without JavaScript: capture a story, mark a suggestion, record consent", async ({ browser, auth, apiAs }) => {
    const group = await newGroup(await apiAs("facilitator"));
    const ctx = await browser.newContext({ storageState: await auth.state("facilitator"), javaScriptEnabled: false });
    const f = await ctx.newPage();
    await f.goto(`/l/${group.localityId}/stories/new`);
    await f.getByLabel("Title").fill("Written without scripts");
    await f.getByLabel("Real name").fill("Kelly Dawson");
    await f.getByLabel("Text", { exact: true }).fill(PASTED);
    await f.getByRole("button", { name: "Save the story" }).click();
    await expect(f).toHaveURL(/\?created=1$/);
    const storyPath = new URL(f.url()).pathname;
    await f.goto(`${storyPath}/identifiers`);
    await f.getByRole("button", { name: "Mark all suggestions (2)" }).click();
    await expect(f.getByText("Identifiers marked: 2.")).toBeVisible();
    await f.goto(`${storyPath}/consent`);
    await f.getByLabel("Given by").fill("Kelly Dawson");
    await f.getByLabel("Information sheet version").fill("v2");
    await f.getByRole("button", { name: "Save consent" }).click();
    await expect(f.getByText("Consent saved.")).toBeVisible();
    await f.goto(storyPath);
    await expect(f.locator(".story-text")).toContainText(new RegExp(`${ph("Name", 1)} told me the bus no longer stops on ${ph("Place", 1)}`));
    await ctx.close();
  });

  test("an Arabic story on a phone, in Arabic: readable, no side scrolling, no serious axe findings", async ({ browser, auth, ids, apiAs }) => {
    test.setTimeout(90_000);
    // The viewer of both localities reads the demo story told in Arabic.
    const vCtx = await contextFor(browser, await auth.state("viewer"), "ar", { width: 390, height: 844 });
    const v = await vCtx.newPage();
    await v.goto(`/l/${ids.sparkbrook}/stories`);
    await hydrated(v);
    await expect(v.locator("h1")).toHaveText("القصص");
    await noSideScroll(v);
    await v.screenshot({ path: path.join(SHOTS, "stories-list-390-ar.png"), fullPage: true });
    await v.getByRole("link", { name: "الشتاء الأول في برمنغهام" }).click();
    await hydrated(v);
    await expect(v.locator(".story-text")).toContainText(new RegExp(`اسمي ${ph("اسم", 1)}، وصلنا`));
    expect(await v.content()).not.toContain("سميرة");
    await noSideScroll(v);
    expect(await seriousViolations(v)).toEqual([]);
    await v.screenshot({ path: path.join(SHOTS, "story-viewer-390-ar.png"), fullPage: true });

    // The facilitator's capture form and consent page on a phone, in Arabic.
    const facilitatorApi = await apiAs("facilitator");
    const group = await newGroup(facilitatorApi);
    const storyId = await captureStoryApi(facilitatorApi, group.localityId, {
      title: "قصة تجريبية",
      language: "ar",
      text: "قالت سميرة إن المدرسة ترسل الرسائل بالإنجليزية فقط.",
    });
    const fCtx = await contextFor(browser, await auth.state("facilitator"), "ar", { width: 390, height: 844 });
    const f = await fCtx.newPage();
    for (const [page, shot] of [
      [`/l/${group.localityId}/stories/new`, "story-new-390-ar.png"],
      [`/l/${group.localityId}/stories/${storyId}/identifiers`, "story-identifiers-390-ar.png"],
      [`/l/${group.localityId}/stories/${storyId}/consent`, "story-consent-390-ar.png"],
    ] as const) {
      await f.goto(page);
      await hydrated(f);
      await noSideScroll(f);
      expect(await seriousViolations(f), page).toEqual([]);
      await f.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    }
    await Promise.all([vCtx.close(), fCtx.close()]);
  });
});
