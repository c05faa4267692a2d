import type * as Y from "yjs";
import type { pino } from "pino";
import type { Room } from "./room";

/** How long stored changes may wait before the read models are refreshed. */
const PROJECTION_DELAY_MS = 1000;

export type AfterStore = (docName: string, doc: Y.Doc) => Promise<unknown> | unknown;

/**
 * The follow-up after stored changes (`afterStore`: read models, idea records, live signals),
 * debounced per room: at most once a `PROJECTION_DELAY_MS`, and at once when the room unloads.
 */
export class ReadModelFollowUp {
  private readonly timers = new Map<Room, NodeJS.Timeout>();

  constructor(
    private readonly afterStore: AfterStore | undefined,
    private readonly log: pino.Logger,
  ) {}

  /** Changes to this room were stored: refresh its read models soon (once, however many follow). */
  schedule(room: Room): void {
    if (!this.afterStore || this.timers.has(room)) return;
    this.timers.set(
      room,
      setTimeout(() => this.runNow(room), PROJECTION_DELAY_MS),
    );
  }

  /** Runs a scheduled refresh now (the room is unloading); nothing if none is scheduled. */
  runNow(room: Room): void {
    void this.flush(room);
  }

  /**
   * Runs a scheduled refresh now and resolves when it is done (never rejects): after a change the
   * app made itself, the page it redirects to reads read models that already hold it.
   */
  async flush(room: Room): Promise<void> {
    const timer = this.timers.get(room);
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(room);
    try {
      await this.afterStore?.(room.name, room.doc);
    } catch (error) {
      this.log.error({ err: error, doc: room.name }, "read-model refresh failed");
    }
  }

  /** Forgets a scheduled refresh without running it (the document is being erased). */
  drop(room: Room): void {
    const timer = this.timers.get(room);
    if (timer) clearTimeout(timer);
    this.timers.delete(room);
  }
}
