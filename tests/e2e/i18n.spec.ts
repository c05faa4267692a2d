import { test, expect } from "./support/fixtures";
import { ACCOUNTS, DEMO_PASSWORD } from "./support/app";
import { reload, visit } from "./support/page";

test.describe("language", () => {
  test("the header's language button switches to Arabic, right to left, and the choice persists", async ({ page }) => {
    // Anonymous: switching while signed in would also change a demo account's preference.
    await visit(page, "/sign-in");
    const html = page.locator("html");
    await expect(html).toHaveAttribute("lang", "en");
    await expect(html).toHaveAttribute("dir", "ltr");

    await page.getByRole("button", { name: "العربية" }).click();
    await expect(html).toHaveAttribute("lang", "ar");
    await expect(html).toHaveAttribute("dir", "rtl");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();
    await expect(page.getByRole("button", { name: "العربية" })).toHaveCount(0);

    // Remembered on the next page loads.
    await reload(page);
    await expect(html).toHaveAttribute("lang", "ar");
    await expect(html).toHaveAttribute("dir", "rtl");
    await visit(page, "/");
    await expect(html).toHaveAttribute("lang", "ar");

    // And back.
    await page.getByRole("button", { name: "English" }).click();
    await expect(html).toHaveAttribute("lang", "en");
    await expect(html).toHaveAttribute("dir", "ltr");
  });

  test.describe("a first visit with Accept-Language: ar", () => {
    test.use({ locale: "ar" });

    test("renders Arabic", async ({ page }) => {
      const res = await page.goto("/");
      expect(res?.request().headers()["accept-language"]).toMatch(/^ar/);
      await expect(page.locator("html")).toHaveAttribute("lang", "ar");
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await expect(page.getByRole("button", { name: "English" })).toBeVisible();
    });
  });

  test("a person whose preferred language is Arabic sees Arabic after signing in", async ({ page }) => {
    await visit(page, "/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByLabel("Email address").fill(ACCOUNTS.other.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("link", { name: "Sparkbrook" })).toBeVisible();
  });
});
