// Sessions (Stage 1): planning, attendance on a phone (with and without JavaScript, in English
// and Arabic), opening a board for an exercise, ties suggested by attending together and
// confirmed by the people, what viewers may do, axe checks and screenshots.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { SAME_ORIGIN, unique } from "./support/app";
import { hydrated, visit } from "./support/page";
import { attendancePeople, markPresent, planWorkshop, sessionDate } from "./support/workshops";
import { seriousViolations } from "./support/axe";

const PHONE = { width: 390, height: 844 };
const SHOTS = "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });

/** Nothing wider than the viewport (no sideways scrolling on a phone). */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The elements that stick out, to say which one when it fails.
    const wide = Array.from(document.querySelectorAll("body *"))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          r.right > client + 1 || r.left < -1 || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0)
        );
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  expect(scroll, `page scrolls sideways: ${wide.join(", ")}`).toBeLessThanOrEqual(client + 1);
}

test.describe("planning a session", () => {
  test.use({ as: "facilitator", lang: "en" });

  test("a facilitator plans a session: errors per field keep what was typed, then it is saved", async ({ page, ids }) => {
    await visit(page, `/l/${ids.longbridge}/workshops`);
    await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
    const form = page.locator("form#plan-workshop");
    await form.getByLabel("Place").fill("Children's centre, Room 2");
    await form.getByRole("button", { name: "Plan the session" }).click();
    await expect(form.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("Fill in this field.").first()).toBeVisible();
    await expect(form.getByLabel("Place")).toHaveValue("Children's centre, Room 2");

    const title = unique("Hopes and fears evening");
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Date and start time").fill(sessionDate(5, 18));
    await form.getByLabel("Agenda").fill("Welcome\nHopes and fears");
    await form.getByRole("checkbox", { name: "Arabic" }).check();
    await form.getByLabel("Interpreting needed").fill("Arabic–English");
    await form.getByRole("button", { name: "Plan the session" }).click();
    await expect(page).toHaveURL(new RegExp(`/l/${ids.longbridge}/workshops/[a-z0-9]+$`));
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("English, Arabic")).toBeVisible();
    await expect(page.getByText("Arabic–English", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Take attendance" })).toBeVisible();
  });

  test("a date that is not a date, and absurd lengths, get clear messages from the server", async ({ apiAs, ids }) => {
    const api = await apiAs("facilitator");
    const res = await api.post(`/l/${ids.longbridge}/workshops?index`, {
      form: { title: "t".repeat(500), startsAt: "2026-02-30T10:00", place: "kept place" },
      headers: SAME_ORIGIN,
      maxRedirects: 0,
    });
    expect(res.status()).toBe(400);
    const html = await res.text();
    expect(html).toContain("This is too long.");
    expect(html).toContain("Enter a real date and time");
    expect(html).toContain('value="kept place"');
  });
});

for (const lang of ["en", "ar"] as const) {
  test.describe(`attendance on a phone, with JavaScript (${lang})`, () => {
    test.use({ as: "facilitator", lang, viewport: PHONE, isMobile: true, hasTouch: true });

    test("each tick saves at once and says so", async ({ page: phone, ids, apiAs }) => {
      test.setTimeout(60_000);
      const api = await apiAs("facilitator");
      const session = await planWorkshop(api, ids.longbridge, unique(`Phone ${lang}`));
      const t =
        lang === "ar"
          ? { saved: "تم الحفظ", filter: "ابحث عن شخص", two: "حاضران من", one: "حاضر واحد من" }
          : { saved: "Saved", filter: "Find a person", two: "2 of", one: "1 of" };
      await visit(phone, `/l/${ids.longbridge}/workshops/${session.id}/attendance`);
      await expect(phone.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");

      // Targets of at least 44 px, and no sideways scrolling.
      const rows = phone.locator(".attendance-row");
      expect(await rows.count()).toBeGreaterThan(20);
      const box = await rows.first().boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThan(300);
      await expectNoSidewaysScroll(phone);

      // Filter, then tick by tapping the row's name.
      await phone.getByLabel(t.filter).fill("karen");
      await expect(rows).toHaveCount(1);
      await phone.locator(".attendance-row").filter({ hasText: "Karen Whitcombe" }).getByText("Karen Whitcombe").tap();
      await expect(phone.getByRole("checkbox", { name: /Karen Whitcombe/ })).toBeChecked();
      await expect(phone.locator(".attendance-state")).toHaveText(t.saved);
      await phone.getByLabel(t.filter).fill("darren");
      await phone.getByRole("checkbox", { name: /Darren Hollis/ }).tap();
      await expect(phone.locator(".attendance-state")).toHaveText(t.saved);
      await expect(phone.locator(".attendance-count")).toContainText(t.two);
      await phone.getByLabel(t.filter).fill("");
      // No save button with JavaScript: each tick is already stored.
      await expect(phone.locator(".attendance-save")).toHaveCount(0);
      await phone.screenshot({ path: `${SHOTS}/workshops-attendance-390-${lang}.png`, fullPage: false });

      // Untick one; the server has exactly what the screen shows.
      await phone.getByLabel(t.filter).fill("darren");
      await phone.getByRole("checkbox", { name: /Darren Hollis/ }).tap();
      await expect(phone.getByRole("checkbox", { name: /Darren Hollis/ })).not.toBeChecked();
      await expect(phone.locator(".attendance-state")).toHaveText(t.saved);
      await phone.reload();
      await hydrated(phone);
      await expect(phone.getByRole("checkbox", { name: /Karen Whitcombe/ })).toBeChecked();
      await expect(phone.getByRole("checkbox", { name: /Darren Hollis/ })).not.toBeChecked();
      await expect(phone.locator(".attendance-count")).toContainText(t.one);
      expect(await seriousViolations(phone)).toEqual([]);
    });
  });
}

test.describe("attendance on a phone, without JavaScript", () => {
  test.use({ as: "facilitator", lang: "en", viewport: PHONE, javaScriptEnabled: false });

  test("the filter and the Save button are plain forms", async ({ page, ids, apiAs }) => {
    const api = await apiAs("facilitator");
    const session = await planWorkshop(api, ids.longbridge, unique("No script"));
    await page.goto(`/l/${ids.longbridge}/workshops/${session.id}/attendance`);
    await expect(page.getByText('then press "Save attendance"')).toBeVisible();
    await page.getByLabel("Find a person").fill("ar");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page).toHaveURL(/\?q=ar$/);
    const rows = page.locator(".attendance-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(1); // the filtered page has loaded
    const shown = await rows.allInnerTexts();
    expect(shown.every((text) => /ar/i.test(text))).toBe(true);
    await page.getByRole("checkbox", { name: /Karen Whitcombe/ }).check();
    await page.getByRole("checkbox", { name: /Marcia Bennett/ }).check();
    const save = page.getByRole("button", { name: "Save attendance" });
    expect((await save.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await save.click();
    await expect(page).toHaveURL(/\?saved=1&q=ar$/);
    await expect(page.locator(".attendance-state")).toHaveText("Saved");
    await expect(page.getByRole("checkbox", { name: /Karen Whitcombe/ })).toBeChecked();
    await expect(page.locator(".attendance-count")).toContainText("2 of");
    // Untick one and save again: the other stays.
    await page.getByRole("checkbox", { name: /Marcia Bennett/ }).uncheck();
    await page.getByRole("button", { name: "Save attendance" }).click();
    await page.getByRole("link", { name: "Show everyone" }).click();
    await expect(page.locator(".attendance-count")).toContainText("1 of");
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/workshops-attendance-390-en-nojs.png` });

    await page.goto(`/l/${ids.longbridge}/workshops/${session.id}`);
    await expect(page.getByRole("list", { name: "Who came" })).toHaveText("Karen Whitcombe");
  });
});

test.describe("a session's board and ties", () => {
  test.use({ as: "facilitator", lang: "en" });

  test('opens a board for "Hopes and fears" and lands on it', async ({ page, ids, apiAs }) => {
    const session = await planWorkshop(await apiAs("facilitator"), ids.longbridge, unique("Board session"));
    await visit(page, `/l/${ids.longbridge}/workshops/${session.id}`);
    await expect(page.getByLabel("Exercise", { exact: true })).toHaveValue("hopes_fears");
    await page.getByRole("button", { name: "Open a board for the exercise" }).click();
    await expect(page).toHaveURL(new RegExp(`/l/${ids.longbridge}/boards/[a-z0-9]+$`));
    await expect(page.getByRole("heading", { level: 1, name: "Hopes and fears" })).toBeVisible();
    const boardUrl = page.url();
    await visit(page, `/l/${ids.longbridge}/workshops/${session.id}`);
    await page.getByRole("link", { name: "Go to the board: Hopes and fears" }).click();
    await expect(page).toHaveURL(boardUrl);
  });

  test("suggests ties between people who came; the member confirms hers, the facilitator the other side", async ({ page, ids, apiAs, browser, auth }) => {
    test.setTimeout(90_000);
    const api = await apiAs("facilitator");
    const session = await planWorkshop(api, ids.longbridge, unique("Ties session"));
    const people = await attendancePeople(api, ids.longbridge, session.id);
    const names = ["Karen Whitcombe", "Helen Marsh", "Gareth Pugh", "Janet Spurling", "Paul Ashdown"];
    await markPresent(
      api,
      ids.longbridge,
      session.id,
      names.map((n) => people.get(n)!),
    );

    await visit(page, `/l/${ids.longbridge}/workshops/${session.id}`);
    await page.getByRole("button", { name: "Suggest ties between people who came" }).click();
    const added = page.getByRole("status").filter({ hasText: /ties? suggested/ });
    await expect(added).toBeVisible();
    const count = Number(/(\d+)/.exec((await added.textContent()) ?? "")?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(10);
    // Pressing again (once the page holds the new suggestions, and so a new form key) adds nothing.
    await expect(page.getByText(new RegExp(`^${count} suggested ties? (is|are) waiting to be confirmed:$`))).toBeVisible();
    await page.getByRole("button", { name: "Suggest ties between people who came" }).click();
    await expect(page.getByRole("status").filter({ hasText: "No new ties to suggest" })).toBeVisible();

    // Karen (the member's own person) sees her suggestions from this session and confirms one.
    const memberContext = await browser.newContext({ storageState: await auth.state("member") });
    const member = await memberContext.newPage();
    await visit(member, `/l/${ids.longbridge}/ties/suggested`);
    const card = member.locator(".suggestion").filter({ hasText: session.title }).first();
    await expect(card).toBeVisible();
    const heading = (await card.getByRole("heading").textContent()) ?? "";
    const other = /You and (.+)$/.exec(heading.replace(/[\u2066-\u2069]/g, ""))?.[1]?.trim();
    expect(names).toContain(other);
    await card.getByRole("button", { name: "Yes, we know each other" }).click();
    await expect(member.getByRole("status")).toHaveText(/once the other person confirms/);
    await member.screenshot({ path: `${SHOTS}/workshops-ties-1280-en-member.png`, fullPage: true });
    await memberContext.close();

    // The facilitator confirms for the other person: the tie is confirmed and leaves the list.
    await visit(page, `/l/${ids.longbridge}/ties/suggested`);
    const pending = page.locator(".suggestion").filter({ hasText: session.title }).filter({ hasText: "Karen Whitcombe" }).filter({ hasText: other! });
    await pending.getByRole("button", { name: `Confirm for ${other}` }).click();
    await expect(page.getByRole("status")).toHaveText(/Confirmed/);
    await expect(page.locator(".suggestion").filter({ hasText: session.title }).filter({ hasText: "Karen Whitcombe" }).filter({ hasText: other! })).toHaveCount(
      0,
    );
    await visit(page, `/l/${ids.longbridge}/workshops/${session.id}`);
    await expect(page.getByText("1 confirmed tie started at this session.")).toBeVisible();

    // Declining removes a suggestion.
    const before = await page.locator(".workshop-suggestions li").count();
    await visit(page, `/l/${ids.longbridge}/ties/suggested`);
    await page.locator(".suggestion").filter({ hasText: session.title }).first().getByRole("button", { name: "Decline the suggestion" }).click();
    await expect(page.getByRole("status")).toHaveText("The suggestion is removed.");
    await visit(page, `/l/${ids.longbridge}/workshops/${session.id}`);
    await expect(page.locator(".workshop-suggestions li")).toHaveCount(before - 1);
  });
});

test.describe("viewers", () => {
  test.use({ as: "viewer", lang: "en" });

  test("read sessions with no manage controls, and get 403 on every POST", async ({ page, ids, apiAs }) => {
    const session = await planWorkshop(await apiAs("facilitator"), ids.longbridge, unique("Viewer session"));
    await visit(page, `/l/${ids.longbridge}/workshops`);
    await expect(page.getByRole("link", { name: session.title })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Plan a session" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Ties to confirm" })).toHaveCount(0);
    await page.getByRole("link", { name: session.title }).click();
    await expect(page.getByRole("heading", { level: 1, name: session.title })).toBeVisible();
    for (const name of ["Take attendance", "Suggest ties between people who came", "Open a board for the exercise", "Save the notes", "Save the details"]) {
      await expect(page.getByRole("button", { name }).or(page.getByRole("link", { name }))).toHaveCount(0);
    }
    await expect(page.locator("form[method=post] textarea, form#edit-workshop")).toHaveCount(0);

    const viewer = await apiAs("viewer");
    const base = `/l/${ids.longbridge}/workshops`;
    const posts: Array<[string, Record<string, string>]> = [
      [`${base}?index`, { title: "x", startsAt: sessionDate(3) }],
      [`${base}/${session.id}`, { intent: "notes", notes: "x" }],
      [`${base}/${session.id}`, { intent: "suggest-ties" }],
      [`${base}/${session.id}`, { intent: "board", exercise: "hopes_fears" }],
      [`${base}/${session.id}/attendance`, { intent: "toggle", personId: "x", present: "true" }],
      [`/l/${ids.longbridge}/ties/suggested`, { intent: "confirm", tieId: "x" }],
    ];
    for (const [path, form] of posts) {
      expect((await viewer.post(path, { form, headers: SAME_ORIGIN, maxRedirects: 0 })).status(), path).toBe(403);
    }
    expect((await viewer.get(`${base}/${session.id}/attendance`)).status()).toBe(403);
    // Unknown ids and another locality's session: 404.
    expect((await viewer.get(`${base}/no-such-session`)).status()).toBe(404);
    expect((await viewer.get(`/l/${ids.sparkbrook}/workshops/${session.id}`)).status()).toBe(404);
  });
});

test.describe("accessibility and screenshots", () => {
  test.use({ as: "facilitator" });

  for (const lang of ["en", "ar"] as const) {
    test(`axe finds nothing serious; screenshots at 390 and 1280 (${lang})`, async ({ browser, auth, ids, apiAs }) => {
      test.setTimeout(120_000);
      const api = await apiAs("facilitator");
      const session = await planWorkshop(api, ids.sparkbrook, unique(lang === "ar" ? "جلسة الأمهات" : "Mothers' morning"));
      const people = await attendancePeople(api, ids.sparkbrook, session.id);
      await markPresent(api, ids.sparkbrook, session.id, [...people.values()].slice(0, 4));
      const pages = [
        { name: "list", path: `/l/${ids.sparkbrook}/workshops` },
        { name: "detail", path: `/l/${ids.sparkbrook}/workshops/${session.id}` },
        { name: "attendance", path: `/l/${ids.sparkbrook}/workshops/${session.id}/attendance` },
        { name: "ties", path: `/l/${ids.sparkbrook}/ties/suggested` },
      ];
      const state = await auth.state("facilitator");
      for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
        const context = await browser.newContext({ viewport, storageState: state });
        await context.addCookies([
          {
            name: "lng",
            value: encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64")),
            domain: "localhost",
            path: "/",
            httpOnly: true,
            secure: true,
            sameSite: "Lax",
          },
        ]);
        const page = await context.newPage();
        for (const p of pages) {
          await visit(page, p.path);
          await expect(page.locator("html")).toHaveAttribute("lang", lang);
          if (viewport.width === 1280) expect(await seriousViolations(page), `${p.name} ${lang}`).toEqual([]);
          else await expectNoSidewaysScroll(page);
          await page.screenshot({ path: `${SHOTS}/workshops-${p.name}-${viewport.width}-${lang}.png`, fullPage: true });
        }
        await context.close();
      }
    });
  }
});
