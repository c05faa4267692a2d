import crypto from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "~/config/env.server";

// Failed sign-ins allowed per window, per account and per client address. With REDIS_URL the
// counts live in Redis, so they hold across web instances (a Redis outage falls back to this
// process's memory); otherwise in this process's memory.
const WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20 } as const;
/** How long a sign-in waits for the Redis store the first time, before counting in memory. */
const FIRST_CONNECT_WAIT_MS = 2000;

/** An attempt reserved before the password is checked: settle it with `succeeded` or leave it counted. */
export type SignInAttempt = { allowed: true; succeeded: () => Promise<void> } | { allowed: false; retryAfterSeconds: number };

export type SignInThrottle = {
  reserve(email: string, address: string): Promise<SignInAttempt>;
  /** Resolves once the Redis store is connected (at once without Redis). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

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
 * Sign-in limits. Keys are keyed hashes of the account's email and of the address, so neither is
 * readable from Redis. `prefix` keeps separate deployments (or test runs) on one Redis apart.
 */
export function createSignInThrottle(options: { secret: string; redisUrl?: string; prefix?: string }): SignInThrottle {
  const prefix = options.prefix ?? "signin";
  let redis: Redis | null = null;
  const make = (name: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}-${name}`, points, duration: WINDOW_SECONDS });
    if (!options.redisUrl) return memory;
    redis ??= new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, connectionName: "coproduce-sign-in" });
    redis.on("error", () => {}); // an outage falls back to the insurance limiter (this process's memory)
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}-${name}`, points, duration: WINDOW_SECONDS, insuranceLimiter: memory });
  };
  const perAccount = make("account", SIGN_IN_LIMITS.perAccount);
  const perAddress = make("address", SIGN_IN_LIMITS.perAddress);
  /** The first wait for Redis, shared by the sign-ins that come during it (later ones never wait). */
  let firstConnection: Promise<void> | undefined;
  /** Resolves when the Redis store is connected, or after `ms` (at once without Redis). */
  const readyWithin = async (ms: number): Promise<void> => {
    const client = redis as Redis | null;
    if (!client || client.status === "ready") return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connected = new Promise<void>((resolve) => client.once("ready", () => resolve()));
    const waited = Number.isFinite(ms) ? new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))) : connected;
    await Promise.race([connected, waited]);
    clearTimeout(timer);
  };
  const keyOf = (kind: string, value: string) =>
    crypto.createHmac("sha256", options.secret).update(`sign-in:${kind}:${value}`).digest("base64url").slice(0, 22);

  return {
    /**
     * Reserves one attempt for this account and this address *before* the password is checked,
     * so that any number of simultaneous attempts count: once either limit is reached the rest
     * are refused without being checked. A successful sign-in gives its attempt back (the
     * account's count starts again; the address's loses this one).
     */
    async reserve(email, address) {
      // A process's first sign-ins come while its Redis connection is still opening; without
      // the wait they would be counted in this process's memory only (an outage still falls back
      // to it, after at most this long).
      firstConnection ??= readyWithin(FIRST_CONNECT_WAIT_MS);
      await firstConnection;
      const accountKey = keyOf("account", email.toLowerCase());
      const addressKey = keyOf("address", address);
      const [account, ip] = await Promise.all([take(perAccount, accountKey), take(perAddress, addressKey)]);
      if (!account.ok || !ip.ok) {
        // A refused attempt is not checked: give back the half that was taken, so it costs nothing.
        await Promise.all([account.ok ? perAccount.reward(accountKey, 1) : null, ip.ok ? perAddress.reward(addressKey, 1) : null]);
        const wait = Math.max(account.ok ? 0 : account.wait, ip.ok ? 0 : ip.wait);
        return { allowed: false, retryAfterSeconds: Math.max(1, wait) };
      }
      return {
        allowed: true,
        succeeded: async () => {
          await Promise.all([perAccount.delete(accountKey), perAddress.reward(addressKey, 1)]);
        },
      };
    },
    ready: () => readyWithin(Number.POSITIVE_INFINITY),
    async close() {
      await (redis as Redis | null)?.quit().catch(() => {});
    },
  };
}

// One per process, from the configuration (on globalThis: a dev-mode rebuild keeps its counts).
const holder = globalThis as unknown as { __coproduceSignInThrottle?: SignInThrottle };

/** Reserves a sign-in attempt with this process's throttle (see `createSignInThrottle`). */
export function reserveSignInAttempt(email: string, address: string): Promise<SignInAttempt> {
  holder.__coproduceSignInThrottle ??= createSignInThrottle({ secret: env().SESSION_SECRET, redisUrl: env().REDIS_URL });
  return holder.__coproduceSignInThrottle.reserve(email, address);
}
