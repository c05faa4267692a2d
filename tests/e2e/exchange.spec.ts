// The exchange in a real browser (issue 21): a facilitator shares a Longbridge prototype from its
// page with a note; a member of Sparkbrook (member.sparkbrook) finds it by search and comments (a
// script comes out as text); the facilitator, as Sparkbrook's facilitator, tries it here and lands
// on the draft, which says where it came from; the origin withdraws it and the member's page says it
// is no longer shared (410). Then the list and the share page in English and
// Arabic at 390 px (no side scroll) and 1280 px, with axe. Screenshots go to tests/.tmp/shots.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { ORG, unique, withLanguage, type StorageState } from "./support/app";
import { seriousViolations } from "./support/axe";
import { expectNoSideScroll } from "./support/layout";
import { hydrated, visit } from "./support/page";
import { unsharedPrototype } from "./support/exchange-seed";

expect.configure({ timeout: 10_000 });
const SHOTS = path.resolve("tests/.tmp/shots");
fs.mkdirSync(SHOTS, { recursive: true });
const EXCHANGE = `/orgs/${ORG}/exchange`;
const SCRIPT = `<img src=x onerror="window.__xss=1">`;

async function open(browser: Browser, state: StorageState, lang: "en" | "ar", width: number): Promise<Page> {
  const context = await browser.newContext({ storageState: withLanguage(state, lang), viewport: { width, height: 900 } });
  // Lets the client record any string key a loaded part lacks (app/entry.client.tsx).
  await context.addInitScript(() => {
    window.__COPRODUCE_TEST_HANDLES__ = true;
  });
  return context.newPage();
}

test.describe("the exchange", () => {
  test("share, find by search, comment, and try it here", async ({ browser, auth, ids }) => {
    const title = unique("Walking bus");
    const prototypeId = unsharedPrototype(ids.longbridge, title);

    // A Longbridge facilitator shares it from the prototype's page.
    const facilitator = await open(browser, await auth.state("facilitator"), "en", 1280);
    await visit(facilitator, `/l/${ids.longbridge}/prototypes/${prototypeId}`);
    const section = facilitator.locator("section#exchange");
    await expect(section.getByText("Only this locality sees it.", { exact: false })).toBeVisible();
    await section.getByLabel("A note to other places").fill("Start with one school gate.");
    await section.getByRole("button", { name: "Share with the organisation" }).click();
    await expect(section.getByRole("status")).toHaveText("Shared with the whole organisation.");
    await expect(section.getByText("Shared", { exact: true })).toBeVisible();
    await section.screenshot({ path: path.join(SHOTS, "exchange-section-en-1280.png") });

    // A member of Sparkbrook finds it by search and comments.
    const member = await open(browser, await auth.state("other"), "en", 1280);
    await visit(member, EXCHANGE);
    await member.getByRole("searchbox", { name: "Words" }).fill(title.toUpperCase());
    await member.getByRole("button", { name: "Search" }).click();
    await expect(member.getByRole("status")).toHaveText(/^1 of \d+ shares found\.$/);
    await member.getByRole("link", { name: title }).click();
    await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(member.getByText("Start with one school gate.")).toBeVisible();
    // Not a facilitator anywhere: no "try it here"; no link into Longbridge's workspace.
    await expect(member.getByRole("button", { name: "Make a draft here" })).toHaveCount(0);
    await expect(member.getByRole("link", { name: "Open the prototype in its locality" })).toHaveCount(0);
    await hydrated(member);
    await member.getByRole("button", { name: "Add the comment" }).click();
    await expect(member.getByText("Write a comment first.")).toBeVisible();
    await member.getByLabel("Your comment").fill(`Would this work with Arabic-speaking parents? ${SCRIPT}`);
    await member.getByRole("button", { name: "Add the comment" }).click();
    await expect(member.getByRole("status")).toHaveText("Your comment is added.");
    await expect(member.locator(".exchange-comment-body")).toHaveText(`Would this work with Arabic-speaking parents? ${SCRIPT}`);
    expect(await member.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // Its author removes it: the text goes, the row says so.
    await member.getByRole("button", { name: "Remove" }).click();
    await expect(member.getByRole("status")).toHaveText("The comment is removed.");
    await expect(member.getByText("This comment was removed.")).toBeVisible();

    // The facilitator (Sparkbrook's too) tries it here and lands on the draft.
    await visit(facilitator, `${EXCHANGE}?q=${encodeURIComponent(title)}`);
    await facilitator.getByRole("link", { name: title }).click();
    await hydrated(facilitator);
    await facilitator.getByLabel("In which of your localities").selectOption({ label: "Sparkbrook" });
    await facilitator.getByRole("button", { name: "Make a draft here" }).click();
    await expect(facilitator).toHaveURL(new RegExp(`/l/${ids.sparkbrook}/prototypes/[A-Za-z0-9_-]+\\?exchange=tried#exchange$`));
    await expect(facilitator.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(facilitator.getByText("A draft prototype is made here from the exchange.", { exact: false })).toBeVisible();
    await expect(facilitator.getByText("Tried here from Longbridge's share in the exchange.")).toBeVisible();
    // The share page says where it has travelled.
    await facilitator.getByRole("link", { name: "See the recipe it came from" }).click();
    await expect(facilitator.locator("#travelled").getByRole("link", { name: title })).toBeVisible();
    await facilitator.locator("#travelled").screenshot({ path: path.join(SHOTS, "exchange-travelled-en-1280.png") });

    // Withdrawn from the origin's page: the share page is "no longer shared" to the member.
    await visit(facilitator, `/l/${ids.longbridge}/prototypes/${prototypeId}`);
    await section.getByRole("button", { name: "Withdraw from the exchange" }).click();
    await expect(section.getByRole("status")).toHaveText("Withdrawn from the exchange. Drafts other localities made from it stay theirs.");
    await expect(section.getByRole("button", { name: "Share again" })).toBeVisible();
    await expect(section.getByRole("link", { name: title })).toBeVisible();
    const shareUrl = member.url().split("?")[0]!;
    const gone = await member.goto(shareUrl);
    expect(gone?.status()).toBe(410);
    await expect(member.getByRole("heading", { level: 1, name: "No longer shared" })).toBeVisible();
  });

  test("reads at 390 px and 1280 px in English and Arabic, with axe", async ({ browser, auth }) => {
    const state = await auth.state("other");
    // The demo's shared FACEboard (Longbridge) is the share page looked at.
    for (const lang of ["en", "ar"] as const) {
      for (const width of [390, 1280]) {
        const page = await open(browser, state, lang, width);
        await visit(page, `${EXCHANGE}?q=FACEboard`);
        await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
        await expectNoSideScroll(page, width);
        await page.screenshot({ path: path.join(SHOTS, `exchange-list-${lang}-${width}.png`), fullPage: true });
        if (width === 390) expect(await seriousViolations(page)).toEqual([]);
        await page.locator(".exchange-item-title a").first().click();
        await expect(page.locator("h1")).toHaveText("FACEboard");
        await hydrated(page);
        await expectNoSideScroll(page, width);
        await page.screenshot({ path: path.join(SHOTS, `exchange-share-${lang}-${width}.png`), fullPage: true });
        if (width === 390) expect(await seriousViolations(page)).toEqual([]);
        expect(await page.evaluate(() => window.__missingStrings ?? []), `${lang} ${width}: missing strings`).toEqual([]);
        await page.context().close();
      }
    }
  });
});
