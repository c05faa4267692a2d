// Several collab server instances sharing rooms through Redis pub/sub, on one shared database
// (skipped with a message when Redis is not running on 127.0.0.1:6379, except under CI=true
// where it must run).
import crypto from "node:crypto";
import { Redis } from "ioredis";
import * as Y from "yjs";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import type { CollabStore } from "../../collab-server/persistence/store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { connect, covered, startCollab, textOf, token, until, type Client } from "./harness";
import { CLOSE } from "~/collab/protocol";
import { TEST_REDIS_URL, redisAvailable } from "../setup/redis";

const REDIS_URL = TEST_REDIS_URL;
const hasRedis = await redisAvailable("multi-instance (Redis) collab tests are");
// One prefix per run: parallel runs (and other suites) never hear each other.
const PREFIX = `coproduce-test:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

type Instance = Awaited<ReturnType<typeof startCollab>>;

describe.skipIf(!hasRedis).each(hasRedis ? await providers() : ["sqlite" as const])("collab instances sharing rooms through redis on %s", (provider) => {
  let db: TestDatabase;
  const stores: CollabStore[] = [];
  const instances: Instance[] = [];
  let a: Instance;
  let b: Instance;
  const clients: Client[] = [];
  const redis = { url: REDIS_URL, prefix: `${PREFIX}:${provider}` };
  let docCounter = 0;
  const newDoc = () => `locality:loc1:doc:r${++docCounter}`;

  /** Another instance on the same database, as another process would be (its own store). */
  async function instance(opts: { wrap?: (store: CollabStore) => CollabStore; redis?: typeof redis | string | null } = {}) {
    const store = createStore(resolveDatabaseTarget(db.url));
    stores.push(store);
    const started = await startCollab({ store: opts.wrap ? opts.wrap(store) : store, redis: opts.redis === null ? undefined : (opts.redis ?? redis) });
    instances.push(started);
    return started;
  }
  /** Whether the client's own edits are all durable (it is told only about its own). */
  const ownDurable = (c: Client) => {
    const durable = c.durable();
    if (!durable) return false;
    const own = Y.decodeStateVector(Y.encodeStateVector(c.doc)).get(c.doc.clientID) ?? 0;
    return (durable.get(c.doc.clientID) ?? 0) >= own;
  };
  const open = async (on: Instance, doc: string) => {
    const c = connect(on.url, doc, await token(doc));
    clients.push(c);
    await until(() => c.provider.synced, 5000, "sync");
    return c;
  };

  beforeAll(async () => {
    db = await freshDatabase(provider);
    a = await instance();
    b = await instance();
    await until(() => a.collab.health().redisReady === true && b.collab.health().redisReady === true, 5000, "redis ready");
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.provider.destroy();
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.provider.destroy();
    for (const i of instances) await i.stop();
    for (const s of stores) await s.close();
    await db?.drop();
  });

  it("clients on different instances converge, both ways, and nothing is stored twice", async () => {
    const doc = newDoc();
    const onA = await open(a, doc);
    const onB = await open(b, doc);
    onA.doc.getText("t").insert(0, "from A. ");
    await until(() => textOf(onB) === "from A. " && ownDurable(onA), 5000, "A → B");
    onB.doc.getText("t").insert(textOf(onB).length, "from B.");
    await until(() => textOf(onA) === "from A. from B." && ownDurable(onB), 5000, "B → A");
    onA.doc.getText("t").insert(0, ">");
    onB.doc.getText("t").insert(0, "<");
    await until(() => textOf(onA) === textOf(onB) && textOf(onA).length === 17, 5000, "concurrent edits converge");
    await until(() => ownDurable(onA) && ownDurable(onB), 5000, "durable acks");
    // One edit is stored once, by the instance that received it: the other does not re-persist.
    const before = (await stores[0]!.load(doc)).logCount;
    onA.doc.getText("t").insert(0, "!");
    await until(() => textOf(onB).startsWith("!") && ownDurable(onA), 5000, "one more edit");
    await new Promise((r) => setTimeout(r, 100));
    const loaded = await stores[1]!.load(doc);
    expect(loaded.logCount).toBe(before + 1);
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.mergeUpdates(loaded.updates));
    expect(check.getText("t").toString()).toBe(textOf(onA));
    expect(textOf(onB)).toBe(textOf(onA));
  });

  it("awareness from a client on A is seen on B, and leaves B when that client disconnects", async () => {
    const doc = newDoc();
    const onA = await open(a, doc);
    const onB = await open(b, doc);
    onA.provider.awareness.setLocalStateField("user", { name: "Ada" });
    const seenOnB = () => (onB.provider.awareness.getStates().get(onA.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name;
    await until(() => seenOnB() === "Tester", 5000, "awareness A → B (the name from the token, not the one the client claimed)");
    onB.provider.awareness.setLocalStateField("user", { name: "Bo" });
    await until(
      () => (onA.provider.awareness.getStates().get(onB.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === "Tester",
      5000,
      "awareness B → A",
    );
    // A newcomer on B sees A's presence at once (B asks the other instances), not after a renewal.
    const late = await open(b, doc);
    await until(() => late.provider.awareness.getStates().has(onA.doc.clientID), 2000, "newcomer sees presence");
    onA.provider.destroy();
    await until(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), 5000, "presence leaves B");
    await until(() => !late.provider.awareness.getStates().has(onA.doc.clientID), 5000, "presence leaves the newcomer");
    expect(onB.provider.awareness.getStates().get(onB.doc.clientID)).toEqual({ user: { name: "Bo" } });
  });

  it("a server change applied on A reaches a client on B", async () => {
    const doc = newDoc();
    const onB = await open(b, doc);
    await a.collab.applyServerChange(doc, (d) => d.getMap("notes").set("n1", "approved idea"));
    await until(() => onB.doc.getMap("notes").get("n1") === "approved idea", 5000, "server change on B");
    expect(a.collab.health().documents).toBe(0); // A loaded the room only for the change
  });

  it("a change of access announced on A closes the document's connections on B", async () => {
    const doc = newDoc();
    const onB = await open(b, doc);
    const elsewhere = await open(b, newDoc());
    onB.provider.shouldConnect = false;
    await a.collab.reauthorize(doc);
    await until(() => onB.closes.some((c) => c.code === CLOSE.accessChanged), 5000, "closed on B");
    expect(elsewhere.provider.wsconnected).toBe(true);
  });

  it("a client joining B sees updates made on A, whether or not B had the room loaded", async () => {
    const doc = newDoc();
    const onA = await open(a, doc);
    onA.doc.getText("t").insert(0, "written on A");
    await until(() => covered(onA.doc, onA.durable()), 5000, "durable");
    const first = await open(b, doc); // B loads the room from the database
    expect(textOf(first)).toBe("written on A");
    onA.doc.getText("t").insert(0, "more ");
    await until(() => textOf(first) === "more written on A", 5000, "live update on B");
    const second = await open(b, doc); // B already has the room: it was kept up to date
    expect(textOf(second)).toBe("more written on A");
  });

  it("an update stored while another instance is loading the room is not lost", async () => {
    const doc = newDoc();
    const onA = await open(a, doc);
    onA.doc.getText("t").insert(0, "before ");
    await until(() => covered(onA.doc, onA.durable()), 5000, "durable");
    let readDone!: () => void;
    const read = new Promise<void>((r) => (readDone = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // C reads the database, then stalls before its room is ready.
    const c = await instance({
      wrap: (store) => ({
        ...store,
        kind: store.kind,
        async load(name) {
          const loaded = await store.load(name);
          if (name === doc) {
            readDone();
            await gate;
          }
          return loaded;
        },
      }),
    });
    await until(() => c.collab.health().redisReady === true, 5000, "redis ready");
    const onC = connect(c.url, doc, await token(doc));
    clients.push(onC);
    await read;
    onA.doc.getText("t").insert(textOf(onA).length, "during load");
    await until(() => covered(onA.doc, onA.durable()), 5000, "durable");
    await new Promise((r) => setTimeout(r, 50)); // the publication reaches C while it is loading
    release();
    await until(() => textOf(onC) === "before during load", 5000, "update published during the load");
  });

  it("only one instance compacts a document at a time", async () => {
    const doc = newDoc();
    const onA = await open(a, doc);
    for (let i = 0; i < 3; i++) {
      onA.doc.getText("t").insert(0, `${i}`);
      await until(() => covered(onA.doc, onA.durable()), 5000, "durable");
    }
    const lockKey = `${redis.prefix}:lock:compact:${doc}`;
    const other = new Redis(REDIS_URL);
    try {
      const rows = (await stores[0]!.load(doc)).logCount;
      expect(rows).toBeGreaterThanOrEqual(3);
      await other.set(lockKey, "another instance", "PX", 10_000);
      expect(await b.collab.compact(doc)).toBe(0); // held elsewhere: skipped
      expect((await stores[0]!.load(doc)).logCount).toBe(rows);
      await other.del(lockKey);
      expect(await b.collab.compact(doc)).toBe(rows);
      expect(await other.exists(lockKey)).toBe(0); // released after use
    } finally {
      other.disconnect();
    }
    const after = await open(b, doc);
    expect(textOf(after)).toBe(textOf(onA));
  });

  it("after a Redis outage, instances reconnect and catch up on what they missed", async () => {
    const doc = newDoc();
    const onA = await open(a, doc);
    const onB = await open(b, doc);
    onA.doc.getText("t").insert(0, "before");
    await until(() => textOf(onB) === "before", 5000, "A → B");
    // Cut this suite's Redis connections (only ours: they are named after the prefix).
    const admin = new Redis(REDIS_URL);
    try {
      const list = (await admin.client("LIST")) as string;
      const ours = list.split("\n").filter((line) => /\bname=coproduce-collab-(pub|sub):(\S+)/.exec(line)?.[2] === redis.prefix);
      expect(ours.length).toBeGreaterThanOrEqual(4);
      for (const line of ours) await admin.client("KILL", "ID", /\bid=(\d+)/.exec(line)![1]!);
    } finally {
      admin.disconnect();
    }
    onA.doc.getText("t").insert(6, " and during");
    await until(() => textOf(onB) === "before and during", 5000, "caught up after the outage");
    await until(() => a.collab.health().redisReady === true && b.collab.health().redisReady === true, 5000, "reconnected");
    onB.doc.getText("t").insert(0, "after: ");
    await until(() => textOf(onA) === "after: before and during", 5000, "live again");
  });

  it("reports redisReady in health only when Redis is configured, and works without a reachable Redis", async () => {
    expect(a.collab.health()).toMatchObject({ status: "ok", redisReady: true });
    const plain = await instance({ redis: null });
    expect(plain.collab.health()).not.toHaveProperty("redisReady");
    // Nothing listens on port 1: the instance logs, keeps trying, and serves its own clients.
    const cut = await instance({ redis: { url: "redis://127.0.0.1:1", prefix: redis.prefix } });
    const doc = newDoc();
    const x = await open(cut, doc);
    const y = await open(cut, doc);
    x.doc.getText("t").insert(0, "still works");
    await until(() => textOf(y) === "still works" && covered(x.doc, x.durable()), 5000, "local room works");
    expect(cut.collab.health()).toMatchObject({ status: "ok", redisReady: false });
    expect(await cut.collab.compact(doc)).toBe(0); // no lock, no compaction: it waits for Redis
  });
});
