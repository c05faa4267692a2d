import * as Y from "yjs";
import type { pino } from "pino";
import type { CollabStore } from "../persistence/store";
import { REMOTE, type Room } from "../rooms/room";
import type { RoomSharing } from "../rooms/room-registry";
import { encodeUpdate } from "../protocol/messages";
import { BUS_KIND, decodeReauthorize, type BusKind, type RedisBus } from "./redis";

/** A room catches up from the store at most this often when it notices a gap. */
const GAP_RESYNC_MS = 5_000;

/** What other instances sent while a room was loading, applied once the load is done. */
type EarlyMessages = { messages: Array<{ kind: BusKind; payload: Uint8Array }>; resync: boolean };

/**
 * The rooms this instance shares with others through Redis (the bus in redis.ts carries the
 * bytes): messages from other instances applied to the right room, buffered while it loads;
 * catching up from the store — the source of truth — after a gap or a lost subscription.
 */
export class RedisBridge implements RoomSharing {
  /** Rooms being loaded (subscribed, not yet read from the store). */
  private readonly loading = new Map<string, EarlyMessages>();
  /** Rooms loaded and subscribed: the registry's loaded rooms, joined and left with them. */
  private readonly rooms = new Map<string, Room>();
  private readonly resyncing = new Set<string>();
  private readonly lastGapResync = new Map<string, number>();

  constructor(
    private readonly bus: RedisBus,
    private readonly store: CollabStore,
    private readonly log: pino.Logger,
    private readonly access: { revoke(docName: string, at: number): void },
    private readonly awareness: { schedule(room: Room): void; ownClients(room: Room): Uint8Array | null },
  ) {}

  // ---- from the bus ----------------------------------------------------------------------
  onMessage(docName: string, kind: BusKind, payload: Uint8Array): void {
    if (kind === BUS_KIND.reauthorize) {
      const at = decodeReauthorize(payload);
      if (at !== null) this.access.revoke(docName, at);
      return;
    }
    const pendingLoad = this.loading.get(docName);
    if (pendingLoad) pendingLoad.messages.push({ kind, payload });
    else {
      const room = this.rooms.get(docName);
      if (room) this.onRemote(room, kind, payload, false);
    }
  }

  onResubscribed(docNames: string[]): void {
    // Messages may have been missed while unsubscribed: catch up from the store.
    for (const name of docNames) {
      const pendingLoad = this.loading.get(name);
      if (pendingLoad) pendingLoad.resync = true;
      else if (this.rooms.has(name)) {
        void this.resync(name);
        this.bus.queryAwareness(name);
      }
    }
  }

  // ---- the registry's loads and unloads (RoomSharing) ---------------------------------------
  async join(name: string): Promise<void> {
    const early: EarlyMessages = { messages: [], resync: false };
    this.loading.set(name, early);
    const live = await this.bus.join(name);
    if (!live) early.resync = true; // no subscription yet: catch up once it is live
  }

  joinFailed(name: string): void {
    this.loading.delete(name);
    this.bus.leave(name);
  }

  joined(room: Room): void {
    const name = room.name;
    const early = this.loading.get(name);
    this.loading.delete(name);
    this.rooms.set(name, room);
    for (const m of early?.messages ?? []) {
      try {
        this.onRemote(room, m.kind, m.payload, true);
      } catch (error) {
        this.log.error({ err: error, doc: name }, "could not apply a message from another instance");
      }
    }
    if (early?.resync && this.bus.ready) void this.resync(name);
    this.bus.queryAwareness(name);
  }

  leave(name: string): void {
    this.rooms.delete(name);
    this.bus.leave(name);
    this.lastGapResync.delete(name);
  }

  // ---- for the rest of the server -----------------------------------------------------------
  get ready(): boolean {
    return this.bus.ready;
  }

  async close(): Promise<void> {
    this.rooms.clear();
    await this.bus.close();
  }

  private onRemote(room: Room, kind: BusKind, payload: Uint8Array, buffered: boolean): void {
    switch (kind) {
      case BUS_KIND.update:
        this.applyRemoteUpdate(room, payload, !buffered);
        if (room.doc.store.pendingStructs || room.doc.store.pendingDs) {
          // A gap: an update we never received. The store has it.
          const last = this.lastGapResync.get(room.name) ?? 0;
          if (Date.now() - last >= GAP_RESYNC_MS) {
            this.lastGapResync.set(room.name, Date.now());
            void this.resync(room.name);
          }
        }
        return;
      case BUS_KIND.awareness:
        room.applyAwareness(payload, REMOTE);
        this.awareness.schedule(room);
        return;
      case BUS_KIND.queryAwareness: {
        const own = this.awareness.ownClients(room);
        if (own) this.bus.publishAwareness(room.name, own);
        return;
      }
      case BUS_KIND.resync:
        void this.resync(room.name);
        return;
      case BUS_KIND.reauthorize:
        return; // handled on arrival, loaded or not (see onMessage)
    }
  }

  /**
   * Applies an update another instance (or the store) already holds durably: no re-persisting,
   * no re-publishing; local members get whatever was new to this room.
   */
  private applyRemoteUpdate(room: Room, update: Uint8Array, countAsStored: boolean): boolean {
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
    room.gate.follow(update);
    const frame = encodeUpdate(fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh));
    for (const member of room.members) member.send(frame);
    return true;
  }

  /** Catches a loaded room up with the store (after missed messages). */
  private async resync(name: string): Promise<void> {
    const room = this.rooms.get(name);
    if (!room || this.resyncing.has(name)) return;
    this.resyncing.add(name);
    try {
      const loaded = await this.store.load(name);
      if (this.rooms.get(name) !== room || !loaded.updates.length) return;
      this.applyRemoteUpdate(room, Y.mergeUpdates(loaded.updates), false);
      room.storedBytes = loaded.storedBytes;
      room.logCount = loaded.logCount;
    } catch (error) {
      this.log.warn({ err: error, doc: name }, "could not catch up with the store");
    } finally {
      this.resyncing.delete(name);
    }
  }
}
