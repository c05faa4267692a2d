/**
 * What the two public idea pages (/i/<code> and /r/<receipt>) share: their URLs carry secrets, so
 * they are never cached, never indexed and never sent on as a Referer; and their "not found"
 * answer carries the page title in the visitor's language, for the error page's <title>.
 */
import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";

export const PRIVATE_HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" } as const;

/** The private headers, plus whatever the loader, action or error set (cookies appended, not replaced). */
export const privatePageHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const out = new Headers(PRIVATE_HEADERS);
  for (const source of [errorHeaders, loaderHeaders, actionHeaders]) {
    source?.forEach((value, key) => {
      if (key.toLowerCase() === "set-cookie") out.append(key, value);
      else out.set(key, value);
    });
  }
  return out;
};

/** A 404 whose body carries the page title in the visitor's language. */
export function publicNotFound(pageTitle: string): Response {
  return new Response(JSON.stringify({ pageTitle }), { status: 404, headers: { ...PRIVATE_HEADERS, "Content-Type": "application/json; charset=utf-8" } });
}

/** The page title (from the data, or from a "not found" answer), and noindex. */
export const publicPageMeta: MetaFunction = ({ data, error }) => {
  const title =
    (data as { pageTitle?: string } | undefined)?.pageTitle ??
    (isRouteErrorResponse(error) ? (error.data as { pageTitle?: string } | null)?.pageTitle : undefined);
  return [{ title: title ?? "Coproduce" }, { name: "robots", content: "noindex" }];
};
