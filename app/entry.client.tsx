import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useLayoutEffect } from "react";
import { hydrateRoot } from "react-dom/client";
import i18next from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions } from "~/i18n/config";
import { adoptInlineStrings, isStringPart, loadStrings } from "~/i18n/strings";

declare global {
  interface Window {
    /** Set by end-to-end tests before the page loads, to get test handles. */
    __COPRODUCE_TEST_HANDLES__?: boolean;
    /** Keys the loaded string parts lacked (only with test handles). */
    __missingStrings?: string[];
  }
}

// A data request Remix abandons (a live reload or a fetcher overtaken by a navigation, a page
// left mid-request) rejects with an AbortError that nothing awaits any more. That is the request
// being cancelled as meant, not a failure: keep it out of the console, where real errors go.
window.addEventListener("unhandledrejection", (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.name === "AbortError") event.preventDefault();
});

/**
 * Marks the moment React has hydrated the page (`performance.mark("coproduce:hydrated")`, which
 * tests/bench/first-load.ts calls "usable"): layout effects run once the hydrated tree is
 * committed, before any effect starts loading a lazy part. A wrapper, not a sibling of
 * RemixBrowser: a sibling would change every useId below it, and so the ids the server rendered.
 */
function HydratedMark({ children }: { children: React.ReactNode }) {
  useLayoutEffect(() => {
    performance.mark("coproduce:hydrated");
  }, []);
  return children;
}

async function hydrate() {
  // The server rendered in the language named on <html lang>, with the string parts named on
  // <html data-strings>, and inlined those parts; load them only if they are not there.
  // The strings block comes after the scripts in the page, and the entry module may run while a
  // slow network is still delivering the page: read the block only once the page is all there.
  if (document.readyState === "loading") await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  const html = document.documentElement;
  const lng = html.lang;
  const parts = (html.dataset.strings ?? "core").split(" ").filter(isStringPart);
  const common = adoptInlineStrings(lng, parts) ?? (await loadStrings(lng, parts));
  // Tests ask (window.__COPRODUCE_TEST_HANDLES__) to be told of any key the loaded parts lack.
  const record = window.__COPRODUCE_TEST_HANDLES__
    ? {
        saveMissing: true,
        missingKeyHandler: (_: readonly string[], __: string, key: string) => {
          window.__missingStrings ??= [];
          window.__missingStrings.push(key);
        },
      }
    : {};
  await i18next.use(initReactI18next).init({ ...i18nOptions, ...record, lng, resources: { [lng]: { common } } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedMark>
            <RemixBrowser />
          </HydratedMark>
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
