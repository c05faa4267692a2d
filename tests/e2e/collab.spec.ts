// The collaboration server with real browser clients: Chromium's own WebSocket, tokens from
// the app for the signed-in person, and the app's connection module (bundled for the test).
import path from "node:path";
import { build } from "esbuild";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createSharedDocument } from "./support/app";

let bundle: string;
test.beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "support", "collab-client-entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
    alias: { "~": path.resolve(import.meta.dirname, "..", "..", "app") },
  });
  bundle = result.outputFiles[0]!.text;
});

/** Opens a locality page and loads the connection module from our own origin (CSP allows only 'self'). */
async function openClient(page: Page, localityId: string, docName: string): Promise<void> {
  await page.route("**/e2e-collab-client.js", (route) => route.fulfill({ body: bundle, contentType: "application/javascript" }));
  await page.goto(`/l/${localityId}`);
  await page.addScriptTag({ url: "/e2e-collab-client.js" });
  await page.evaluate(([l, d]) => window.collab.open(l!, d!), [localityId, docName]);
}

test.describe("collaboration in Chromium", () => {
  test("two members converge and see Saved; a viewer reads but cannot write", async ({ browser, auth, ids, apiAs }) => {
    const documentId = await createSharedDocument(await apiAs("member"), ids.longbridge);
    const docName = `locality:${ids.longbridge}:doc:${documentId}`;
    const contexts = await Promise.all(
      (["member", "facilitator", "viewer"] as const).map(async (who) => browser.newContext({ storageState: await auth.state(who) })),
    );
    const [a, b, viewer] = await Promise.all(contexts.map((c) => c.newPage()));
    await openClient(a!, ids.longbridge, docName);
    await openClient(b!, ids.longbridge, docName);
    await openClient(viewer!, ids.longbridge, docName);

    await expect.poll(() => viewer!.evaluate(() => window.collab.access())).toBe("read-only");
    await a!.evaluate(() => window.collab.type("Hello from A. "));
    await b!.evaluate(() => window.collab.type("Hello from B. "));
    await expect.poll(() => a!.evaluate(() => window.collab.status())).toBe("saved");
    await expect.poll(() => b!.evaluate(() => window.collab.status())).toBe("saved");
    await expect.poll(async () => (await a!.evaluate(() => window.collab.text())).length).toBe(28);
    const text = await a!.evaluate(() => window.collab.text());
    await expect.poll(() => b!.evaluate(() => window.collab.text())).toBe(text);
    await expect.poll(() => viewer!.evaluate(() => window.collab.text())).toBe(text);

    // The viewer's local edit never reaches anyone, and is never reported saved.
    await viewer!.evaluate(() => window.collab.type("VIEWER WAS HERE"));
    await expect.poll(() => viewer!.evaluate(() => window.collab.status())).toBe("saving");
    await a!.evaluate(() => window.collab.type("More."));
    await expect.poll(() => b!.evaluate(() => window.collab.text())).toBe(`${text}More.`);
    expect(await a!.evaluate(() => window.collab.text())).not.toContain("VIEWER");

    // Another locality's member gets no token for this document.
    const other = await browser.newContext({ storageState: await auth.state("other") });
    const res = await other.request.get(`/l/${ids.longbridge}/collab-token?doc=${encodeURIComponent(docName)}`);
    expect(res.status()).toBe(404);
    await Promise.all([...contexts, other].map((c) => c.close()));
  });
});
