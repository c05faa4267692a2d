// Stage 2 in browsers, one story from start to end, in a throwaway locality: a facilitator
// captures it, marks who and where, records consent; a member reads it redacted; the member and
// the facilitator code it at the same time in two browsers and each sees the other's highlight
// appear (and a sentence the facilitator adds to the text); the member sends both excerpts to a new board, clusters them and turns the cluster into
// an insight. Then the storyteller withdraws: the notes leave the board open in the member's
// browser without a reload, the insight says its source was withdrawn, and the story is gone.
import { test, expect as baseExpect } from "./support/fixtures";
import { SAME_ORIGIN } from "./support/app";
import { hydrated, visit } from "./support/page";
import { contextFor, editorReady, newGroup, typeAtEnd } from "./support/purpose";
import { captureStoryApi, receivedBy } from "./support/stories";
import { selectPhrase } from "./support/analysis";

const expect = baseExpect.configure({ timeout: 10_000 });

const TEXT = [
  "Kelly told me the bus no longer stops on Coleman Close before half eight.",
  "She walks her son to nursery in the rain and is late for work twice a month.",
].join("\n");

test("capture, consent, redact, code in two browsers, send to a board, cluster, insight; then withdrawal empties the board live", async ({
  browser,
  auth,
  apiAs,
}) => {
  test.setTimeout(150_000);
  const facilitatorApi = await apiAs("facilitator");
  const group = await newGroup(facilitatorApi);
  const base = `/l/${group.localityId}`;

  // Capture, mark identifiers and record consent (each form has its own browser test in stories.spec.ts).
  const storyId = await captureStoryApi(facilitatorApi, group.localityId, { title: "Mornings after the bus changed", realName: "Kelly Dawson", text: TEXT });
  const story = `${base}/stories/${storyId}`;
  for (const [text, kind] of [
    ["Kelly", "name"],
    ["Coleman Close", "place"],
  ]) {
    const res = await facilitatorApi.post(`${story}/identifiers`, { headers: SAME_ORIGIN, form: { intent: "add", text: text!, kind: kind! } });
    expect(res.status()).toBe(200);
  }
  const consent = await facilitatorApi.post(`${story}/consent`, {
    headers: SAME_ORIGIN,
    form: { intent: "consent", givenBy: "Kelly Dawson", givenAt: "2026-09-17", method: "signed_form", infoSheetVersion: "v2", scope: "quotes" },
  });
  expect(consent.status()).toBe(200);

  // The member reads it redacted: neither the page nor its loader data hold the names.
  const memberContext = await contextFor(browser, group.member.state);
  const member = await memberContext.newPage();
  const received = await receivedBy(member, story);
  for (const secret of ["Kelly", "Dawson", "Coleman"]) expect(received, secret).not.toContain(secret);
  await member.getByRole("link", { name: "Highlight and code this story" }).click();
  await expect(member.locator('[data-live="connected"]')).toHaveCount(1);

  // Two browsers code it at once.
  const facilitatorContext = await contextFor(browser, await auth.state("facilitator"));
  const facilitator = await facilitatorContext.newPage();
  await visit(facilitator, `${story}/code`);
  await expect(facilitator.locator('[data-live="connected"]')).toHaveCount(1);

  await selectPhrase(member, "the bus no longer stops on");
  await member.getByRole("button", { name: "Code this passage" }).click();
  const memberForm = member.getByRole("form", { name: "Code a passage" });
  await memberForm.getByLabel("New code (optional)").fill("Getting to work");
  await memberForm.getByRole("button", { name: "Save excerpt" }).click();
  await expect(member.getByRole("status")).toContainText("Excerpt saved.");
  await expect(facilitator.locator("[data-coding-text] .hl").filter({ hasText: "the bus no longer stops on" })).not.toHaveCount(0);
  // Screen-reader users hear it arrive too.
  await expect(facilitator.getByTestId("coding-arrivals")).toHaveText(`${group.member.name} coded a passage: “the bus no longer stops on”`);

  await selectPhrase(facilitator, "is late for work twice a month");
  await facilitator.getByRole("button", { name: "Code this passage" }).click();
  const facilitatorForm = facilitator.getByRole("form", { name: "Code a passage" });
  await facilitatorForm.getByRole("checkbox", { name: "Getting to work" }).check();
  await facilitatorForm.getByRole("button", { name: "Save excerpt" }).click();
  await expect(facilitator.getByRole("status")).toContainText("Excerpt saved.");
  await expect(member.locator("[data-coding-text] .hl").filter({ hasText: "is late for work twice a month" })).not.toHaveCount(0);

  // The facilitator adds a sentence in the live text editor: the member's coding view shows it
  // without a reload, and both highlights stay where they were.
  const editor = await facilitatorContext.newPage();
  await editor.goto(`${story}/text`);
  await editorReady(editor);
  await editor.getByRole("textbox", { name: /^Text of / }).click();
  await editor.keyboard.press("Control+End");
  await editor.keyboard.press("Enter");
  await typeAtEnd(editor, "She has asked the council twice.");
  await expect(member.locator("[data-coding-text]")).toContainText("She has asked the council twice.", { timeout: 15_000 });
  await expect(member.locator("[data-coding-text] .hl").filter({ hasText: "is late for work twice a month" })).not.toHaveCount(0);
  await editor.close();

  // The member sends both excerpts to a new analysis board.
  await visit(member, `${base}/analysis/send`);
  await member.getByRole("checkbox", { name: /^the bus no longer stops on/ }).check();
  await member.getByRole("checkbox", { name: /^is late for work twice a month/ }).check();
  await member.getByRole("radio", { name: "A new analysis board" }).check();
  await member.getByLabel("Title of the new board").fill("Mornings");
  await member.getByRole("button", { name: "Send to the board" }).click();
  await expect(member).toHaveURL(new RegExp(`${base}/boards/[A-Za-z0-9_-]+$`), { timeout: 15_000 });
  const boardPath = new URL(member.url()).pathname;
  await expect(member.locator(".board-app")).toBeVisible({ timeout: 15_000 });
  const outline = member.getByRole("button", { name: "Outline" });
  if ((await outline.getAttribute("aria-pressed")) !== "true") await outline.click();
  const notes = ["the bus no longer stops on — Storyteller A", "is late for work twice a month — Storyteller A"];
  for (const note of notes) await expect(member.getByText(note, { exact: true })).toBeVisible();

  // Cluster them with the outline's controls, then turn the cluster into an insight.
  await member.getByLabel("New cluster").fill("Late because of the bus");
  await member.getByRole("button", { name: "Add cluster" }).click();
  const cluster = member.getByRole("region", { name: /^Late because of the bus/ });
  await expect(cluster).toBeVisible();
  for (const note of notes) {
    const start = note.slice(0, 24);
    const move = member.getByLabel(new RegExp(`^Move note to: ${start}`));
    await move.focus();
    await move.selectOption({ label: "Late because of the bus" });
    await member.getByRole("button", { name: new RegExp(`^Move note: ${start}`) }).click();
    await expect(cluster.getByText(note, { exact: true })).toBeVisible();
  }
  await expect(member.locator(".board-status")).toHaveText(/Saved/, { timeout: 15_000 });
  await member.getByRole("link", { name: "Turn a cluster into an insight" }).click();
  await hydrated(member);
  await member.getByLabel("Cluster", { exact: true }).selectOption({ label: "Late because of the bus (2 excerpts)" });
  await member.getByRole("button", { name: "Use this cluster" }).click();
  await hydrated(member);
  await expect(member.getByRole("checkbox")).toHaveCount(2);
  await member.getByLabel("What did we learn?").fill("We learned that one changed bus stop makes parents late for work every month.");
  await member.getByLabel("Question 1").fill("How might we get children to nursery when the bus does not stop?");
  await member.getByRole("radio", { name: /^Medium/ }).check();
  await member.getByRole("button", { name: "Save insight" }).click();
  await expect(member).toHaveURL(new RegExp(`${base}/insights/[A-Za-z0-9_-]+\\?saved=1$`));
  const insightPath = new URL(member.url()).pathname;
  await expect(member.getByText("2 excerpts from 1 story told by 1 storyteller")).toBeVisible();

  // Withdrawal while the member has the board open: the notes leave it without a reload.
  await visit(member, boardPath);
  await expect(member.getByText(notes[0]!, { exact: true })).toBeVisible({ timeout: 15_000 });
  await visit(facilitator, `${story}/consent`);
  await facilitator.getByLabel(/I understand that this removes the story/).check();
  await facilitator.getByRole("button", { name: "Withdraw the story" }).click();
  await expect(facilitator).toHaveURL(`${base}/stories?withdrawn=1`);
  for (const note of notes) await expect(member.getByText(note, { exact: true })).toHaveCount(0, { timeout: 15_000 });

  // The insight stays, saying its source was withdrawn; the story is gone.
  await visit(member, insightPath);
  await expect(member.getByText("We learned that one changed bus stop")).toBeVisible();
  await expect(member.getByText(/withdrawn/i).first()).toBeVisible();
  expect(await member.content()).not.toContain("the bus no longer stops on");
  expect((await member.goto(story))!.status()).toBe(404);
  await Promise.all([memberContext.close(), facilitatorContext.close()]);
});
