// Opening live boards in real browsers, for the board specs: a board made through the boards
// page's form, a person's own browser on it (waiting until it is connected and saved), and
// reaching an element with Tab alone.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, type Auth } from "./fixtures";
import { SAME_ORIGIN, newApi, unique, withLanguage, type Who } from "./app";

/** Creates a board through the boards page's form (as the facilitator) and returns its path. */
export async function createBoardAs(auth: Auth, localityId: string, title = unique("Board"), purpose = "ideas"): Promise<string> {
  const api = await newApi(await auth.state("facilitator"));
  try {
    const res = await api.post(`/l/${localityId}/boards?index`, { form: { title, purpose }, headers: SAME_ORIGIN, maxRedirects: 0 });
    expect(res.status(), "create board").toBe(302);
    const location = res.headers().location ?? "";
    expect(location).toMatch(new RegExp(`^/l/${localityId}/boards/[A-Za-z0-9_-]+$`));
    return location;
  } finally {
    await api.dispose();
  }
}

export type BoardPerson = { context: BrowserContext; page: Page };

/** Someone's own browser on a board, once it is connected, everything is saved and others' changes are announced. */
export async function openBoard(
  browser: Browser,
  auth: Auth,
  who: Who,
  path: string,
  options: { lang?: "en" | "ar"; width?: number; height?: number; beforeOpen?: (page: Page) => void } = {},
): Promise<BoardPerson> {
  let state = await auth.state(who);
  if (options.lang) state = withLanguage(state, options.lang);
  const context = await browser.newContext({ storageState: state, viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });
  const page = await context.newPage();
  options.beforeOpen?.(page);
  await page.goto(path);
  await expect(page.locator(".board-app")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".board-status")).toHaveText(/Saved|تم الحفظ/, { timeout: 15_000 });
  // Others' changes are read out from half a second after the board loaded (not the initial sync).
  await expect(page.locator("[data-testid=board-live][data-announcing]")).toBeAttached({ timeout: 15_000 });
  return { context, page };
}

/**
 * Everything the collaboration server sends to a page over its WebSockets, as bytes (Yjs
 * updates carry note text as UTF-8): start before the page opens the board (openBoard's
 * `beforeOpen`) to see every frame.
 */
export function recordFrames(page: Page): { contains(text: string): boolean; count(): number } {
  const frames: Buffer[] = [];
  page.on("websocket", (ws) => {
    ws.on("framereceived", ({ payload }) => {
      frames.push(typeof payload === "string" ? Buffer.from(payload) : payload);
    });
  });
  return {
    contains: (text) => {
      const needle = Buffer.from(text);
      return frames.some((f) => f.includes(needle));
    },
    count: () => frames.length,
  };
}

/** Presses Tab until `target` has the focus (at most `max` times). */
export async function tabTo(page: Page, target: ReturnType<Page["locator"]>, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}
