import type http from "node:http";
import type { CollabServer } from "./server";

/** Serves `/collab/healthz` and `/metrics`; returns false for any other URL. */
export function serveCollabHttp(collab: CollabServer, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method !== "GET") return false;
  if (path === "/collab/healthz") {
    const health = collab.health();
    res.writeHead(health.status === "ok" ? 200 : 503, { "Content-Type": "application/json" }).end(JSON.stringify(health));
    return true;
  }
  if (path === "/metrics") {
    void collab.metricsText().then(
      (text) => res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(text),
      () => res.writeHead(500).end(),
    );
    return true;
  }
  return false;
}
