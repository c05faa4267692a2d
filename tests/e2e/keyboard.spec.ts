import { test, expect } from "./support/fixtures";
import { ACCOUNTS, DEMO_PASSWORD } from "./support/app";
import { visit } from "./support/page";

test.describe("keyboard only", () => {
  test("the skip link is the first tab stop and moves focus to the main content", async ({ page }) => {
    await visit(page, "/sign-in");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  test("signs in with Tab, typing and Enter", async ({ page }) => {
    await visit(page, "/sign-in");
    const email = page.getByLabel("Email address");
    const password = page.getByLabel("Password");

    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    // Then the header (brand, language, sign-in link) and then the form's first field.
    let stops = 1;
    while (!(await email.evaluate((el) => el === document.activeElement))) {
      expect(stops, "Tab reaches the email field within the first few stops").toBeLessThan(8);
      await page.keyboard.press("Tab");
      stops++;
    }
    await page.keyboard.type(ACCOUNTS.facilitator.email);
    await page.keyboard.press("Tab");
    await expect(password).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${ACCOUNTS.facilitator.name}`);
  });
});
