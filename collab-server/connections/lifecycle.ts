import type http from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type WebSocket } from "ws";
import type { pino } from "pino";
import type { CollabLimits } from "../../app/collab/limits";
import { CLOSE } from "../../app/collab/protocol";
import type { Room } from "../rooms/room";
import type { RoomRegistry } from "../rooms/room-registry";
import type { AwarenessFanout } from "../rooms/awareness-fanout";
import { encodeAwareness, encodeSyncStep1 } from "../protocol/messages";
import { Connection } from "./connection";
import type { ConnectionPool } from "./connection-pool";
import type { Access } from "./access";
import type { Dispatcher } from "./dispatch";

/** Shared by every socket: an error is followed by a close, handled there. */
const ignoreError = () => {};

/**
 * A socket's life: the upgrade of a `<prefix>/<document name>?token=…` request, admission,
 * joining its room (sync step 1 and the room's awareness first, then the frames it sent
 * meanwhile), and leaving the room when it closes.
 */
export class ConnectionLifecycle {
  private readonly wss: WebSocketServer;

  constructor(
    private readonly prefix: string,
    private readonly limits: CollabLimits,
    private readonly pool: Pick<ConnectionPool, "add" | "remove" | "close" | "closing">,
    private readonly access: Pick<Access, "admit">,
    private readonly rooms: Pick<RoomRegistry, "get" | "hold" | "release" | "maybeUnload">,
    private readonly awareness: Pick<AwarenessFanout, "left">,
    private readonly dispatch: Pick<Dispatcher, "onMessage" | "replay">,
    private readonly log: pino.Logger,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
  }

  /** Takes the upgrade if the URL is ours (returns false otherwise). */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(`${this.prefix}/`)) return false;
    let docName: string | null = null;
    try {
      docName = decodeURIComponent(url.pathname.slice(this.prefix.length + 1));
    } catch {
      docName = null;
    }
    const token = url.searchParams.get("token");
    const wantsDurable = url.searchParams.get("durable") === "1";
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.open(ws, req, docName, token, wantsDurable));
    return true;
  }

  /** Stops the WebSocket server (after the pool closed every connection). */
  close(): Promise<void> {
    return new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async open(ws: WebSocket, req: http.IncomingMessage, docName: string | null, token: string | null, wantsDurable: boolean): Promise<void> {
    const conn = new Connection(ws, this.limits.messageBurst);
    conn.wantsDurable = wantsDurable;
    this.pool.add(conn);
    ws.on("message", (data) => this.dispatch.onMessage(conn, data));
    ws.on("pong", () => (conn.alive = true));
    ws.on("error", ignoreError); // e.g. a frame over maxPayload: ws closes with 1009 itself
    ws.on("close", () => this.closed(conn));

    if (this.pool.closing) return this.pool.close(conn, CLOSE.restart, "server restarting");
    if (!(await this.access.admit(conn, req, docName, token))) return;
    const name = conn.doc!;

    let room: Room;
    this.rooms.hold(name);
    try {
      room = await this.rooms.get(name);
    } catch (error) {
      this.log.error({ err: error, doc: name }, "could not load document");
      return this.pool.close(conn, CLOSE.loadFailed, "document could not be loaded");
    } finally {
      this.rooms.release(name);
    }
    if (conn.closed) return this.rooms.maybeUnload(room);
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
      this.dispatch.replay(conn, frame);
    }
  }

  private closed(conn: Connection): void {
    conn.closed = true;
    this.pool.remove(conn);
    const room = conn.room;
    if (!room) return;
    room.members.delete(conn);
    this.awareness.left(conn, room);
    this.rooms.maybeUnload(room);
  }
}
