/**
 * How many ideas one phone (device cookie) and one client address may send through challenge
 * links per hour (IDEA_LIMIT_PER_DEVICE, IDEA_LIMIT_PER_ADDRESS). Only ideas that were stored
 * count, never page views or refused forms. With REDIS_URL the counts live in Redis, so they hold
 * across web instances; otherwise in this process's memory. Keys are keyed hashes, never raw
 * addresses.
 */
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "~/config/env.server";

const WINDOW_SECONDS = 60 * 60;

export type IdeaRateLimits = {
  /** Whether one more idea from this device and address is allowed now; if not, how long to wait. */
  check(keys: SenderKeys): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  /** Counts one stored idea against both. */
  record(keys: SenderKeys): Promise<void>;
  /** Resolves once the Redis store is connected (at once without Redis); until then the memory limiter stands in. */
  ready(): Promise<void>;
  close(): Promise<void>;
};
export type SenderKeys = { deviceHash: string; addressHash: string };
export type IdeaRateLimitOptions = { perDevice: number; perAddress: number; redisUrl?: string; prefix?: string };

export function createIdeaRateLimits(options: IdeaRateLimitOptions): IdeaRateLimits {
  const prefix = options.prefix ?? "idea";
  let redis: Redis | null = null;
  const make = (name: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}-${name}`, points, duration: WINDOW_SECONDS });
    if (!options.redisUrl) return memory;
    redis ??= new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on("error", () => {}); // a Redis outage falls back to the insurance limiter below
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}-${name}`, points, duration: WINDOW_SECONDS, insuranceLimiter: memory });
  };
  const device = make("device", options.perDevice);
  const address = make("address", options.perAddress);
  const waitOf = (res: RateLimiterRes | null, limit: number): number | null =>
    res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;

  return {
    async check(keys) {
      const [d, a] = await Promise.all([device.get(keys.deviceHash), address.get(keys.addressHash)]);
      const waits = [waitOf(d, options.perDevice), waitOf(a, options.perAddress)].filter((w): w is number => w !== null);
      return waits.length ? { allowed: false, retryAfterSeconds: Math.max(...waits) } : { allowed: true };
    },
    async record(keys) {
      // consume() rejects once over the limit: that is not an error here, the count still went up.
      await Promise.allSettled([device.consume(keys.deviceHash), address.consume(keys.addressHash)]);
    },
    async ready() {
      const client = redis as Redis | null;
      if (!client || client.status === "ready") return;
      await new Promise<void>((resolve) => client.once("ready", () => resolve()));
    },
    async close() {
      await (redis as Redis | null)?.quit().catch(() => {});
    },
  };
}

let shared: IdeaRateLimits | undefined;
/** This process's limits, from the configuration. */
export function ideaRateLimits(): IdeaRateLimits {
  const config = env();
  shared ??= createIdeaRateLimits({ perDevice: config.IDEA_LIMIT_PER_DEVICE, perAddress: config.IDEA_LIMIT_PER_ADDRESS, redisUrl: config.REDIS_URL });
  return shared;
}
