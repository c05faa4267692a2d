import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import type { CollabStore } from "../persistence/store";
import { parseDocumentName } from "../../app/collab/names";
import { UpdateGate } from "../rules/update-gate";

/** Origin of changes that came from another server instance (already stored, already checked). */
export const REMOTE = "remote";

/** One connected client of a room (the server keeps its own richer record). */
export interface RoomMember {
  send(frame: Uint8Array): void;
}

/**
 * A loaded document. Its Y.Doc holds only what is durably stored: client updates wait in
 * `pending` until the server has appended them to the log, and only then are applied and
 * broadcast.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly members = new Set<RoomMember>();
  pending: Array<{ update: Uint8Array; from: RoomMember | null; done?: () => void; failed?: (e: Error) => void }> = [];
  /** Awareness clients changed since the last broadcast. */
  awarenessChanged = new Set<number>();
  /**
   * Those of them changed here (by this instance's clients, or their disconnecting): the ones
   * to tell other instances about. Changes from other instances, and timeouts (which every
   * instance sees for itself), are not echoed back.
   */
  awarenessChangedHere = new Set<number>();
  storedBytes = 0;
  /** Bytes of the updates in `pending` (kept by the write queue, so the size check scans nothing). */
  pendingBytes = 0;
  /** Bytes of updates being appended right now (taken from `pending`, not yet stored). */
  inflightBytes = 0;
  /** The updates being appended right now, oldest first (kept for the gate's copies). */
  inflight: Array<{ update: Uint8Array }> = [];
  logCount = 0;
  /**
   * What every person's update passes before it is stored: the board's rules (boards and drafts),
   * and for every kind that it integrates whole (rules/update-gate.ts).
   */
  readonly gate: UpdateGate;

  private constructor(readonly name: string) {
    const kind = parseDocumentName(name)?.kind;
    this.gate = new UpdateGate(kind === "board" || kind === "draft" ? kind : null, { doc: this.doc, waiting: () => this.waitingUpdates() });
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null); // the server itself has no presence
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const here = origin !== REMOTE && origin !== "timeout";
      for (const id of [...added, ...updated, ...removed]) {
        this.awarenessChanged.add(id);
        if (here) this.awarenessChangedHere.add(id);
      }
    });
  }

  /** Loads a document from the store. A failed load throws: never serve an empty stand-in. */
  static async load(name: string, store: CollabStore): Promise<Room> {
    const room = new Room(name);
    let loaded: Awaited<ReturnType<CollabStore["load"]>>;
    try {
      loaded = await store.load(name);
    } catch (error) {
      room.destroy();
      throw error;
    }
    if (loaded.updates.length) Y.applyUpdate(room.doc, Y.mergeUpdates(loaded.updates), "load");
    room.storedBytes = loaded.storedBytes;
    room.logCount = loaded.logCount;
    return room;
  }

  /**
   * What a server-originated change would add, made on a copy of the document (the room's doc
   * holds only what is stored), as one update; null if it changes nothing.
   */
  changeAsUpdate(change: (doc: Y.Doc) => void): Uint8Array | null {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
    const captured: Uint8Array[] = [];
    scratch.on("update", (u: Uint8Array) => captured.push(u));
    scratch.transact(() => change(scratch), "server");
    scratch.destroy();
    return captured.length ? Y.mergeUpdates(captured) : null;
  }

  /** The updates accepted but not yet applied here: being appended, then waiting, oldest first. */
  *waitingUpdates(): Iterable<Uint8Array> {
    for (const item of this.inflight) yield item.update;
    for (const item of this.pending) yield item.update;
  }

  applyAwareness(update: Uint8Array, origin: unknown): void {
    applyAwarenessUpdate(this.awareness, update, origin);
  }

  /** Drops the presence of clients that left. */
  removeAwareness(clientIds: Iterable<number>): void {
    const present = [...clientIds].filter((id) => this.awareness.states.has(id));
    if (present.length) removeAwarenessStates(this.awareness, present, "disconnect");
  }

  /** The awareness changes since the last call, as one update (or null). */
  takeAwarenessUpdate(): Uint8Array | null {
    if (this.awarenessChanged.size === 0) return null;
    const ids = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    return safeEncode(this.awareness, ids);
  }

  /** The changes made here since the last call (see `awarenessChangedHere`), as one update (or null). */
  takeOwnAwarenessUpdate(): Uint8Array | null {
    if (this.awarenessChangedHere.size === 0) return null;
    const ids = [...this.awarenessChangedHere].filter((id) => this.awareness.meta.has(id));
    this.awarenessChangedHere.clear();
    return ids.length ? safeEncode(this.awareness, ids) : null;
  }

  /** The current awareness of the given clients (those present), as one update (or null). */
  awarenessOf(clientIds: Iterable<number>): Uint8Array | null {
    const ids = [...clientIds].filter((id) => this.awareness.states.has(id));
    return ids.length ? safeEncode(this.awareness, ids) : null;
  }

  fullAwareness(): Uint8Array | null {
    const ids = [...this.awareness.states.keys()];
    return ids.length ? safeEncode(this.awareness, ids) : null;
  }

  destroy(): void {
    this.gate.reset();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Encodes awareness states; a state that cannot be encoded drops the update, never the process. */
function safeEncode(awareness: Awareness, ids: number[]): Uint8Array | null {
  try {
    return encodeAwarenessUpdate(awareness, ids);
  } catch {
    return null;
  }
}
