// Shared fixtures: one sign-in per demo account per worker (cached storage state), the demo
// locality ids, and per-test options to open pages as a given person and in a given language.
//
//   test.use({ as: "facilitator", lang: "ar" });
//   test("…", async ({ page, ids, apiAs }) => { … });
import { test as base, expect, type APIRequestContext } from "@playwright/test";
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
