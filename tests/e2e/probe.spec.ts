import { test, expect, request } from "@playwright/test";
test.use({ baseURL: "http://localhost:3299" });
test("probe", async ({ browser }) => {
  const api = await request.newContext({ baseURL: "http://localhost:3299" });
  const r = await api.post("/sign-in", { form: { email: "facilitator@coproduce.test", password: "coproduce-demo-2026" }, headers: { Origin: "http://localhost:3299" }, maxRedirects: 0 });
  console.log(r.status(), r.headers()["location"]);
  const st = await api.storageState();
  console.log(JSON.stringify(st));
  const h = await api.get("/home", { maxRedirects: 0 });
  console.log("api home", h.status());
  const ctx = await browser.newContext({ storageState: st, baseURL: "http://localhost:3299" });
  const page = await ctx.newPage();
  await page.goto("/home");
  console.log(page.url(), await page.locator("h1").textContent());
  console.log(JSON.stringify(await ctx.cookies()));
});
