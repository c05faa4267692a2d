// Shared fixtures: one sign-in per demo account per worker (cached storage state), the demo
// locality ids, and per-test options to open pages as a given person and in a given language.
//
//   test.use({ as: "facilitator", lang: "ar" });
//   test("…", async ({ page, ids, apiAs }) => { … });
import { test as base, expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { ACCOUNTS, localityIds, newApi, signedInState, withLanguage, type StorageState, type Who } from "./app";

export type Auth = {
  /** The storage state of a signed-in demo account (signed in once per worker). */
  state(who: Who): Promise<StorageState>;
};

type WorkerFixtures = {
  auth: Auth;
  /** Ids of the demo localities. */
  ids: { longbridge: string; sparkbrook: string };
};

type TestFixtures = {
  /** Who the test's browser context is signed in as (null: anonymous). */
  as: Who | null;
  /** Forces the interface language with the `lng` cookie (null: whatever the app picks). */
  lang: "en" | "ar" | null;
  /** A request context (no redirects followed) signed in as someone, or anonymous; disposed after the test. */
  apiAs: (who: Who | null) => Promise<APIRequestContext>;
  /**
   * Every console error and uncaught exception in the test's browsers fails it, after the test.
   * A test that provokes some on purpose (going offline) lets them through with `allow(/…/)`,
   * matched against "<message> (<its source's URL>)".
   */
  consoleErrors: { allow(...patterns: RegExp[]): void };
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  auth: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring; it has none
    async ({}, use) => {
      const cache = new Map<Who, Promise<StorageState>>();
      await use({
        state(who) {
          let state = cache.get(who);
          if (!state) {
            state = signedInState(ACCOUNTS[who].email);
            cache.set(who, state);
          }
          return state;
        },
      });
    },
    { scope: "worker" },
  ],
  ids: [
    async ({ auth }, use) => {
      const api = await newApi(await auth.state("facilitator"));
      const ids = await localityIds(api);
      await api.dispose();
      await use({ longbridge: ids.Longbridge!, sparkbrook: ids.Sparkbrook! });
    },
    { scope: "worker" },
  ],
  as: [null, { option: true }],
  consoleErrors: [
    async ({ browser, context }, use) => {
      const found: string[] = [];
      const allowed: RegExp[] = [];
      const withoutFragment = (url: string) => url.split("#")[0]!;
      const watch = (watched: BrowserContext) => {
        // A page or form answer with a 4xx status (a 404 page, a form's 400 or 409 with its
        // messages) is what the app meant to send, and the test checks what it shows; Chromium
        // still logs it as a resource that failed to load. A 5xx, or any failed script, style or
        // image, is an error.
        const answeredOnPurpose = new Set<string>();
        watched.on("response", (response) => {
          const kind = response.request().resourceType();
          if (response.status() >= 400 && response.status() < 500 && (kind === "document" || kind === "fetch"))
            answeredOnPurpose.add(withoutFragment(response.url()));
        });
        watched.on("console", (message) => {
          if (message.type() !== "error") return;
          const text = message.text();
          const source = withoutFragment(message.location().url);
          if (text.startsWith("Failed to load resource") && answeredOnPurpose.has(source)) return;
          // Remix logs a data request it cancelled itself (a live reload overtaken by a click) while
          // reading its answer: a cancellation, not a failure.
          if (text.startsWith("AbortError: signal is aborted without reason")) return;
          const seen = `${text} (${source || message.page()?.url() || "?"})`;
          if (allowed.some((pattern) => pattern.test(seen))) return;
          found.push(seen);
        });
        watched.on("weberror", (error) => found.push(`uncaught: ${error.error().message}`));
      };
      watch(context);
      // The second and third browsers a test opens (browser.newContext) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const opened = await newContext(options);
        watch(opened);
        return opened;
      };
      try {
        await use({ allow: (...patterns) => allowed.push(...patterns) });
      } finally {
        browser.newContext = newContext;
      }
      expect(found, "console errors and uncaught exceptions in the browser").toEqual([]);
    },
    { auto: true },
  ],
  lang: [null, { option: true }],
  storageState: async ({ as, lang, auth, storageState }, use) => {
    let state = as ? await auth.state(as) : storageState;
    if (lang) {
      const base: StorageState = typeof state === "object" && state ? state : { cookies: [], origins: [] };
      state = withLanguage(base, lang);
    }
    await use(state);
  },
  apiAs: async ({ auth }, use) => {
    const opened: APIRequestContext[] = [];
    await use(async (who) => {
      const api = await newApi(who ? await auth.state(who) : undefined);
      opened.push(api);
      return api;
    });
    await Promise.all(opened.map((a) => a.dispose()));
  },
});

export { expect };
