// Standalone collaboration server (`npm run collab`), for scale: run several behind a load
// balancer with REDIS_URL set. Reads DATABASE_URL, SESSION_SECRET (the app's, which signs the
// tokens), COLLAB_PORT (default 3001: browsers' WebSockets and /collab/healthz), INTERNAL_PORT
// and INTERNAL_HOST (default 3002 on 127.0.0.1: the internal API the web instances call, and
// /metrics), METRICS_TOKEN, ALLOWED_ORIGINS, LOG_LEVEL and REDIS_URL (an ioredis URL: instances
// sharing it share rooms; without it, every instance is on its own).
import http from "node:http";
import { pino } from "pino";
import { parseEnv } from "../app/config/env.server";
import { resolveDatabaseTarget } from "../app/config/database-url.server";
import { requireRedis } from "../app/config/redis-reachable.server";
import { createStore } from "./persistence/create-store";
import { createCollabServer } from "./server";
import { serveInternalCollabHttp, servePublicCollabHttp } from "./http";
import { afterDocumentStored } from "../app/collab/after-store.server";

const config = (() => {
  try {
    const parsed = parseEnv();
    if (!process.env.SESSION_SECRET) throw new Error("Invalid configuration:\n  SESSION_SECRET: the standalone collab server needs the app's secret");
    return parsed;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
const port = Number(process.env.COLLAB_PORT ?? 3001);
const log = pino({ level: config.LOG_LEVEL });
const target = resolveDatabaseTarget(config.DATABASE_URL);
const redis = process.env.REDIS_URL?.trim() || undefined;
try {
  await requireRedis(redis);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const store = createStore(target);
// The same follow-up as the app's in-process collab server: read models, idea records, live signals.
const collab = createCollabServer({
  store,
  secret: config.SESSION_SECRET,
  allowedOrigins: config.ALLOWED_ORIGINS,
  log,
  redis,
  afterStore: afterDocumentStored,
});

const notFound = (res: http.ServerResponse) => res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
const server = http.createServer((req, res) => {
  if (!servePublicCollabHttp(collab, req, res, { metricsToken: config.METRICS_TOKEN })) notFound(res);
});
collab.attach(server);
server.listen(port, config.HOST, () =>
  log.info(`collab server listening on ${port} (database: ${target.provider}${redis ? ", sharing rooms through redis" : ""})`),
);
// The internal API and metrics: for the web instances and monitoring only, never on the public port.
const internalPort = config.INTERNAL_PORT ?? 3002;
const internalLog = log.child({ component: "collab-internal" });
const internal = http.createServer((req, res) => {
  if (!serveInternalCollabHttp(collab, req, res, config.SESSION_SECRET, { log: internalLog })) notFound(res);
});
internal.listen(internalPort, config.INTERNAL_HOST, () => log.info(`collab internal API and metrics on ${config.INTERNAL_HOST}:${internalPort}`));

async function shutdown(): Promise<void> {
  log.info("collab server shutting down");
  server.close();
  internal.close();
  await collab.close();
  await store.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
