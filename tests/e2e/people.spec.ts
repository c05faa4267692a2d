// People, ties and the relationship map (Stage 1): profiles and who may edit them, adding people
// without an account, duplicates and merging, recording ties, the network page's tables and
// drawing, contact details only for those allowed, axe, and screenshots at phone and desktop size.
import fs from "node:fs";
import { test, expect as baseExpect } from "./support/fixtures";
import { createLocality, SAME_ORIGIN, unique, withLanguage } from "./support/app";
import { hydrated, visit } from "./support/page";
import { addPerson, personId, PROFILE_ROUTE } from "./support/people";
import { seriousViolations } from "./support/axe";
import { seedEveryTie } from "./support/ties-seed";

// Round trips on a busy machine can take longer than the default five seconds.
const expect = baseExpect.configure({ timeout: 15_000 });
const SHOTS = "tests/.tmp/shots";
fs.mkdirSync(SHOTS, { recursive: true });

// Every flow here crosses several server round trips; allow for a busy machine.
test.describe.configure({ timeout: 90_000 });

test.describe("a member", () => {
  test.use({ as: "member" });

  test("edits their own profile and may not edit someone else's", async ({ page, ids, apiAs }) => {
    await visit(page, `/l/${ids.longbridge}/people`);
    const own = page.getByRole("listitem").filter({ hasText: "Karen Whitcombe" });
    await expect(own.getByText("You", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add a person" })).toHaveCount(0);
    await own.getByRole("link", { name: "Karen Whitcombe" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Karen Whitcombe" })).toBeVisible();
    await page.getByRole("link", { name: "Edit profile" }).click();
    await hydrated(page);
    const cares = `Safer crossings by the school ${unique("c")}`;
    await page.getByLabel("What they care about (optional)").fill(cares);
    await page.getByLabel("Phone (optional)").fill("not a phone");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Enter a phone number using digits")).toBeVisible();
    await expect(page.getByLabel("What they care about (optional)")).toHaveValue(cares); // nothing typed is lost
    await page.getByLabel("Phone (optional)").fill("07700 900101");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Karen Whitcombe", exact: true })).toBeVisible();
    await expect(page.getByText(cares)).toBeVisible();

    const api = await apiAs("member");
    const darren = await personId(api, ids.longbridge, "Darren Hollis");
    expect((await api.get(`/l/${ids.longbridge}/people/${darren}/edit`)).status()).toBe(403);
    const post = await api.post(`/l/${ids.longbridge}/people/${darren}/edit`, {
      form: { intent: "save", displayName: "Hijacked", sector: "resident", languages: "en" },
      headers: SAME_ORIGIN,
    });
    expect(post.status()).toBe(403);
    // A member records only ties they are part of.
    const helen = await personId(api, ids.longbridge, "Helen Marsh");
    const foreign = await api.post(`/l/${ids.longbridge}/people/${darren}`, {
      form: { intent: "record-tie", otherPersonId: helen, kind: "works_with", strength: "2", since: "2026-01-01" },
      headers: SAME_ORIGIN,
    });
    expect(foreign.status()).toBe(403);
    // On someone else's profile the member's form can only tie that person to themselves.
    await visit(page, `/l/${ids.longbridge}/people/${darren}`);
    const knows = page.getByLabel("Knows");
    await expect(knows.locator("option")).toHaveText(["Karen Whitcombe"]);
    await expect(page.getByRole("link", { name: "Edit profile" })).toHaveCount(0);
  });

  test("never receives a contact detail meant for facilitators", async ({ page, ids, apiAs }) => {
    const api = await apiAs("member");
    const darren = await personId(api, ids.longbridge, "Darren Hollis");
    const html = await (await api.get(`/l/${ids.longbridge}/people/${darren}`)).text();
    expect(html).toContain("07700 900102"); // members may see the phone
    expect(html).not.toContain("darren.hollis@example.org");
    // The loader's data as the browser fetches it on client-side navigation (single fetch: `<path>.data`),
    // and the older `?_data=<route id>` form.
    const legacy = await api.get(`/l/${ids.longbridge}/people/${darren}?_data=${encodeURIComponent(PROFILE_ROUTE)}`);
    expect(await legacy.text()).not.toContain("darren.hollis@example.org");
    const single = await (await api.get(`/l/${ids.longbridge}/people/${darren}.data`)).text();
    expect(single).toContain("07700 900102");
    expect(single).not.toContain("darren.hollis@example.org");
    // The people list and the map carry no contact details at all. (The interface strings inlined
    // in every page hold an example address, name@example.org, in a hint: no one's contact.)
    const list = (await (await api.get(`/l/${ids.longbridge}/people`)).text()).replace(/<script id="coproduce-strings"[^>]*>[^<]*<\/script>/, "");
    expect(list).not.toContain("@example.org");

    const viewer = await apiAs("viewer");
    const viewerHtml = await (await viewer.get(`/l/${ids.longbridge}/people/${darren}`)).text();
    expect(viewerHtml).not.toContain("07700 900102");
    expect(viewerHtml).not.toContain("darren.hollis@example.org");
    const facilitator = await apiAs("facilitator");
    expect(await (await facilitator.get(`/l/${ids.longbridge}/people/${darren}`)).text()).toContain("darren.hollis@example.org");

    // The member sees their own facilitators-only phone number.
    const karen = await personId(api, ids.longbridge, "Karen Whitcombe");
    await visit(page, `/l/${ids.longbridge}/people/${karen}`);
    await expect(page.getByText("07700 900101")).toBeVisible();
  });
});

test.describe("a facilitator", () => {
  test.use({ as: "facilitator" });

  test("adds a person without an account, is warned of a duplicate, and merges", async ({ page, ids }) => {
    const name = `Sam Whitlow ${unique("p")}`;
    const email = `${unique("sam")}@example.org`;
    await visit(page, `/l/${ids.longbridge}/people`);
    await page.getByRole("link", { name: "Add a person" }).click();
    await hydrated(page);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Role in the community").selectOption("parent");
    await page.getByRole("checkbox", { name: "Time" }).check();
    await page.getByLabel("Email (optional)").fill(email);
    await page.getByLabel("Who may see the email").selectOption("members");
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
    await expect(page.getByText("No account yet")).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    const firstUrl = page.url();

    // The same name and email again: a clear warning, everything typed kept.
    await visit(page, `/l/${ids.longbridge}/people/new`);
    await page.getByLabel("Name", { exact: true }).fill(name.toUpperCase());
    await page.getByLabel("Email (optional)").fill(email.toUpperCase());
    await page.getByLabel("Phone (optional)").fill("07700 900999");
    await page.getByLabel("What they care about (optional)").fill("Play streets");
    await page.getByRole("button", { name: "Add person" }).click();
    const warning = page.getByRole("alert").filter({ hasText: "This looks like someone already in the group." });
    await expect(warning).toBeVisible();
    await expect(warning.getByRole("link", { name: `Open the existing profile of ${name}` })).toHaveAttribute("href", new URL(firstUrl).pathname);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name.toUpperCase());
    await expect(page.getByLabel("Phone (optional)")).toHaveValue("07700 900999");
    await expect(page.getByLabel("What they care about (optional)")).toHaveValue("Play streets");
    await warning.getByRole("button", { name: "They are different people: add anyway" }).click();
    await expect(page.getByRole("heading", { level: 1, name: name.toUpperCase(), exact: true })).toBeVisible();

    // The duplicates page lists the pair; merging keeps the first and fills in the phone.
    await visit(page, `/l/${ids.longbridge}/people/duplicates`);
    const pair = page.getByRole("listitem").filter({ hasText: name.toUpperCase() });
    await expect(pair).toHaveCount(1);
    await pair.getByRole("radio", { name: new RegExp(`Keep: ${name}\\b`) }).check();
    await pair.getByRole("button", { name: "Merge into the kept profile" }).click();
    await expect(page.getByText("The two profiles were merged into this one.")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(new URL(firstUrl).pathname);
    await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
    await expect(page.getByText("07700 900999")).toBeVisible();
    await expect(page.getByText("Play streets")).toBeVisible();
    await visit(page, `/l/${ids.longbridge}/people/duplicates`);
    await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
    await visit(page, `/l/${ids.longbridge}/audit`);
    await expect(page.getByText("Merged two profiles of the same person").first()).toBeVisible();
  });

  test("records a tie from a profile, refuses a tie to oneself, and sees it on the map", async ({ page, ids, apiAs }) => {
    const api = await apiAs("facilitator");
    const name = `Priya Tie ${unique("t")}`;
    const id = await addPerson(api, ids.longbridge, { displayName: name, sector: "public_service" });

    await visit(page, `/l/${ids.longbridge}/people/${id}`);
    await expect(page.getByText("No ties recorded yet.")).toBeVisible();
    await page.getByLabel("Knows").selectOption({ label: "Margaret Dunn" });
    await page.getByLabel("How", { exact: true }).selectOption("works_with");
    await page.getByLabel("Strength").selectOption("3");
    await page.getByLabel("Since").fill("2026-02-03");
    await page.getByRole("button", { name: "Record tie" }).click();
    await expect(page.getByText("Tie recorded.")).toBeVisible();
    const tie = page.getByRole("listitem").filter({ hasText: "Margaret Dunn" });
    await expect(tie).toContainText("Works with");
    await expect(tie).toContainText("Strong");

    // The same pair again: refused, with an offer to update; the note typed is kept.
    await page.getByLabel("Knows").selectOption({ label: "Margaret Dunn" });
    await page.getByLabel("How", { exact: true }).selectOption("neighbours");
    await page.getByLabel("Note (optional)").fill("Same street");
    await page.getByRole("button", { name: "Record tie" }).click();
    await expect(page.getByText("These two are already tied. You can update that tie instead.")).toBeVisible();
    await expect(page.getByLabel("Note (optional)")).toHaveValue("Same street");
    await page.getByRole("button", { name: "Update the existing tie with these details" }).click();
    await expect(page.getByText("Tie updated.")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Margaret Dunn" })).toContainText("Neighbours");

    // A tie to oneself is refused with a clear message (the form never offers it; a crafted POST).
    const self = await api.post(`/l/${ids.longbridge}/people/${id}`, {
      form: { intent: "record-tie", otherPersonId: id, kind: "friends", strength: "2", since: "2026-01-01" },
      headers: SAME_ORIGIN,
    });
    expect(self.status()).toBe(400);
    expect(await self.text()).toContain("A person cannot be tied to themselves");
    // A person of another locality is refused too.
    const layla = await personId(api, ids.sparkbrook, "Layla Mansour");
    const foreign = await api.post(`/l/${ids.longbridge}/people/${id}`, {
      form: { intent: "record-tie", otherPersonId: layla, kind: "friends", strength: "2", since: "2026-01-01" },
      headers: SAME_ORIGIN,
    });
    expect(foreign.status()).toBe(400);
    expect(await foreign.text()).toContain("Choose a person of this locality.");
    expect((await api.get(`/l/${ids.sparkbrook}/people/${id}`)).status()).toBe(404);

    // The map: the accessible tables come first and list the new tie; the drawing loads.
    await visit(page, `/l/${ids.longbridge}/relationships`);
    const table = page.getByRole("table", { name: "Every tie" });
    const row = table.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Margaret Dunn");
    await expect(row).toContainText("Neighbours");
    await expect(page.locator(".network-canvas canvas").first()).toBeAttached({ timeout: 15_000 });
    await expect(page.locator(".network-canvas")).toHaveAttribute("data-state", "ready");
    const order = await page.evaluate(() => {
      const tableEl = document.querySelector("table");
      const graph = document.querySelector(".network-canvas");
      return tableEl && graph ? tableEl.compareDocumentPosition(graph) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order, "the table comes before the drawing").toBe(4); // Node.DOCUMENT_POSITION_FOLLOWING
    await expect(page.getByRole("heading", { name: "People with no ties yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Callum Fitzgerald" }).first()).toBeVisible();

    // Removing the person removes their ties; the activity log keeps a record.
    await visit(page, `/l/${ids.longbridge}/people/${id}/edit`);
    await page.getByRole("checkbox", { name: "Yes, remove this person and their ties" }).check();
    await page.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(page.getByText("The person, their ties and their attendance were removed.")).toBeVisible();
    expect((await api.get(`/l/${ids.longbridge}/people/${id}`)).status()).toBe(404);
    await visit(page, `/l/${ids.longbridge}/relationships`);
    await expect(page.getByRole("table", { name: "Every tie" })).not.toContainText(name);
    await visit(page, `/l/${ids.longbridge}/audit`);
    await expect(page.getByText("Removed a person and their ties").first()).toBeVisible();
  });
});

test.describe("a viewer", () => {
  test.use({ as: "viewer" });

  test("reads only: no edit controls, and 403 on every POST", async ({ page, ids, apiAs }) => {
    const api = await apiAs("viewer");
    const darren = await personId(api, ids.longbridge, "Darren Hollis");
    await visit(page, `/l/${ids.longbridge}/people`);
    await expect(page.getByRole("link", { name: "Add a person" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Possible duplicates" })).toHaveCount(0);
    await visit(page, `/l/${ids.longbridge}/people/${darren}`);
    await expect(page.getByRole("heading", { level: 1, name: "Darren Hollis" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit profile" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Record tie" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Remove tie/ })).toHaveCount(0);
    const posts: Array<[string, Record<string, string>]> = [
      [`/l/${ids.longbridge}/people/new`, { intent: "save", displayName: "X", sector: "resident", languages: "en" }],
      [`/l/${ids.longbridge}/people/${darren}`, { intent: "record-tie", otherPersonId: darren, kind: "friends", strength: "2", since: "2026-01-01" }],
      [`/l/${ids.longbridge}/people/${darren}`, { intent: "remove-tie", tieId: "abc" }],
      [`/l/${ids.longbridge}/people/${darren}/edit`, { intent: "remove", confirm: "yes" }],
      [`/l/${ids.longbridge}/people/duplicates`, { intent: "merge", keep: darren, a: darren, b: "x" }],
    ];
    for (const [url, form] of posts) expect((await api.post(url, { form, headers: SAME_ORIGIN })).status(), url).toBe(403);
    for (const url of [`/l/${ids.longbridge}/people/new`, `/l/${ids.longbridge}/people/duplicates`, `/l/${ids.longbridge}/people/${darren}/edit`]) {
      expect((await api.get(url)).status(), url).toBe(403);
    }
    expect((await api.get(`/l/${ids.longbridge}/people/no-such-person`)).status()).toBe(404);
    expect((await api.get(`/l/${ids.longbridge}/relationships`)).status()).toBe(200);
  });
});

test.describe("a locality with many ties", () => {
  test.use({ as: "facilitator" });

  test("the ties table shows a hundred a page, with page links that work with and without JavaScript, in both languages", async ({
    page,
    browser,
    auth,
    apiAs,
  }) => {
    const facilitator = await apiAs("facilitator");
    const localityId = await createLocality(facilitator);
    expect(seedEveryTie(localityId, 16).ties).toBe(120);
    const url = `/l/${localityId}/relationships`;

    await visit(page, url);
    await expect(page.locator(".measures")).toContainText("120");
    const table = page.getByRole("table", { name: /Every tie \(1–100 of 120\)/ });
    await expect(table.locator("tbody tr")).toHaveCount(100);
    const pages = page.getByRole("navigation", { name: "Pages of the ties table" });
    await expect(pages).toContainText("1–100 of 120 · page 1 of 2");
    await expect(pages.getByRole("link", { name: "Previous page" })).toHaveCount(0);
    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(new RegExp(`${url}\\?page=2#ties-caption$`));
    await expect(page.getByRole("table", { name: /Every tie \(101–120 of 120\)/ }).locator("tbody tr")).toHaveCount(20);
    await expect(pages.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await pages.screenshot({ path: `${SHOTS}/people-map-page-links-desktop-en.png` });
    // The drawing still has every tie.
    await expect(page.locator(".network-canvas")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await pages.getByRole("link", { name: "Previous page" }).click();
    await expect(page).toHaveURL(new RegExp(`${url}#ties-caption$`));
    await expect(table.locator("tbody tr")).toHaveCount(100);

    // Without JavaScript, in Arabic, on a phone: plain links to the next page.
    const noJs = await browser.newContext({
      storageState: withLanguage(await auth.state("facilitator"), "ar"),
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const phone = await noJs.newPage();
    await phone.goto(url);
    const arabicPages = phone.getByRole("navigation", { name: "صفحات جدول العلاقات" });
    // Arabic text isolates each number it interpolates (U+2068 … U+2069), so it keeps its order;
    // a range is said in words ("1 to 100"), which reads the same whatever the direction.
    expect((await arabicPages.textContent())?.replace(/[\u2066-\u2069]/g, "")).toContain("1 إلى 100 من أصل 120 · الصفحة 1 من 2");
    await arabicPages.getByRole("link", { name: "الصفحة التالية" }).click();
    await expect(phone).toHaveURL(/\?page=2#ties-caption$/);
    await expect(phone.locator(".ties-table tbody tr")).toHaveCount(20);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.screenshot({ path: `${SHOTS}/people-map-pages-390-ar.png`, fullPage: false });
    await phone.locator(".page-links").screenshot({ path: `${SHOTS}/people-map-page-links-390-ar.png` });
    await noJs.close();
  });
});

const PAGES = ["people", "profile", "map", "new"] as const;
for (const lang of ["en", "ar"] as const) {
  test.describe(`pages in ${lang}`, () => {
    test.use({ as: "facilitator", lang });

    for (const name of PAGES) {
      test(`${name} passes axe and fits 390 and 1280 (${lang})`, async ({ page, ids, apiAs }) => {
        const api = await apiAs("facilitator");
        const helen = await personId(api, ids.longbridge, "Helen Marsh");
        const url = {
          people: `/l/${ids.longbridge}/people`,
          profile: `/l/${ids.longbridge}/people/${helen}`,
          map: `/l/${ids.longbridge}/relationships`,
          new: `/l/${ids.longbridge}/people/new`,
        }[name];
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await visit(page, url);
          if (name === "map") await expect(page.locator(".network-canvas")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
          await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
          if (width === 1280) expect(await seriousViolations(page), `${name} ${lang}`).toEqual([]);
          // Nothing wider than the phone screen except inside the scrolling table regions.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${name} ${lang} ${width}`).toBeLessThanOrEqual(1);
          await page.screenshot({ path: `${SHOTS}/people-${name}-${width}-${lang}.png`, fullPage: true });
        }
      });
    }
  });
}
