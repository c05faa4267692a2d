import crypto from "node:crypto";
import { Redis } from "ioredis";
import type { pino } from "pino";

/**
 * Redis pub/sub between collab server instances that share rooms (and a short lock for
 * compaction). One channel per document, `<prefix>:<document name>`; binary messages:
 *
 *   [kind: 1 byte][sender instance id: 16 bytes][payload]
 *
 * Redis trouble never throws out of here: it is logged, local rooms keep working, and once
 * the connection is back every joined document is reported through `onResubscribed` so the
 * server can catch up on whatever it missed (from the store, which is the source of truth).
 */
export const BUS_KIND = {
  /** A merged Yjs update the sender has durably stored and applied. */
  update: 1,
  /** A coalesced awareness update of the sender's own clients. */
  awareness: 2,
  /** "Send me your clients' awareness": a newcomer to the document asks. */
  queryAwareness: 3,
  /** "I may have failed to publish something: re-read the document from the store." */
  resync: 4,
  /** "Access to this document changed at <time>": close older connections, refuse older tokens. */
  reauthorize: 5,
} as const;

/** The reauthorize payload: the time as a float64 (milliseconds since the epoch). */
export function encodeReauthorize(at: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, at);
  return bytes;
}
export function decodeReauthorize(payload: Uint8Array): number | null {
  if (payload.byteLength !== 8) return null;
  const at = new DataView(payload.buffer, payload.byteOffset, 8).getFloat64(0);
  return Number.isFinite(at) && at > 0 ? at : null;
}
export type BusKind = (typeof BUS_KIND)[keyof typeof BUS_KIND];

export type RedisBusConfig = {
  /** An ioredis URL, e.g. redis://127.0.0.1:6379/0. */
  url: string;
  /** Prefix of channels and keys (default `coproduce:collab`). */
  prefix?: string;
};

export type RedisBusOptions = RedisBusConfig & {
  log: pino.Logger;
  /** A message from another instance about a document this instance joined. */
  onMessage(docName: string, kind: BusKind, payload: Uint8Array): void;
  /** These joined documents' subscriptions were (re)confirmed late: messages may have been missed. */
  onResubscribed(docNames: string[]): void;
};

const ID_BYTES = 16;
const COMMAND_TIMEOUT_MS = 2000;
const RETRY_SUBSCRIBE_MS = 1000;
const UNLOCK = 'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

export type LockResult<T> = { acquired: true; value: T } | { acquired: false; reason: "held" | "unavailable" };

export function createRedisBus(options: RedisBusOptions) {
  const prefix = options.prefix ?? "coproduce:collab";
  const log = options.log;
  const instanceId = crypto.randomBytes(ID_BYTES);
  const common = {
    // Fail fast while disconnected instead of queueing: callers log and carry on.
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Reconnect forever, backing off to 2 s.
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
  };
  // Named after the prefix, so an operator (or a test) can tell deployments apart in CLIENT LIST.
  const clientName = (role: string) => `coproduce-collab-${role}:${prefix}`.replace(/[^\w:.-]/g, "_");
  const pub = new Redis(options.url, { ...common, connectionName: clientName("pub") });
  // Subscriptions are ours to restore (see the ready handler), so we know when they are live again.
  const sub = new Redis(options.url, { ...common, autoResubscribe: false, connectionName: clientName("sub") });
  /** Documents this instance has joined: subscribed, or to subscribe once connected. */
  const joined = new Set<string>();
  /** Documents whose updates could not be published: announce a resync when back. */
  const missed = new Set<string>();
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const channelOf = (docName: string) => `${prefix}:${docName}`;

  function watch(client: Redis, role: string): void {
    let troubled = false;
    client.on("error", (error: Error) => {
      if (closed || troubled) return; // one line per outage, not one per reconnect attempt
      troubled = true;
      log.warn({ err: error, role }, "redis connection trouble; local rooms keep working");
    });
    client.on("close", () => {
      if (!closed && !troubled) log.warn({ role }, "redis connection closed; reconnecting");
      troubled = true;
    });
    client.on("ready", () => {
      if (troubled) log.info({ role }, "redis connection restored");
      troubled = false;
    });
  }
  watch(pub, "publish");
  watch(sub, "subscribe");

  pub.on("ready", () => {
    // Anything we failed to publish while away: others re-read those documents from the store.
    const docs = [...missed];
    missed.clear();
    for (const doc of docs) publish(doc, BUS_KIND.resync, new Uint8Array(0));
  });

  sub.on("ready", () => void resubscribeAll());

  sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    const name = channel.toString("utf8");
    if (!name.startsWith(`${prefix}:`) || message.length < 1 + ID_BYTES) return;
    if (instanceId.equals(message.subarray(1, 1 + ID_BYTES))) return; // our own
    const docName = name.slice(prefix.length + 1);
    if (!joined.has(docName)) return;
    const kind = message[0] as BusKind;
    try {
      options.onMessage(docName, kind, new Uint8Array(message.subarray(1 + ID_BYTES)));
    } catch (error) {
      log.error({ err: error, doc: docName }, "could not apply a message from another instance");
    }
  });

  async function resubscribeAll(): Promise<void> {
    if (closed || sub.status !== "ready") return;
    const docs = [...joined];
    if (!docs.length) return;
    try {
      await sub.subscribe(...docs.map(channelOf));
    } catch (error) {
      log.warn({ err: error }, "could not resubscribe to documents");
      scheduleRetry();
      return;
    }
    const still = docs.filter((d) => joined.has(d));
    if (still.length) options.onResubscribed(still);
  }

  function scheduleRetry(): void {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void resubscribeAll();
    }, RETRY_SUBSCRIBE_MS);
    retryTimer.unref();
  }

  function publish(docName: string, kind: BusKind, payload: Uint8Array): void {
    if (closed) return;
    const message = Buffer.allocUnsafe(1 + ID_BYTES + payload.byteLength);
    message[0] = kind;
    instanceId.copy(message, 1);
    message.set(payload, 1 + ID_BYTES);
    pub.publish(channelOf(docName), message).catch((error: Error) => {
      if (closed) return;
      // While disconnected the outage is already logged once; a failure on a live connection is news.
      log[pub.status === "ready" ? "warn" : "debug"]({ err: error, doc: docName }, "could not publish to other instances");
      if (kind === BUS_KIND.update || kind === BUS_KIND.resync) missed.add(docName);
    });
  }

  return {
    instanceId: instanceId.toString("hex"),

    /** Both connections are up. */
    get ready(): boolean {
      return !closed && pub.status === "ready" && sub.status === "ready";
    },

    /**
     * Subscribes to a document's channel. Resolves true once the subscription is live, false
     * if it is not (yet): then `onResubscribed` reports the document when it becomes live.
     * Never rejects.
     */
    async join(docName: string): Promise<boolean> {
      joined.add(docName);
      if (closed || sub.status !== "ready") return false; // onReady subscribes it
      try {
        await sub.subscribe(channelOf(docName));
        return true;
      } catch (error) {
        log.warn({ err: error, doc: docName }, "could not subscribe to a document");
        scheduleRetry();
        return false;
      }
    },

    /** Unsubscribes from a document's channel. */
    leave(docName: string): void {
      joined.delete(docName);
      missed.delete(docName);
      if (closed || sub.status !== "ready") return; // a new connection starts without it
      sub.unsubscribe(channelOf(docName)).catch(() => {});
    },

    publishUpdate(docName: string, update: Uint8Array): void {
      publish(docName, BUS_KIND.update, update);
    },
    publishAwareness(docName: string, update: Uint8Array): void {
      publish(docName, BUS_KIND.awareness, update);
    },
    publishReauthorize(docName: string, at: number): void {
      publish(docName, BUS_KIND.reauthorize, encodeReauthorize(at));
    },
    queryAwareness(docName: string): void {
      publish(docName, BUS_KIND.queryAwareness, new Uint8Array(0));
    },

    /**
     * Runs `work` holding a short lock (SET NX PX, released only by its owner). Does not run it
     * if another instance holds the lock or Redis cannot be reached.
     */
    async withLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<LockResult<T>> {
      const fullKey = `${prefix}:lock:${key}`;
      const token = crypto.randomBytes(16).toString("hex");
      let acquired: string | null;
      try {
        acquired = await pub.set(fullKey, token, "PX", ttlMs, "NX");
      } catch (error) {
        log.warn({ err: error, key: fullKey }, "could not take a redis lock");
        return { acquired: false, reason: "unavailable" };
      }
      if (acquired !== "OK") return { acquired: false, reason: "held" };
      try {
        return { acquired: true, value: await work() };
      } finally {
        await pub.eval(UNLOCK, 1, fullKey, token).catch(() => {}); // else it expires on its own
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      joined.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

export type RedisBus = ReturnType<typeof createRedisBus>;
