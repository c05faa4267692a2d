import { WebSocket, type RawData } from "ws";
import type { BoardActor } from "../../app/collab/board-rules";
import type { Room, RoomMember } from "../rooms/room";

/**
 * One socket. Kept small on purpose (there is one per open tab): no timer, no token-bucket
 * object, no claims object, no buffer array once authenticated.
 */
export class Connection implements RoomMember {
  room: Room | null = null;
  /** From the token, once checked: its document, write access, when it was issued and expires. */
  doc: string | null = null;
  canWrite = false;
  /** A facilitator's token: may change the board's facilitator settings. */
  facilitate = false;
  /** Who this is, from the token: the rules a board applies to their updates, the name others see. */
  actor: Extract<BoardActor, { kind: "person" }> | null = null;
  issuedAt = 0;
  expiresAt = Infinity;
  readonly clientIds = new Set<number>();
  /** Frames that arrived before the token was checked and the room loaded. */
  early: Uint8Array[] | null = null;
  /** Updates held back because they refer to changes this connection has not sent yet (merged into one). */
  held: Uint8Array | null = null;
  heldFrames = 0;
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

/** A received frame as bytes, without copying unless `ws` handed over fragments. */
export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
