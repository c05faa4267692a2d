import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

// Failed sign-ins allowed per window, per account and per client address. In-memory per
// process: with several web instances each keeps its own count (a Redis store is a drop-in).
const WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20 } as const;
const perAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: SIGN_IN_LIMITS.perAccount, duration: WINDOW_SECONDS });
const perAddress = new RateLimiterMemory({ keyPrefix: "signin-ip", points: SIGN_IN_LIMITS.perAddress, duration: WINDOW_SECONDS });

/** An attempt reserved before the password is checked: settle it with `succeeded` or leave it counted. */
export type SignInAttempt = { allowed: true; succeeded: () => Promise<void> } | { allowed: false; retryAfterSeconds: number };

async function take(limiter: RateLimiterAbstract, key: string): Promise<{ ok: true } | { ok: false; wait: number }> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, wait: Math.ceil(rejection.msBeforeNext / 1000) };
    throw rejection;
  }
}

/**
 * Reserves one attempt for this account and this address *before* the password is checked, so
 * that any number of simultaneous attempts count: once either limit is reached the rest are
 * refused without being checked. A successful sign-in gives its attempt back (the account's count
 * starts again; the address's loses this one).
 */
export async function reserveSignInAttempt(email: string, address: string): Promise<SignInAttempt> {
  const accountKey = email.toLowerCase();
  const [account, ip] = await Promise.all([take(perAccount, accountKey), take(perAddress, address)]);
  if (!account.ok || !ip.ok) {
    // A refused attempt is not checked: give back the half that was taken, so it costs nothing.
    await Promise.all([account.ok ? perAccount.reward(accountKey, 1) : null, ip.ok ? perAddress.reward(address, 1) : null]);
    const wait = Math.max(account.ok ? 0 : account.wait, ip.ok ? 0 : ip.wait);
    return { allowed: false, retryAfterSeconds: Math.max(1, wait) };
  }
  return {
    allowed: true,
    succeeded: async () => {
      await Promise.all([perAccount.delete(accountKey), perAddress.reward(address, 1)]);
    },
  };
}
