// The 21st-century public servant in real browsers: a facilitator sets a person's roles on their
// profile and finds them in the relationship view; a card drawn onto a board appears in a
// member's browser on it; a member's reflection on a session stays theirs until they share it,
// then the facilitator reads it, and its author edits and deletes it; the deck, the log and the
// relationship view pass axe in Arabic at 390 px with no side scroll and no string missing
// (screenshots: tests/.tmp/shots/servant-*).
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { unique, withLanguage, type StorageState } from "./support/app";
import { createBoardAs, openBoard } from "./support/board";
import { seriousViolations } from "./support/axe";
import { expectNoSideScroll } from "./support/layout";
import { hydrated, visit } from "./support/page";

const SHOTS = "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });
expect.configure({ timeout: 10_000 });

async function open(browser: Browser, state: StorageState, lang: "en" | "ar", width: number): Promise<Page> {
  const context = await browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 } });
  // Lets the client record any string key a loaded part lacks (app/entry.client.tsx).
  await context.addInitScript(() => {
    window.__COPRODUCE_TEST_HANDLES__ = true;
  });
  return context.newPage();
}

test.describe("the 21st-century public servant", () => {
  test("a facilitator sets a person's roles; the profile, the list and the relationship view show them", async ({ browser, auth, ids }) => {
    const page = await open(browser, await auth.state("facilitator"), "en", 1280);
    await visit(page, `/l/${ids.longbridge}/people`);
    const first = page.locator(".people-list .person-name a").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await hydrated(page);
    const roles = page.getByRole("group", { name: `Roles ${name} carries` });
    for (const [role, on] of [
      ["Storyteller", false],
      ["Weaver", true],
      ["Architect", false],
      ["Navigator", true],
    ] as const) {
      await roles.getByRole("checkbox", { name: new RegExp(`^${role}`) }).setChecked(on);
    }
    await page.getByRole("button", { name: "Save roles" }).click();
    await expect(page.getByRole("status")).toHaveText("Roles saved.");
    const section = page.locator(".servant-roles-section");
    await expect(section.locator(".servant-role")).toHaveText(["Weaver", "Navigator"]);
    await expect(section.getByText("Makes creative use of what is already there", { exact: false }).first()).toBeVisible();
    await section.screenshot({ path: `${SHOTS}/servant-profile-roles-en-1280.png` });

    await visit(page, `/l/${ids.longbridge}/relationships`);
    const weaving = page.getByRole("region", { name: "Who weaves between sectors?" });
    await expect(weaving.locator("ul[aria-labelledby=weavers-marked-title]")).toContainText(name);
    await expect(weaving.locator(".roles-carried [data-role=navigator]")).toContainText(name);
    // Computed from ties: the demo group has people whose ties span several sectors.
    await expect(weaving.getByRole("table", { name: "People whose ties span the most sectors" }).locator("tbody tr").first()).toBeVisible();
    await page.context().close();
  });

  test("a facilitator draws a card onto a board and a member's browser on it shows it", async ({ browser, auth, ids }) => {
    const path = await createBoardAs(auth, ids.longbridge, unique("Reflective session"), "exercise");
    const facilitator = await openBoard(browser, auth, "facilitator", path);
    const member = await openBoard(browser, auth, "member", path);
    await expect(member.page.getByRole("button", { name: "Draw a card" })).toHaveCount(0);
    await facilitator.page.getByRole("button", { name: "Draw a card" }).click();
    const status = facilitator.page.locator(".draw-card-status");
    await expect(status).toHaveText(/^Card \d+ is on the board: .+\.$/);
    const number = /^Card (\d+)/.exec((await status.textContent()) ?? "")?.[1];
    await facilitator.page.screenshot({ path: `${SHOTS}/servant-board-draw-en-1280.png` });
    await expect(
      member.page
        .locator(".board-app")
        .getByText(new RegExp(`^Theme ${number}: `))
        .first(),
    ).toBeVisible({ timeout: 10_000 });
    await facilitator.context.close();
    await member.context.close();
  });

  test("a reflection is its author's until they share it; then the facilitator reads it (and the pages pass axe in Arabic at 390 px)", async ({
    browser,
    auth,
    ids,
  }) => {
    // Two people, five pages and axe at each: longer than most.
    test.slow();
    const member = await open(browser, await auth.state("member"), "en", 1280);
    const facilitator = await open(browser, await auth.state("facilitator"), "en", 1280);
    await visit(member, `/l/${ids.longbridge}/workshops`);
    await member.getByRole("link", { name: "Getting to know each other" }).first().click();
    await member.getByRole("link", { name: "Reflect on this session" }).click();
    await expect(member.getByRole("heading", { level: 1, name: "Your reflections" })).toBeVisible();
    await expect(member.getByLabel("Session")).toHaveValue(/.+/);
    await hydrated(member);
    const text = `${unique("I listened more than I talked")} <script>window.__pwned = 1</script>`;
    // Empty first: refused with the message, nothing saved.
    await member.getByRole("button", { name: "Save reflection" }).click();
    await expect(member.getByText("Write something first.")).toBeVisible();
    await member.getByLabel("What did you make of it?").fill(text);
    await member.getByLabel("Theme card").selectOption({ label: "Theme 10: Reflective practice" });
    await member.getByRole("button", { name: "Save reflection" }).click();
    await expect(member.getByRole("status")).toHaveText("Saved. Only you can see it.");
    const entry = member.locator("li.reflection", { hasText: text });
    await expect(entry).toContainText("Private");
    await expect(entry).toContainText("On theme 10: Reflective practice");
    expect(await member.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // The facilitator sees nothing of it: not in their log, not among the shared ones.
    await visit(facilitator, `/l/${ids.longbridge}/reflections/shared`);
    await expect(facilitator.getByRole("heading", { level: 1, name: "Shared reflections" })).toBeVisible();
    await expect(facilitator.getByText(text)).toHaveCount(0);
    await visit(facilitator, `/l/${ids.longbridge}/reflections`);
    await expect(facilitator.getByText(text)).toHaveCount(0);

    await entry.getByRole("button", { name: "Share with the group" }).click();
    await expect(member.getByRole("status")).toHaveText("Shared with the group.");
    await visit(facilitator, `/l/${ids.longbridge}/reflections/shared`);
    await expect(facilitator.locator("li.reflection", { hasText: text })).toContainText("By Karen");
    await member.locator("li.reflection", { hasText: text }).getByRole("button", { name: "Stop sharing" }).click();
    await expect(member.getByRole("status")).toHaveText("No longer shared: only you can see it.");
    await visit(facilitator, `/l/${ids.longbridge}/reflections/shared`);
    await expect(facilitator.getByText(text)).toHaveCount(0);
    await facilitator.context().close();

    // Screenshots at 390 px in both languages (and the deck at 1280), axe and no side scroll in Arabic.
    await member.screenshot({ path: `${SHOTS}/servant-reflections-en-1280.png`, fullPage: true });
    for (const lang of ["en", "ar"] as const) {
      const phone = await open(browser, await auth.state("member"), lang, 390);
      for (const [name, url] of [
        ["deck", `/l/${ids.longbridge}/deck`],
        ["reflections", `/l/${ids.longbridge}/reflections`],
        ["shared", `/l/${ids.longbridge}/reflections/shared`],
        ["relationships", `/l/${ids.longbridge}/relationships`],
      ] as const) {
        await visit(phone, url);
        await hydrated(phone);
        if (name === "relationships") await phone.locator(".weaving-section").screenshot({ path: `${SHOTS}/servant-weaving-${lang}-390.png` });
        else await phone.screenshot({ path: `${SHOTS}/servant-${name}-${lang}-390.png`, fullPage: true });
        if (lang === "ar") {
          await expectNoSideScroll(phone, 390);
          expect(await seriousViolations(phone), `${name} (ar, 390 px)`).toEqual([]);
        }
      }
      expect(await phone.evaluate(() => window.__missingStrings ?? []), `${lang}: missing strings`).toEqual([]);
      await phone.context().close();
    }
    await visit(member, `/l/${ids.longbridge}/deck`);
    await member.screenshot({ path: `${SHOTS}/servant-deck-en-1280.png`, fullPage: true });
    expect(await seriousViolations(member), "deck (en, 1280 px)").toEqual([]);

    // Its author edits it, then deletes it (which leaves the demo data as it was).
    await visit(member, `/l/${ids.longbridge}/reflections`);
    await member.locator("li.reflection", { hasText: text }).getByRole("link", { name: "Edit" }).click();
    await expect(member.getByRole("heading", { level: 1, name: "Edit your reflection" })).toBeVisible();
    await member.getByLabel("What did you make of it?").fill(`${text} Edited.`);
    await member.getByRole("button", { name: "Save changes" }).click();
    await expect(member.getByRole("status")).toHaveText("Changes saved.");
    await member
      .locator("li.reflection", { hasText: `${text} Edited.` })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect(member.getByRole("status")).toHaveText("Reflection deleted.");
    await expect(member.getByText(text)).toHaveCount(0);
    await member.context().close();
  });
});
