import { env } from "~/config/env.server";

/** Parses a Cookie header without ever throwing on malformed input. */
export function readCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const raw of header.split(";")) {
    const part = raw.trim();
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      continue; // a malformed value is as good as none
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

function isProduction(): boolean {
  return env().COOKIE_SECURE;
}

/** `__Host-` cookies must be Secure with Path=/ and no Domain; we use them in production. */
export function cookieName(base: string): string {
  return isProduction() ? `__Host-${base}` : base;
}

export function serializeCookie(base: string, value: string, options: { maxAgeSeconds?: number; httpOnly?: boolean } = {}): string {
  const parts = [`${cookieName(base)}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (isProduction()) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join("; ");
}
