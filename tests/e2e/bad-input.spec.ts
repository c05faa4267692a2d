import { test, expect } from "./support/fixtures";
import { SAME_ORIGIN, unique } from "./support/app";

test.describe("bad input", () => {
  test.describe("signed in", () => {
    test.use({ as: "facilitator" });

    test("an unknown locality id shows the 404 page", async ({ page }) => {
      const res = await page.goto("/l/clnosuchlocality000000000");
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await expect(page.getByRole("link", { name: "Go to the start page" })).toBeVisible();
    });

    test("an unknown stage shows the 404 page", async ({ page, ids }) => {
      const res = await page.goto(`/l/${ids.longbridge}/stages/no-such-stage`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    });
  });

  test("a malformed URL answers 400, not a stack trace", async ({ request }) => {
    for (const path of ["/l/%E0%A4%A", "/%", "/invite/%C0%AF"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(400);
      const body = await res.text();
      expect(body, path).not.toMatch(/\bat .+\(.+:\d+:\d+\)|URIError|node_modules|\.ts:\d+/);
    }
  });

  test("a POST body over 1 MB answers 413", async ({ request }) => {
    const big = "x".repeat(1_100_000);
    for (const path of ["/sign-in", "/language"]) {
      const res = await request.post(path, { form: { email: "someone@example.org", password: big }, headers: SAME_ORIGIN, maxRedirects: 0 });
      expect(res.status(), path).toBe(413);
      expect(await res.text()).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });

  test("a malformed Cookie header still renders the page", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: {
        Cookie: '%%%; =novalue; __Host-coproduce_session=%E0%A4%A; lng=%ZZ; __Host-coproduce_csrf="; justaname; lng=bm90LWpzb24',
      },
    });
    try {
      for (const path of ["/", "/sign-in"]) {
        const res = await api.get(path, { maxRedirects: 0 });
        expect(res.status(), path).toBe(200);
        expect(await res.text(), path).toMatch(/<html lang="en" dir="ltr"[ >]/);
      }
      const home = await api.get("/home", { maxRedirects: 0 });
      expect(home.status()).toBe(302);
      expect(home.headers().location).toBe("/sign-in?redirectTo=%2Fhome");
    } finally {
      await api.dispose();
    }
  });

  test("sign-in is throttled: the 6th failed attempt for an address answers 429", async ({ request }) => {
    // A nonexistent account, so no real account (or other test) is locked out.
    const email = `${unique("nobody")}@example.org`;
    const attempt = () => request.post("/sign-in", { form: { email, password: "wrong password" }, headers: SAME_ORIGIN, maxRedirects: 0 });
    for (let i = 1; i <= 5; i++) expect((await attempt()).status(), `attempt ${i}`).toBe(400);
    const sixth = await attempt();
    expect(sixth.status()).toBe(429);
    expect(Number(sixth.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await sixth.text()).toContain("Too many attempts. For your safety, wait 15 minutes and try again.");
  });
});
