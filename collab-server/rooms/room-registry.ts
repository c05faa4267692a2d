import * as Y from "yjs";
import type { CollabStore } from "../persistence/store";
import type { CollabMetrics } from "../extensions/metrics";
import type { ReadModelFollowUp } from "./read-model-follow-up";
import { Room } from "./room";

/** Finds a loaded room by document name. */
export interface RoomLookup {
  loadedRoom(name: string): Room | undefined;
}

/**
 * Shares rooms with other instances (the Redis bridge). The registry calls it around each load
 * (subscribe first, then read the store, then apply what arrived meanwhile) and on unload.
 */
export interface RoomSharing {
  /** Subscribes to the document before it is read from the store. Never rejects. */
  join(name: string): Promise<void>;
  /** The load failed after `join`: unsubscribe. */
  joinFailed(name: string): void;
  /** The room is loaded and registered: apply what other instances sent meanwhile. */
  joined(room: Room): void;
  /** The room left memory: unsubscribe. */
  leave(name: string): void;
}

/** Why a room leaves memory; the one unload path differs only in what follows it. */
type UnloadReason = "idle" | "erased" | "shutdown";

/**
 * The rooms in memory: each document loaded once however many ask at the same time, held while a
 * server change or a connecting socket needs it, and unloaded by one path — when idle, when
 * erased, at shutdown.
 */
export class RoomRegistry implements RoomLookup {
  /** Loading or loaded, by document name: one load per document. */
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly loaded = new Map<string, Room>();
  /** Documents held in memory by work in progress (a socket being admitted, a server change). */
  private readonly holds = new Map<string, number>();

  constructor(
    private readonly store: CollabStore,
    private readonly metrics: CollabMetrics,
    private readonly sharing: RoomSharing | null,
    private readonly followUp: Pick<ReadModelFollowUp, "runNow" | "drop">,
    /** Called once an idle room has left memory (compaction folds a long log then). */
    private readonly afterIdleUnload: (room: Room) => void,
  ) {}

  get size(): number {
    return this.loaded.size;
  }

  loadedRoom(name: string): Room | undefined {
    return this.loaded.get(name);
  }

  loadedRooms(): IterableIterator<Room> {
    return this.loaded.values();
  }

  /** The room of a document, loading it if needed. A failed load rejects (and is retried by the next caller). */
  get(name: string): Promise<Room> {
    let pending = this.rooms.get(name);
    if (!pending) {
      pending = this.load(name).catch((error) => {
        this.rooms.delete(name);
        throw error;
      });
      this.rooms.set(name, pending);
    }
    return pending;
  }

  /** Keeps a document's room from unloading until `release` (counted). */
  hold(name: string): void {
    this.holds.set(name, (this.holds.get(name) ?? 0) + 1);
  }

  /** Ends a `hold`. Does not unload by itself: the caller calls `maybeUnload` when it is done. */
  release(name: string): void {
    this.holds.set(name, (this.holds.get(name) ?? 0) - 1);
    if (this.holds.get(name)! <= 0) this.holds.delete(name);
  }

  /** Runs `work` on the document's room, held in memory meanwhile; then unloads it if it is idle. */
  async withRoom<T>(name: string, work: (room: Room) => Promise<T> | T): Promise<T> {
    this.hold(name);
    try {
      return await work(await this.get(name));
    } finally {
      this.release(name);
      const room = this.loaded.get(name);
      if (room) this.maybeUnload(room);
    }
  }

  /** The document's stored state as one update (from memory when loaded, else from the store). */
  async readState(name: string): Promise<Uint8Array> {
    const loaded = this.loaded.get(name);
    if (loaded) return Y.encodeStateAsUpdate(loaded.doc);
    const stored = await this.store.load(name);
    return stored.updates.length ? Y.mergeUpdates(stored.updates) : Y.encodeStateAsUpdate(new Y.Doc());
  }

  /** Unloads a room once nobody is in it, nothing is waiting to be stored and nothing holds it. */
  maybeUnload(room: Room): void {
    // Not while a batch of its updates is being stored: the write queue calls again once it is applied.
    if (room.members.size > 0 || room.pending.length > 0 || room.inflightBytes > 0 || this.holds.has(room.name)) return;
    this.unload(room, "idle");
  }

  /**
   * Erases a document for good: what is pending for its room is written (`drain`), the room
   * unloads, then everything stored for it is deleted.
   */
  async erase(name: string, writes: { drain(room: Room): Promise<void> }): Promise<void> {
    // Held meanwhile, so the room cannot unload as idle (refreshing read models of a document
    // being erased) while its last writes drain.
    this.hold(name);
    try {
      const pending = this.rooms.get(name);
      const room = pending ? await pending.catch(() => null) : null;
      if (room) {
        await writes.drain(room);
        this.unload(room, "erased");
      }
    } finally {
      this.release(name);
    }
    await this.store.erase(name);
  }

  /** Shutdown: every loaded room's read models are refreshed and the room is dropped. */
  closeAll(): void {
    for (const room of this.loaded.values()) this.unload(room, "shutdown");
    this.rooms.clear();
  }

  private async load(name: string): Promise<Room> {
    const sharing = this.sharing;
    if (!sharing) {
      const room = await Room.load(name, this.store);
      this.register(room);
      return room;
    }
    // Subscribe first, then read the store: an update another instance stores in between
    // arrives on the channel (kept by the bridge) instead of falling into the gap.
    let room: Room;
    try {
      await sharing.join(name);
      room = await Room.load(name, this.store);
    } catch (error) {
      sharing.joinFailed(name);
      throw error;
    }
    this.register(room);
    sharing.joined(room);
    return room;
  }

  private register(room: Room): void {
    this.loaded.set(room.name, room);
    this.metrics.documents.set(this.loaded.size);
  }

  /**
   * The one way a room leaves memory. An idle room's read models are refreshed now and a long
   * log is compacted after; an erased document's refresh is dropped (nothing to project, nothing
   * to fold); at shutdown the refresh runs, nothing is compacted (the store closes next) and the
   * bridge is closed as a whole instead of room by room.
   */
  private unload(room: Room, reason: UnloadReason): void {
    if (this.loaded.get(room.name) !== room) return;
    this.loaded.delete(room.name);
    this.rooms.delete(room.name);
    if (reason !== "shutdown") this.sharing?.leave(room.name);
    if (reason === "erased") this.followUp.drop(room);
    else this.followUp.runNow(room);
    room.destroy();
    this.metrics.documents.set(this.loaded.size);
    if (reason === "idle") this.afterIdleUnload(room);
  }
}
