import { test, expect } from "./support/fixtures";
import { reload, visit } from "./support/page";
import { createAccountFromInvite, createInvite, createLocality, newApi, unique } from "./support/app";

// Every test works on a locality of its own, so the demo memberships never change.
test.describe("invitations and members", () => {
  test("a single-use invite creates an account in a second browser, and cannot be used twice", async ({ browser, auth }) => {
    const facilitatorApi = await newApi(await auth.state("facilitator"));
    const localityName = unique("Invite locality");
    const localityId = await createLocality(facilitatorApi, localityName);
    await facilitatorApi.dispose();

    const facilitator = await browser.newContext({ storageState: await auth.state("facilitator") });
    const page = await facilitator.newPage();
    await visit(page, `/l/${localityId}/members`);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Member" });
    await page.getByLabel("Link can be used").selectOption({ label: "Once (one person)" });
    await page.getByLabel("Note (only facilitators see it)").fill("For the e2e newcomer");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    await expect(page.getByRole("status")).toContainText("Invitation link created.");
    const link = await page.getByLabel("Invitation link", { exact: true }).inputValue();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("region", { name: "Invitation links" }).getByRole("row", { name: /For the e2e newcomer/ })).toContainText("Active");
    await facilitator.close();

    const newcomer = await browser.newContext();
    const invited = await newcomer.newPage();
    await visit(invited, link);
    await expect(invited.getByRole("heading", { level: 1 })).toHaveText("You are invited");
    await expect(invited.getByText(`invites you to join the ${localityName} group as a Member`)).toBeVisible();
    const email = `${unique("newcomer")}@example.org`;
    await invited.getByLabel("Your name").fill("Nadia Newcomer");
    await invited.getByLabel("Email address").fill(email);
    await invited.getByLabel("Choose a password").fill("correct horse battery staple");
    await invited.getByLabel("Preferred language").selectOption({ label: "العربية" });
    await invited.getByRole("button", { name: "Create account and join" }).click();
    await expect(invited).toHaveURL(new RegExp(`/l/${localityId}$`));
    await expect(invited.getByRole("heading", { level: 1 })).toHaveText(localityName);
    // The preferred language chosen on the form applies straight away.
    await expect(invited.locator("html")).toHaveAttribute("lang", "ar");
    await expect(invited.locator("html")).toHaveAttribute("dir", "rtl");
    await newcomer.close();

    const latecomer = await browser.newContext();
    const again = await latecomer.newPage();
    await again.goto(link);
    await expect(again.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
    await expect(again.getByText("This invitation has already been used.")).toBeVisible();
    await expect(again.getByRole("button", { name: "Create account and join" })).toHaveCount(0);
    await latecomer.close();
  });

  test.describe("an existing user", () => {
    test.use({ as: "member" });

    test("joins another locality with a multi-use invite", async ({ page, auth }) => {
      const facilitatorApi = await newApi(await auth.state("facilitator"));
      const localityName = unique("Multi-use locality");
      const localityId = await createLocality(facilitatorApi, localityName);
      const link = await createInvite(facilitatorApi, localityId, { role: "viewer", usage: "multi" });

      await visit(page, link);
      await expect(page.getByText("You are signed in as Karen Whitcombe.")).toBeVisible();
      await page.getByRole("button", { name: `Join ${localityName}` }).click();
      await expect(page).toHaveURL(new RegExp(`/l/${localityId}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(localityName);
      await expect(page.locator(".locality-bar")).toContainText("Viewer");

      // Multi-use: still valid for the next person.
      const anonymous = await newApi();
      const res = await anonymous.get(new URL(link).pathname);
      expect(await res.text()).toContain("Create account and join");
      await anonymous.dispose();
      await facilitatorApi.dispose();
    });
  });

  test.describe("a facilitator", () => {
    test.use({ as: "facilitator" });

    test("revokes an invite, and the link then says so", async ({ page, auth, browser }) => {
      const facilitatorApi = await newApi(await auth.state("facilitator"));
      const localityId = await createLocality(facilitatorApi);
      const link = await createInvite(facilitatorApi, localityId, { role: "member", usage: "multi", note: "to be revoked" });
      await facilitatorApi.dispose();

      await visit(page, `/l/${localityId}/members`);
      const row = page.getByRole("region", { name: "Invitation links" }).getByRole("row", { name: /to be revoked/ });
      await expect(row).toContainText("Active");
      await row.getByRole("button", { name: "Revoke" }).click();
      await expect(row).toContainText("Revoked");
      await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

      const stranger = await browser.newContext();
      const invited = await stranger.newPage();
      await invited.goto(link);
      await expect(invited.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
      await expect(invited.getByText("The facilitator has withdrawn this invitation.")).toBeVisible();
      await stranger.close();
    });

    test("changes a member's role, cannot demote the last facilitator, and removes a member", async ({ page, auth }) => {
      const facilitatorApi = await newApi(await auth.state("facilitator"));
      const localityId = await createLocality(facilitatorApi);
      const link = await createInvite(facilitatorApi, localityId, { role: "member" });
      await facilitatorApi.dispose();
      const name = unique("Rowan Member");
      await createAccountFromInvite(link, { name });

      await visit(page, `/l/${localityId}/members`);
      await expect(page.getByRole("heading", { name: "Members (2)" })).toBeVisible();
      const members = page.getByRole("list", { name: "Members (2)" });
      await expect(members.getByRole("listitem")).toHaveCount(2);

      // Role change.
      const roleOf = (who: string) => page.getByLabel(`Role for ${who}`, { exact: true });
      await expect(roleOf(name)).toHaveValue("member");
      await roleOf(name).selectOption({ label: "Viewer" });
      const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/l/${localityId}/members`));
      await page.getByRole("button", { name: `Change role for ${name}` }).click();
      expect((await saved).status()).toBe(200);
      await reload(page);
      await expect(roleOf(name)).toHaveValue("viewer");

      // The only facilitator cannot demote herself.
      await roleOf("Amira Haddad").selectOption({ label: "Member" });
      await page.getByRole("button", { name: "Change role for Amira Haddad" }).click();
      await expect(page.getByRole("alert")).toHaveText("A group needs at least one facilitator. Make someone else a facilitator first.");
      await reload(page);
      await expect(roleOf("Amira Haddad")).toHaveValue("facilitator");

      // Nor remove herself.
      await page.getByRole("button", { name: "Remove Amira Haddad from the group" }).click();
      await expect(page.getByRole("alert")).toHaveText("A group needs at least one facilitator. Make someone else a facilitator first.");

      // Removal.
      await page.getByRole("button", { name: `Remove ${name} from the group` }).click();
      await expect(page.getByRole("heading", { name: "Members (1)" })).toBeVisible();
      await expect(page.getByText(name)).toHaveCount(0);
    });
  });
});
