// People's data rights through their pages, as an organisation facilitator: find a person, read
// the export page and download the file, be told a wrong confirmation erases nothing, erase —
// at phone size (390 px) and on a desktop, in English and in Arabic (right to left), with axe.
import { test, expect } from "./support/fixtures";
import { createAccountFromInvite, createInvite, newApi, unique } from "./support/app";
import { seriousViolations } from "./support/axe";

test.use({ as: "facilitator" });

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false },
] as const;

for (const lang of ["en", "ar"] as const) {
  for (const size of SIZES) {
    test.describe(`${size.name} (${lang})`, () => {
      test.use({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, lang });

      test("export and erase a person", async ({ page, auth, ids }) => {
        // A fresh member of Longbridge (created through an invitation), to erase.
        const facilitator = await newApi(await auth.state("facilitator"));
        const name = `Noor ${unique("Erasable").replace(/[^A-Za-z0-9]/g, "")}`;
        const link = await createInvite(facilitator, ids.longbridge, { role: "member" });
        await facilitator.dispose();
        const person = await createAccountFromInvite(link, { name });

        await page.goto("/orgs/birmingham");
        await page.getByRole("link", { name: lang === "en" ? "People's data rights" : "حقوق الأشخاص في بياناتهم" }).click();
        await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
        await page.getByLabel(lang === "en" ? "Name or email" : "الاسم أو البريد الإلكتروني").fill(person.email);
        await page.getByRole("button", { name: lang === "en" ? "Find" : "بحث" }).click();
        expect(await seriousViolations(page), "axe on the list").toEqual([]);
        await page.getByRole("link", { name }).click();
        await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
        expect(await seriousViolations(page), "axe on the person's page").toEqual([]);
        const personUrl = page.url();

        // The export as a page: their account is in it.
        await page.getByRole("link", { name: lang === "en" ? "Open as a page to read or print" : "افتحه صفحةً للقراءة أو الطباعة" }).click();
        await expect(page.getByRole("heading", { level: 2, name: lang === "en" ? "Account (1)" : "الحساب (1)" })).toBeVisible();
        await expect(page.getByText(person.email, { exact: true }).first()).toBeVisible();
        expect(await seriousViolations(page), "axe on the export page").toEqual([]);
        const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        expect(scrollWidth, `the export page is ${scrollWidth}px wide`).toBeLessThanOrEqual(size.viewport.width);

        // The export as a file.
        await page.goto(personUrl);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: lang === "en" ? "Download as a file (JSON)" : "نزّله ملفًا (JSON)" }).click(),
        ]);
        const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"))) as {
          sections: Array<{ key: string; items: Array<Record<string, unknown>> }>;
        };
        expect(file.sections.find((s) => s.key === "account")?.items).toEqual([expect.objectContaining({ name, email: person.email })]);

        // A wrong confirmation: a clear message, nothing erased.
        const confirm = page.getByLabel(new RegExp(`^${lang === "en" ? "To confirm, type their name" : "للتأكيد، اكتب اسمه"}.*${name}`));
        await confirm.fill("someone else");
        await page.getByRole("button", { name: lang === "en" ? "Erase for good" : "امحُه نهائيًا" }).click();
        await expect(page.getByRole("alert")).toContainText(lang === "en" ? "That is not their name" : "هذا ليس اسمه");
        expect(await seriousViolations(page), "axe with the error shown").toEqual([]);

        // The right name: erased, and gone from the list.
        await confirm.fill(name);
        await page.getByRole("button", { name: lang === "en" ? "Erase for good" : "امحُه نهائيًا" }).click();
        await expect(page).toHaveURL(/\/orgs\/birmingham\/people\?erased=1$/);
        await expect(page.getByRole("status")).toContainText(lang === "en" ? "The person was erased" : "مُحي الشخص");
        await expect(page.getByRole("link", { name })).toHaveCount(0);
        expect((await page.goto(personUrl))?.status()).toBe(404);
        // Their account is gone: they cannot sign in any more.
        const gone = await newApi(person.state);
        expect((await gone.get("/home", { maxRedirects: 0 })).status()).toBe(302);
        await gone.dispose();
      });
    });
  }
}

test.describe("only organisation facilitators", () => {
  test.use({ as: "member" });
  test("a member gets 404", async ({ page }) => {
    expect((await page.goto("/orgs/birmingham/people"))?.status()).toBe(404);
  });
});
