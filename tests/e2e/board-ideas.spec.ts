// The board "in the room" for ideas: silent brainstorming (two and three real browsers on one live
// board: a note written in silence reaches nobody else's browser until the reveal), a change the
// server refuses, "builds on" set with the keyboard, and a silent board in Arabic on a phone with axe.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createBoardAs, openBoard, recordFrames, tabTo } from "./support/board";
import { unique } from "./support/app";
import { seriousViolations } from "./support/axe";

const SHOTS = process.env.SHOTS_DIR ?? "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });

async function useView(page: Page, name: "Outline" | "Canvas" | "قائمة" | "لوحة حرة") {
  const button = page.getByRole("button", { name, exact: true });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(page.locator(name === "Outline" || name === "قائمة" ? ".board-outline" : ".board-canvas")).toBeVisible({ timeout: 15_000 });
}

async function addNote(page: Page, text: string, label = "Note", button = "Add note") {
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByText(text, { exact: true })).toBeVisible();
}

const banner = (page: Page) => page.getByTestId("board-silent");
const live = (page: Page) => page.locator("[data-testid=board-live]");
const HIDDEN = "A hidden note (revealed when the facilitator ends silent brainstorming)";
const HIDDEN_AR = "ملاحظة مخفية (تُكشف عندما يُنهي الميسّر العصف الذهني الصامت)";
const ONLY_YOU = "Only you can see this note until the facilitator reveals everyone's notes";
const REFUSED = "A change was not allowed; the board shows what is saved.";

/** Everything in the page's DOM, attributes included (not only what is visible). */
const dom = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);
/** The whole board document this browser holds (every note's text, author and place). */
const boardDoc = (page: Page) => page.evaluate(() => JSON.stringify(window.coproduceBoard!.doc.toJSON()));
/** This person's draft document, as this browser holds it ("" when none is open). */
const draftDoc = (page: Page) => page.evaluate(() => (window.coproduceDraft ? JSON.stringify(window.coproduceDraft.doc.toJSON()) : ""));
/** Names of this page's IndexedDB databases (y-indexeddb keeps one per document). */
const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ""));

/** The facilitator's silent brainstorming form (in the facilitator controls, a server action). */
async function startSilence(page: Page) {
  await page.getByRole("button", { name: "Start silent brainstorming" }).click();
  await expect(page.getByRole("button", { name: "Reveal everyone's notes" })).toBeVisible({ timeout: 15_000 });
}
async function reveal(page: Page) {
  await page.getByRole("button", { name: "Reveal everyone's notes" }).click();
  await expect(page.getByRole("button", { name: "Start silent brainstorming" })).toBeVisible({ timeout: 15_000 });
}

test.describe("ideas board: silent brainstorming", () => {
  test("a note written in silence is only in its author's browser (page, document and socket) until the reveal; then everyone sees it live, with its author", async ({
    browser,
    auth,
    ids,
  }) => {
    test.setTimeout(90_000);
    const path = await createBoardAs(auth, ids.longbridge, unique("Ideas board"));
    let facFrames: ReturnType<typeof recordFrames> | undefined;
    const [fac, mem] = await Promise.all([
      openBoard(browser, auth, "facilitator", path, { beforeOpen: (page) => (facFrames = recordFrames(page)) }),
      openBoard(browser, auth, "member", path),
    ]);
    for (const p of [fac, mem]) await useView(p.page, "Outline");
    await expect(fac.page.getByText("Board for ideas")).toBeVisible();
    // Written before the silence: on the board, for everyone, throughout.
    await addNote(fac.page, "Before the silence: a coffee morning");
    await expect(mem.page.getByText("Before the silence: a coffee morning", { exact: true })).toBeVisible();

    await startSilence(fac.page);
    for (const p of [fac, mem]) await expect(banner(p.page)).toContainText("Silent brainstorming.");
    await expect(live(mem.page)).toContainText("Silent brainstorming started");
    // Members cannot end it: there is no control for them.
    await expect(mem.page.getByRole("button", { name: "Reveal everyone's notes" })).toHaveCount(0);

    await addNote(fac.page, "Facilitator: a toy library at the centre");
    await addNote(mem.page, "Member: Saturday football for dads");
    // Each sees their own note, marked as theirs alone...
    await expect(mem.page.getByRole("listitem", { name: "Member: Saturday football for dads" })).toHaveAccessibleDescription(ONLY_YOU);
    await expect(fac.page.getByRole("listitem", { name: "Facilitator: a toy library at the centre" }).getByText(ONLY_YOU)).toBeVisible();
    // ...and the other's only as a count and a blank row, once the server has counted it.
    for (const p of [fac, mem]) await expect(banner(p.page)).toContainText("Notes hidden from you: 1", { timeout: 15_000 });
    const hiddenGroup = mem.page.getByRole("region", { name: /^Hidden until revealed/ });
    await expect(hiddenGroup.getByRole("listitem", { name: HIDDEN })).toHaveCount(1);
    await expect(hiddenGroup.getByRole("button")).toHaveCount(0);
    // Not in the other's page, nor in any document their browser holds, nor in anything their socket received.
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await expect(fac.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    expect(await dom(mem.page)).not.toContain("toy library");
    expect(await boardDoc(mem.page)).not.toContain("toy library");
    expect(await draftDoc(mem.page)).not.toContain("toy library");
    expect(await dom(fac.page)).not.toContain("Saturday football");
    expect(await boardDoc(fac.page)).not.toContain("Saturday football");
    expect(await draftDoc(fac.page)).not.toContain("Saturday football");
    expect(facFrames!.count()).toBeGreaterThan(0);
    expect(facFrames!.contains("Saturday football")).toBe(false);
    // Each note is in its author's draft, not on the board.
    expect(await draftDoc(mem.page)).toContain("Saturday football");
    expect(await boardDoc(mem.page)).not.toContain("Saturday football");

    // Own draft notes are edited, moved and undone like any note of theirs.
    const own = mem.page.getByRole("listitem", { name: "Member: Saturday football for dads" });
    await own.getByRole("button", { name: "Edit note: Member: Saturday football for dads" }).click();
    // (While it is edited, the row is named by nothing: the form is found on the page.)
    await mem.page.getByLabel("Edit the note").fill("Member: Saturday football for dads and kids");
    await mem.page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(mem.page.getByText("Member: Saturday football for dads and kids", { exact: true })).toBeVisible();
    await expect.poll(() => draftDoc(mem.page)).toContain("dads and kids");
    await mem.page.waitForTimeout(500); // a separate step for undo (changes within 400 ms are undone together)
    await addNote(mem.page, "A draft to take back");
    await expect(banner(fac.page)).toContainText("Notes hidden from you: 2", { timeout: 15_000 });
    await expect(banner(mem.page)).toContainText("Notes hidden from you: 1");
    await mem.page.getByRole("button", { name: "Undo" }).click();
    await expect(mem.page.getByText("A draft to take back", { exact: true })).toHaveCount(0);
    await expect(banner(fac.page)).toContainText("Notes hidden from you: 1", { timeout: 15_000 });
    await expect.poll(() => draftDoc(mem.page)).not.toContain("take back");
    // Others' notes on the board are greyed out where the rules say so: no editing or deleting of the facilitator's note.
    const theirs = mem.page.getByRole("listitem", { name: "Before the silence: a coffee morning" });
    await expect(theirs.getByRole("button", { name: "Edit note: Before the silence: a coffee morning" })).toBeDisabled();
    await expect(theirs.getByRole("button", { name: "Delete note: Before the silence: a coffee morning" })).toBeDisabled();
    await expect(theirs.getByRole("button", { name: "Move note: Before the silence: a coffee morning" })).toBeAttached();

    // A viewer who arrives now sees two hidden notes and none of their text.
    const viewer = await openBoard(browser, auth, "viewer", path);
    await useView(viewer.page, "Outline");
    await expect(banner(viewer.page)).toContainText("Notes hidden from you: 2");
    await expect(viewer.page.getByRole("listitem", { name: HIDDEN })).toHaveCount(2);
    for (const text of ["toy library", "Saturday football"]) {
      expect(await dom(viewer.page)).not.toContain(text);
      expect(await boardDoc(viewer.page)).not.toContain(text);
    }
    await viewer.context.close();

    // The canvas: the member's own card (movable, marked), the others' as a row of blank cards.
    await useView(mem.page, "Canvas");
    await expect(mem.page.getByRole("note", { name: HIDDEN })).toHaveCount(1);
    const card = mem.page.getByRole("button", { name: /^Member: Saturday football for dads and kids, by Karen Whitcombe/ });
    await expect(card).toHaveAccessibleDescription(ONLY_YOU);
    await expect(card.getByText("Only you", { exact: true })).toBeVisible();
    const x = () => mem.page.evaluate(() => (window.coproduceDraft!.doc.getMap("notes").values().next().value as { get(k: string): number }).get("x"));
    const before = await x();
    await card.focus();
    await mem.page.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await mem.page.keyboard.press("ArrowRight");
    await mem.page.keyboard.press("Space");
    await expect.poll(x).toBeGreaterThan(before);
    expect(await dom(mem.page)).not.toContain("toy library");
    await mem.page.getByRole("button", { name: "Fit to screen" }).click();
    await mem.page.screenshot({ path: `${SHOTS}/board-ideas-1280-en-canvas-silent.png` });
    await useView(mem.page, "Outline");
    await mem.page.screenshot({ path: `${SHOTS}/board-ideas-1280-en-outline-silent.png`, fullPage: true });
    await fac.page.screenshot({ path: `${SHOTS}/board-ideas-1280-en-outline-silent-fac.png`, fullPage: true });

    await reveal(fac.page);
    for (const p of [fac, mem]) {
      await expect(banner(p.page)).toHaveCount(0);
      await expect(p.page.getByText("Facilitator: a toy library at the centre", { exact: true })).toBeVisible();
      await expect(p.page.getByText("Member: Saturday football for dads and kids", { exact: true })).toBeVisible();
      await expect(p.page.getByRole("listitem", { name: HIDDEN })).toHaveCount(0);
      await expect(p.page.getByText(ONLY_YOU)).toHaveCount(0);
    }
    await expect(live(mem.page)).toContainText("Everyone's notes are revealed.");
    // With their authors, and on the board now (the drafts are gone, here and on the device).
    await expect(fac.page.getByRole("listitem", { name: "Member: Saturday football for dads and kids" }).getByText("by Karen Whitcombe")).toBeVisible();
    await expect(mem.page.getByRole("listitem", { name: "Facilitator: a toy library at the centre" }).getByText("by Amira Haddad")).toBeVisible();
    expect(await boardDoc(fac.page)).toContain("Saturday football");
    await expect.poll(() => draftDoc(mem.page)).toBe("");
    await expect.poll(async () => (await databases(mem.page)).filter((n) => n.includes(":draft:"))).toEqual([]);
    expect(facFrames!.contains("Saturday football")).toBe(true);
    // A revealed note is a normal note: it can be voted on.
    await fac.page.getByRole("button", { name: "Open voting" }).click();
    const revealed = mem.page.getByRole("listitem", { name: "Facilitator: a toy library at the centre" });
    await revealed.getByRole("button", { name: "Add a dot to: Facilitator: a toy library at the centre" }).click();
    await expect(revealed.getByText("Your dots: 1")).toBeVisible();
    await fac.page.screenshot({ path: `${SHOTS}/board-ideas-1280-en-outline-revealed.png`, fullPage: true });
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("a note written offline in silence reaches the board after the reveal, once, as its author's", async ({ browser, auth, ids, consoleErrors }) => {
    test.setTimeout(90_000);
    consoleErrors.allow(/net::ERR_INTERNET_DISCONNECTED/, /^WebSocket connection to .* failed/);
    const path = await createBoardAs(auth, ids.longbridge, unique("Ideas board"));
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useView(p.page, "Outline");
    await startSilence(fac.page);
    await expect(banner(mem.page)).toBeVisible();
    await addNote(mem.page, "Stored in my draft");
    await expect(banner(fac.page)).toContainText("Notes hidden from you: 1");
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });

    await mem.context.setOffline(true);
    await addNote(mem.page, "Written on the bus during the silence");
    await expect(mem.page.locator(".board-status")).not.toHaveText(/Saved/);
    await reveal(fac.page);
    await expect(fac.page.getByText("Stored in my draft", { exact: true })).toBeVisible();
    await expect(fac.page.getByText("Written on the bus during the silence", { exact: true })).toHaveCount(0);

    await mem.context.setOffline(false);
    await expect(fac.page.getByText("Written on the bus during the silence", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(fac.page.getByRole("listitem", { name: "Written on the bus during the silence" }).getByText("by Karen Whitcombe")).toBeVisible();
    await expect(banner(mem.page)).toHaveCount(0);
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 20_000 });
    // Once: the stored note is not added again, and a reload brings nothing back from the device.
    await mem.page.reload();
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await useView(mem.page, "Outline");
    for (const text of ["Stored in my draft", "Written on the bus during the silence"]) await expect(mem.page.getByText(text, { exact: true })).toHaveCount(1);
    expect(await fac.page.evaluate(() => window.coproduceBoard!.doc.getMap("notes").size)).toBe(2);
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("a change the server refuses is dropped from the browser (document and device copy), which says so and shows the true board", async ({
    browser,
    auth,
    ids,
  }) => {
    const path = await createBoardAs(auth, ids.longbridge, unique("Ideas board"));
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useView(p.page, "Outline");
    await addNote(fac.page, "The facilitator's note");
    await expect(mem.page.getByText("The facilitator's note", { exact: true })).toBeVisible();

    // Silent brainstorming is started by the app, not by a client: a member writing it into the document is refused.
    await mem.page.evaluate(() => window.coproduceBoard!.doc.getMap("settings").set("silent", true));
    await expect(live(mem.page)).toContainText(REFUSED);
    await expect(banner(mem.page)).toHaveCount(0);
    await expect.poll(() => mem.page.evaluate(() => window.coproduceBoard!.doc.getMap("settings").get("silent") ?? null)).toBeNull();
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await expect(mem.page.getByText("The facilitator's note", { exact: true })).toBeVisible();
    // Nobody else ever saw it.
    await expect(banner(fac.page)).toHaveCount(0);

    // Changing someone else's note through the document is refused too; the browser keeps working afterwards.
    await mem.page.evaluate(() => {
      const notes = window.coproduceBoard!.doc.getMap("notes");
      const note = [...notes.values()][0] as { get(k: string): { insert(i: number, s: string): void } };
      note.get("text").insert(0, "Hijacked: ");
    });
    await expect.poll(() => boardDoc(mem.page)).not.toContain("Hijacked");
    await expect(mem.page.getByText("The facilitator's note", { exact: true })).toBeVisible();
    expect(await dom(mem.page)).not.toContain("Hijacked");
    await addNote(mem.page, "After the refusal");
    await expect(fac.page.getByText("After the refusal", { exact: true })).toBeVisible();
    // The device's copy was dropped: a reload brings neither refused change back.
    await mem.page.reload();
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await useView(mem.page, "Outline");
    await expect(mem.page.getByText("After the refusal", { exact: true })).toBeVisible();
    expect(await dom(mem.page)).not.toContain("Hijacked");
    await expect(banner(mem.page)).toHaveCount(0);
    expect(await fac.page.evaluate(() => JSON.stringify(window.coproduceBoard!.doc.toJSON()))).not.toContain("Hijacked");
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("builds-on set with the keyboard in the outline shows in the other browser and focuses the other note; in silence, a draft note builds on a board note and keeps it when revealed", async ({
    browser,
    auth,
    ids,
  }) => {
    test.setTimeout(60_000);
    const path = await createBoardAs(auth, ids.longbridge, unique("Ideas board"));
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useView(p.page, "Outline");
    await addNote(mem.page, "Walking bus");
    await expect(fac.page.getByText("Walking bus", { exact: true })).toBeVisible();
    await addNote(fac.page, "Walking bus with parent volunteers");

    // Keyboard only: "Builds on…", choose the note, save.
    const { page } = fac;
    await page.locator("body").focus();
    await tabTo(page, page.getByRole("button", { name: "Builds on…: Walking bus with parent volunteers" }));
    await page.keyboard.press("Enter");
    const select = page.getByLabel("This note builds on");
    await expect(select).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(select).toHaveValue(/.+/);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Save" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(live(page)).toHaveText("The note now builds on Walking bus.");
    await expect(page.getByRole("button", { name: "Builds on…: Walking bus with parent volunteers" })).toBeFocused();

    // The other browser shows the label, and it takes focus to the note it names.
    const row = mem.page.getByRole("listitem", { name: "Walking bus with parent volunteers" });
    const link = row.getByRole("button", { name: "Builds on: “Walking bus”" });
    await expect(link).toBeVisible();
    await link.click();
    await expect(mem.page.getByRole("listitem", { name: "Walking bus", exact: true })).toBeFocused();
    // The member may not change what the facilitator's note builds on (greyed out, as the server's rules say).
    await expect(row.getByRole("button", { name: "Builds on…: Walking bus with parent volunteers" })).toBeDisabled();

    // On the canvas: the label on the card, an arrow between the cards.
    await useView(mem.page, "Canvas");
    await expect(mem.page.locator(".board-card").filter({ hasText: "Builds on: “Walking bus”" })).toHaveCount(1);
    await expect(mem.page.locator(".board-connectors line")).toHaveCount(1);
    await mem.page.getByRole("button", { name: "Fit to screen" }).click();
    await mem.page.screenshot({ path: `${SHOTS}/board-ideas-1280-canvas-builds-on.png` });
    // From the note's panel (Enter on the card), the label takes focus to the other card.
    await mem.page.getByRole("button", { name: /^Walking bus with parent volunteers, by/ }).focus();
    await mem.page.keyboard.press("Enter");
    await mem.page.getByRole("region", { name: "Selected note" }).getByRole("button", { name: "Builds on: “Walking bus”" }).click();
    await expect(mem.page.getByRole("button", { name: /^Walking bus, by Karen Whitcombe/ })).toBeFocused();
    await mem.page.getByRole("region", { name: "Selected note" }).getByRole("button", { name: "Close" }).click();
    await useView(mem.page, "Outline");

    // In silence: the member's new (draft) note builds on the facilitator's board note...
    await startSilence(fac.page);
    await expect(banner(mem.page)).toBeVisible();
    await addNote(mem.page, "Walking bus on Fridays too");
    await mem.page.getByRole("button", { name: "Builds on…: Walking bus on Fridays too" }).click();
    await mem.page.getByLabel("This note builds on").selectOption({ label: "Walking bus with parent volunteers" });
    await mem.page.getByRole("button", { name: "Save" }).click();
    const draftRow = mem.page.getByRole("listitem", { name: "Walking bus on Fridays too" });
    await expect(draftRow.getByRole("button", { name: "Builds on: “Walking bus with parent volunteers”" })).toBeVisible();
    await expect.poll(() => draftDoc(mem.page)).toContain('"buildsOn"');
    // ...while a board note cannot build on a note that is not on the board yet.
    await mem.page.getByRole("button", { name: "Builds on…: Walking bus", exact: true }).click();
    await expect(mem.page.getByLabel("This note builds on").locator("option", { hasText: "Fridays" })).toHaveCount(0);
    await mem.page.getByRole("button", { name: "Cancel" }).click();
    expect(await dom(fac.page)).not.toContain("Fridays");

    // Revealed: the link is there for everyone.
    await reveal(fac.page);
    const revealed = fac.page.getByRole("listitem", { name: "Walking bus on Fridays too" });
    await expect(revealed.getByRole("button", { name: "Builds on: “Walking bus with parent volunteers”" })).toBeVisible();

    // Clearing works too.
    await fac.page.getByRole("button", { name: "Builds on…: Walking bus with parent volunteers" }).click();
    await fac.page.getByRole("button", { name: "Clear the link" }).click();
    await expect(mem.page.getByRole("button", { name: "Builds on: “Walking bus”" })).toHaveCount(0);
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("a silent board in Arabic on a 390 px phone (and English, and 1280 px): own and hidden notes, right to left, no side scroll, no serious axe findings", async ({
    browser,
    auth,
    ids,
  }) => {
    test.setTimeout(90_000);
    const path = await createBoardAs(auth, ids.longbridge, unique("أفكار"));
    const fac = await openBoard(browser, auth, "facilitator", path);
    await useView(fac.page, "Outline");
    await addNote(fac.page, "مكتبة ألعاب في المركز");

    const mem = await openBoard(browser, auth, "member", path, { lang: "ar", width: 390, height: 844 });
    const { page } = mem;
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await useView(page, "قائمة");
    await expect(page.getByText("مكتبة ألعاب في المركز", { exact: true })).toBeVisible();

    await startSilence(fac.page);
    await expect(banner(page)).toContainText("عصف ذهني صامت.");
    await addNote(fac.page, "حديقة مجتمعية خلف المدرسة");
    await addNote(page, "كرة قدم للآباء يوم السبت", "الملاحظة", "أضف الملاحظة");
    await expect(banner(page)).toContainText(/الملاحظات المخفية عنك: \u2068?1/, { timeout: 15_000 }); // numbers are isolated (FSI…PDI) in Arabic
    await expect(page.getByRole("listitem", { name: HIDDEN_AR })).toHaveCount(1);
    await expect(page.getByRole("listitem", { name: "كرة قدم للآباء يوم السبت" })).toHaveAccessibleDescription(
      "لا يرى هذه الملاحظة أحد غيرك حتى يكشف الميسّر ملاحظات الجميع",
    );
    // The note written before the silence stays on the board for everyone; the new one of the facilitator reaches nobody.
    await expect(page.getByText("مكتبة ألعاب في المركز", { exact: true })).toBeVisible();
    expect(await dom(page)).not.toContain("حديقة مجتمعية");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/board-ideas-390-ar-outline-silent.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await useView(page, "لوحة حرة");
    await expect(page.getByRole("note", { name: HIDDEN_AR })).toHaveCount(1);
    await page.locator(".board-canvas-tools .button").nth(2).click(); // fit to screen
    await page.screenshot({ path: `${SHOTS}/board-ideas-390-ar-canvas-silent.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The same board at 1280 px in Arabic.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(".board-canvas-tools .button").nth(2).click();
    await page.screenshot({ path: `${SHOTS}/board-ideas-1280-ar-canvas-silent.png` });
    await useView(page, "قائمة");
    await page.screenshot({ path: `${SHOTS}/board-ideas-1280-ar-outline-silent.png`, fullPage: true });

    // And the facilitator's board at 390 px in English.
    await fac.page.setViewportSize({ width: 390, height: 844 });
    await expect(banner(fac.page)).toContainText("Notes hidden from you: 1");
    expect(await fac.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await fac.page.screenshot({ path: `${SHOTS}/board-ideas-390-en-outline-silent.png`, fullPage: true });
    expect(await seriousViolations(fac.page)).toEqual([]);
    await useView(fac.page, "Canvas");
    await fac.page.getByRole("button", { name: "Fit to screen" }).click();
    await fac.page.screenshot({ path: `${SHOTS}/board-ideas-390-en-canvas-silent.png`, fullPage: true });
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });
});
