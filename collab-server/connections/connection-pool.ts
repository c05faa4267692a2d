import type { pino } from "pino";
import type { CollabLimits } from "../../app/collab/limits";
import { CLOSE } from "../../app/collab/protocol";
import type { CollabMetrics } from "../extensions/metrics";
import type { Connection } from "./connection";

/**
 * Every open socket of this server: counted, kept alive by heartbeats, closed when its token
 * expires, and closed with a code and reason by whichever part refuses it.
 */
export class ConnectionPool {
  private readonly connections = new Set<Connection>();
  /** Set by `stop`: new sockets are refused (1012) and health says "closing". */
  closing = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly expirySweep: NodeJS.Timeout;

  constructor(
    limits: CollabLimits,
    private readonly metrics: CollabMetrics,
    private readonly log: pino.Logger,
  ) {
    this.heartbeat = setInterval(() => {
      for (const conn of this.connections) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }, limits.pingIntervalMs);
    this.heartbeat.unref();

    // Token expiry: one sweep a second over all connections instead of a timer each (timers with
    // distinct durations also cost Node one timer list each).
    this.expirySweep = setInterval(() => {
      const now = Date.now();
      for (const conn of this.connections) if (now >= conn.expiresAt) this.close(conn, CLOSE.tokenExpired, "token expired");
    }, 1000);
    this.expirySweep.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Every open connection (for a sweep over one document's, e.g. when access changes). */
  all(): ReadonlySet<Connection> {
    return this.connections;
  }

  add(conn: Connection): void {
    this.connections.add(conn);
    this.metrics.connections.set(this.connections.size);
  }

  remove(conn: Connection): void {
    this.connections.delete(conn);
    this.metrics.connections.set(this.connections.size);
  }

  close(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    this.metrics.rejected.inc({ reason: String(code) });
    this.log.info({ code, reason, doc: conn.room?.name }, "closing collab connection");
    conn.ws.close(code, reason.slice(0, 120));
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => conn.ws.terminate(), 5000).unref();
  }

  closeAll(code: number, reason: string): void {
    for (const conn of this.connections) this.close(conn, code, reason);
  }

  /** Refuses new sockets from now on and stops the heartbeat and expiry timers. */
  stop(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    clearInterval(this.expirySweep);
  }
}
