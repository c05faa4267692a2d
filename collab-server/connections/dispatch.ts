import * as Y from "yjs";
import type { RawData } from "ws";
import type { pino } from "pino";
import type { CollabLimits } from "../../app/collab/limits";
import { CLOSE } from "../../app/collab/protocol";
import { takeToken } from "../extensions/rate-limit";
import type { WriteQueue } from "../persistence/write-queue";
import type { AwarenessFanout } from "../rooms/awareness-fanout";
import { addsNothing, stateVectorFor } from "../rooms/coverage";
import { isAcceptableUpdate } from "../protocol/validate";
import { BadMessage, decodeClientMessage, encodeAwareness, encodeDurable, encodeSyncStep2 } from "../protocol/messages";
import { toBytes, type Connection } from "./connection";
import type { ConnectionPool } from "./connection-pool";
import { WAIT } from "../rules/update-gate";

/** How many frames a connection may send before its token is checked and its room loaded. */
const MAX_EARLY_FRAMES = 64;

/**
 * One socket's messages: token expiry and rate limit first, frames kept until the connection is
 * in its room, then each frame decoded and handled — sync, updates (checked, then queued for
 * storing), awareness. A frame that fails closes only its own connection.
 */
export class Dispatcher {
  constructor(
    private readonly limits: CollabLimits,
    private readonly pool: Pick<ConnectionPool, "close">,
    private readonly writes: Pick<WriteQueue, "enqueue">,
    private readonly awareness: Pick<AwarenessFanout, "receive">,
    private readonly log: pino.Logger,
  ) {}

  onMessage(conn: Connection, data: RawData): void {
    if (conn.closed) return;
    conn.alive = true;
    if (Date.now() >= conn.expiresAt) {
      this.pool.close(conn, CLOSE.tokenExpired, "token expired");
      return;
    }
    if (!takeToken(conn, this.limits.messagesPerSecond, this.limits.messageBurst)) {
      this.pool.close(conn, CLOSE.rateLimited, "too many messages");
      return;
    }
    const frame = toBytes(data);
    if (!conn.room) {
      conn.early ??= [];
      const early = conn.early;
      if (early.length >= MAX_EARLY_FRAMES) this.pool.close(conn, CLOSE.badMessage, "too many messages before authentication");
      else early.push(frame);
      return;
    }
    this.handle(conn, frame);
  }

  /** A frame that arrived before the connection was in its room, handled now that it is. */
  replay(conn: Connection, frame: Uint8Array): void {
    this.handle(conn, frame);
  }

  private handle(conn: Connection, frame: Uint8Array): void {
    try {
      this.handleFrame(conn, frame);
    } catch (error) {
      // Whatever failed, it failed on this connection's frame: only this connection closes.
      if (!(error instanceof BadMessage)) this.log.warn({ err: error }, "collab frame could not be handled");
      this.pool.close(conn, CLOSE.badMessage, `bad message: ${error instanceof BadMessage ? error.message : "could not be handled"}`);
    }
  }

  private handleFrame(conn: Connection, frame: Uint8Array): void {
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
        // With what this connection sent before that still waits for its missing part.
        const update = conn.held ? mergeHeld(conn.held, message.update) : message.update;
        if (room.storedBytes + room.inflightBytes + room.pendingBytes + update.byteLength > this.limits.maxDocumentBytes) {
          this.pool.close(conn, CLOSE.documentTooLarge, `document would exceed ${this.limits.maxDocumentBytes} bytes`);
          return;
        }
        if (!room.pending.length && !room.inflight.length && addsNothing(room.doc, update)) {
          // Already stored (e.g. a joining client's sync reply): nothing to store or broadcast.
          conn.held = null;
          if (conn.wantsDurable) conn.send(encodeDurable(stateVectorFor(room.doc, update)));
          return;
        }
        // The board's rules, from the token's identity; and whether it integrates whole. Refused:
        // nothing stored or sent, and the sender reconnects to the true board.
        const verdict = room.gate.check(update, conn.actor!);
        if (verdict === WAIT) {
          // It refers to changes not here yet (a reconnecting client's edit overtakes its sync reply): hold it.
          conn.held = update;
          if (++conn.heldFrames > MAX_HELD_FRAMES) this.pool.close(conn, CLOSE.badMessage, "bad message: update depends on changes never sent");
          return;
        }
        conn.held = null;
        conn.heldFrames = 0;
        if ("refused" in verdict) {
          this.pool.close(conn, CLOSE.forbiddenChange, verdict.refused);
          return;
        }
        if (verdict.accept === update) this.writes.enqueue(room, update, conn);
        // Cut to its new part (it repeated stored changes): once that is durable, so is all it carried.
        else this.writes.enqueue(room, verdict.accept, conn, () => conn.wantsDurable && conn.send(encodeDurable(stateVectorFor(room.doc, update))));
        return;
      }
      case "awareness":
        this.awareness.receive(conn, room, message.update);
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
}

/** How many frames a connection may send while an update of its waits for its missing part. */
const MAX_HELD_FRAMES = 64;

/** A held update and the next one, as one (a malformed combination closes the connection). */
function mergeHeld(held: Uint8Array, next: Uint8Array): Uint8Array {
  try {
    return Y.mergeUpdates([held, next]);
  } catch {
    throw new BadMessage("malformed update");
  }
}
