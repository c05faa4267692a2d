// Joint analysis in the browser: two people coding the same story at the same time and seeing
// each other's highlights appear live; coding by keyboard only and without JavaScript; merging a
// code that is in use; the "where coders disagree" view; a story withdrawn while it is open; and
// an Arabic pass at phone width with axe. Each test works in a throwaway locality.
import { test, expect } from "./support/fixtures";
import { ACCOUNTS, SAME_ORIGIN, newApi, withLanguage } from "./support/app";
import { contextFor, newGroup } from "./support/purpose";
import { seedCodingStory, selectPhrase } from "./support/analysis";
import { hydrated, visit } from "./support/page";
import { seriousViolations } from "./support/axe";

expect.configure({ timeout: 10_000 });
test.use({ as: "facilitator" });

const SHOTS = "tests/.tmp/shots";

/** The text of every highlighted piece of the coding view, joined. */
async function highlighted(page: import("@playwright/test").Page): Promise<string> {
  return (await page.locator("[data-coding-text] .hl").allTextContents()).join("|");
}

test("two people code the same story at the same time and each sees the other's highlight appear live", async ({ page, browser, apiAs }) => {
  const group = await newGroup(await apiAs("facilitator"));
  const story = seedCodingStory(group.localityId);
  const url = `/l/${group.localityId}/stories/${story.storyId}/code`;
  const memberContext = await contextFor(browser, group.member.state);
  const member = await memberContext.newPage();
  await visit(page, url);
  await visit(member, url);
  await expect(page.locator('[data-live="connected"]')).toHaveCount(1);
  await expect(member.locator('[data-live="connected"]')).toHaveCount(1);
  // Names are hidden for everyone on this page, facilitators included.
  for (const secret of story.secrets) {
    expect(await page.content()).not.toContain(secret);
    expect(await member.content()).not.toContain(secret);
  }

  // The member selects a passage and codes it.
  await selectPhrase(member, "we have nowhere warm to go on Saturdays");
  await member.getByRole("button", { name: "Code this passage" }).click();
  await expect(member.getByRole("heading", { name: "Code a passage" })).toBeFocused();
  const memberForm = member.getByRole("form", { name: "Code a passage" });
  await memberForm.getByRole("checkbox", { name: "Isolation" }).check();
  await memberForm.getByLabel("Comment (optional)").fill("Winter is the hard part");
  await memberForm.getByRole("button", { name: "Save excerpt" }).click();
  await expect(member.getByRole("status")).toContainText("Excerpt saved.");

  // The facilitator sees it without reloading.
  await expect.poll(() => highlighted(page)).toContain("we have nowhere warm to go on Saturdays");
  await expect(page.locator(".excerpt").filter({ hasText: "Winter is the hard part" })).toContainText(group.member.name);

  // The facilitator drags the mouse over an overlapping passage and codes it with a new code.
  const box = await page.evaluate(() => {
    const root = document.querySelector("[data-coding-text] p")!;
    const text = Array.from(root.querySelectorAll("[data-r]")).find((el) => el.textContent!.includes("nowhere warm"))!.firstChild as Text;
    const at = text.data.indexOf("nowhere warm");
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    const first = range.getBoundingClientRect();
    const end = text.data.indexOf("Saturdays") + "Saturdays".length;
    range.setStart(text, end - 1);
    range.setEnd(text, end);
    const last = range.getBoundingClientRect();
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  });
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
  await page.getByRole("button", { name: "Code this passage" }).click();
  const form = page.getByRole("form", { name: "Code a passage" });
  await form.getByLabel("New code (optional)").fill("Warm spaces");
  await form.getByRole("button", { name: "Save excerpt" }).click();
  await expect(page.getByRole("status")).toContainText("Excerpt saved.");

  // The member sees the facilitator's highlight stacked on theirs: two layers, a count of 2.
  await expect(member.locator("[data-coding-text] .hl-2").first()).toBeVisible();
  await expect(member.locator("[data-coding-text] .hl-count").first()).toHaveText("2");
  await expect(member.locator(".excerpt").filter({ has: member.getByRole("link", { name: "Warm spaces" }) })).toContainText(ACCOUNTS.facilitator.name);
  await expect(memberForm.getByRole("checkbox", { name: "Warm spaces" })).toBeVisible(); // the new code is offered live too

  await page.screenshot({ path: `${SHOTS}/analysis-coding-1280-en.png`, fullPage: true });
  await memberContext.close();
});

test("codes a passage by keyboard only, and without JavaScript", async ({ browser, apiAs }) => {
  const group = await newGroup(await apiAs("facilitator"));
  const story = seedCodingStory(group.localityId);
  const url = `/l/${group.localityId}/stories/${story.storyId}/code`;

  // Keyboard only: the sentence lists, a checkbox, Enter.
  const context = await contextFor(browser, group.member.state);
  const page = await context.newPage();
  await visit(page, url);
  await page.getByLabel("From").focus();
  await page.keyboard.press("ArrowDown"); // paragraph 1, sentence 1
  await page.keyboard.press("ArrowDown"); // paragraph 1, sentence 2
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("To")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  const form = page.getByRole("form", { name: "Code a passage" });
  await expect(form.getByRole("checkbox", { name: "Finding help" })).toBeFocused(); // codes by name
  await page.keyboard.press("Tab");
  await expect(form.getByRole("checkbox", { name: "Getting about" })).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab"); // Isolation
  await page.keyboard.press("Tab"); // Money worries
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("New code (optional)")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Excerpt saved.");
  await expect(
    page
      .locator(".excerpt")
      .filter({ has: page.getByRole("link", { name: "Getting about" }) })
      .locator("blockquote"),
  ).toHaveText("Since the library went to short hours we have nowhere warm to go on Saturdays.");
  await context.close();

  // Without JavaScript: the same form, submitted by the browser; mistakes keep what was chosen.
  const noJs = await browser.newContext({ storageState: withLanguage(group.member.state, "en"), javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(url);
  await plain.getByLabel("From").selectOption({ label: "Paragraph 2, sentence 1: The bus into town costs too much for three of us." });
  await plain.getByLabel("To").selectOption("1:1");
  await plain.getByRole("button", { name: "Save excerpt" }).click();
  await expect(plain.getByText("Choose at least one code, or type a new one.")).toBeVisible();
  await expect(plain.getByLabel("From")).toHaveValue("1:0");
  const plainForm = plain.getByRole("form", { name: "Code a passage" });
  await plainForm.getByRole("checkbox", { name: "Finding help" }).check();
  await plainForm.getByRole("checkbox", { name: "Money worries" }).check();
  await plain.getByRole("button", { name: "Save excerpt" }).click();
  await expect(plain.getByRole("status")).toContainText("Excerpt saved.");
  const saved = plain.locator(".excerpt").filter({ has: plain.getByRole("link", { name: "Finding help" }) });
  await expect(saved.locator("blockquote")).toHaveText(
    "The bus into town costs too much for three of us. [Name 2] from the centre told me about the stay and play, and now I go every week.",
  );
  for (const secret of story.secrets) expect(await plain.content()).not.toContain(secret);
  await noJs.close();
});

test("a code in use is merged rather than deleted, and the disagreement view shows who applied what", async ({ page, apiAs }) => {
  const group = await newGroup(await apiAs("facilitator"));
  seedCodingStory(group.localityId, {
    excerpts: [
      { coderName: group.member.name, phrase: "we have nowhere warm to go on Saturdays", codes: ["Isolation"] },
      {
        coderName: ACCOUNTS.facilitator.name,
        phrase: "Since the library went to short hours we have nowhere warm to go",
        codes: ["Isolation", "Money worries"],
      },
      { coderName: group.member.name, phrase: "The bus into town costs too much", codes: ["Getting about"] },
    ],
  });
  const base = `/l/${group.localityId}/analysis`;

  await visit(page, `${base}/disagreements`);
  const passage = page.locator(".disagreement");
  await expect(passage).toHaveCount(1);
  await expect(passage.locator("blockquote")).toHaveText("Since the library went to short hours we have nowhere warm to go on Saturdays");
  await expect(passage).toContainText(`Only ${ACCOUNTS.facilitator.name}: Money worries`);
  await expect(passage).toContainText(`${group.member.name} applied no code the other did not.`);
  const agreement = page.getByRole("region", { name: "Agreement per code" });
  await expect(agreement.getByRole("row", { name: /Isolation/ })).toContainText("100%");
  await expect(agreement.getByRole("row", { name: /Money worries/ })).toContainText("0%");
  await page.screenshot({ path: `${SHOTS}/analysis-disagreements-1280-en.png`, fullPage: true });

  // Deleting "Isolation" (in use) is refused with the offer to merge it, or keep it.
  await visit(page, base);
  const isolation = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Isolation" }) });
  await isolation.getByRole("button", { name: "Delete code" }).click();
  await expect(isolation.getByRole("alert")).toContainText("“Isolation” is used by 2 excerpts, so it cannot simply be deleted.");
  await expect(isolation.getByRole("link", { name: "Keep it" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/analysis-codebook-in-use-1280-en.png`, fullPage: true });
  await isolation.getByLabel("Merge “Isolation” into").selectOption({ label: "Money worries" });
  await isolation.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByRole("status")).toContainText("Merged into “Money worries” (2 excerpts).");
  await expect(page.getByRole("heading", { name: "Isolation" })).toHaveCount(0);
  const money = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Money worries" }) });
  await expect(money).toContainText("2 excerpts in 1 story");

  // An unused code is simply deleted.
  const unused = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Finding help" }) });
  await unused.getByRole("button", { name: "Delete code" }).click();
  await expect(page.getByRole("status")).toContainText("Code deleted.");
  // Someone else adds a code: the page reloads live, and the message stays (Remix would otherwise
  // drop the action's result with that reload, and a message read a moment ago would vanish).
  const member = await newApi(group.member.state);
  const added = await member.post(base, { form: { intent: "create", name: "Childcare", description: "" }, headers: SAME_ORIGIN });
  expect(added.status()).toBe(200);
  await member.dispose();
  await expect(page.getByRole("heading", { name: "Childcare" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Code deleted.");
  await expect(page.getByRole("heading", { name: "Finding help" })).toHaveCount(0);

  // After the merge both coders applied the same code: no disagreement is left.
  await visit(page, `${base}/disagreements`);
  await expect(page.getByText("No disagreements: where highlights overlap, the codes are the same.")).toBeVisible();
  await visit(page, `${base}/counts`);
  const table = page.getByRole("table", { name: "Excerpts per code (rows) and story (columns)" });
  await expect(table.getByRole("row", { name: /Money worries/ })).toContainText("2");
});

test("a story withdrawn while someone is coding it disappears from their page", async ({ browser, apiAs }) => {
  const facilitator = await apiAs("facilitator");
  const group = await newGroup(facilitator);
  const story = seedCodingStory(group.localityId, { excerpts: [] });
  const context = await contextFor(browser, group.member.state);
  const page = await context.newPage();
  await visit(page, `/l/${group.localityId}/stories/${story.storyId}/code`);
  await expect(page.locator('[data-live="connected"]')).toHaveCount(1);
  const res = await facilitator.post(`/l/${group.localityId}/stories/${story.storyId}/consent`, {
    form: { intent: "withdraw", understood: "yes" },
    headers: SAME_ORIGIN,
  });
  expect(res.status()).toBe(303);
  await expect(page.getByRole("alert")).toHaveText(/This story was withdrawn by its storyteller; it and its excerpts have been removed\./);
  await expect(page.locator("[data-coding-text]")).toHaveCount(0);
  await context.close();
});

test("Arabic at phone width: coding and the analysis pages, with no serious axe findings", async ({ browser, apiAs }) => {
  const group = await newGroup(await apiAs("facilitator"));
  const story = seedCodingStory(group.localityId, {
    language: "ar",
    excerpts: [{ coderName: ACCOUNTS.facilitator.name, phrase: "لم أكن أعرف أحدًا، ولا أعرف أين أذهب.", codes: ["العزلة"] }],
  });
  const context = await contextFor(browser, group.member.state, "ar", { width: 390, height: 844 });
  const page = await context.newPage();
  await visit(page, `/l/${group.localityId}/stories/${story.storyId}/code`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("الشتاء الأول");
  for (const secret of story.secrets) expect(await page.content()).not.toContain(secret);

  // Code the first sentence by the picker, with a new code.
  await page.getByLabel("من", { exact: true }).selectOption("0:0");
  await page.getByLabel("إلى", { exact: true }).selectOption("0:0");
  await page.getByLabel("رمز جديد (اختياري)").fill("السكن");
  await page.getByRole("button", { name: "حفظ المقتطف" }).click();
  await expect(page.getByRole("status")).toContainText("حُفظ المقتطف.");
  await expect(
    page
      .locator(".excerpt")
      .filter({ has: page.getByRole("link", { name: "السكن" }) })
      .locator("blockquote"),
  ).toContainText("اسمي [اسم");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/analysis-coding-390-ar.png`, fullPage: true });
  await page.getByRole("form", { name: "ترميز مقطع" }).screenshot({ path: `${SHOTS}/analysis-coding-form-390-ar.png` });

  for (const [path, name] of [
    ["", "codebook"],
    ["/counts", "counts"],
    ["/coders", "coders"],
    ["/disagreements", "disagreements"],
  ] as const) {
    await page.goto(`/l/${group.localityId}/analysis${path}`);
    await hydrated(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page), name).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/analysis-${name}-390-ar.png`, fullPage: true });
  }
  await context.close();
});
