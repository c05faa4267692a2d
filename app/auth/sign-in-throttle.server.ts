import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Failed sign-ins allowed per window, per account and per client address. In-memory per
// process: with several web instances each keeps its own count (a Redis store is a drop-in).
const WINDOW_SECONDS = 15 * 60;
const perAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: 5, duration: WINDOW_SECONDS });
const perAddress = new RateLimiterMemory({ keyPrefix: "signin-ip", points: 20, duration: WINDOW_SECONDS });

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

function retryAfter(res: RateLimiterRes | null, limit: number): number | null {
  if (res && res.consumedPoints >= limit) return Math.ceil(res.msBeforeNext / 1000);
  return null;
}

/** Whether this account or address has used up its failed attempts. */
export async function checkSignInThrottle(email: string, address: string): Promise<ThrottleState> {
  const [account, ip] = await Promise.all([perAccount.get(email.toLowerCase()), perAddress.get(address)]);
  const wait = retryAfter(account, 5) ?? retryAfter(ip, 20);
  return wait === null ? { blocked: false } : { blocked: true, retryAfterSeconds: Math.max(1, wait) };
}

export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  await Promise.allSettled([perAccount.consume(email.toLowerCase()), perAddress.consume(address)]);
}

export async function clearAccountThrottle(email: string): Promise<void> {
  await perAccount.delete(email.toLowerCase());
}
