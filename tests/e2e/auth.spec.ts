import { test, expect } from "./support/fixtures";
import { visit } from "./support/page";
import { ACCOUNTS, DEMO_PASSWORD, createAccountFromInvite, createInvite, createLocality, newApi, signedInState } from "./support/app";

test.describe("signing in and out", () => {
  test("signing in with the right password lands on /home", async ({ page }) => {
    await visit(page, "/sign-in");
    await page.getByLabel("Email address").fill(ACCOUNTS.viewer.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${ACCOUNTS.viewer.name}`);
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  });

  test("after signing in, a return address that points elsewhere lands on /home, never on another site", async ({ page }) => {
    const hostile = [
      "/\t/evil.example",
      "/./\\evil.example",
      "//evil.example",
      "/\\/evil.example",
      "/%5C%5Cevil.example",
      "/\n/evil.example",
      "/%2F%2Fevil.example",
      "/@evil.example",
      "/\u3002evil.example",
      "https://evil.example/home",
    ];
    for (const target of hostile) {
      await page.context().clearCookies();
      await visit(page, `/sign-in?redirectTo=${encodeURIComponent(target)}`);
      await page.getByLabel("Email address").fill(ACCOUNTS.viewer.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page, `redirectTo=${JSON.stringify(target)}`).toHaveURL(/^http:\/\/localhost:\d+\/home$/);
    }
    // A page of ours is where the person goes.
    await page.context().clearCookies();
    await visit(page, `/sign-in?redirectTo=${encodeURIComponent("/./account")}`);
    await page.getByLabel("Email address").fill(ACCOUNTS.viewer.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/account$/);
  });

  test("a wrong password shows the error with the form and keeps the email", async ({ page }) => {
    await visit(page, "/sign-in");
    // The demo member of Longbridge: one failed attempt is far below the per-account limit.
    await page.getByLabel("Email address").fill(ACCOUNTS.member.email);
    await page.getByLabel("Password").fill("not the right password");
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/sign-in"));
    await page.getByRole("button", { name: "Sign in" }).click();
    // The server never sends the password back.
    expect(await (await answer).text()).not.toContain("not the right password");

    const form = page.locator("form").filter({ has: page.getByLabel("Password") });
    await expect(form.getByRole("alert")).toHaveText("That email and password do not match an account. Check them and try again.");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("Email address")).toHaveValue(ACCOUNTS.member.email);
  });

  test("signing out ends the session in this browser", async ({ page }) => {
    await visit(page, "/sign-in");
    await page.getByLabel("Email address").fill(ACCOUNTS.viewer.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/home$/);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await page.goto("/home");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fhome$/);
  });

  test("sign out everywhere ends the sessions of other browsers too", async ({ browser, auth }) => {
    // A fresh account, so the demo accounts' shared sessions survive.
    const facilitator = await newApi(await auth.state("facilitator"));
    const localityId = await createLocality(facilitator);
    const link = await createInvite(facilitator, localityId, { role: "member" });
    await facilitator.dispose();
    const person = await createAccountFromInvite(link, { name: "Everywhere Tester" });

    const laptop = await browser.newContext({ storageState: person.state });
    const phone = await browser.newContext({ storageState: await signedInState(person.email, person.password) });
    try {
      const laptopPage = await laptop.newPage();
      const phonePage = await phone.newPage();
      await phonePage.goto("/home");
      await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Hello, Everywhere Tester");

      await visit(laptopPage, "/account");
      await laptopPage.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(laptopPage).toHaveURL(/\/sign-in$/);

      await phonePage.goto("/home");
      await expect(phonePage).toHaveURL(/\/sign-in\?redirectTo=%2Fhome$/);
      await expect(phonePage.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    } finally {
      await laptop.close();
      await phone.close();
    }
  });
});
