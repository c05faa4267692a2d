import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import { env } from "~/config/env.server";
import { getDb } from "~/data/db.server";
import type { User } from "~/generated/prisma-sqlite/client.ts";
import { readCookies, serializeCookie, cookieName } from "~/http/cookies.server";
import { oncePerRequest } from "~/http/request-context.server";
import { createSessionRecord, deleteSessionRecord, deleteSessionsOf, findSessionWithUser, touchSessionRecord } from "~/data/sessions.server";

const SESSION_COOKIE = "coproduce_session";
// Touch lastSeenAt at most this often, so reads do not all turn into writes.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type SessionUser = Pick<User, "id" | "email" | "name" | "preferredLanguage">;

function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

function sessionToken(request: Request): string | undefined {
  return readCookies(request.headers.get("Cookie")).get(cookieName(SESSION_COOKIE));
}

/** Starts a fresh session (always a new id) and returns its Set-Cookie header. */
export async function createSession(userId: string, userAgent: string | null): Promise<string> {
  const db = await getDb();
  const token = crypto.randomBytes(32).toString("base64url");
  const now = Date.now();
  const expiresAt = new Date(now + env().SESSION_ABSOLUTE_DAYS * 86_400_000);
  await createSessionRecord(db, { id: sha256(token), userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: (expiresAt.getTime() - now) / 1000 });
}

/**
 * The signed-in user, or null. Expired (idle or absolute) sessions are deleted. A page request
 * (GET or HEAD) looks the session up once, however many loaders ask (the root's, the language
 * detection's, the route's); a form post looks it up each time, as an action may change it.
 */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = sessionToken(request);
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  if (request.method === "GET" || request.method === "HEAD") return oncePerRequest(`session:${id}`, () => lookUpSession(id));
  return lookUpSession(id);
}

async function lookUpSession(id: string): Promise<SessionUser | null> {
  const db = await getDb();
  const session = await findSessionWithUser(db, id);
  if (!session) return null;
  const now = Date.now();
  const idleLimit = env().SESSION_IDLE_HOURS * 3_600_000;
  if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > idleLimit) {
    await deleteSessionRecord(db, id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSessionRecord(db, id, new Date(now));
  }
  return session.user;
}

/** Ends this browser's session; returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = sessionToken(request);
  if (token) {
    const db = await getDb();
    await deleteSessionRecord(db, sha256(token));
  }
  return serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 });
}

/** Ends every session of a user (sign out everywhere). */
export async function destroyAllSessions(userId: string): Promise<void> {
  const db = await getDb();
  await deleteSessionsOf(db, userId);
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}
