import type { AppLoadContext } from "@remix-run/node";
import { createSession } from "~/auth/session.server";
import { csrfTokenFor } from "~/auth/csrf.server";

export const BASE = "http://localhost:3000";
const CSRF_COOKIE_VALUE = "test-csrf-cookie-value-0123456789";

/** The load context server.ts builds; `originVerified` says whether Origin matched. */
export function context(overrides: { originVerified?: boolean; clientAddress?: string } = {}): AppLoadContext {
  return {
    cspNonce: "test-nonce",
    csrf: { csrfCookie: CSRF_COOKIE_VALUE, originVerified: overrides.originVerified ?? true },
    clientAddress: overrides.clientAddress ?? "127.0.0.1",
  };
}

export const csrfToken = () => csrfTokenFor(CSRF_COOKIE_VALUE);

/** A Cookie header for a fresh real session of this user. */
export async function sessionCookie(userId: string): Promise<string> {
  const setCookie = await createSession(userId, "vitest");
  return setCookie.split(";")[0]!;
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, fields: Record<string, string>, cookie?: string): Request {
  const body = new URLSearchParams(fields);
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

type Outcome = { status: number; location?: string | null; data?: unknown; headers?: Headers };

/** Runs a loader or action and reports what the browser would get: status, redirect target, data. */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return describe(await run());
  } catch (thrown) {
    if (thrown instanceof Response) return describe(thrown);
    throw thrown;
  }
}

function describe(value: unknown): Outcome {
  if (value instanceof Response) {
    return { status: value.status, location: value.headers.get("Location"), headers: value.headers };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
  }
  return { status: 200, data: value };
}
