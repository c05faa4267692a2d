import { getDb } from "~/data/db.server";
import { findUserByEmail } from "~/data/users.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import { reserveSignInAttempt } from "./sign-in-throttle.server";

export type SignInResult = { outcome: "ok"; cookie: string; userId: string } | { outcome: "invalid" } | { outcome: "throttled"; retryAfterSeconds: number };

/** Checks the password (throttled per account and per address) and starts a new session. */
export async function signIn(email: string, password: string, request: Request, address: string): Promise<SignInResult> {
  const attempt = await reserveSignInAttempt(email, address);
  if (!attempt.allowed) return { outcome: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const db = await getDb();
  const user = await findUserByEmail(db, email);
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !ok) return { outcome: "invalid" }; // the reserved attempt stays counted
  await attempt.succeeded();
  const cookie = await createSession(user.id, request.headers.get("User-Agent"));
  return { outcome: "ok", cookie, userId: user.id };
}
