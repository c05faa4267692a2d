import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createInstance, type i18n as I18n } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nServer } from "~/i18n/i18next.server";
import { i18nOptions } from "~/i18n/config";
import { resources } from "~/i18n/resources.server";
import { NonceContext } from "~/components/nonce";

const ABORT_DELAY = 5_000;

/**
 * One initialised i18next per interface language, for the process: the strings are the same for
 * everyone and rendering only reads them (nothing on the server changes an instance's language),
 * so building and initialising one per request was wasted work.
 */
const renderers = new Map<string, Promise<I18n>>();
function rendererFor(lng: string): Promise<I18n> {
  let instance = renderers.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, lng, resources })
      .then(() => rememberLabels(created));
    renderers.set(lng, instance);
  }
  return instance;
}

/** Options a remembered label may have: react-i18next's own, a count, a default. Nothing that names anyone. */
const LABEL_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix", "count", "defaultValue", "context"]);
const MAX_LABELS = 5_000;

/**
 * i18next's `t` is slow enough per call to dominate a long list's rendering (the same "3 ties",
 * sector and status labels on hundreds of rows). The strings never change while the process runs,
 * so a label asked with the same key and options is the same string: remember it. Only calls
 * whose options are react-i18next's own, a count, a context or a default are remembered, so no
 * interpolated name or text is ever kept; anything else is translated as before.
 */
function rememberLabels(instance: I18n): I18n {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const labels = new Map<string, string>();
  const labelKey = (key: unknown, options: unknown): string | null => {
    if (typeof key !== "string") return null;
    if (options === undefined) return key;
    if (typeof options !== "object" || options === null) return null;
    for (const [name, value] of Object.entries(options)) {
      if (!LABEL_OPTIONS.has(name)) return null;
      if (value !== null && typeof value === "object" && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) return null;
    }
    return `${key}\u0000${JSON.stringify(options)}`;
  };
  instance.t = ((key: unknown, options: unknown, ...rest: unknown[]) => {
    const remembered = rest.length === 0 ? labelKey(key, options) : null;
    if (remembered === null) return translate(key, options, ...rest);
    const known = labels.get(remembered);
    if (known !== undefined) return known;
    const label = translate(key, options);
    if (typeof label === "string") {
      if (labels.size >= MAX_LABELS) labels.clear();
      labels.set(remembered, label);
    }
    return label;
  }) as unknown as I18n["t"];
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await rendererFor(await i18nServer.getLocale(request));
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Unexpected errors are logged here; the client only ever sees the error boundary. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  console.error(error);
}
