// Layout checks shared by the browser tests.
import { expect, type Page } from "@playwright/test";

/**
 * Fails when the page scrolls sideways in a viewport `width` px wide, naming the first elements
 * that stick out so the message says what to fix.
 */
export async function expectNoSideScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  const wide = await page.evaluate(
    (w) =>
      [...document.querySelectorAll("body *")]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > w + 1 || r.left < -1);
        })
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join("")} ${Math.round(e.getBoundingClientRect().width)}px`),
    width,
  );
  expect(scrollWidth, `the page is ${scrollWidth}px wide in ${width}px: ${wide.join("; ")}`).toBeLessThanOrEqual(width);
}
