// Helpers for the stories' end-to-end tests: a story captured through the form's POST (for tests
// that are not about capturing), what a page and its loader data hold, and side scrolling.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { SAME_ORIGIN, location } from "./app";
import { hydrated } from "./page";

/** Captures a story through the capture form's POST; returns its id. */
export async function captureStoryApi(facilitator: APIRequestContext, localityId: string, fields: Record<string, string>): Promise<string> {
  const res = await facilitator.post(`/l/${localityId}/stories/new`, {
    headers: SAME_ORIGIN,
    multipart: { storytellerPseudonym: "Storyteller A", occurredOn: "2026-09-17", language: "en", method: "interview", ...fields },
    maxRedirects: 0,
  });
  expect(res.status(), await res.text()).toBe(303);
  return /\/stories\/([A-Za-z0-9_-]+)\?created=1$/.exec(location(res))![1]!;
}

/** Everything a browser received for a page: its HTML and its loader data (single fetch's `.data`). */
export async function receivedBy(page: Page, path: string): Promise<string> {
  await page.goto(path);
  await hydrated(page);
  const html = await page.content();
  const data = await page.request.get(`${path}.data`);
  expect(data.status()).toBe(200);
  return `${html}\n${await data.text()}`;
}

/** No horizontal scrolling on the page (phones). */
export async function noSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
