import crypto from "node:crypto";
import { env } from "~/config/env.server";
import { forbidden } from "~/http/http-errors.server";

/**
 * CSRF defence. The Express layer rejects any mutating request whose Origin is not ours.
 * A browser that sends no Origin must instead send the form token: an HMAC of the
 * per-browser `csrf` cookie, which a cross-site page can neither read nor forge.
 */
export const CSRF_COOKIE = "coproduce_csrf";
export const CSRF_FIELD = "_csrf";

export function csrfTokenFor(cookieValue: string): string {
  return crypto.createHmac("sha256", env().SESSION_SECRET).update(`csrf:${cookieValue}`).digest("base64url");
}

export type CsrfContext = { csrfCookie: string; originVerified: boolean };

/** Throws 403 unless the request proved it came from our own pages. */
export function assertCsrf(context: CsrfContext, form: FormData): void {
  if (context.originVerified) return;
  const sent = form.get(CSRF_FIELD);
  const expected = csrfTokenFor(context.csrfCookie);
  if (typeof sent !== "string" || sent.length !== expected.length) throw forbidden();
  if (!crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) throw forbidden();
}

/** A fresh id for one load of a page's data: the start of every form's `_form` key on that page. */
export function newFormLoadId(): string {
  return crypto.randomBytes(9).toString("base64url");
}
