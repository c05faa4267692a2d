/**
 * The device cookie of the public idea pages: a random, httpOnly, SameSite=Lax value that says
 * "the same phone as before" for rate limits and spam signals. It names no one and holds nothing;
 * only a keyed hash of it is ever stored (ideaSenderHashes in idea-submission.server.ts).
 */
import crypto from "node:crypto";
import { cookieName, readCookies, serializeCookie } from "~/http/cookies.server";
import { PRIVATE_HEADERS } from "~/components/phone/public-page";

export const DEVICE_COOKIE = "coproduce_device";
const VALUE = /^[A-Za-z0-9_-]{32}$/;
const ONE_YEAR = 365 * 24 * 3600;

/** The request's device cookie, or null when it has none (or a malformed one). */
export function readDeviceCookie(request: Request): string | null {
  const value = readCookies(request.headers.get("Cookie")).get(cookieName(DEVICE_COOKIE));
  return value && VALUE.test(value) ? value : null;
}

/** The request's device id; a new one (and the Set-Cookie header to keep it) when it has none. */
export function deviceOf(request: Request): { device: string; setCookie: string | null } {
  const existing = readDeviceCookie(request);
  if (existing) return { device: existing, setCookie: null };
  const device = crypto.randomBytes(24).toString("base64url");
  return { device, setCookie: serializeCookie(DEVICE_COOKIE, device, { maxAgeSeconds: ONE_YEAR }) };
}

/** The request's device id and the headers of a private page that keep it (the Set-Cookie when new). */
export function withDevice(request: Request): { device: string; headers: Headers } {
  const { device, setCookie } = deviceOf(request);
  const headers = new Headers(PRIVATE_HEADERS);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return { device, headers };
}
