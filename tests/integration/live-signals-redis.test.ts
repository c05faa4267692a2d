// Live page signals across web instances through Redis (app/http/live-events.server.ts): the
// very first signal a process sends after it starts must reach the other instances too (its
// publisher was connecting lazily, with its offline queue off, and the error was swallowed).
// A fresh module instance stands for a freshly started web process; a raw Redis subscriber for
// the other instance.
import { Redis } from "ioredis";
import { TEST_REDIS_URL, redisAvailable } from "../setup/redis";

const hasRedis = await redisAvailable("live signals through Redis are");

describe.skipIf(!hasRedis)("live page signals through Redis", () => {
  const saved = process.env.REDIS_URL;
  let listener: Redis;
  const heard: string[] = [];

  beforeAll(async () => {
    listener = new Redis(TEST_REDIS_URL);
    listener.on("message", (_channel: string, raw: string) => heard.push(raw));
    await listener.subscribe("coproduce:live");
    process.env.REDIS_URL = TEST_REDIS_URL;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = saved;
    await listener.quit();
  });

  async function freshProcess() {
    vi.resetModules();
    const holder = globalThis as unknown as { __coproduceLive?: { redis: { pub: Redis; sub: Redis } | null } };
    const old = holder.__coproduceLive;
    delete holder.__coproduceLive;
    old?.redis?.pub.disconnect();
    old?.redis?.sub.disconnect();
    return await import("~/http/live-events.server");
  }

  it("the first signal after start reaches the other instances, and so do the next ones", async () => {
    const live = await freshProcess();
    const topic = `story:first${Date.now()}`;
    live.publishLive(topic, "changed"); // at once, before its Redis connection is up
    live.publishLive(`${topic}b`, "changed");
    const deadline = Date.now() + 5000;
    while (heard.filter((m) => m.includes(topic)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const mine = heard.filter((m) => m.includes(topic)).map((m) => JSON.parse(m) as { topic: string; event: string });
    expect(mine).toEqual([expect.objectContaining({ topic, event: "changed" }), expect.objectContaining({ topic: `${topic}b`, event: "changed" })]);
  });

  it("a signal from another instance reaches this one's pages, and its own are not heard twice", async () => {
    const live = await freshProcess();
    const topic = `story:other${Date.now()}`;
    const got: string[] = [];
    const stop = live.subscribeLive(topic, (event) => got.push(event));
    live.publishLive(topic, "changed"); // its own: heard once, locally
    await new Promise((r) => setTimeout(r, 300));
    const sender = new Redis(TEST_REDIS_URL);
    await sender.publish("coproduce:live", JSON.stringify({ topic, event: "consent", from: "another-instance" }));
    await sender.publish("coproduce:live", JSON.stringify({ topic, event: "<script>", from: "another-instance" })); // not an event name
    await sender.quit();
    const deadline = Date.now() + 5000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    stop();
    expect(got).toEqual(["changed", "consent"]);
  });
});
