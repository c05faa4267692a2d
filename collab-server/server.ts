import type http from "node:http";
import type { Duplex } from "node:stream";
import type * as Y from "yjs";
import { pino } from "pino";
import { COLLAB_LIMITS, type CollabLimits } from "../app/collab/limits";
import { CLOSE } from "../app/collab/protocol";
import { parseDocumentName } from "../app/collab/names";
import type { CollabStore } from "./persistence/store";
import { WriteQueue } from "./persistence/write-queue";
import { Compaction } from "./persistence/compaction";
import { RoomRegistry } from "./rooms/room-registry";
import { AwarenessFanout } from "./rooms/awareness-fanout";
import { ReadModelFollowUp } from "./rooms/read-model-follow-up";
import { addsNothing } from "./rooms/coverage";
import { ConnectionPool } from "./connections/connection-pool";
import { Access } from "./connections/access";
import { Dispatcher } from "./connections/dispatch";
import { ConnectionLifecycle } from "./connections/lifecycle";
import { createMetrics } from "./extensions/metrics";
import { createRedisBus, type RedisBusConfig } from "./extensions/redis";
import { RedisBridge } from "./extensions/redis-bridge";
import { isAcceptableUpdate } from "./protocol/validate";
import { BadMessage } from "./protocol/messages";

export type CollabServerOptions = {
  store: CollabStore;
  /** The secret collab tokens are signed with (the app's SESSION_SECRET). */
  secret: string;
  limits?: Partial<CollabLimits>;
  /** Origins allowed besides the request's own host. */
  allowedOrigins?: readonly string[];
  /** URL prefix of document sockets: `<prefix>/<document name>?token=…`. */
  pathPrefix?: string;
  log?: pino.Logger;
  /**
   * Redis (an ioredis URL, or one with a channel/key prefix) to share rooms with other
   * instances: stored updates and awareness fan out over pub/sub, compaction takes a lock.
   */
  redis?: string | RedisBusConfig;
  /**
   * Called (at most once a second per document, and when it unloads) with a document's
   * stored state after changes were stored: the hook that refreshes read models.
   */
  afterStore?: (docName: string, doc: Y.Doc) => Promise<unknown> | unknown;
};

function assertDocumentName(docName: string): void {
  if (!parseDocumentName(docName)) throw new BadMessage(`not a document name: ${docName}`);
}

/**
 * The collaboration server: y-websocket protocol, token auth, persist-before-broadcast,
 * limits, heartbeats, metrics. Mount it on any HTTP server with `handleUpgrade`. Each part
 * (see README.md) owns its own state; this function only puts them together.
 */
export function createCollabServer(options: CollabServerOptions) {
  const limits: CollabLimits = { ...COLLAB_LIMITS, ...options.limits };
  const log = options.log ?? pino({ level: "silent" });
  const store = options.store;
  const metrics = createMetrics();
  const redisConfig = typeof options.redis === "string" ? { url: options.redis } : options.redis;

  // What other instances send goes to the bridge (created below, before any room joins the bus);
  // the other parts publish on the bus directly.
  const bus = redisConfig
    ? createRedisBus({
        ...redisConfig,
        log,
        onMessage: (docName, kind, payload) => bridge?.onMessage(docName, kind, payload),
        onResubscribed: (docNames) => bridge?.onResubscribed(docNames),
      })
    : null;
  const pool = new ConnectionPool(limits, metrics, log);
  const access = new Access(options.secret, options.allowedOrigins ?? [], limits.tokenSeconds, pool);
  const awareness = new AwarenessFanout(bus);
  const bridge = bus ? new RedisBridge(bus, store, log, access, awareness) : null;
  const followUp = new ReadModelFollowUp(options.afterStore, log);
  // Compaction looks rooms up in the registry, and folds an idle room's long log as it unloads.
  const rooms: RoomRegistry = new RoomRegistry(store, metrics, bridge, followUp, (room) => compaction.roomUnloaded(room));
  const compaction = new Compaction(store, bus, log, limits.compactAfterUpdates, rooms);
  const writes = new WriteQueue(store, metrics, log, pool, rooms, bus, followUp);
  const dispatch = new Dispatcher(limits, pool, writes, awareness, log);
  const sockets = new ConnectionLifecycle(options.pathPrefix ?? "/collab", limits, pool, access, rooms, awareness, dispatch, log);

  /** Access changed: close the document's older connections here and on other instances, refuse older tokens. */
  function reauthorizeEverywhere(docName: string): void {
    const at = Date.now();
    access.revoke(docName, at);
    bus?.publishReauthorize(docName, at);
  }

  return {
    /** The limits this server enforces (frame and document size, rates). */
    limits,
    metrics,
    /** Takes the upgrade if the URL is ours (returns false otherwise). */
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
      return sockets.handleUpgrade(req, socket, head);
    },

    /** Mounts the server on an HTTP server's upgrade event. */
    attach(server: http.Server): void {
      server.on("upgrade", (req, socket, head) => {
        if (!this.handleUpgrade(req, socket, head)) socket.destroy();
      });
    },

    /**
     * Applies a server-originated edit (e.g. an approved idea appearing on a board) through the
     * same path as client edits: stored, then applied and broadcast. Resolves once durable and
     * its read models are refreshed.
     */
    async applyServerChange(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
      assertDocumentName(docName);
      await rooms.withRoom(docName, async (room) => {
        const update = room.changeAsUpdate(change);
        if (update) await writes.submit(room, update);
        await followUp.flush(room);
      });
    },

    /**
     * Stores and broadcasts an update made elsewhere (the app's `applyServerChange` when this
     * server runs in another process). Resolves once durable and its read models are refreshed;
     * rejects a malformed or oversized one.
     */
    async applyUpdate(docName: string, update: Uint8Array): Promise<void> {
      assertDocumentName(docName);
      if (!isAcceptableUpdate(update)) throw new BadMessage("malformed update");
      await rooms.withRoom(docName, async (room) => {
        if (room.storedBytes + room.inflightBytes + update.byteLength > limits.maxDocumentBytes) throw new BadMessage("document would be too large");
        if (addsNothing(room.doc, update)) return;
        await writes.submit(room, update);
        await followUp.flush(room);
      });
    },

    /** The document's stored state as one update (from memory when loaded, else from the store). */
    async readDocument(docName: string): Promise<Uint8Array> {
      assertDocumentName(docName);
      return rooms.readState(docName);
    },

    /**
     * Access to a document changed: close its connections (here, and on other instances
     * through Redis) so they fetch a new token, and refuse tokens issued before now.
     */
    async reauthorize(docName: string): Promise<void> {
      assertDocumentName(docName);
      reauthorizeEverywhere(docName);
    },

    /** Folds a document's log into its snapshot now (deleted content does not survive it). */
    async compact(docName: string): Promise<number> {
      assertDocumentName(docName);
      return compaction.compact(docName);
    },

    /**
     * Erases a document for good (the text of a story whose consent was withdrawn): everyone
     * connected is disconnected, here and on other instances, what is pending is written, then
     * the room is dropped from memory and its stored log and snapshot are deleted. The caller
     * first removes the record tokens are issued for, so nobody can reconnect to it.
     */
    async erase(docName: string): Promise<void> {
      assertDocumentName(docName);
      reauthorizeEverywhere(docName);
      await rooms.erase(docName, writes);
    },

    health(): { status: "ok" | "closing"; connections: number; documents: number; redisReady?: boolean } {
      const health = { status: pool.closing ? ("closing" as const) : ("ok" as const), connections: pool.size, documents: rooms.size };
      return bus ? { ...health, redisReady: bus.ready } : health;
    },

    metricsText(): Promise<string> {
      return metrics.registry.metrics();
    },

    /** Graceful stop: refuse new sockets, store what is pending, close clients with 1012. */
    async close(): Promise<void> {
      pool.stop();
      compaction.stop();
      await writes.drainAll();
      awareness.withdraw(rooms.loadedRooms());
      pool.closeAll(CLOSE.restart, "server restarting");
      await sockets.close();
      rooms.closeAll();
      await bridge?.close();
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
