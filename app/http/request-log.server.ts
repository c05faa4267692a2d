/**
 * What a request's log line says, and what it never says. Logs are read by more people, and kept
 * longer, than the data they describe, so a line carries the method, a redacted path, the status,
 * the time taken, a request id and a keyed hash of the client's address — never a cookie, an
 * authorization header, a token in a path or a query, or a raw address.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { databaseWorkOf } from "./database-work.server";

const REDACTED = "[redacted]";

/** Paths whose last segments are secrets: an invitation's token, an idea receipt, a collab token request. */
const SECRET_PATHS: RegExp[] = [/^(\/invite\/)[^/?#]+/, /^(\/r\/)[^/?#]+/];

/** Query parameters whose values are harmless to keep (filters, views, the language). */
const PLAIN_QUERY_KEYS = new Set(["lng", "status", "challenge", "sort", "view", "page", "saved", "stage", "doc", "_data", "index"]);

/** The path and query of a URL as it may be logged: secrets in the path and every non-plain query value replaced. */
export function redactUrl(url: string | undefined): string {
  if (!url) return "";
  const at = url.indexOf("?");
  let path = at === -1 ? url : url.slice(0, at);
  for (const pattern of SECRET_PATHS) path = path.replace(pattern, `$1${REDACTED}`);
  if (at === -1) return path;
  const parts = url
    .slice(at + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (PLAIN_QUERY_KEYS.has(key)) return pair;
      // A key that is not a plain name may itself carry a secret.
      const shownKey = /^[A-Za-z0-9_.-]{1,40}$/.test(key) ? key : REDACTED;
      return eq === -1 ? shownKey : `${shownKey}=${REDACTED}`;
    });
  return `${path}?${parts.join("&")}`;
}

/** A keyed hash of a client address: lines from one client can be told apart, the address cannot be read back. */
export function hashAddress(secret: string, address: string | undefined): string {
  return crypto
    .createHmac("sha256", secret)
    .update(`log-address:${address ?? ""}`)
    .digest("base64url")
    .slice(0, 16);
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A request's id: the one a trusted proxy or the calling web instance gave, or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** pino-http options: the redacted request and response serializers and the request id. */
export function requestLogOptions(secret: string, clientAddress: (req: IncomingMessage) => string | undefined) {
  return {
    wrapSerializers: false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader("X-Request-Id", id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        client: hashAddress(secret, clientAddress(req)),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode, db: databaseWorkOf(res as ServerResponse & { locals?: Record<string, unknown> }) }),
    },
  };
}
