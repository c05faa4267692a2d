import type http from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import { pino } from "pino";
import { COLLAB_LIMITS, type CollabLimits } from "../app/collab/limits";
import { CLOSE } from "../app/collab/protocol";
import { parseDocumentName } from "../app/collab/names";
import { verifyCollabToken } from "../app/auth/collab-token.server";
import { allowedOrigin } from "../app/auth/origin.server";
import type { CollabStore } from "./persistence/store";
import { REMOTE, Room, type RoomMember } from "./rooms/room";
import { isAcceptableAwareness, isAcceptableUpdate } from "./protocol/validate";
import { takeToken } from "./extensions/rate-limit";
import { createMetrics } from "./extensions/metrics";
import { addsNothing, stateVectorFor } from "./rooms/coverage";
import { touchesRoot } from "./rooms/root-guard";
import { BUS_KIND, createRedisBus, decodeReauthorize, type BusKind, type RedisBus, type RedisBusConfig } from "./extensions/redis";
import {
  BadMessage,
  decodeClientMessage,
  encodeAwareness,
  encodeDurable,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  readAwarenessEntries,
  writeAwarenessEntries,
} from "./protocol/messages";

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

/** How long stored changes may wait before the read models are refreshed. */
const PROJECTION_DELAY_MS = 1000;

/** How many frames a connection may send before its token is checked and its room loaded. */
const MAX_EARLY_FRAMES = 64;
/** Client ids one connection may speak for in awareness (one per document instance). */
const MAX_CLIENT_IDS = 4;
/** How long one instance may hold a document's compaction lock in Redis. */
const COMPACTION_LOCK_MS = 30_000;
/** A room catches up from the store at most this often when it notices a gap. */
const GAP_RESYNC_MS = 5_000;

/**
 * One socket. Kept small on purpose (there is one per open tab): no timer, no token-bucket
 * object, no claims object, no buffer array once authenticated.
 */
class Connection implements RoomMember {
  room: Room | null = null;
  /** From the token, once checked: its document, write access, when it was issued and expires. */
  doc: string | null = null;
  canWrite = false;
  /** A facilitator's token: may change the board's guarded settings. */
  facilitate = false;
  issuedAt = 0;
  expiresAt = Infinity;
  readonly clientIds = new Set<number>();
  /** Frames that arrived before the token was checked and the room loaded. */
  early: Uint8Array[] | null = null;
  alive = true;
  closed = false;
  /** Asked for our durable-state message (`?durable=1`); plain y-websocket clients did not. */
  wantsDurable = false;
  /** Rate-limit state (extensions/rate-limit.ts `takeToken`). */
  tokens: number;
  last = Date.now();
  constructor(
    readonly ws: WebSocket,
    burst: number,
  ) {
    this.tokens = burst;
  }
  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame, { binary: true });
  }
}

/** Shared by every socket: an error is followed by a close, handled there. */
const ignoreError = () => {};

/**
 * The collaboration server: y-websocket protocol, token auth, persist-before-broadcast,
 * limits, heartbeats, metrics. Mount it on any HTTP server with `handleUpgrade`.
 */
export function createCollabServer(options: CollabServerOptions) {
  const limits: CollabLimits = { ...COLLAB_LIMITS, ...options.limits };
  const prefix = options.pathPrefix ?? "/collab";
  const log = options.log ?? pino({ level: "silent" });
  const store = options.store;
  const metrics = createMetrics();
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  const rooms = new Map<string, Promise<Room>>();
  const loadedRooms = new Map<string, Room>();
  const holds = new Map<string, number>();
  const connections = new Set<Connection>();
  const dirtyRooms = new Set<Room>();
  const awarenessRooms = new Set<Room>();
  let closing = false;

  // ---- other instances (Redis) ----------------------------------------------------------
  /** Rooms being loaded: what other instances sent meanwhile, applied once the load is done. */
  const loading = new Map<string, { messages: Array<{ kind: BusKind; payload: Uint8Array }>; resync: boolean }>();
  const resyncing = new Set<string>();
  const lastGapResync = new Map<string, number>();
  const redisConfig = typeof options.redis === "string" ? { url: options.redis } : options.redis;
  const bus: RedisBus | null = redisConfig
    ? createRedisBus({
        ...redisConfig,
        log,
        onMessage(docName, kind, payload) {
          if (kind === BUS_KIND.reauthorize) {
            const at = decodeReauthorize(payload);
            if (at !== null) revokeHere(docName, at);
            return;
          }
          const pendingLoad = loading.get(docName);
          if (pendingLoad) pendingLoad.messages.push({ kind, payload });
          else {
            const room = loadedRooms.get(docName);
            if (room) onRemote(room, kind, payload, false);
          }
        },
        onResubscribed(docNames) {
          // Messages may have been missed while unsubscribed: catch up from the store.
          for (const name of docNames) {
            const pendingLoad = loading.get(name);
            if (pendingLoad) pendingLoad.resync = true;
            else if (loadedRooms.has(name)) {
              void resync(name);
              bus?.queryAwareness(name);
            }
          }
        },
      })
    : null;

  function onRemote(room: Room, kind: BusKind, payload: Uint8Array, buffered: boolean): void {
    switch (kind) {
      case BUS_KIND.update:
        applyRemoteUpdate(room, payload, !buffered);
        if (room.doc.store.pendingStructs || room.doc.store.pendingDs) {
          // A gap: an update we never received. The store has it.
          const last = lastGapResync.get(room.name) ?? 0;
          if (Date.now() - last >= GAP_RESYNC_MS) {
            lastGapResync.set(room.name, Date.now());
            void resync(room.name);
          }
        }
        return;
      case BUS_KIND.awareness:
        room.applyAwareness(payload, REMOTE);
        scheduleAwareness(room);
        return;
      case BUS_KIND.queryAwareness: {
        const ids = new Set<number>();
        for (const member of room.members) if (member instanceof Connection) for (const id of member.clientIds) ids.add(id);
        const own = room.awarenessOf(ids);
        if (own) bus?.publishAwareness(room.name, own);
        return;
      }
      case BUS_KIND.resync:
        void resync(room.name);
        return;
      case BUS_KIND.reauthorize:
        return; // handled on arrival, loaded or not (see onMessage)
    }
  }

  /**
   * Applies an update another instance (or the store) already holds durably: no re-persisting,
   * no re-publishing; local members get whatever was new to this room.
   */
  function applyRemoteUpdate(room: Room, update: Uint8Array, countAsStored: boolean): boolean {
    const fresh: Uint8Array[] = [];
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) fresh.push(u);
    };
    room.doc.on("update", capture);
    try {
      Y.applyUpdate(room.doc, update, REMOTE);
    } finally {
      room.doc.off("update", capture);
    }
    if (countAsStored || fresh.length) {
      room.storedBytes += update.byteLength;
      room.logCount += 1;
    }
    if (!fresh.length) return false;
    const frame = encodeUpdate(fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh));
    for (const member of room.members) member.send(frame);
    return true;
  }

  /** Catches a loaded room up with the store (after missed messages). */
  async function resync(name: string): Promise<void> {
    const room = loadedRooms.get(name);
    if (!room || resyncing.has(name)) return;
    resyncing.add(name);
    try {
      const loaded = await store.load(name);
      if (loadedRooms.get(name) !== room || !loaded.updates.length) return;
      applyRemoteUpdate(room, Y.mergeUpdates(loaded.updates), false);
      room.storedBytes = loaded.storedBytes;
      room.logCount = loaded.logCount;
    } catch (error) {
      log.warn({ err: error, doc: name }, "could not catch up with the store");
    } finally {
      resyncing.delete(name);
    }
  }

  function close(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    metrics.rejected.inc({ reason: String(code) });
    log.info({ code, reason, doc: conn.room?.name }, "closing collab connection");
    conn.ws.close(code, reason.slice(0, 120));
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => conn.ws.terminate(), 5000).unref();
  }

  // ---- rooms ------------------------------------------------------------------------
  function getRoom(name: string): Promise<Room> {
    let pending = rooms.get(name);
    if (!pending) {
      pending = loadRoom(name).then(
        (room) => room,
        (error) => {
          rooms.delete(name);
          throw error;
        },
      );
      rooms.set(name, pending);
    }
    return pending;
  }

  async function loadRoom(name: string): Promise<Room> {
    if (!bus) {
      const room = await Room.load(name, store);
      loadedRooms.set(name, room);
      metrics.documents.set(loadedRooms.size);
      return room;
    }
    // Subscribe first, then read the store: an update another instance stores in between
    // arrives on the channel (buffered here) instead of falling into the gap.
    const early = { messages: [] as Array<{ kind: BusKind; payload: Uint8Array }>, resync: false };
    loading.set(name, early);
    let room: Room;
    try {
      const live = await bus.join(name);
      if (!live) early.resync = true; // no subscription yet: catch up once it is live
      room = await Room.load(name, store);
    } catch (error) {
      loading.delete(name);
      bus.leave(name);
      throw error;
    }
    loading.delete(name);
    loadedRooms.set(name, room);
    metrics.documents.set(loadedRooms.size);
    for (const m of early.messages) {
      try {
        onRemote(room, m.kind, m.payload, true);
      } catch (error) {
        log.error({ err: error, doc: name }, "could not apply a message from another instance");
      }
    }
    if (early.resync && bus.ready) void resync(name);
    bus.queryAwareness(name);
    return room;
  }

  function hold(name: string, delta: number): void {
    holds.set(name, (holds.get(name) ?? 0) + delta);
    if (holds.get(name)! <= 0) holds.delete(name);
  }

  /** Unloads a room once nobody is in it, nothing is pending and no server change holds it. */
  // ---- read models: refreshed from stored state, debounced per document ---------------
  const projectionTimers = new Map<Room, NodeJS.Timeout>();
  function projectNow(room: Room): void {
    const timer = projectionTimers.get(room);
    if (!timer) return;
    clearTimeout(timer);
    projectionTimers.delete(room);
    try {
      void Promise.resolve(options.afterStore?.(room.name, room.doc)).catch((error) => log.error({ err: error, doc: room.name }, "read-model refresh failed"));
    } catch (error) {
      log.error({ err: error, doc: room.name }, "read-model refresh failed");
    }
  }
  function scheduleProjection(room: Room): void {
    if (!options.afterStore || projectionTimers.has(room)) return;
    projectionTimers.set(room, setTimeout(() => projectNow(room), PROJECTION_DELAY_MS));
  }

  function maybeUnload(room: Room): void {
    if (room.members.size > 0 || room.pending.length > 0 || dirtyRooms.has(room) || holds.has(room.name)) return;
    if (loadedRooms.get(room.name) !== room) return;
    loadedRooms.delete(room.name);
    rooms.delete(room.name);
    bus?.leave(room.name);
    lastGapResync.delete(room.name);
    projectNow(room);
    room.destroy();
    metrics.documents.set(loadedRooms.size);
    if (room.logCount >= limits.compactAfterUpdates) void compact(room.name);
  }

  // ---- access changes ------------------------------------------------------------------
  /** Per document: tokens issued before this time are refused (access changed since). */
  const notBefore = new Map<string, number>();
  function revokeHere(docName: string, at: number): void {
    notBefore.set(docName, Math.max(at, notBefore.get(docName) ?? 0));
    // Tokens live ≤ 10 minutes: after that every older token has expired anyway.
    setTimeout(() => {
      if (notBefore.get(docName) === at) notBefore.delete(docName);
    }, limits.tokenSeconds * 1000 + 1000).unref();
    for (const conn of connections) {
      if (conn.doc === docName && conn.issuedAt < at) close(conn, CLOSE.accessChanged, "access changed");
    }
  }

  // ---- persistence: append, then apply, then broadcast --------------------------------
  let flushQueued = false;
  let flushing: Promise<void> | null = null;

  function scheduleFlush(): void {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      if (flushing) return; // the running flush picks the rest up when it ends
      flushing = flush()
        .catch((error) => log.error({ err: error }, "flush failed"))
        .finally(() => {
        flushing = null;
        if (dirtyRooms.size) scheduleFlush();
      });
    });
  }

  async function flush(): Promise<void> {
    const batch = [...dirtyRooms].map((room) => {
      const items = room.pending;
      room.pending = [];
      // Still counted against the document's size limit while the append runs.
      const bytes = items.reduce((n, i) => n + i.update.byteLength, 0);
      room.inflightBytes += bytes;
      return { room, items, bytes, merged: mergeOrDropBad(items) };
    }).filter((b) => b.items.length > 0);
    dirtyRooms.clear();
    if (!batch.length) return;
    const timer = metrics.persistSeconds.startTimer();
    try {
      await store.appendBatch(batch.map((b) => ({ docName: b.room.name, update: b.merged })));
    } catch (error) {
      // Nothing was applied: clients still hold their edits and resend them on reconnect.
      log.error({ err: error }, "could not store updates");
      for (const b of batch) {
        for (const item of b.items) {
          item.failed?.(error as Error);
          if (item.from instanceof Connection) close(item.from, CLOSE.loadFailed, "could not store the change; reconnecting");
        }
        maybeUnload(b.room);
      }
      return;
    } finally {
      timer();
      for (const b of batch) b.room.inflightBytes -= b.bytes;
    }
    for (const { room, items, merged } of batch) {
      metrics.updates.inc(items.length);
      metrics.bytesStored.inc(merged.byteLength);
      room.storedBytes += merged.byteLength;
      room.logCount += 1;
      try {
        Y.applyUpdate(room.doc, merged, "stored");
      } catch (error) {
        // Stored but not applicable here: never take the process down; clients resync from the store.
        log.error({ err: error, doc: room.name }, "stored update could not be applied");
      }
      const updateFrame = encodeUpdate(merged);
      for (const member of room.members) member.send(updateFrame);
      bus?.publishUpdate(room.name, merged);
      const senders = new Set(items.map((i) => i.from).filter((f): f is Connection => f instanceof Connection && f.wantsDurable));
      if (senders.size) {
        // Only the entries of the clients this batch carried: clients merge them into what they know.
        const durable = encodeDurable(stateVectorFor(room.doc, merged));
        for (const sender of senders) sender.send(durable);
      }
      for (const item of items) item.done?.();
      scheduleProjection(room);
      maybeUnload(room);
    }
  }

  /**
   * Merges a room's pending updates. Should one still not merge (it passed the check on
   * receipt), each is tried alone and the ones that fail are dropped and their senders closed:
   * nothing unmergeable is ever stored, so a stored document always loads.
   */
  function mergeOrDropBad(items: Room["pending"]): Uint8Array {
    try {
      return Y.mergeUpdates(items.map((i) => i.update));
    } catch {
      const good = items.filter((item) => {
        if (isAcceptableUpdate(item.update)) return true;
        {
          item.failed?.(new Error("malformed update"));
          if (item.from instanceof Connection) close(item.from, CLOSE.badMessage, "bad message: malformed update");
          return false;
        }
      });
      items.splice(0, items.length, ...good);
      return Y.mergeUpdates(good.map((i) => i.update));
    }
  }

  function enqueue(room: Room, update: Uint8Array, from: Connection | null, done?: () => void, failed?: (e: Error) => void): void {
    room.pending.push({ update, from, done, failed });
    dirtyRooms.add(room);
    scheduleFlush();
  }

  // ---- awareness: coalesced per tick, so N clients do not cause N² frames ------------
  let awarenessQueued = false;
  function scheduleAwareness(room: Room): void {
    awarenessRooms.add(room);
    if (awarenessQueued) return;
    awarenessQueued = true;
    setImmediate(() => {
      awarenessQueued = false;
      for (const r of awarenessRooms) {
        if (bus) {
          const own = r.takeOwnAwarenessUpdate();
          if (own) bus.publishAwareness(r.name, own); // what other instances' members should see
        } else r.awarenessChangedHere.clear();
        const update = r.takeAwarenessUpdate();
        if (!update) continue;
        const frame = encodeAwareness(update);
        for (const member of r.members) member.send(frame);
      }
      awarenessRooms.clear();
    });
  }

  function handleAwareness(conn: Connection, room: Room, update: Uint8Array): void {
    const entries = readAwarenessEntries(update);
    if (entries.some((e) => !isAcceptableAwareness(e.clock, e.state))) throw new BadMessage("awareness state too large or too deep");
    if (conn.clientIds.size === 0) {
      // Claim only ids nobody in the room speaks for yet: nobody can take over another's presence.
      const taken = new Set<number>();
      for (const member of room.members) if (member instanceof Connection && member !== conn) for (const id of member.clientIds) taken.add(id);
      for (const e of entries.slice(0, MAX_CLIENT_IDS)) if (!taken.has(e.clientId) && !room.awareness.states.has(e.clientId)) conn.clientIds.add(e.clientId);
    }
    // A connection speaks only for its own clients: no spoofing other people's presence.
    const own = entries.filter((e) => conn.clientIds.has(e.clientId));
    if (!own.length) return;
    room.applyAwareness(own.length === entries.length ? update : writeAwarenessEntries(own), conn);
    scheduleAwareness(room);
  }

  // ---- messages ------------------------------------------------------------------------
  function handleFrame(conn: Connection, frame: Uint8Array): void {
    const room = conn.room!;
    const message = decodeClientMessage(frame);
    switch (message.type) {
      case "sync-step-1": {
        let diff: Uint8Array;
        try {
          diff = Y.encodeStateAsUpdate(room.doc, message.stateVector);
        } catch {
          throw new BadMessage("malformed state vector");
        }
        conn.send(encodeSyncStep2(diff));
        if (conn.wantsDurable) conn.send(encodeDurable(Y.encodeStateVector(room.doc)));
        return;
      }
      case "update": {
        if (!conn.canWrite) return; // read-only: received, never applied
        if (!isAcceptableUpdate(message.update)) throw new BadMessage("malformed update");
        if (!conn.facilitate && room.guardedRoots.size && touchesRoot(room.doc, message.update, room.guardedRoots)) {
          close(conn, CLOSE.forbiddenChange, "only facilitators may change this part of the document");
          return;
        }
        const pendingBytes = room.pending.reduce((n, p) => n + p.update.byteLength, 0);
        if (room.storedBytes + room.inflightBytes + pendingBytes + message.update.byteLength > limits.maxDocumentBytes) {
          close(conn, CLOSE.documentTooLarge, `document would exceed ${limits.maxDocumentBytes} bytes`);
          return;
        }
        if (!room.pending.length && addsNothing(room.doc, message.update)) {
          // Already stored (e.g. a joining client's sync reply): nothing to store or broadcast.
          if (conn.wantsDurable) conn.send(encodeDurable(stateVectorFor(room.doc, message.update)));
          return;
        }
        enqueue(room, message.update, conn);
        return;
      }
      case "awareness":
        handleAwareness(conn, room, message.update);
        return;
      case "query-awareness": {
        const all = room.fullAwareness();
        if (all) conn.send(encodeAwareness(all));
        return;
      }
      case "auth":
        return;
    }
  }

  function onMessage(conn: Connection, data: RawData): void {
    if (conn.closed) return;
    conn.alive = true;
    if (Date.now() >= conn.expiresAt) {
      close(conn, CLOSE.tokenExpired, "token expired");
      return;
    }
    if (!takeToken(conn, limits.messagesPerSecond, limits.messageBurst)) {
      close(conn, CLOSE.rateLimited, "too many messages");
      return;
    }
    const frame = toBytes(data);
    if (!conn.room) {
      const early = (conn.early ??= []);
      if (early.length >= MAX_EARLY_FRAMES) close(conn, CLOSE.badMessage, "too many messages before authentication");
      else early.push(frame);
      return;
    }
    try {
      handleFrame(conn, frame);
    } catch (error) {
      // Whatever failed, it failed on this connection's frame: only this connection closes.
      if (!(error instanceof BadMessage)) log.warn({ err: error }, "collab frame could not be handled");
      close(conn, CLOSE.badMessage, `bad message: ${error instanceof BadMessage ? error.message : "could not be handled"}`);
    }
  }

  async function onConnection(ws: WebSocket, req: http.IncomingMessage, docName: string | null, token: string | null, wantsDurable: boolean) {
    const conn = new Connection(ws, limits.messageBurst);
    conn.wantsDurable = wantsDurable;
    connections.add(conn);
    metrics.connections.set(connections.size);
    ws.on("message", (data) => onMessage(conn, data));
    ws.on("pong", () => (conn.alive = true));
    ws.on("error", ignoreError); // e.g. a frame over maxPayload: ws closes with 1009 itself
    ws.on("close", () => onClose(conn));

    if (closing) return close(conn, CLOSE.restart, "server restarting");
    const origin = req.headers.origin;
    const own = `http://${req.headers.host ?? ""}`;
    if (origin && !allowedOrigin(origin, own, options.allowedOrigins ?? []) && !allowedOrigin(origin, own.replace("http:", "https:"), [])) {
      return close(conn, CLOSE.forbidden, "origin not allowed");
    }
    if (!docName || !parseDocumentName(docName)) return close(conn, CLOSE.forbidden, "unknown document");
    if (!token) return close(conn, CLOSE.unauthorized, "missing token");
    const verified = await verifyCollabToken(options.secret, token);
    if (!verified.ok) return close(conn, verified.reason === "expired" ? CLOSE.tokenExpired : CLOSE.unauthorized, verified.reason === "expired" ? "token expired" : "invalid token");
    if (verified.claims.doc !== docName) return close(conn, CLOSE.forbidden, "token is for another document");
    if (verified.claims.issuedAt < (notBefore.get(docName) ?? 0)) return close(conn, CLOSE.accessChanged, "access changed");
    // What the connection needs of the claims; no timer per connection (the expiry sweep closes it).
    conn.doc = docName;
    conn.canWrite = verified.claims.access === "read-write";
    conn.facilitate = verified.claims.facilitate;
    conn.issuedAt = verified.claims.issuedAt;
    conn.expiresAt = verified.claims.expiresAt;

    let room: Room;
    hold(docName, 1);
    try {
      room = await getRoom(docName);
    } catch (error) {
      log.error({ err: error, doc: docName }, "could not load document");
      return close(conn, CLOSE.loadFailed, "document could not be loaded");
    } finally {
      hold(docName, -1);
    }
    if (conn.closed) return maybeUnload(room);
    conn.room = room;
    conn.doc = room.name; // the room's string: none kept per connection
    room.members.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(room.doc)));
    const awareness = room.fullAwareness();
    if (awareness) conn.send(encodeAwareness(awareness));
    const early = conn.early;
    conn.early = null;
    for (const frame of early ?? []) {
      if (conn.closed) break;
      onMessageAuthed(conn, frame);
    }
  }

  function onMessageAuthed(conn: Connection, frame: Uint8Array): void {
    try {
      handleFrame(conn, frame);
    } catch (error) {
      close(conn, CLOSE.badMessage, error instanceof BadMessage ? `bad message: ${error.message}` : "bad message");
    }
  }

  function onClose(conn: Connection): void {
    conn.closed = true;
    connections.delete(conn);
    metrics.connections.set(connections.size);
    const room = conn.room;
    if (!room) return;
    room.members.delete(conn);
    room.removeAwareness(conn.clientIds);
    scheduleAwareness(room);
    maybeUnload(room);
  }

  // ---- hygiene: heartbeats and compaction ------------------------------------------
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, limits.pingIntervalMs);
  heartbeat.unref();

  // Token expiry: one sweep a second over all connections instead of a timer each (timers with
  // distinct durations also cost Node one timer list each).
  const expirySweep = setInterval(() => {
    const now = Date.now();
    for (const conn of connections) if (now >= conn.expiresAt) close(conn, CLOSE.tokenExpired, "token expired");
  }, 1000);
  expirySweep.unref();

  async function compact(name: string): Promise<number> {
    try {
      let snapshotBytes = 0;
      const storedBefore = loadedRooms.get(name)?.storedBytes ?? 0;
      const fold = () =>
        store.compact(name, (updates) => {
          const doc = new Y.Doc();
          for (const u of updates) Y.applyUpdate(doc, u);
          const state = Y.encodeStateAsUpdate(doc);
          doc.destroy();
          snapshotBytes = state.byteLength;
          return state;
        });
      let folded: number;
      if (bus) {
        // One instance compacts a document at a time, whatever the store.
        const locked = await bus.withLock(`compact:${name}`, COMPACTION_LOCK_MS, fold);
        if (!locked.acquired) {
          log.info({ doc: name, reason: locked.reason }, "compaction skipped: lock not taken");
          return 0;
        }
        folded = locked.value;
      } else folded = await fold();
      const room = loadedRooms.get(name);
      if (room && folded) {
        room.logCount = 0;
        // The size limit counts what is stored now: the snapshot plus whatever came after it.
        room.storedBytes = snapshotBytes + Math.max(0, room.storedBytes - storedBefore);
      }
      return folded;
    } catch (error) {
      log.error({ err: error, doc: name }, "compaction failed");
      return 0;
    }
  }

  const compactor = setInterval(async () => {
    for (const name of await store.compactionCandidates(limits.compactAfterUpdates).catch(() => [])) await compact(name);
  }, 60_000);
  compactor.unref();

  // ---- the public face ---------------------------------------------------------------
  return {
    /** The limits this server enforces (frame and document size, rates). */
    limits,
    metrics,
    /** Takes the upgrade if the URL is ours (returns false otherwise). */
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(`${prefix}/`)) return false;
      let docName: string | null = null;
      try {
        docName = decodeURIComponent(url.pathname.slice(prefix.length + 1));
      } catch {
        docName = null;
      }
      const token = url.searchParams.get("token");
      const wantsDurable = url.searchParams.get("durable") === "1";
      wss.handleUpgrade(req, socket, head, (ws) => void onConnection(ws, req, docName, token, wantsDurable));
      return true;
    },

    /** Mounts the server on an HTTP server's upgrade event. */
    attach(server: http.Server): void {
      server.on("upgrade", (req, socket, head) => {
        if (!this.handleUpgrade(req, socket, head)) socket.destroy();
      });
    },

    /**
     * Applies a server-originated edit (e.g. an approved idea appearing on a board) through the
     * same path as client edits: stored, then applied and broadcast. Resolves once durable.
     */
    async applyServerChange(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
      if (!parseDocumentName(docName)) throw new BadMessage(`not a document name: ${docName}`);
      hold(docName, 1);
      try {
        const room = await getRoom(docName);
        const scratch = new Y.Doc();
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
        const captured: Uint8Array[] = [];
        scratch.on("update", (u: Uint8Array) => captured.push(u));
        scratch.transact(() => change(scratch), "server");
        scratch.destroy();
        if (!captured.length) return;
        await new Promise<void>((resolve, reject) => enqueue(room, Y.mergeUpdates(captured), null, resolve, reject));
      } finally {
        hold(docName, -1);
        const room = loadedRooms.get(docName);
        if (room) maybeUnload(room);
      }
    },

    /**
     * Stores and broadcasts an update made elsewhere (the app's `applyServerChange` when this
     * server runs in another process). Resolves once durable; rejects a malformed or oversized one.
     */
    async applyUpdate(docName: string, update: Uint8Array): Promise<void> {
      if (!parseDocumentName(docName)) throw new BadMessage(`not a document name: ${docName}`);
      if (!isAcceptableUpdate(update)) throw new BadMessage("malformed update");
      hold(docName, 1);
      try {
        const room = await getRoom(docName);
        if (room.storedBytes + room.inflightBytes + update.byteLength > limits.maxDocumentBytes) throw new BadMessage("document would be too large");
        if (addsNothing(room.doc, update)) return;
        await new Promise<void>((resolve, reject) => enqueue(room, update, null, resolve, reject));
      } finally {
        hold(docName, -1);
        const room = loadedRooms.get(docName);
        if (room) maybeUnload(room);
      }
    },

    /** The document's stored state as one update (from memory when loaded, else from the store). */
    async readDocument(docName: string): Promise<Uint8Array> {
      if (!parseDocumentName(docName)) throw new BadMessage(`not a document name: ${docName}`);
      const loaded = loadedRooms.get(docName);
      if (loaded) return Y.encodeStateAsUpdate(loaded.doc);
      const stored = await store.load(docName);
      return stored.updates.length ? Y.mergeUpdates(stored.updates) : Y.encodeStateAsUpdate(new Y.Doc());
    },

    /**
     * Access to a document changed: close its connections (here, and on other instances
     * through Redis) so they fetch a new token, and refuse tokens issued before now.
     */
    async reauthorize(docName: string): Promise<void> {
      if (!parseDocumentName(docName)) throw new BadMessage(`not a document name: ${docName}`);
      const at = Date.now();
      revokeHere(docName, at);
      bus?.publishReauthorize(docName, at);
    },

    /** Folds a document's log into its snapshot now (deleted content does not survive it). */
    compact,

    /**
     * Erases a document for good (the text of a story whose consent was withdrawn): everyone
     * connected is disconnected, here and on other instances, what is pending is written, then
     * its stored log and snapshot are deleted and the room is dropped from memory. The caller
     * first removes the record tokens are issued for, so nobody can reconnect to it.
     */
    async erase(docName: string): Promise<void> {
      if (!parseDocumentName(docName)) throw new BadMessage(`not a document name: ${docName}`);
      const at = Date.now();
      revokeHere(docName, at);
      bus?.publishReauthorize(docName, at);
      const pending = rooms.get(docName);
      const room = pending ? await pending.catch(() => null) : null;
      if (room) {
        while (room.pending.length > 0 || dirtyRooms.has(room) || room.inflightBytes > 0) {
          await flush();
          if (flushing) await flushing.catch(() => {});
          if (room.inflightBytes > 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        if (loadedRooms.get(docName) === room) {
          loadedRooms.delete(docName);
          rooms.delete(docName);
          bus?.leave(docName);
          lastGapResync.delete(docName);
          const timer = projectionTimers.get(room);
          if (timer) clearTimeout(timer);
          projectionTimers.delete(room);
          room.destroy();
          metrics.documents.set(loadedRooms.size);
        }
      }
      await store.erase(docName);
    },

    health(): { status: "ok" | "closing"; connections: number; documents: number; redisReady?: boolean } {
      const health = { status: closing ? ("closing" as const) : ("ok" as const), connections: connections.size, documents: loadedRooms.size };
      return bus ? { ...health, redisReady: bus.ready } : health;
    },

    metricsText(): Promise<string> {
      return metrics.registry.metrics();
    },

    /** Graceful stop: refuse new sockets, store what is pending, close clients with 1012. */
    async close(): Promise<void> {
      closing = true;
      clearInterval(heartbeat);
      clearInterval(expirySweep);
      clearInterval(compactor);
      while (flushing || dirtyRooms.size) {
        if (!flushing) scheduleFlush();
        await (flushing ?? new Promise((r) => setImmediate(r)));
      }
      if (bus) {
        // Our clients' presence leaves the other instances now (they reconnect elsewhere).
        for (const room of loadedRooms.values()) {
          for (const member of room.members) if (member instanceof Connection) room.removeAwareness(member.clientIds);
          const own = room.takeOwnAwarenessUpdate();
          if (own) bus.publishAwareness(room.name, own);
        }
      }
      for (const conn of connections) close(conn, CLOSE.restart, "server restarting");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const room of loadedRooms.values()) {
        projectNow(room);
        room.destroy();
      }
      loadedRooms.clear();
      rooms.clear();
      await bus?.close();
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
