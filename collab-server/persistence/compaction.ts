import * as Y from "yjs";
import type { pino } from "pino";
import type { CollabStore } from "./store";
import type { RedisBus } from "../extensions/redis";
import type { Room } from "../rooms/room";
import type { RoomLookup } from "../rooms/room-registry";

/** How long one instance may hold a document's compaction lock in Redis. */
const COMPACTION_LOCK_MS = 30_000;
/** How often the store is asked which documents' logs are long enough to fold. */
const SWEEP_MS = 60_000;

/**
 * Folds documents' update logs into their snapshots: every minute for the documents whose log
 * reached `compactAfterUpdates` rows, when such a room unloads, and on request. With Redis, one
 * instance compacts a document at a time.
 */
export class Compaction {
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly store: CollabStore,
    private readonly bus: Pick<RedisBus, "withLock"> | null,
    private readonly log: pino.Logger,
    private readonly compactAfterUpdates: number,
    private readonly rooms: RoomLookup,
  ) {
    this.sweep = setInterval(async () => {
      for (const name of await store.compactionCandidates(compactAfterUpdates).catch(() => [])) await this.compact(name);
    }, SWEEP_MS);
    this.sweep.unref();
  }

  /** Folds a document's log into its snapshot now; returns how many log rows it folded (0 on failure). */
  async compact(name: string): Promise<number> {
    try {
      let snapshotBytes = 0;
      const storedBefore = this.rooms.loadedRoom(name)?.storedBytes ?? 0;
      const fold = () =>
        this.store.compact(name, (updates) => {
          const doc = new Y.Doc();
          for (const u of updates) Y.applyUpdate(doc, u);
          const state = Y.encodeStateAsUpdate(doc);
          doc.destroy();
          snapshotBytes = state.byteLength;
          return state;
        });
      let folded: number;
      if (this.bus) {
        // One instance compacts a document at a time, whatever the store.
        const locked = await this.bus.withLock(`compact:${name}`, COMPACTION_LOCK_MS, fold);
        if (!locked.acquired) {
          this.log.info({ doc: name, reason: locked.reason }, "compaction skipped: lock not taken");
          return 0;
        }
        folded = locked.value;
      } else folded = await fold();
      const room = this.rooms.loadedRoom(name);
      if (room && folded) {
        room.logCount = 0;
        // The size limit counts what is stored now: the snapshot plus whatever came after it.
        room.storedBytes = snapshotBytes + Math.max(0, room.storedBytes - storedBefore);
      }
      return folded;
    } catch (error) {
      this.log.error({ err: error, doc: name }, "compaction failed");
      return 0;
    }
  }

  /** An idle room left memory: a long log is folded now rather than at the next sweep. */
  roomUnloaded(room: Room): void {
    if (room.logCount >= this.compactAfterUpdates) void this.compact(room.name);
  }

  stop(): void {
    clearInterval(this.sweep);
  }
}
