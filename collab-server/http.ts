import crypto from "node:crypto";
import type http from "node:http";
import type { CollabServer } from "./server";
import { BadMessage } from "./protocol/messages";
import { verifyServiceToken, type ServiceOperation } from "../app/auth/collab-token.server";
import { requestIdOf } from "../app/http/request-log.server";

/** Where the internal API writes one line per call (a pino logger, or anything with `info`). */
export type InternalLog = { info(fields: Record<string, unknown>, message: string): void };

const INTERNAL = "/collab/internal/";

function pathAndQuery(req: http.IncomingMessage): [string, string] {
  const [path = "/", query = ""] = (req.url ?? "/").split("?");
  return [path, query];
}

function serveHealth(collab: CollabServer, res: http.ServerResponse): void {
  const health = collab.health();
  res.writeHead(health.status === "ok" ? 200 : 503, { "Content-Type": "application/json" }).end(JSON.stringify(health));
}

/** The process's other figures for `/metrics` (the web server's request durations), after the collab server's. */
export type MoreMetrics = () => Promise<string>;

function serveMetrics(collab: CollabServer, res: http.ServerResponse, more?: MoreMetrics): void {
  void Promise.all([collab.metricsText(), more ? more() : ""]).then(
    ([text, extra]) => res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4", "Cache-Control": "no-store" }).end(extra ? `${text}\n${extra}` : text),
    () => res.writeHead(500).end(),
  );
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
function bearerMatches(req: http.IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * What the collab server answers on the public port: `GET /collab/healthz`, and `GET /metrics`
 * only to a caller with `Authorization: Bearer <metricsToken>` (without a configured token it is
 * not served here at all: scrape the internal port). `/collab/internal/…` is never served on the
 * public port: it answers 404 like any unknown path. Returns false for any other URL.
 */
export function servePublicCollabHttp(
  collab: CollabServer,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: { metricsToken?: string; moreMetrics?: MoreMetrics } = {},
): boolean {
  const [path] = pathAndQuery(req);
  if (path.startsWith(INTERNAL)) {
    text(res, 404, "Not Found");
    return true;
  }
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (path === "/collab/healthz") {
    serveHealth(collab, res);
    return true;
  }
  if (path === "/metrics") {
    if (!options.metricsToken) text(res, 404, "Not Found");
    else if (!bearerMatches(req, options.metricsToken)) res.writeHead(401, { "WWW-Authenticate": "Bearer", "Content-Type": "text/plain" }).end("Unauthorized");
    else serveMetrics(collab, res, options.moreMetrics);
    return true;
  }
  return false;
}

/**
 * What the collab server answers on its internal port (`INTERNAL_PORT`, bound to `INTERNAL_HOST`,
 * a loopback or private address): `/collab/healthz`, `/metrics`, and the API the app uses when
 * this server runs in another process (`/collab/internal/{read,update,reauthorize,compact,erase}?doc=…`,
 * each with a one-minute service token for that operation on that document; each call logged with its
 * request id when `options.log` is given). Returns false for any other URL.
 */
export function serveInternalCollabHttp(
  collab: CollabServer,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  secret: string,
  options: { moreMetrics?: MoreMetrics; log?: InternalLog } = {},
): boolean {
  const [path, query] = pathAndQuery(req);
  if (path.startsWith(INTERNAL)) {
    const started = performance.now();
    const operation = path.slice(INTERNAL.length);
    const params = new URLSearchParams(query);
    // One line per call, with the id of the web request it was made for (X-Request-Id from the
    // calling web instance; a new one when it sent none), so one id finds both processes' lines.
    const reqId = requestIdOf(req);
    res.setHeader("X-Request-Id", reqId);
    res.once("finish", () =>
      options.log?.info(
        {
          reqId,
          op: operation.slice(0, 40),
          doc: (params.get("doc") ?? "").slice(0, 200),
          statusCode: res.statusCode,
          responseTime: Math.round(performance.now() - started),
        },
        "collab internal call",
      ),
    );
    void serveInternal(collab, req, res, secret, operation, params);
    return true;
  }
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (path === "/collab/healthz") serveHealth(collab, res);
  else if (path === "/metrics") serveMetrics(collab, res, options.moreMetrics);
  else return false;
  return true;
}

const OPERATIONS: Record<string, { op: ServiceOperation; method: string }> = {
  read: { op: "read", method: "GET" },
  update: { op: "update", method: "POST" },
  reauthorize: { op: "reauthorize", method: "POST" },
  compact: { op: "compact", method: "POST" },
  erase: { op: "erase", method: "POST" },
};

function text(res: http.ServerResponse, status: number, body: string): void {
  if (!res.headersSent) res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end(body);
}

async function serveInternal(collab: CollabServer, req: http.IncomingMessage, res: http.ServerResponse, secret: string, name: string, query: URLSearchParams) {
  const operation = OPERATIONS[name];
  if (!operation) return text(res, 404, "Not Found");
  if (req.method !== operation.method) return text(res, 405, "Method Not Allowed");
  const doc = query.get("doc") ?? "";
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
  if (!(await verifyServiceToken(secret, token, { doc, op: operation.op }))) return text(res, 401, "Unauthorized");
  try {
    if (operation.op === "read") {
      const state = await collab.readDocument(doc);
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" }).end(Buffer.from(state));
      return;
    }
    if (operation.op === "compact") {
      const folded = await collab.compact(doc);
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify({ folded }));
      return;
    }
    if (operation.op === "reauthorize" || operation.op === "erase") {
      await collab[operation.op](doc);
      res.writeHead(204).end();
      return;
    }
    const body = await readBody(req, collab.limits.maxFrameBytes);
    if (!body) return text(res, 413, "Update too large");
    await collab.applyUpdate(doc, body);
    res.writeHead(204).end();
  } catch (error) {
    if (error instanceof BadMessage) return text(res, 400, error.message);
    text(res, 503, "The document could not be stored; try again");
  }
}

function readBody(req: http.IncomingMessage, max: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= max) chunks.push(chunk); // past the limit: drained, not kept
    });
    req.on("end", () => resolve(size > max ? null : new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
