import type http from "node:http";
import { CLOSE } from "../../app/collab/protocol";
import { parseDocumentName } from "../../app/collab/names";
import { verifyCollabToken } from "../../app/auth/collab-token.server";
import { allowedOrigin } from "../../app/http/origin.server";
import type { Connection } from "./connection";
import type { ConnectionPool } from "./connection-pool";

/**
 * Who may connect to a document: the request's origin, the signed token (its document, access,
 * lifetime) and, per document, the time before which tokens no longer count because access
 * changed since (`revoke`).
 */
export class Access {
  /** Per document: tokens issued before this time are refused (access changed since). */
  private readonly notBefore = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly allowedOrigins: readonly string[],
    private readonly tokenSeconds: number,
    private readonly pool: Pick<ConnectionPool, "all" | "close">,
  ) {}

  /**
   * Checks a new socket's request and token. On success the connection carries what it needs of
   * the claims (no claims object, no timer: the pool's expiry sweep closes it) and true is
   * returned; otherwise it is closed with the reason and false is returned.
   */
  async admit(conn: Connection, req: http.IncomingMessage, docName: string | null, token: string | null): Promise<boolean> {
    const origin = req.headers.origin;
    const own = `http://${req.headers.host ?? ""}`;
    if (origin && !allowedOrigin(origin, own, this.allowedOrigins) && !allowedOrigin(origin, own.replace("http:", "https:"), [])) {
      return this.refuse(conn, CLOSE.forbidden, "origin not allowed");
    }
    if (!docName || !parseDocumentName(docName)) return this.refuse(conn, CLOSE.forbidden, "unknown document");
    if (!token) return this.refuse(conn, CLOSE.unauthorized, "missing token");
    const verified = await verifyCollabToken(this.secret, token);
    if (!verified.ok)
      return this.refuse(
        conn,
        verified.reason === "expired" ? CLOSE.tokenExpired : CLOSE.unauthorized,
        verified.reason === "expired" ? "token expired" : "invalid token",
      );
    if (verified.claims.doc !== docName) return this.refuse(conn, CLOSE.forbidden, "token is for another document");
    if (verified.claims.issuedAt < (this.notBefore.get(docName) ?? 0)) return this.refuse(conn, CLOSE.accessChanged, "access changed");
    conn.doc = docName;
    conn.canWrite = verified.claims.access === "read-write";
    conn.facilitate = verified.claims.facilitate;
    conn.actor = { kind: "person", userId: verified.claims.userId, name: verified.claims.name, facilitator: verified.claims.facilitate };
    conn.issuedAt = verified.claims.issuedAt;
    conn.expiresAt = verified.claims.expiresAt;
    return true;
  }

  /** Access to a document changed at `at` (here or on another instance): close older connections, refuse older tokens. */
  revoke(docName: string, at: number): void {
    this.notBefore.set(docName, Math.max(at, this.notBefore.get(docName) ?? 0));
    // Tokens live ≤ 10 minutes: after that every older token has expired anyway.
    setTimeout(
      () => {
        if (this.notBefore.get(docName) === at) this.notBefore.delete(docName);
      },
      this.tokenSeconds * 1000 + 1000,
    ).unref();
    for (const conn of this.pool.all()) {
      if (conn.doc === docName && conn.issuedAt < at) this.pool.close(conn, CLOSE.accessChanged, "access changed");
    }
  }

  private refuse(conn: Connection, code: number, reason: string): false {
    this.pool.close(conn, code, reason);
    return false;
  }
}
