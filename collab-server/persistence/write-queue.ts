import * as Y from "yjs";
import type { pino } from "pino";
import { CLOSE } from "../../app/collab/protocol";
import type { CollabStore } from "./store";
import type { CollabMetrics } from "../extensions/metrics";
import type { RedisBus } from "../extensions/redis";
import { Connection } from "../connections/connection";
import type { ConnectionPool } from "../connections/connection-pool";
import type { Room } from "../rooms/room";
import type { ReadModelFollowUp } from "../rooms/read-model-follow-up";
import { stateVectorFor } from "../rooms/coverage";
import { encodeDurable, encodeUpdate } from "../protocol/messages";
import { isAcceptableUpdate } from "../protocol/validate";

/**
 * Durable before broadcast: updates wait in their room's `pending` queue, are appended to the
 * store together (every waiting room's, in one transaction, one batch at a time), and only then
 * applied to the room, sent to its members and other instances, and confirmed to their senders.
 */
export class WriteQueue {
  /** Rooms with updates in `pending`. */
  private readonly dirty = new Set<Room>();
  private flushQueued = false;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: CollabStore,
    private readonly metrics: CollabMetrics,
    private readonly log: pino.Logger,
    private readonly pool: Pick<ConnectionPool, "close">,
    private readonly rooms: { maybeUnload(room: Room): void },
    private readonly bus: Pick<RedisBus, "publishUpdate"> | null,
    private readonly followUp: Pick<ReadModelFollowUp, "schedule">,
  ) {}

  /** Queues an update for storing; `done` once it is durable, `failed` if it could not be stored. */
  enqueue(room: Room, update: Uint8Array, from: Connection | null, done?: () => void, failed?: (e: Error) => void): void {
    // A person's update went through the room's gate already; the server's own joins its copies here.
    if (!from) room.gate.follow(update);
    room.pending.push({ update, from, done, failed });
    room.pendingBytes += update.byteLength;
    this.dirty.add(room);
    this.scheduleFlush();
  }

  /** Queues a server-originated update; resolves once it is durable (and applied and broadcast). */
  submit(room: Room, update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue(room, update, null, resolve, reject));
  }

  /** Until nothing of this room is queued or being appended (before it is erased). */
  async drain(room: Room): Promise<void> {
    while (room.pending.length > 0 || this.dirty.has(room) || room.inflightBytes > 0) {
      await this.flush();
      if (this.flushing) await this.flushing.catch(() => {});
      if (room.inflightBytes > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Until everything queued is stored (shutdown). */
  async drainAll(): Promise<void> {
    while (this.flushing || this.dirty.size) {
      if (!this.flushing) this.scheduleFlush();
      await (this.flushing ?? new Promise((r) => setImmediate(r)));
    }
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(this.startFlush);
  }

  private readonly startFlush = (): void => {
    this.flushQueued = false;
    if (this.flushing) return; // the running flush picks the rest up when it ends
    this.flushing = this.flush()
      .catch((error) => this.log.error({ err: error }, "flush failed"))
      .finally(() => {
        this.flushing = null;
        if (this.dirty.size) this.scheduleFlush();
      });
  };

  private async flush(): Promise<void> {
    const batch = [...this.dirty]
      .map((room) => {
        const items = room.pending;
        const bytes = room.pendingBytes;
        room.pending = [];
        room.pendingBytes = 0;
        // Still counted against the document's size limit while the append runs.
        room.inflightBytes += bytes;
        room.inflight = items;
        return { room, items, bytes, merged: this.mergeOrDropBad(items) };
      })
      .filter((b) => b.items.length > 0);
    this.dirty.clear();
    if (!batch.length) return;
    const timer = this.metrics.persistSeconds.startTimer();
    let failure: unknown = null;
    try {
      await this.store.appendBatch(batch.map((b) => ({ docName: b.room.name, update: b.merged })));
    } catch (error) {
      failure = error;
    } finally {
      timer();
      for (const b of batch) {
        b.room.inflightBytes -= b.bytes;
        b.room.inflight = [];
      }
    }
    if (failure !== null) {
      // Nothing was applied: clients still hold their edits and resend them on reconnect.
      this.log.error({ err: failure }, "could not store updates");
      for (const b of batch) {
        b.room.gate.reset(); // its copies hold what was not stored
        for (const item of b.items) {
          item.failed?.(failure as Error);
          if (item.from instanceof Connection) this.pool.close(item.from, CLOSE.loadFailed, "could not store the change; reconnecting");
        }
        this.rooms.maybeUnload(b.room);
      }
      return;
    }
    for (const { room, items, merged } of batch) {
      this.metrics.updates.inc(items.length);
      this.metrics.bytesStored.inc(merged.byteLength);
      room.storedBytes += merged.byteLength;
      room.logCount += 1;
      try {
        Y.applyUpdate(room.doc, merged, "stored");
      } catch (error) {
        // Stored but not applicable here: never take the process down; clients resync from the store.
        this.log.error({ err: error, doc: room.name }, "stored update could not be applied");
      }
      const updateFrame = encodeUpdate(merged);
      for (const member of room.members) member.send(updateFrame);
      this.bus?.publishUpdate(room.name, merged);
      const senders = new Set(items.map((i) => i.from).filter((f): f is Connection => f instanceof Connection && f.wantsDurable));
      if (senders.size) {
        // Only the entries of the clients this batch carried: clients merge them into what they know.
        const durable = encodeDurable(stateVectorFor(room.doc, merged));
        for (const sender of senders) sender.send(durable);
      }
      for (const item of items) item.done?.();
      this.followUp.schedule(room);
      this.rooms.maybeUnload(room);
    }
  }

  /**
   * Merges a room's pending updates. Should one still not merge (it passed the check on
   * receipt), each is tried alone and the ones that fail are dropped and their senders closed:
   * nothing unmergeable is ever stored, so a stored document always loads.
   */
  private mergeOrDropBad(items: Room["pending"]): Uint8Array {
    try {
      return Y.mergeUpdates(items.map((i) => i.update));
    } catch {
      const good = items.filter((item) => {
        if (isAcceptableUpdate(item.update)) return true;
        item.failed?.(new Error("malformed update"));
        if (item.from instanceof Connection) this.pool.close(item.from, CLOSE.badMessage, "bad message: malformed update");
        return false;
      });
      items.splice(0, items.length, ...good);
      return Y.mergeUpdates(good.map((i) => i.update));
    }
  }
}
