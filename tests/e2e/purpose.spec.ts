// The common purpose in Chromium: a facilitator starts the purpose document, writes in the
// shared editor, saves a named version and agrees it; the locality home shows it with the
// progress line; a member endorses and is listed with the time; a newer version is agreed and
// the member is asked again; a viewer reads only (no button, 403 on POST); axe; screenshots at
// phone and desktop sizes in English and Arabic.
import fs from "node:fs";
import path from "node:path";
import { test, expect as baseExpect } from "./support/fixtures";
import { ACCOUNTS, SAME_ORIGIN } from "./support/app";
import { hydrated } from "./support/page";
import { contextFor, editorReady, newGroup, saveVersionNamed, typeAtEnd } from "./support/purpose";
import { seriousViolations } from "./support/axe";

const expect = baseExpect.configure({ timeout: 10_000 });
const SHOTS = path.resolve(import.meta.dirname, "..", ".tmp", "shots");
fs.mkdirSync(SHOTS, { recursive: true });

test.describe("common purpose", () => {
  test("start, write, agree, endorse, agree a newer version and endorse again; viewers read only", async ({ browser, auth, apiAs }) => {
    test.setTimeout(150_000);
    const group = await newGroup(await apiAs("facilitator"));
    const purposePath = `/l/${group.localityId}/purpose`;
    const facilitatorCtx = await contextFor(browser, await auth.state("facilitator"));
    const f = await facilitatorCtx.newPage();

    // Nothing yet: the home invites the group to write it; the purpose page offers to start it.
    await f.goto(`/l/${group.localityId}`);
    await hydrated(f);
    await expect(f.getByRole("region", { name: "Our purpose" })).toContainText("The group has not agreed its purpose yet.");
    await f.getByRole("link", { name: "Write the purpose together" }).click();
    await expect(f).toHaveURL(new RegExp(`${purposePath}$`));
    await hydrated(f);
    await expect(f.getByText("Nobody has started the purpose document yet.")).toBeVisible();
    await f.getByRole("button", { name: "Start the purpose document" }).click();

    // The shared document editor, with the starter text; the facilitator writes and saves a version.
    await expect(f).toHaveURL(new RegExp(`/l/${group.localityId}/documents/[A-Za-z0-9_-]+$`));
    const documentPath = new URL(f.url()).pathname;
    await editorReady(f);
    await expect(f.locator(".ProseMirror h2").first()).toHaveText("Our purpose");
    // Replace the starter's prompts with the group's own words.
    await f.getByRole("textbox", { name: /^Text of / }).click();
    await f.keyboard.press("Control+A");
    await f.keyboard.type("Our purpose for this town");
    await f.keyboard.press("Enter");
    await typeAtEnd(f, "Parents in this town feel welcome everywhere.");
    await saveVersionNamed(f, "First draft");

    // Agree it on the purpose page.
    await f.goto(purposePath);
    await hydrated(f);
    await expect(f.getByText("The group has not agreed a version yet.")).toBeVisible();
    await expect(f.getByLabel("Version of the purpose document").locator("option:checked")).toHaveText(/^First draft \(/);
    await f.getByRole("button", { name: "Mark as the agreed purpose" }).click();
    await expect(f.getByRole("status")).toContainText("Version “First draft” is now the agreed purpose.");
    const agreed = f.getByRole("region", { name: "The agreed purpose" });
    await expect(agreed.getByRole("article", { name: "Text of the agreed purpose" })).toContainText("Parents in this town feel welcome everywhere.");
    await expect(agreed).toContainText(`Version “First draft”, agreed on`);
    await expect(agreed).toContainText(`by ${ACCOUNTS.facilitator.name}`);

    // The home shows the start of the agreed text and the progress line, each figure a link.
    await f.goto(`/l/${group.localityId}`);
    await hydrated(f);
    const summary = f.getByRole("region", { name: "Our purpose" });
    await expect(summary.locator("blockquote")).toContainText("Parents in this town feel welcome everywhere.");
    await expect(summary.getByRole("link", { name: "Read the whole purpose" })).toHaveAttribute("href", purposePath);
    const progress = f.getByRole("region", { name: "Progress" });
    await expect(progress.getByRole("link", { name: /^\d+ (person|people) from \d+ sectors?$/ })).toHaveAttribute("href", `/l/${group.localityId}/people`);
    await expect(progress.getByRole("link", { name: /^\d+ ties? \(\d+ across sectors\)$/ })).toHaveAttribute("href", `/l/${group.localityId}/relationships`);
    await expect(progress.getByRole("link", { name: "purpose endorsed by 0" })).toHaveAttribute("href", purposePath);
    await expect(progress).toContainText("Ties between levels:");
    await expect(progress).toContainText("Residents ↔ professionals: 0");

    // A member endorses, and is listed with the time.
    const memberCtx = await contextFor(browser, group.member.state);
    const m = await memberCtx.newPage();
    await m.goto(purposePath);
    await hydrated(m);
    await expect(m.getByRole("heading", { name: "Endorsed by 0 people" })).toBeVisible();
    await m.getByRole("button", { name: "Endorse the purpose" }).click();
    await expect(m.getByRole("status")).toContainText("Thank you: your endorsement is recorded.");
    await expect(m.getByRole("heading", { name: "Endorsed by 1 person" })).toBeVisible();
    const endorser = m.getByRole("list", { name: "Who endorsed it" }).getByRole("listitem").filter({ hasText: group.member.name });
    await expect(endorser).toBeVisible();
    await expect(endorser.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    await expect(m.getByText(/^You endorsed this purpose on /)).toBeVisible();
    await expect(m.getByRole("button", { name: "Withdraw my endorsement" })).toBeVisible();
    await f.reload();
    await hydrated(f);
    await expect(f.getByRole("region", { name: "Progress" }).getByRole("link", { name: "purpose endorsed by 1" })).toBeVisible();

    // The facilitator writes more, saves and agrees a newer version.
    await f.goto(documentPath);
    await editorReady(f);
    await typeAtEnd(f, " In every language spoken here.");
    await saveVersionNamed(f, "Second draft");
    await f.goto(purposePath);
    await hydrated(f);
    await f.getByLabel("Version of the purpose document").selectOption({ index: 0 });
    await expect(f.getByLabel("Version of the purpose document").locator("option:checked")).toHaveText(/^Second draft/);
    await f.getByRole("button", { name: "Mark as the agreed purpose" }).click();
    await expect(f.getByRole("status")).toContainText("Version “Second draft” is now the agreed purpose.");
    await expect(f.getByRole("heading", { name: "Endorsed by 0 people" })).toBeVisible();

    // The member is asked again; the count starts again; the earlier endorsement stays as history.
    await m.reload();
    await hydrated(m);
    await expect(m.getByRole("heading", { name: "The purpose has changed since you endorsed it" })).toBeVisible();
    await expect(m.getByRole("article", { name: "Text of the agreed purpose" })).toContainText("In every language spoken here.");
    await expect(m.getByRole("heading", { name: "Endorsed by 0 people" })).toBeVisible();
    await expect(m.getByRole("list", { name: "Endorsed an earlier version" })).toContainText(group.member.name);
    await expect(m.getByRole("list", { name: "Endorsed an earlier version" })).toContainText("version “First draft”");
    await m.screenshot({ path: path.join(SHOTS, "purpose-changed-1280.png"), fullPage: true });
    await m.getByRole("button", { name: "Endorse the new version" }).click();
    await expect(m.getByRole("heading", { name: "Endorsed by 1 person" })).toBeVisible();
    await expect(m.getByRole("list", { name: "Who endorsed it" })).toContainText(group.member.name);

    // A viewer reads the purpose and who endorsed it, with no button; a POST is refused.
    const viewerCtx = await contextFor(browser, group.viewer.state);
    const v = await viewerCtx.newPage();
    await v.goto(purposePath);
    await hydrated(v);
    await expect(v.getByRole("article", { name: "Text of the agreed purpose" })).toContainText("In every language spoken here.");
    await expect(v.getByText("Members of the group endorse the purpose; you can read it and see who endorsed it.")).toBeVisible();
    await expect(v.getByRole("button", { name: /Endorse|Withdraw|Mark as|Start/ })).toHaveCount(0);
    await expect(v.getByRole("link", { name: "Read the purpose document" })).toBeVisible();
    const versionId = await f.getByLabel("Version of the purpose document").inputValue();
    for (const intent of ["endorse", "withdraw", "agree", "start"]) {
      const res = await v.request.post(purposePath, { form: { intent, versionId }, headers: SAME_ORIGIN, maxRedirects: 0 });
      expect(res.status(), `viewer POST ${intent}`).toBe(403);
    }
    const memberAgree = await m.request.post(purposePath, { form: { intent: "agree", versionId }, headers: SAME_ORIGIN, maxRedirects: 0 });
    expect(memberAgree.status(), "member POST agree").toBe(403);

    await Promise.all([facilitatorCtx.close(), memberCtx.close(), viewerCtx.close()]);
  });

  for (const lang of ["en", "ar"] as const) {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 900 },
    ]) {
      test(`purpose page and locality home: axe and screenshots (${lang}, ${viewport.width})`, async ({ browser, auth, ids }) => {
        test.setTimeout(120_000);
        for (const who of ["member", "facilitator"] as const) {
          const ctx = await contextFor(browser, await auth.state(who), lang, viewport);
          const page = await ctx.newPage();
          await page.goto(`/l/${ids.longbridge}/purpose`);
          await hydrated(page);
          await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
          // The demo purpose is agreed and endorsed by the demo member.
          await expect(page.locator(".purpose-agreed article")).toContainText("Every voice counts the same");
          await expect(page.locator(".endorser-list").first()).toContainText(ACCOUNTS.member.name);
          expect(await seriousViolations(page), `purpose page (${who}, ${lang}, ${viewport.width})`).toEqual([]);
          await page.screenshot({ path: path.join(SHOTS, `purpose-${who}-${lang}-${viewport.width}.png`), fullPage: true });
          if (viewport.width === 390) {
            // On a phone, every button on the page is at least 44 px tall.
            for (const button of await page.locator(".purpose-page button, .purpose-page .button").all()) {
              expect((await button.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
            }
          }
          if (who === "member") {
            await page.goto(`/l/${ids.longbridge}`);
            await hydrated(page);
            await expect(page.locator(".purpose-summary blockquote")).toContainText("Longbridge is a place where families");
            await expect(page.locator(".progress-panel:not(.prototype-figures) .progress-line a")).toHaveCount(3);
            // Stage 4's figures (the demo's FACEboard): one link to the prototypes.
            await expect(page.locator(".prototype-figures .progress-line a")).toHaveCount(1);
            expect(await seriousViolations(page), `locality home (${lang}, ${viewport.width})`).toEqual([]);
            await page.screenshot({ path: path.join(SHOTS, `home-${lang}-${viewport.width}.png`), fullPage: true });
          }
          await ctx.close();
        }
      });
    }
  }
});
