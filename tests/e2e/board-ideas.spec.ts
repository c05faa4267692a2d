// The board "in the room" for ideas: silent brainstorming (two real browsers on one live board),
// "builds on" set with the keyboard, notes from the public link, and a silent board in Arabic on
// a phone with axe.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createBoardAs, openBoard, tabTo } from "./support/board";
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
const HIDDEN = "A hidden note (revealed when the facilitator ends silent brainstorming)";

/** Everything in the page's DOM, attributes included (not only what is visible). */
const dom = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);

/** Presses Tab until the locator has focus (keyboard only). */
/** Puts a note on the board the way the server places an approved phone idea (no author, linked to the idea). */
async function placeIdeaLikeTheServer(page: Page, id: string, text: string) {
  await page.evaluate(
    ([noteId, body]) => {
      const doc = window.coproduceBoard!.doc;
      const notes = doc.getMap("notes");
      const existing = [...notes.values()][0] as {
        constructor: new () => { set(k: string, v: unknown): void };
        get(k: string): { constructor: new () => { insert(i: number, s: string): void } };
      };
      const YMap = existing.constructor;
      const YText = existing.get("text").constructor;
      doc.transact(() => {
        const note = new YMap();
        const text = new YText();
        text.insert(0, body!);
        note.set("text", text);
        note.set("colour", "green");
        note.set("authorId", null);
        note.set("authorName", null);
        note.set("createdAt", Date.now());
        note.set("clusterId", null);
        note.set("order", "zz");
        note.set("x", 40);
        note.set("y", 600);
        note.set("link", { type: "idea", id: noteId });
        notes.set(`idea-${noteId}`, note);
      });
    },
    [id, text],
  );
}

test.describe("ideas board: silent brainstorming", () => {
  test("each person sees only their own notes while silent (others' text is not in the page at all); a reveal shows everyone's, live", async ({
    browser,
    auth,
    ids,
  }) => {
    const path = await createBoardAs(auth, ids.longbridge, unique("Ideas board"));
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useView(p.page, "Outline");
    await expect(fac.page.getByText("Board for ideas")).toBeVisible();

    await fac.page.getByRole("button", { name: "Start silent brainstorming" }).click();
    for (const p of [fac, mem]) await expect(banner(p.page)).toContainText("Silent brainstorming.");
    await expect(mem.page.locator("[data-testid=board-live]")).toContainText("Silent brainstorming started");
    // Members cannot end it: there is no control for them.
    await expect(mem.page.getByRole("button", { name: "Reveal everyone's notes" })).toHaveCount(0);

    await addNote(fac.page, "Facilitator: a toy library at the centre");
    await addNote(mem.page, "Member: Saturday football for dads");
    // Each sees one hidden note (the other's) once it has arrived...
    for (const p of [fac, mem]) await expect(banner(p.page)).toContainText("Notes hidden from you: 1");
    // ...as a covered row with no text, no author and no actions.
    const covered = mem.page.getByRole("listitem", { name: HIDDEN });
    await expect(covered).toHaveCount(1);
    await expect(covered.getByRole("button")).toHaveCount(0);
    await expect(covered.getByRole("checkbox")).toHaveCount(0);
    expect(await dom(mem.page)).not.toContain("toy library");
    expect(await dom(mem.page)).not.toContain("Amira Haddad added");
    expect(await dom(fac.page)).not.toContain("Saturday football");
    await expect(fac.page.getByText("Facilitator: a toy library at the centre", { exact: true })).toBeVisible();

    // An approved idea from the public link stays covered too, for everyone.
    await placeIdeaLikeTheServer(fac.page, unique("i"), "Phone idea: a bench by the bus stop");
    for (const p of [fac, mem]) await expect(banner(p.page)).toContainText("Notes hidden from you: 2");
    expect(await dom(mem.page)).not.toContain("bench by the bus stop");
    expect(await dom(fac.page)).not.toContain("bench by the bus stop");
    // A viewer who arrives now sees three covered notes and none of their text.
    const viewer = await openBoard(browser, auth, "viewer", path);
    await useView(viewer.page, "Outline");
    await expect(banner(viewer.page)).toContainText("Notes hidden from you: 3");
    await expect(viewer.page.getByRole("listitem", { name: HIDDEN })).toHaveCount(3);
    for (const text of ["toy library", "Saturday football", "bench by the bus stop"]) expect(await dom(viewer.page)).not.toContain(text);
    await viewer.context.close();

    // The canvas covers them the same way: same cards, no text.
    await useView(mem.page, "Canvas");
    await expect(mem.page.getByRole("note", { name: HIDDEN })).toHaveCount(2);
    await expect(mem.page.getByRole("button", { name: /^Member: Saturday football for dads, by Karen Whitcombe/ })).toBeVisible();
    expect(await dom(mem.page)).not.toContain("toy library");
    // A covered card does not open the note panel, nor pick up for moving.
    await mem.page.getByRole("note", { name: HIDDEN }).first().focus();
    await mem.page.keyboard.press("Enter");
    await mem.page.keyboard.press("Space");
    await expect(mem.page.getByRole("region", { name: "Selected note" })).toHaveCount(0);
    await mem.page.screenshot({ path: `${SHOTS}/board-ideas-1280-canvas-silent.png` });
    await useView(mem.page, "Outline");
    await fac.page.screenshot({ path: `${SHOTS}/board-ideas-1280-outline-silent-fac.png`, fullPage: true });

    await fac.page.getByRole("button", { name: "Reveal everyone's notes" }).click();
    for (const p of [fac, mem]) {
      await expect(banner(p.page)).toHaveCount(0);
      await expect(p.page.getByText("Facilitator: a toy library at the centre", { exact: true })).toBeVisible();
      await expect(p.page.getByText("Member: Saturday football for dads", { exact: true })).toBeVisible();
      await expect(p.page.getByText("Phone idea: a bench by the bus stop", { exact: true })).toBeVisible();
      await expect(p.page.getByRole("listitem", { name: HIDDEN })).toHaveCount(0);
    }
    await expect(mem.page.locator("[data-testid=board-live]")).toContainText("Everyone's notes are revealed.");
    // The phone idea is labelled as such (not "by anonymous"), and is a normal note: it can be voted on.
    const phone = mem.page.getByRole("listitem", { name: "Phone idea: a bench by the bus stop" });
    await expect(phone.getByText("From the public link", { exact: true })).toBeVisible();
    await fac.page.getByRole("button", { name: "Open voting" }).click();
    await phone.getByRole("button", { name: "Add a dot to: Phone idea: a bench by the bus stop" }).click();
    await expect(phone.getByText("Your dots: 1")).toBeVisible();
    await fac.page.getByRole("button", { name: "Close voting" }).click();
    await expect(fac.page.getByRole("listitem", { name: "Phone idea: a bench by the bus stop" }).getByText("Dots: 1", { exact: true })).toBeVisible();
    await useView(mem.page, "Canvas");
    await expect(mem.page.getByRole("button", { name: "Phone idea: a bench by the bus stop, from the public link" })).toBeVisible();
    await fac.page.screenshot({ path: `${SHOTS}/board-ideas-1280-outline-revealed.png`, fullPage: true });
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("builds-on set with the keyboard in the outline shows in the other browser, focuses the other note, and names a hidden note only as hidden", async ({
    browser,
    auth,
    ids,
  }) => {
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
    await expect(page.locator("[data-testid=board-live]")).toHaveText("The note now builds on Walking bus.");
    await expect(page.getByRole("button", { name: "Builds on…: Walking bus with parent volunteers" })).toBeFocused();

    // The other browser shows the label, and it takes focus to the note it names.
    const row = mem.page.getByRole("listitem", { name: "Walking bus with parent volunteers" });
    const link = row.getByRole("button", { name: "Builds on: “Walking bus”" });
    await expect(link).toBeVisible();
    await link.click();
    await expect(mem.page.getByRole("listitem", { name: "Walking bus", exact: true })).toBeFocused();

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

    // The member's own note builds on the facilitator's; in silent mode that one is hidden from the member.
    await mem.page.getByRole("button", { name: "Builds on…: Walking bus", exact: true }).click();
    await mem.page.getByLabel("This note builds on").selectOption({ label: "Walking bus with parent volunteers" });
    await mem.page.getByRole("button", { name: "Save" }).click();
    await expect(mem.page.getByRole("button", { name: "Builds on: “Walking bus with parent volunteers”" })).toBeVisible();
    await fac.page.getByRole("button", { name: "Start silent brainstorming" }).click();
    await expect(mem.page.getByRole("button", { name: "Builds on: a hidden note" })).toBeVisible();
    expect(await dom(mem.page)).not.toContain("parent volunteers");

    // Clearing works too.
    await fac.page.getByRole("button", { name: "Reveal everyone's notes" }).click();
    await expect(mem.page.getByText("Walking bus with parent volunteers", { exact: true })).toBeVisible();
    await fac.page.getByRole("button", { name: "Builds on…: Walking bus with parent volunteers" }).click();
    await fac.page.getByRole("button", { name: "Clear the link" }).click();
    await expect(mem.page.getByRole("button", { name: "Builds on: “Walking bus”" })).toHaveCount(0);
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("a silent board in Arabic on a 390 px phone: covered notes, right to left, no serious axe findings", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge, unique("أفكار"));
    const fac = await openBoard(browser, auth, "facilitator", path);
    await useView(fac.page, "Outline");
    await addNote(fac.page, "مكتبة ألعاب في المركز");

    const mem = await openBoard(browser, auth, "member", path, { lang: "ar", width: 390, height: 844 });
    const { page } = mem;
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await useView(page, "قائمة");
    await addNote(page, "كرة قدم للآباء يوم السبت", "الملاحظة", "أضف الملاحظة");
    // The member's note builds on the facilitator's (chosen before the session goes silent).
    // (Arabic wraps interpolated text in direction isolates: hence `.?` in the names.)
    await page.getByRole("button", { name: /^تبني على…: .?كرة قدم للآباء يوم السبت.?$/ }).click();
    await page.getByLabel("تبني هذه الملاحظة على").selectOption({ label: "مكتبة ألعاب في المركز" });
    await page.getByRole("button", { name: "احفظ" }).click();
    await expect(page.getByRole("button", { name: /^تبني على: «.?مكتبة ألعاب في المركز.?»$/ })).toBeVisible();

    await fac.page.getByRole("button", { name: "Start silent brainstorming" }).click();
    await expect(banner(page)).toContainText("عصف ذهني صامت.");
    await expect(banner(page)).toContainText(/الملاحظات المخفية عنك: \u2068?1/); // numbers are isolated (FSI…PDI) in Arabic
    await expect(page.getByRole("button", { name: "تبني على: ملاحظة مخفية" })).toBeVisible();
    await expect(page.getByRole("listitem", { name: "ملاحظة مخفية (تُكشف عندما يُنهي الميسّر العصف الذهني الصامت)" })).toHaveCount(1);
    expect(await dom(page)).not.toContain("مكتبة ألعاب");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/board-ideas-390-ar-outline-silent.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await useView(page, "لوحة حرة");
    await expect(page.getByRole("note", { name: "ملاحظة مخفية (تُكشف عندما يُنهي الميسّر العصف الذهني الصامت)" })).toHaveCount(1);
    await page.locator(".board-canvas-tools .button").nth(2).click(); // fit to screen
    await page.screenshot({ path: `${SHOTS}/board-ideas-390-ar-canvas-silent.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });
});
