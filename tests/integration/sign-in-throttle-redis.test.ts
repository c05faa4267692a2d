// Sign-in limits across web instances (app/auth/sign-in-throttle.server.ts): with Redis, five
// failures on one instance are five on the other too; without it, each process counts alone.
// Two throttles on one Redis stand for two web instances.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { SIGN_IN_LIMITS, createSignInThrottle, type SignInThrottle } from "~/auth/sign-in-throttle.server";
import { TEST_REDIS_URL, redisAvailable } from "../setup/redis";

const hasRedis = await redisAvailable("sign-in limits across instances are");
const SECRET = "s".repeat(32);

describe.skipIf(!hasRedis)("sign-in limits through Redis", () => {
  const throttles: SignInThrottle[] = [];
  const prefix = `test-signin-${crypto.randomBytes(4).toString("hex")}`;
  const instance = (redisUrl?: string) => {
    const t = createSignInThrottle({ secret: SECRET, redisUrl, prefix });
    throttles.push(t);
    return t;
  };
  afterAll(async () => {
    for (const t of throttles) await t.close();
  });

  it("counts failures on one instance against the other, per account and per address", async () => {
    const a = instance(TEST_REDIS_URL);
    const b = instance(TEST_REDIS_URL);
    await Promise.all([a.ready(), b.ready()]);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) expect((await a.reserve("Amira@example.org", `10.0.0.${i}`)).allowed).toBe(true);
    // The sixth, on the other instance, from yet another address, with the right password: refused unchecked.
    const sixth = await b.reserve("amira@example.org", "10.0.0.99");
    expect(sixth).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    // Another account is not affected; memory-only instances do not share.
    expect((await b.reserve("karen@example.org", "10.0.0.99")).allowed).toBe(true);
    expect((await instance().reserve("amira@example.org", "10.0.0.99")).allowed).toBe(true);
  });

  it("a process's very first attempt, while its Redis connection is still opening, counts in Redis", async () => {
    const a = instance(TEST_REDIS_URL);
    await a.ready();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await a.reserve("first@example.org", "10.0.2.1");
    // A web instance that has just started: no ready() before its first sign-in.
    const fresh = instance(TEST_REDIS_URL);
    expect(await fresh.reserve("first@example.org", "10.0.2.2")).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
  });

  it("a success gives the account's count back everywhere", async () => {
    const a = instance(TEST_REDIS_URL);
    const b = instance(TEST_REDIS_URL);
    await Promise.all([a.ready(), b.ready()]);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await a.reserve("mo@example.org", "10.0.1.1");
    const right = await b.reserve("mo@example.org", "10.0.1.1");
    if (!right.allowed) throw new Error("the fifth attempt should be allowed");
    await right.succeeded();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) expect((await a.reserve("mo@example.org", "10.0.1.1")).allowed).toBe(true);
  });

  it("keeps neither the email nor the address readable in Redis", async () => {
    const a = instance(TEST_REDIS_URL);
    await a.ready();
    await a.reserve("secret.person@example.org", "203.0.113.77");
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(" ")).not.toMatch(/secret\.person|203\.0\.113/);
    } finally {
      await redis.quit();
    }
  });
});

// Needs no Redis: what happens when the Redis that was asked for does not answer (lost while
// running, or gone): the counts fall back to this process's memory and still hold.
describe("sign-in limits when Redis does not answer", () => {
  it("still refuses the sixth failure for an account, counting in memory", async () => {
    // Port 1: nothing listens there, every connection is refused.
    const lost = createSignInThrottle({ secret: SECRET, redisUrl: "redis://127.0.0.1:1", prefix: "test-signin-lost" });
    try {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) expect((await lost.reserve("nora@example.org", "10.0.3.1")).allowed).toBe(true);
      expect(await lost.reserve("nora@example.org", "10.0.3.2")).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
      expect((await lost.reserve("other@example.org", "10.0.3.2")).allowed).toBe(true);
    } finally {
      await lost.close();
    }
  });
});
