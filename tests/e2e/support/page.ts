import type { Page, Response } from "@playwright/test";

/**
 * Waits until React has hydrated the page (its forms carry React's props), so clicks are
 * handled by Remix rather than by a plain browser form submission. Without JavaScript, skip it.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const elements = [document.querySelector("main"), ...Array.from(document.querySelectorAll("form"))];
    return elements.every((el) => el !== null && Object.keys(el).some((key) => key.startsWith("__reactProps")));
  });
}

/** page.goto, then wait for hydration. */
export async function visit(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await hydrated(page);
  return response;
}

/** page.reload, then wait for hydration. */
export async function reload(page: Page): Promise<void> {
  await page.reload();
  await hydrated(page);
}
