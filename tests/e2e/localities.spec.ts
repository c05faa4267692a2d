import { test, expect } from "./support/fixtures";
import { unique } from "./support/app";
import { visit } from "./support/page";

test.use({ as: "facilitator" });

test.describe("creating a locality", () => {
  test("a facilitator creates a locality from the organisation page", async ({ page }) => {
    const name = unique("Kings Heath");
    await visit(page, "/orgs/birmingham");
    await page.getByRole("link", { name: "New locality project" }).click();
    await expect(page).toHaveURL(/\/orgs\/birmingham\/localities\/new$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New locality project");

    await page.getByLabel("Name of the locality").fill(name);
    await page.getByLabel("Short description (optional)").fill("Parents and services around the high street.");
    await page.getByRole("button", { name: "Create locality" }).click();

    await expect(page).toHaveURL(/\/l\/[A-Za-z0-9_-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByText("Parents and services around the high street.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Locality" }).getByRole("link", { name: "Members & invitations" })).toBeVisible();

    await page.goto("/orgs/birmingham");
    await expect(page.getByRole("rowheader", { name })).toBeVisible();
  });

  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
      test.use({ javaScriptEnabled });

      test("an empty name shows a field error and keeps the description", async ({ page }) => {
        if (javaScriptEnabled) await visit(page, "/orgs/birmingham/localities/new");
        else await page.goto("/orgs/birmingham/localities/new");
        const description = "Kept after the failed submit";
        await page.getByLabel("Short description (optional)").fill(description);
        if (javaScriptEnabled) {
          await page.getByRole("button", { name: "Create locality" }).click();
        } else {
          // A plain form submission: the server answers with the form and its errors.
          const answer = page.waitForResponse((r) => r.request().method() === "POST");
          await page.getByRole("button", { name: "Create locality" }).click();
          expect((await answer).status(), "the server re-renders the form with its errors").toBe(400);
        }

        const name = page.getByLabel("Name of the locality");
        await expect(name).toHaveAttribute("aria-invalid", "true");
        await expect(name).toHaveAccessibleDescription("Fill in this field.");
        await expect(page.getByText("Fill in this field.")).toBeVisible();
        await expect(page.getByLabel("Short description (optional)")).toHaveValue(description);
        await expect(page).toHaveURL(/\/orgs\/birmingham\/localities\/new$/);
      });
    });
  }
});
