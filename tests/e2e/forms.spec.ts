// Every form in the product is submitted successfully by at least one browser test. The forms
// other specs already drive through the page live there; this file drives the rest, as a person
// would (role and label, real clicks, so the hidden `intent`, `_csrf` and `_form` fields go exactly
// as the page sends them), and checks each result on the page and, where cheap, after a reload.
// Every test works in a throwaway locality (or on records it made), so the demo data other tests
// read is never changed. The forms submitted here: the account form, the locality's stage, new
// boards and documents, linking a profile to an account, removing a tie, a session's details and
// notes, declining a suggested tie, withdrawing an endorsement, the stories filter, a story's
// details, typed identifiers and unmarking, removing a photo, replacing a story's text, editing and
// deleting an excerpt, new and renamed codes, the send page's filter, choosing a board for an
// insight, editing and deleting an insight, a challenge's settings, merging, rejecting and
// restoring ideas in the queue, the ideas filter, an idea's details, comments and translations.
import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect as baseExpect } from "./support/fixtures";
import {
  SAME_ORIGIN,
  createAccountFromInvite,
  createBoard,
  createInvite,
  createLocality,
  location,
  newApi,
  saveDocumentVersion,
  unique,
  withLanguage,
  type StorageState,
} from "./support/app";
import { reload, visit } from "./support/page";
import { addPerson } from "./support/people";
import { markPresent, planWorkshop } from "./support/workshops";
import { captureStoryApi } from "./support/stories";
import { seedCodingStory } from "./support/analysis";
import { seedIdeas } from "./support/idea-records-seed";
import { seedModerationQueue } from "./support/forms";

// Several server round trips per form on a busy machine.
const expect = baseExpect.configure({ timeout: 10_000 });
test.describe.configure({ timeout: 90_000 });

async function contextFor(browser: Browser, state: StorageState): Promise<BrowserContext> {
  return browser.newContext({ storageState: withLanguage(state, "en"), viewport: { width: 1280, height: 900 } });
}

/** A date "YYYY-MM-DD" `days` from now. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Resolves when the page's next POST has been answered (a Remix form submission, or its redirect). */
function posted(page: Page, path: string) {
  return page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith(path));
}

test("a member starts a board and a document and saves their account; a facilitator moves the group to the next stage", async ({ browser, auth }) => {
  const api = await newApi(await auth.state("facilitator"));
  const localityId = await createLocality(api, unique("Forms locality"));
  const name = `Forms Member ${unique("m").slice(-6)}`;
  const member = await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name });
  await api.dispose();
  const base = `/l/${localityId}`;

  const memberContext = await contextFor(browser, member.state);
  const page = await memberContext.newPage();

  // Start a board (boards page).
  const boardTitle = unique("Forms board");
  await visit(page, `${base}/boards`);
  await page.getByLabel("Board name").fill(boardTitle);
  await page.getByLabel("What it is for").selectOption({ label: "Ideas" });
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/boards/[A-Za-z0-9_-]+$`));
  await expect(page.getByRole("heading", { level: 1, name: boardTitle })).toBeVisible();

  // Start a shared document (documents page).
  const documentTitle = unique("Forms document");
  await visit(page, `${base}/documents`);
  await page.getByLabel("Document name").fill(documentTitle);
  await page.getByRole("button", { name: "Create document" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/documents/[A-Za-z0-9_-]+$`));
  await expect(page.getByRole("heading", { level: 1, name: documentTitle })).toBeVisible();
  await visit(page, `${base}/boards`);
  await expect(page.getByRole("link", { name: boardTitle })).toBeVisible();
  await visit(page, `${base}/documents`);
  await expect(page.getByRole("link", { name: documentTitle })).toBeVisible();

  // Your account: the form with its hidden intent, as the page sends it.
  await visit(page, "/account");
  await page.getByLabel("Your name").fill(`${name} Renamed`);
  await page.getByLabel("Preferred language").selectOption({ label: "العربية" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/account\?saved=1$/);
  await expect(page.getByRole("status").filter({ hasText: "تم حفظ التغييرات." })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await reload(page);
  await expect(page.getByLabel("اسمك")).toHaveValue(`${name} Renamed`);
  await expect(page.getByLabel("اللغة المفضّلة")).toHaveValue("ar");
  await memberContext.close();

  // The facilitator moves the group to stage 2 (locality home).
  const facilitatorContext = await contextFor(browser, await auth.state("facilitator"));
  const f = await facilitatorContext.newPage();
  await visit(f, base);
  await expect(f.getByText("Stage 1: Relationships & purpose", { exact: true })).toBeVisible();
  await f.getByLabel("Move the group to").selectOption({ label: "2. Stories & insights" });
  await f.getByRole("button", { name: "Update stage" }).click();
  // Stage 1's checklist still has items open: the page says which, and the group moves on anyway.
  const warning = f.locator("section.stage-warning");
  await expect(warning.getByRole("heading", { name: /^Items still open: \d+$/ })).toBeVisible();
  await warning.getByRole("button", { name: "Move on anyway" }).click();
  await expect(f.getByText("Stage 2: Stories & insights", { exact: true })).toBeVisible();
  await reload(f);
  await expect(f.getByLabel("Move the group to")).toHaveValue("2");
  await facilitatorContext.close();
});

test("a facilitator links a profile to an account, removes a tie, changes a session's details and notes; the member declines a suggested tie and withdraws an endorsement", async ({
  browser,
  auth,
}) => {
  const api = await newApi(await auth.state("facilitator"));
  const localityId = await createLocality(api, unique("Forms locality"));
  const base = `/l/${localityId}`;
  const memberName = `Forms Member ${unique("m").slice(-6)}`;
  const member = await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name: memberName });
  const asha = `Asha Forms ${unique("a").slice(-5)}`;
  const ben = `Ben Forms ${unique("b").slice(-5)}`;
  const ashaId = await addPerson(api, localityId, { displayName: asha });
  const benId = await addPerson(api, localityId, { displayName: ben });
  const tie = await api.post(`${base}/people/${ashaId}`, {
    form: { intent: "record-tie", otherPersonId: benId, kind: "neighbours", strength: "2", since: "2026-01-01" },
    headers: SAME_ORIGIN,
    maxRedirects: 0,
  });
  expect(tie.status(), "record a tie to remove").toBeLessThan(400);
  const session = await planWorkshop(api, localityId, unique("Forms session"));
  // An agreed purpose, for the member to endorse and withdraw.
  const started = await api.post(`${base}/purpose`, { form: { intent: "start" }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(started.status(), "start the purpose document").toBe(302);
  const documentId = location(started).split("/").pop()!;
  const versionId = await saveDocumentVersion(api, localityId, documentId, "Agreed draft");
  const agreed = await api.post(`${base}/purpose`, { form: { intent: "agree", versionId }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(agreed.status(), "agree the version").toBe(200);
  await api.dispose();

  const facilitatorContext = await contextFor(browser, await auth.state("facilitator"));
  const f = await facilitatorContext.newPage();

  // Link Asha's profile to the member's account (edit page).
  await visit(f, `${base}/people/${ashaId}/edit`);
  await f.getByLabel("Linked account").selectOption({ label: `${memberName} (${member.email})` });
  const linked = posted(f, `${base}/people/${ashaId}/edit`);
  await f.getByRole("button", { name: "Save link" }).click();
  expect((await linked).status()).toBeLessThan(400);
  await visit(f, `${base}/people/${ashaId}`);
  await expect(f.getByText(`Linked to the account of ${memberName}.`)).toBeVisible();

  // Remove the tie (profile).
  await f.getByRole("button", { name: `Remove tie with ${ben}` }).click();
  await expect(f.getByRole("status").filter({ hasText: "Tie removed." })).toBeVisible();
  await expect(f.getByText("No ties recorded yet.")).toBeVisible();
  await reload(f);
  await expect(f.getByText("No ties recorded yet.")).toBeVisible();

  // A session's details and its notes.
  await visit(f, `${base}/workshops/${session.id}`);
  await f.getByText("Change the details").click();
  const details = f.locator("form#edit-workshop");
  const title = unique("Forms session, moved");
  await details.getByLabel("Title").fill(title);
  await details.getByLabel("Place").fill("Library, upstairs room");
  await details.getByRole("button", { name: "Save the details" }).click();
  await expect(f.getByRole("status").filter({ hasText: "The details are saved." })).toBeVisible();
  await expect(f.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const notes = "Agreed to meet at the library next time.";
  await f.getByLabel("Notes from the session").fill(notes);
  await f.getByRole("button", { name: "Save the notes" }).click();
  await expect(f.getByRole("status").filter({ hasText: "The notes are saved." })).toBeVisible();
  await reload(f);
  await expect(f.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(f.getByText("Library, upstairs room")).toBeVisible();
  await expect(f.getByLabel("Notes from the session")).toHaveValue(notes);
  await facilitatorContext.close();

  // Asha and Ben came to the session, which suggests a tie between them.
  const setup = await newApi(await auth.state("facilitator"));
  await markPresent(setup, localityId, session.id, [ashaId, benId]);
  const suggested = await setup.post(`${base}/workshops/${session.id}`, { form: { intent: "suggest-ties" }, headers: SAME_ORIGIN, maxRedirects: 0 });
  expect(suggested.status(), "suggest ties").toBe(200);
  await setup.dispose();

  // The member (now Asha's account) declines the suggestion (ties to confirm).
  const memberContext = await contextFor(browser, member.state);
  const m = await memberContext.newPage();
  await visit(m, `${base}/ties/suggested`);
  const suggestion = m.getByRole("listitem").filter({ has: m.getByRole("heading", { name: `You and ${ben}` }) });
  await suggestion.getByRole("button", { name: "No, decline" }).click();
  await expect(m.getByRole("status").filter({ hasText: "The suggestion is removed." })).toBeVisible();
  await expect(m.getByText("No ties waiting to be confirmed.")).toBeVisible();

  // The member endorses the agreed purpose, then withdraws the endorsement.
  await visit(m, `${base}/purpose`);
  await m.getByRole("button", { name: "Endorse the purpose" }).click();
  await expect(m.getByRole("heading", { name: "Endorsed by 1 person" })).toBeVisible();
  await m.getByRole("button", { name: "Withdraw my endorsement" }).click();
  await expect(m.getByRole("status").filter({ hasText: "Your endorsement is withdrawn." })).toBeVisible();
  await expect(m.getByRole("heading", { name: "Endorsed by 0 people" })).toBeVisible();
  await reload(m);
  await expect(m.getByRole("button", { name: "Endorse the purpose" })).toBeVisible();
  await expect(m.getByRole("heading", { name: "Endorsed by 0 people" })).toBeVisible();
  await memberContext.close();
});

test("a facilitator filters the stories, edits a story's details, marks and unmarks an identifier, removes a photo and replaces the text from a file", async ({
  browser,
  auth,
}) => {
  const api = await newApi(await auth.state("facilitator"));
  const localityId = await createLocality(api, unique("Forms locality"));
  const title = unique("Forms story");
  const storyId = await captureStoryApi(api, localityId, { title, text: "Kelly told me the bus no longer stops on Coleman Close before half eight." });
  // The filter is offered once there is something to tell apart: a second story, told otherwise.
  const diary = unique("Forms diary");
  await captureStoryApi(api, localityId, { title: diary, method: "diary", language: "ar", text: "كتبت في دفتري عن الحافلة." });
  await api.dispose();
  const base = `/l/${localityId}/stories`;
  const story = `${base}/${storyId}`;
  const context = await contextFor(browser, await auth.state("facilitator"));
  const page = await context.newPage();

  // The stories list's filter (a GET form).
  await visit(page, base);
  const filter = page.getByRole("form", { name: "Filter stories" });
  await filter.getByLabel("Method").selectOption({ label: "Diary" });
  await filter.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\?method=diary&language=$/);
  await expect(page.getByRole("link", { name: diary })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await filter.getByLabel("Method").selectOption({ label: "Interview" });
  await filter.getByLabel("Language it was told in").selectOption({ label: "English" });
  await filter.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\?method=interview&language=en$/);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: diary })).toHaveCount(0);

  // The story's details.
  await visit(page, `${story}/edit`);
  await page.getByLabel("Title", { exact: true }).fill(`${title} (renamed)`);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page).toHaveURL(new RegExp(`${story}$`));
  await expect(page.getByRole("heading", { level: 1, name: `${title} (renamed)` })).toBeVisible();

  // Mark an identifier by typing it, then unmark it.
  await visit(page, `${story}/identifiers`);
  await page.getByLabel("Text to hide").fill("half eight");
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "other detail" });
  await page.getByRole("button", { name: "Mark it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked. It is now hidden from members and viewers." })).toBeVisible();
  const marked = page.getByRole("region", { name: "Marked identifiers (1)" });
  await expect(marked).toContainText("half eight");
  await marked.getByRole("button", { name: "Unmark “half eight”" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unmarked. Members and viewers now see it." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Marked identifiers (0)" })).toContainText("None marked yet.");

  // Add a photo, then remove it.
  await visit(page, `${story}/photos`);
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();
  await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "gate.png", mimeType: "image/png", buffer: png });
  await page.getByLabel("Describe the photo").fill("A school gate");
  await page.getByRole("button", { name: "Add the photo" }).click();
  await expect(page.getByRole("img", { name: "A school gate" })).toBeVisible();
  await page.getByRole("button", { name: "Remove the photo “A school gate”" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Photo removed." })).toBeVisible();
  await expect(page.getByText("No photos.")).toBeVisible();

  // Replace the text from a file.
  await visit(page, `${story}/text`);
  const replaced = "The new text came from a file about the bus to the clinic.";
  await page.getByLabel("Or import a file").setInputFiles({ name: "visit.txt", mimeType: "text/plain", buffer: Buffer.from(`${replaced}\n`) });
  await page.getByLabel("Replace the whole text with the file's text").check();
  await page.getByRole("button", { name: "Replace the text" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The text was replaced with the file's text." })).toBeVisible();
  await visit(page, story);
  await expect(page.locator(".story-text")).toContainText(replaced);
  await expect(page.locator(".story-text")).not.toContainText("Coleman Close");
  await context.close();
});

test("a member edits and deletes their excerpt, adds and renames a code, filters the excerpts to send, picks a board, and edits and deletes their insight", async ({
  browser,
  auth,
}) => {
  const api = await newApi(await auth.state("facilitator"));
  const localityId = await createLocality(api, unique("Forms locality"));
  const boardTitle = unique("Forms analysis board");
  await createBoard(api, localityId, boardTitle, "analysis");
  const coder = `Forms Coder ${unique("c").slice(-6)}`;
  const member = await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name: coder });
  await api.dispose();
  const story = seedCodingStory(localityId, {
    excerpts: [
      { coderName: coder, phrase: "we have nowhere warm to go on Saturdays", codes: ["Isolation"] },
      { coderName: coder, phrase: "The bus into town costs too much", codes: ["Getting about"] },
      { coderName: coder, phrase: "A list of what is on", codes: ["Finding help"] },
    ],
  });
  const base = `/l/${localityId}`;
  const context = await contextFor(browser, member.state);
  const page = await context.newPage();

  // An excerpt's codes and comment, then deleting it (coding page).
  await visit(page, `${base}/stories/${story.storyId}/code`);
  const excerpt = page.locator(".excerpt").filter({ hasText: "we have nowhere warm to go on Saturdays" });
  await excerpt.getByText("Change codes or comment").click();
  await excerpt.getByRole("checkbox", { name: "Money worries" }).check();
  await excerpt.getByLabel("Comment (optional)").fill("Cold homes cost money");
  await excerpt.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Excerpt changed." })).toBeVisible();
  await expect(excerpt.getByRole("link", { name: "Money worries" })).toBeVisible();
  await expect(excerpt).toContainText("Cold homes cost money");
  await excerpt.getByRole("button", { name: "Delete excerpt" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Excerpt deleted." })).toBeVisible();
  await expect(excerpt).toHaveCount(0);
  await reload(page);
  await expect(page.locator(".excerpt")).toHaveCount(2);

  // The codebook: a new code, then renamed and described.
  await visit(page, `${base}/analysis`);
  const newCode = page.locator("form").filter({ has: page.getByRole("heading", { name: "New code" }) });
  await newCode.getByLabel("Name").fill("Childcare");
  await newCode.getByRole("button", { name: "Add code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Code “Childcare” added." })).toBeVisible();
  const childcare = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Childcare" }) });
  await childcare.getByText("Rename or describe").click();
  await childcare.getByLabel("Name").fill("Childcare and nursery");
  await childcare.getByLabel("Description").fill("Finding and paying for childcare.");
  await childcare.getByRole("button", { name: "Save code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Code “Childcare and nursery” saved." })).toBeVisible();
  await reload(page);
  const renamed = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Childcare and nursery" }) });
  await expect(renamed).toContainText("Finding and paying for childcare.");

  // The send page's filter (a GET form).
  await visit(page, `${base}/analysis/send`);
  await page.getByLabel("Code", { exact: true }).selectOption({ label: "Getting about" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`\\?code=${story.codes["Getting about"]}&story=$`));
  await expect(page.getByRole("checkbox", { name: /^The bus into town costs too much/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^A list of what is on/ })).toHaveCount(0);

  // A new insight: choosing a board (a GET form) shows its clusters.
  await visit(page, `${base}/insights/new`);
  await page.getByLabel("Board", { exact: true }).selectOption({ label: boardTitle });
  await page.getByRole("button", { name: "Show its clusters" }).click();
  await expect(page).toHaveURL(/\/insights\/new\?board=[A-Za-z0-9_-]+$/);
  await expect(page.getByText("This board has no clusters yet.")).toBeVisible();

  // An insight from the excerpt list, then edited, then deleted.
  await visit(page, `${base}/insights/new`);
  await page.getByLabel("What did we learn?").fill("We learned that families need to know what is on nearby.");
  await page.getByLabel("Question 1", { exact: true }).fill("How might we share what is on where families already go?");
  await page.getByRole("checkbox", { name: /^A list of what is on/ }).check();
  await page.getByRole("radio", { name: /^Medium/ }).check();
  await page.getByRole("button", { name: "Save insight" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/insights/[A-Za-z0-9_-]+\\?saved=1$`));
  await page.getByRole("link", { name: "Edit insight" }).click();
  const statement = "We learned that families hear about what is on from people they already know.";
  await page.getByLabel("What did we learn?").fill(statement);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/insights/[A-Za-z0-9_-]+\\?saved=1$`));
  await expect(page.getByText("Insight saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(statement);
  await page.getByRole("button", { name: "Delete insight" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/insights\\?deleted=1$`));
  await expect(page.getByRole("status").filter({ hasText: "The insight was deleted." })).toBeVisible();
  await expect(page.getByText(statement)).toHaveCount(0);
  await context.close();
});

test("a facilitator changes a challenge's closing date and languages, merges, rejects and restores ideas in the queue", async ({ browser, auth }) => {
  const api = await newApi(await auth.state("facilitator"));
  const localityId = await createLocality(api, unique("Forms locality"));
  await api.dispose();
  const [first, second] = [unique("A toy library at the centre"), unique("A toy library in the children's centre")];
  const [restored, rejected] = [unique("Reported idea about a bench"), unique("Reported idea about the car park")];
  const queue = seedModerationQueue(localityId, {
    question: "How might we make the centre a place to play?",
    pending: [first, second],
    hidden: [restored, rejected],
  });
  const challenge = `/l/${localityId}/challenges/${queue.challengeId}`;
  const context = await contextFor(browser, await auth.state("facilitator"));
  const page = await context.newPage();

  // Closing date and languages (challenge page).
  await visit(page, challenge);
  const closing = dayFromNow(14);
  await page.getByLabel("Closing date (optional)").fill(closing);
  await page.getByRole("checkbox", { name: "العربية" }).uncheck();
  await page.getByRole("button", { name: "Save closing date and languages" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Closing date and languages saved." })).toBeVisible();
  await expect(page.getByText("Offered in: English", { exact: true })).toBeVisible();
  await reload(page);
  await expect(page.getByLabel("Closing date (optional)")).toHaveValue(closing);
  await expect(page.getByRole("checkbox", { name: "العربية" })).not.toBeChecked();

  // The queue: merge a duplicate, reject the other; restore one hidden idea and reject the other.
  await visit(page, `${challenge}/moderation`);
  const card = (text: string) => page.locator("article.review-card").filter({ has: page.locator("blockquote", { hasText: text }) });
  await expect(page.getByRole("heading", { name: "Waiting for a decision (2)" })).toBeVisible();
  await card(first)
    .getByLabel("Duplicate of")
    .selectOption({ label: `Waiting: ${second}` });
  await card(first).getByRole("button", { name: "Merge into this idea" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged as a duplicate." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Waiting for a decision (1)" })).toBeVisible();
  await card(second).getByLabel("Reason for rejecting").fill("The centre has no room for it this year.");
  await card(second).getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rejected. The sender will see your reason on their receipt." })).toBeVisible();
  await expect(page.getByText("No ideas are waiting.", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hidden after reports (2)" })).toBeVisible();
  await card(restored).getByRole("button", { name: "Restore to the board" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored to the board." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hidden after reports (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "On the board (1)" })).toBeVisible();
  await card(rejected).getByLabel("Reason for rejecting").fill("It names a neighbour.");
  await card(rejected).getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rejected. The sender will see your reason on their receipt." })).toBeVisible();
  await expect(page.getByText("No ideas are hidden.")).toBeVisible();
  await reload(page);
  await expect(page.getByRole("heading", { name: "Waiting for a decision (0)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "On the board (1)" })).toBeVisible();
  await expect(card(restored)).toHaveCount(1);
  await expect(card(rejected)).toHaveCount(0);
  await context.close();
});

test("a member filters the ideas, saves an idea's details, adds and deletes a comment, and adds and removes a translation", async ({ browser, auth }) => {
  const api = await newApi(await auth.state("facilitator"));
  const localityId = await createLocality(api, unique("Forms locality"));
  const member = await createAccountFromInvite(await createInvite(api, localityId, { role: "member" }), { name: `Forms Member ${unique("m").slice(-6)}` });
  await api.dispose();
  const arabic = "مكتبة ألعاب في مركز الأطفال يفتح أيام السبت";
  const seeded = seedIdeas(
    localityId,
    [
      { text: arabic, language: "ar", title: "مكتبة ألعاب" },
      { text: "Homework club at the library on Tuesdays", language: "en" },
    ],
    {
      question: "How might we make Saturdays less lonely?",
    },
  );
  const base = `/l/${localityId}`;
  const context = await contextFor(browser, member.state);
  const page = await context.newPage();

  // The ideas list's filter (a GET form).
  await visit(page, `${base}/ideas`);
  await page.getByLabel("Challenge", { exact: true }).selectOption({ label: seeded.question });
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Shortlisted" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`\\?challenge=${seeded.challengeId}&status=shortlisted$`));
  await expect(page.getByText("No ideas here yet.", { exact: false })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "New" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/&status=new$/);
  await expect(page.locator(".idea-card")).toHaveCount(2);

  const idea = seeded.ideas[0]!;
  await visit(page, `${base}/ideas/${idea.id}`);

  // Add a translation (its own test is in ideas.spec.ts), then remove it.
  await page.getByLabel("Language", { exact: true }).selectOption("en");
  await page.getByLabel("Translation", { exact: true }).fill("A toy library at the children's centre, open on Saturdays");
  await page.getByRole("button", { name: "Save translation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Translation saved." })).toBeVisible();
  await page.getByRole("button", { name: "Remove the English translation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Translation removed." })).toBeVisible();
  await expect(page.locator(".idea-text.translation")).toHaveCount(0);

  // The idea's details.
  await page.getByLabel("Title", { exact: true }).fill("Saturday toy library");
  await page.getByLabel("Description", { exact: true }).fill("Toys to borrow, and a warm room to play in.");
  await page.getByLabel("Who would use it", { exact: true }).fill("Families with under-fives");
  await page.getByLabel("Who could deliver it", { exact: true }).fill("The children's centre and volunteers");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Details saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Saturday toy library");

  // A comment, then deleting it.
  await page.getByLabel("Your comment").fill("The library van could bring the toys.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Comment added." })).toBeVisible();
  await expect(page.getByText("The library van could bring the toys.")).toBeVisible();
  await page.getByRole("button", { name: "Delete comment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Comment deleted." })).toBeVisible();
  await expect(page.getByText("No comments yet.")).toBeVisible();

  await reload(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Saturday toy library");
  await expect(page.getByLabel("Who would use it", { exact: true })).toHaveValue("Families with under-fives");
  await expect(page.locator(".idea-text.translation")).toHaveCount(0);
  await expect(page.getByText("No comments yet.")).toBeVisible();
  await context.close();
});
