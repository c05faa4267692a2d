// The live board in real browsers: several people on one board, the outline and the canvas,
// votes, lock, offline edits, keyboard only, a phone in Arabic, and axe.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createBoardAs, openBoard, tabTo } from "./support/board";
import { unique } from "./support/app";

const SHOTS = "tests/.tmp/shots";

async function useOutline(page: Page) {
  const button = page.getByRole("button", { name: /^(Outline|قائمة)$/ });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(page.locator(".board-outline")).toBeVisible({ timeout: 15_000 }); // its code loads when first shown
}

async function addNote(page: Page, text: string) {
  await page.getByLabel("Note", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Add note" }).click();
}

const live = (page: Page) => page.locator("[data-testid=board-live]");

/** The texts of the notes of one outline section (a cluster, or "Not in a cluster"). */
function section(page: Page, name: string | RegExp) {
  return page.getByRole("region", { name });
}

test.describe("board", () => {
  test("a note added by one person appears for the others, moving it into a cluster syncs, and it is announced", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const [a, b, c] = await Promise.all([
      openBoard(browser, auth, "facilitator", path),
      openBoard(browser, auth, "member", path),
      openBoard(browser, auth, "viewer", path),
    ]);
    for (const p of [a, b, c]) await useOutline(p.page);

    await addNote(b.page, "Parents feel judged at the school gate");
    for (const p of [a, c]) await expect(p.page.getByText("Parents feel judged at the school gate", { exact: true })).toBeVisible();
    await expect(live(a.page)).toContainText("Karen Whitcombe added a note.");

    await a.page.getByLabel("New cluster").fill("Belonging");
    await a.page.getByRole("button", { name: "Add cluster" }).click();
    await expect(section(b.page, /^Belonging/)).toBeVisible();

    const move = b.page.getByLabel("Move note to: Parents feel judged at the school gate");
    await move.focus(); // the list of clusters is built when someone reaches it
    await move.selectOption({ label: "Belonging" });
    await b.page.getByRole("button", { name: "Move note: Parents feel judged at the school gate" }).click();
    for (const p of [a, b, c]) await expect(section(p.page, /^Belonging/).getByText("Parents feel judged at the school gate", { exact: true })).toBeVisible();
    await expect(live(a.page)).toContainText("Note moved to Belonging.");

    // Presence: everyone is listed by name.
    await expect(a.page.getByRole("list", { name: "Here now" })).toContainText("Karen Whitcombe");
    await expect(a.page.getByRole("list", { name: "Here now" })).toContainText("Dr Tom Ashworth");
    await Promise.all([a, b, c].map((p) => p.context.close()));
  });
});

test.describe("board: votes, access, lock, offline", () => {
  test("voting respects each person's dot budget, and hidden results stay hidden until the vote closes", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useOutline(p.page);
    await addNote(mem.page, "Walking bus");
    await addNote(mem.page, "Homework club");

    await fac.page.getByLabel("Dots per person").fill("2");
    await fac.page.getByLabel("Hide results until voting closes").check();
    await fac.page.getByRole("button", { name: "Open voting" }).click();
    await expect(mem.page.locator(".board-dots")).toContainText("2 of 2 dots left");

    await mem.page.getByRole("button", { name: "Add a dot to: Walking bus" }).click();
    await mem.page.getByRole("button", { name: "Add a dot to: Walking bus" }).click();
    await expect(mem.page.locator(".board-dots")).toContainText("0 of 2 dots left");
    await expect(live(mem.page)).toHaveText(/Dot placed\. 0 of 2 dots left\./);
    await expect(mem.page.getByRole("button", { name: "Add a dot to: Homework club" })).toBeDisabled();
    // The budget holds in the document too, not only in the buttons.
    expect(
      await mem.page.evaluate(() => {
        const doc = window.coproduceBoard!.doc;
        const ballot = doc.getMap("votes").get([...doc.getMap("votes").keys()][0]!) as { toJSON(): Record<string, number> };
        return Object.values(ballot.toJSON()).reduce((a, b) => a + b, 0);
      }),
    ).toBe(2);
    await expect(mem.page.getByText("Your dots: 2")).toBeVisible();
    // Hidden while open: nobody sees totals.
    await expect(fac.page.getByText("Dots: 2", { exact: true })).toHaveCount(0);

    await mem.page.getByRole("button", { name: "Remove my dot from: Walking bus" }).click();
    await expect(mem.page.locator(".board-dots")).toContainText("1 of 2 dots left");
    await mem.page.getByRole("button", { name: "Add a dot to: Homework club" }).click();

    await fac.page.getByRole("button", { name: "Close voting" }).click();
    for (const p of [fac, mem]) {
      const club = p.page.getByRole("listitem").filter({ hasText: "Homework club" });
      await expect(club.getByText("Dots: 1", { exact: true })).toBeVisible();
    }
    await expect(live(mem.page)).toContainText("Voting is closed.");
    await fac.page.getByRole("button", { name: "Clear all votes" }).click();
    await expect(mem.page.getByText("Dots: 1", { exact: true })).toHaveCount(0);
    // Clearing is not undone: putting everyone's dots back would be casting them, which the server refuses.
    await expect(fac.page.getByRole("button", { name: "Undo" })).toBeDisabled();
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("a viewer sees no edit controls and cannot change the document through the protocol", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const [fac, viewer] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "viewer", path)]);
    for (const p of [fac, viewer]) await useOutline(p.page);
    await addNote(fac.page, "Only facilitators and members write");
    await expect(viewer.page.getByText("Only facilitators and members write", { exact: true })).toBeVisible();

    await expect(viewer.page.getByText(/You can read this board but not change it/)).toBeVisible();
    await expect(viewer.page.getByRole("button", { name: "Add note" })).toHaveCount(0);
    await expect(viewer.page.getByRole("textbox")).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: /^(Edit|Delete|Move|Undo)/ })).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: "Lock the board" })).toHaveCount(0);

    // Straight into the Y.Doc: the edit stays on the viewer's device.
    await viewer.page.evaluate(() => {
      const doc = window.coproduceBoard!.doc;
      const notes = doc.getMap("notes");
      const YMap = notes.constructor as new () => { set(k: string, v: unknown): void };
      const evil = new YMap();
      evil.set("colour", "pink");
      notes.set("viewer-note", evil);
      doc.getMap("settings").set("hideAuthors", true);
    });
    await addNote(fac.page, "Written after the viewer tried");
    await expect(viewer.page.getByText("Written after the viewer tried", { exact: true })).toBeVisible();
    await fac.page.waitForTimeout(1000);
    expect(
      await fac.page.evaluate(() => {
        const doc = window.coproduceBoard!.doc;
        return { note: doc.getMap("notes").has("viewer-note"), hide: doc.getMap("settings").get("hideAuthors") ?? null };
      }),
    ).toEqual({ note: false, hide: null });
    await expect(viewer.page.locator(".board-status")).toHaveText(/Not saved: you can only read this board now/);
    await Promise.all([fac, viewer].map((p) => p.context.close()));
  });

  test("locking makes members read-only at once, on screen and on the server; unlocking gives editing back", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useOutline(p.page);
    await addNote(mem.page, "Before the lock");
    await expect(fac.page.getByText("Before the lock", { exact: true })).toBeVisible();

    await fac.page.getByRole("button", { name: "Lock the board" }).click();
    await expect(fac.page.getByRole("button", { name: "Unlock the board" })).toBeVisible();
    await expect(mem.page.getByText(/A facilitator has locked this board/)).toBeVisible();
    await expect(mem.page.getByRole("button", { name: "Add note" })).toHaveCount(0);
    await expect(live(mem.page)).toContainText("The board is locked.");
    // The facilitator still edits.
    await addNote(fac.page, "Facilitator after the lock");
    await expect(mem.page.getByText("Facilitator after the lock", { exact: true })).toBeVisible();

    // The member's socket now holds a read-only token: a direct edit never reaches anyone.
    await expect.poll(() => mem.page.evaluate(() => window.coproduceBoard?.connection?.access)).toBe("read-only");
    await mem.page.evaluate(() => {
      const doc = window.coproduceBoard!.doc;
      const notes = doc.getMap("notes");
      const YMap = notes.constructor as new () => { set(k: string, v: unknown): void };
      notes.set("locked-out-note", new YMap());
    });
    await addNote(fac.page, "Proof the socket is alive");
    await expect(mem.page.getByText("Proof the socket is alive", { exact: true })).toBeVisible();
    expect(await fac.page.evaluate(() => window.coproduceBoard!.doc.getMap("notes").has("locked-out-note"))).toBe(false);

    await fac.page.getByRole("button", { name: "Unlock the board" }).click();
    await expect(mem.page.getByRole("button", { name: "Add note" })).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => mem.page.evaluate(() => window.coproduceBoard?.connection?.access), { timeout: 15_000 }).toBe("read-write");
    // Writing again, the member's browser sends what it kept, the malformed note too: the server
    // refuses it whole, and the browser drops its copy and reads the true board.
    await expect(live(mem.page)).toContainText("A change was not allowed; the board shows what is saved.", { timeout: 15_000 });
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    expect(await mem.page.evaluate(() => window.coproduceBoard!.doc.getMap("notes").has("locked-out-note"))).toBe(false);
    await addNote(mem.page, "After the unlock");
    await expect(fac.page.getByText("After the unlock", { exact: true })).toBeVisible();
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("edits made offline are kept and sync after reconnecting", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useOutline(p.page);
    await mem.context.setOffline(true);
    await addNote(mem.page, "Typed on the bus with no signal");
    await expect(mem.page.getByText("Typed on the bus with no signal", { exact: true })).toBeVisible();
    await expect(mem.page.locator(".board-status")).not.toHaveText(/Saved/);
    await fac.page.waitForTimeout(500);
    await expect(fac.page.getByText("Typed on the bus with no signal", { exact: true })).toHaveCount(0);
    await mem.context.setOffline(false);
    await expect(fac.page.getByText("Typed on the bus with no signal", { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 20_000 });
    // Still there after a reload (from the server and the device's cache).
    await mem.page.reload();
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
    await expect(mem.page.getByText("Typed on the bus with no signal", { exact: true })).toBeVisible();
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  test("a view whose code cannot load offline says so and loads on 'Try again'; the board keeps working", async ({ browser, auth, ids, consoleErrors }) => {
    // The view's code fails to load while offline, on purpose: the page says so (tested below).
    consoleErrors.allow(/net::ERR_INTERNET_DISCONNECTED/, /Failed to fetch dynamically imported module/);
    const path = await createBoardAs(auth, ids.longbridge);
    const mem = await openBoard(browser, auth, "member", path); // the canvas, on a laptop
    await expect(mem.page.locator(".board-canvas")).toBeVisible({ timeout: 15_000 });
    await mem.context.setOffline(true);
    await mem.page.getByRole("button", { name: "Outline", exact: true }).click();
    await expect(mem.page.getByRole("alert")).toContainText("could not load");
    // Adding a note still works (it is kept on the device).
    await addNote(mem.page, "Written while the outline could not load");
    await mem.context.setOffline(false);
    await mem.page.getByRole("button", { name: "Try again" }).click();
    await expect(mem.page.locator(".board-outline")).toBeVisible({ timeout: 15_000 });
    await expect(mem.page.getByText("Written while the outline could not load", { exact: true })).toBeVisible();
    await expect(mem.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 20_000 });
    await mem.context.close();
  });

  test("undo takes back only my own change, for everyone", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    for (const p of [fac, mem]) await useOutline(p.page);
    await addNote(fac.page, "Facilitator's note");
    await expect(mem.page.getByText("Facilitator's note", { exact: true })).toBeVisible();
    await addNote(mem.page, "Member's note");
    await expect(fac.page.getByText("Member's note", { exact: true })).toBeVisible();
    await mem.page.getByRole("button", { name: "Undo" }).click();
    await expect(fac.page.getByText("Member's note", { exact: true })).toHaveCount(0);
    await expect(fac.page.getByText("Facilitator's note", { exact: true })).toBeVisible();
    await mem.page.getByRole("button", { name: "Redo" }).click();
    await expect(fac.page.getByText("Member's note", { exact: true })).toBeVisible();
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });
});

/** Presses Tab until the locator has focus (keyboard only, as a person would). */
test.describe("board: keyboard, phone, canvas, accessibility", () => {
  test("keyboard only: add a note, put it in a cluster, vote on it", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge);
    const fac = await openBoard(browser, auth, "facilitator", path);
    const { page } = fac;
    await useOutline(page);
    await page.locator("body").focus();

    await tabTo(page, page.getByLabel("Note", { exact: true }));
    await page.keyboard.type("Free breakfast club on Fridays");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByText("Free breakfast club on Fridays", { exact: true })).toBeVisible();
    await expect(live(page)).toHaveText("Note added.");

    await tabTo(page, page.getByLabel("New cluster"));
    await page.keyboard.type("Food");
    await page.keyboard.press("Enter");
    await expect(section(page, /^Food/)).toBeVisible();

    await tabTo(page, page.getByLabel("Move note to: Free breakfast club on Fridays"));
    await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("Move note to: Free breakfast club on Fridays")).toHaveValue(/.+/);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(section(page, /^Food/).getByText("Free breakfast club on Fridays", { exact: true })).toBeVisible();
    await expect(live(page)).toHaveText("Note moved to Food.");

    await tabTo(page, page.getByRole("button", { name: "Open voting" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByRole("button", { name: "Add a dot to: Free breakfast club on Fridays" }));
    await page.keyboard.press("Enter");
    await expect(page.locator(".board-dots")).toContainText("2 of 3 dots left");
    await expect(live(page)).toHaveText("Dot placed. 2 of 3 dots left.");
    // Focus stays visible on what was used.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await fac.context.close();
  });

  test("phone outline at 390 px in Arabic, right to left", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge, unique("لوحة الأفكار"));
    const mem = await openBoard(browser, auth, "member", path, { lang: "ar", width: 390, height: 844 });
    const { page } = mem;
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("button", { name: "قائمة" })).toHaveAttribute("aria-pressed", "true");
    await page.getByLabel("الملاحظة", { exact: true }).fill("نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة");
    await page.getByRole("button", { name: "أضف الملاحظة" }).click();
    await expect(page.getByText("نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة", { exact: true })).toBeVisible();
    await expect(live(page)).toHaveText("أُضيفت الملاحظة.");
    await page.getByLabel("مجموعة جديدة").fill("اللعب");
    await page.getByRole("button", { name: "أضف مجموعة" }).click();
    await page.getByLabel(/^انقل الملاحظة إلى:/).focus();
    await page.getByLabel(/^انقل الملاحظة إلى:/).selectOption({ label: "اللعب" });
    await page.getByRole("button", { name: /^انقل الملاحظة:/ }).click();
    await expect(section(page, /^اللعب/).getByText("نحتاج إلى مكان آمن يلعب فيه الأطفال بعد المدرسة", { exact: true })).toBeVisible();
    // Nothing sticks out sideways, and touch targets are at least 24 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const small = await page.locator(".board-app button, .board-app select, .board-app input, .board-app textarea").evaluateAll(
      (els) =>
        els.filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.width < 24 || r.height < 24);
        }).length,
    );
    expect(small).toBe(0);
    await page.screenshot({ path: `${SHOTS}/board-390-ar.png`, fullPage: true });
    await mem.context.close();
  });

  test("canvas: drag a note into a cluster with the mouse; the others see it in the cluster", async ({ browser, auth, ids }) => {
    // Two browsers, a mouse drag, a keyboard drag, an edit and live pointers: longer than most.
    test.slow();
    const path = await createBoardAs(auth, ids.longbridge);
    const [fac, mem] = await Promise.all([openBoard(browser, auth, "facilitator", path), openBoard(browser, auth, "member", path)]);
    await useOutline(mem.page);
    const page = fac.page;
    await page.getByRole("button", { name: "Canvas" }).click();
    await page.getByLabel("New cluster").fill("Transport");
    await page.getByRole("button", { name: "Add cluster" }).click();
    await addNote(page, "Buses stop at 6pm");
    await page.locator(".board-canvas").evaluate((el) => el.scrollIntoView({ block: "end" }));
    await page.getByRole("button", { name: "Fit to screen" }).click();
    const card = page.getByRole("button", { name: /^Buses stop at 6pm, by/ });
    const area = page.locator(".board-area").filter({ hasText: "Transport" });
    const from = (await card.boundingBox())!;
    const to = (await area.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(
        from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * i) / 12,
        from.y + from.height / 2 + ((to.y + to.height / 2 - from.y - from.height / 2) * i) / 12,
      );
    await page.mouse.up();
    await expect(section(mem.page, /^Transport/).getByText("Buses stop at 6pm", { exact: true })).toBeVisible();

    // Keyboard drag on the canvas: space, arrows, space moves the note (and syncs).
    const before = await mem.page.evaluate(() => (window.coproduceBoard!.doc.getMap("notes").values().next().value as { get(k: string): number }).get("x"));
    await card.focus();
    await expect(card).toBeFocused();
    await page.keyboard.press("Space");
    await expect(page.locator("[role=status][id^=DndLiveRegion]")).toHaveText(/Picked up|Over cluster/);
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Space");
    await expect
      .poll(() => mem.page.evaluate(() => (window.coproduceBoard!.doc.getMap("notes").values().next().value as { get(k: string): number }).get("x")), {
        timeout: 15_000,
      })
      .toBeGreaterThan(before);

    // Enter opens the note's panel: everything the outline offers, from the canvas.
    await card.focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "Selected note" });
    await panel.getByRole("button", { name: "Edit note: Buses stop at 6pm" }).click();
    await panel.getByLabel("Edit the note").fill("Buses stop at 6pm on weekdays");
    await panel.getByRole("button", { name: "Save" }).click();
    await expect(section(mem.page, /^Transport/).getByText("Buses stop at 6pm on weekdays", { exact: true })).toBeVisible();
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("button", { name: /^Buses stop at 6pm on weekdays, by/ })).toBeFocused();

    // Live pointers: the member sees the facilitator's pointer on the canvas.
    await mem.page.getByRole("button", { name: "Canvas" }).click();
    const vp = (await page.locator(".board-canvas").boundingBox())!;
    for (let i = 0; i < 5; i++) await page.mouse.move(vp.x + 100 + i * 10, vp.y + 100);
    await expect(mem.page.locator(".board-pointer")).toContainText("Amira Haddad");
    await page.screenshot({ path: `${SHOTS}/board-1280-canvas.png` });
    await Promise.all([fac, mem].map((p) => p.context.close()));
  });

  for (const view of ["Outline", "Canvas"] as const) {
    test(`axe finds no violations on the board (${view}, facilitator, with content)`, async ({ browser, auth, ids }) => {
      const path = await createBoardAs(auth, ids.longbridge);
      const fac = await openBoard(browser, auth, "facilitator", path);
      const { page } = fac;
      await page.getByRole("button", { name: "Outline" }).click();
      await page.getByLabel("New cluster").fill("Belonging");
      await page.getByRole("button", { name: "Add cluster" }).click();
      await addNote(page, "Parents feel judged at the school gate");
      await addNote(page, "The library is warm and free");
      await page.getByRole("button", { name: "Open voting" }).click();
      await page.getByRole("button", { name: "Start timer" }).click();
      await page.getByRole("button", { name: view }).click();
      await expect(page.getByText("The library is warm and free", { exact: true })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/board-1280-${view.toLowerCase()}-fac.png`, fullPage: view === "Outline" });
      const results = await new AxeBuilder({ page: page as unknown as ConstructorParameters<typeof AxeBuilder>[0]["page"] })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      expect(
        results.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        ),
      ).toEqual([]);
      await fac.context.close();
    });
  }
});
