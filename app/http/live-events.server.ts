/**
 * "Something changed" signals for pages that show relational data live (a story being coded by
 * several people at once). A signal carries only a topic and an event name — never content: a
 * page that hears one reloads its data through its own loader, which checks access and redacts.
 *
 * In one process the signals go through an EventEmitter; with REDIS_URL they also go through
 * Redis pub/sub, so a page served by one web instance hears changes made through another.
 */
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { env } from "~/config/env.server";

const CHANNEL = "coproduce:live";
const TOPIC = /^[a-z]+:[A-Za-z0-9_-]{1,64}$/;
const EVENT = /^[a-z][a-z.-]{0,39}$/;

/** `closers`: one per open live stream, so a shutting-down server can end them (they never end on their own). */
type Hub = { emitter: EventEmitter; instance: string; redis: { pub: Redis; sub: Redis } | null; started: boolean; closers: Set<() => void> };

// On globalThis, so a dev-mode rebuild of the server bundle keeps one hub (and one Redis pair).
const holder = globalThis as unknown as { __coproduceLive?: Hub };

function hub(): Hub {
  if (holder.__coproduceLive) return holder.__coproduceLive;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open page
  const created: Hub = { emitter, instance: crypto.randomBytes(8).toString("hex"), redis: null, started: false, closers: new Set() };
  holder.__coproduceLive = created;
  const url = env().REDIS_URL;
  if (url) {
    // Both queue what is sent while (re)connecting — the first signals of a process go out while
    // its connection is still being made — and give up on a command after one failed retry.
    const options = { enableOfflineQueue: true, maxRetriesPerRequest: 1, retryStrategy: (times: number) => Math.min(times * 100, 2000), lazyConnect: false };
    const pub = new Redis(url, { ...options, connectionName: "coproduce-live-pub" });
    const sub = new Redis(url, { ...options, connectionName: "coproduce-live-sub" });
    // Trouble with Redis must never take the web server down: this instance still hears its own
    // changes. It is said once per outage, not swallowed.
    let down = false;
    const onError = (error: Error) => {
      if (down) return;
      down = true;
      console.error(`live signals: Redis unreachable (${error.message}); other instances will not hear this one's changes until it is back`);
    };
    pub.on("error", onError);
    sub.on("error", onError);
    pub.on("ready", () => {
      down = false;
    });
    sub.subscribe(CHANNEL).catch(() => {});
    sub.on("message", (_channel: string, raw: string) => {
      try {
        const message = JSON.parse(raw) as { topic?: unknown; event?: unknown; from?: unknown };
        if (message.from === created.instance) return;
        if (typeof message.topic === "string" && typeof message.event === "string" && TOPIC.test(message.topic) && EVENT.test(message.event)) {
          emitter.emit(message.topic, message.event);
        }
      } catch {
        // Not ours, or damaged: ignore.
      }
    });
    created.redis = { pub, sub };
  }
  return created;
}

/** Tells every page listening on `topic` (here and on other instances) that `event` happened. */
export function publishLive(topic: string, event: string): void {
  if (!TOPIC.test(topic) || !EVENT.test(event)) throw new Error(`bad live topic or event: ${topic} ${event}`);
  const h = hub();
  h.emitter.emit(topic, event);
  h.redis?.pub.publish(CHANNEL, JSON.stringify({ topic, event, from: h.instance })).catch(() => {});
}

/** Listens on a topic; returns the function that stops listening. */
export function subscribeLive(topic: string, listener: (event: string) => void): () => void {
  const h = hub();
  h.emitter.on(topic, listener);
  return () => h.emitter.off(topic, listener);
}

/**
 * Ends every open live stream of this process (at shutdown: browsers reconnect to another
 * instance). The streams are kept on the hub (on globalThis), since the server's entry and the
 * app's build are separate module instances.
 */
export function closeLiveStreams(): void {
  for (const close of [...hub().closers]) close();
}

/** The topic of one story: its coding, its consent (withdrawal), its identifiers. */
export const storyTopic = (storyId: string) => `story:${storyId}`;
/** The topic of a locality's analysis (codebook, counts). */
export const analysisTopic = (localityId: string) => `analysis:${localityId}`;

/** How often an idle live stream sends a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/**
 * A `text/event-stream` of a topic's live signals (`event: changed`), with a heartbeat comment
 * every 25 s, closed when the browser goes away. Signals carry no content: the page reloads its
 * own loader, which checks access and redacts again.
 */
export function liveEventStream(request: Request, topics: readonly string[]): Response {
  // Only an EventSource gets the stream; anything else (a `.data` request for this route, a plain
  // fetch) would hold a connection open for nothing: answer at once.
  if (!/(^|,)\s*text\/event-stream\b/i.test(request.headers.get("Accept") ?? "")) {
    throw new Response("Not Acceptable: this address is an event stream (Accept: text/event-stream)", {
      status: 406,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const encoder = new TextEncoder();
  const streams = hub().closers;
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (chunk: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop();
        }
      };
      const unsubscribe = topics.map((topic) => subscribeLive(topic, (event) => send(`event: ${event}\ndata: ${event}\n\n`)));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const onAbort = () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      };
      stop = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        for (const u of unsubscribe) u();
        request.signal.removeEventListener("abort", onAbort);
        streams.delete(onAbort);
      };
      request.signal.addEventListener("abort", onAbort);
      streams.add(onAbort);
      // Reconnect after 2 s when the connection drops; the first line opens the stream at once.
      send("retry: 2000\n: open\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
