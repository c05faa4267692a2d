// The one process of the default deployment: checks config, builds if needed, migrates,
// seeds the demo once, and serves the Remix app (and, later, /collab) on one port.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import compression from "compression";
import helmet from "helmet";
import { pino } from "pino";
import { pinoHttp } from "pino-http";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { parseEnv, type Env } from "./app/config/env.server";
import { resolveDatabaseTarget } from "./app/config/database-url.server";
import { requireRedis } from "./app/config/redis-reachable.server";
import { CSRF_COOKIE } from "./app/auth/csrf.server";
import { readCookies, serializeCookie, cookieName } from "./app/http/cookies.server";
import { allowedOrigin, isMutating } from "./app/http/origin.server";
import { createStore } from "./collab-server/persistence/create-store";
import { createCollabServer } from "./collab-server/server";
import { serveInternalCollabHttp, servePublicCollabHttp } from "./collab-server/http";
import { registerCollabBackend } from "./app/collab/backend.server";
import { createRemoteCollabBackend } from "./app/collab/remote-backend.server";
import { afterDocumentStored } from "./app/collab/after-store.server";
import { getDb, pingDatabase } from "./app/data/db.server";
import { countUsersWithEmails } from "./app/data/users.server";
import { appBuildIsStale, buildEntry } from "./app/config/app-build.server";
import { redactUrl, requestLogOptions } from "./app/http/request-log.server";
import { trackDatabaseWork } from "./app/http/database-work.server";
import { createReadiness } from "./app/http/readiness.server";
import { createRequestMetrics } from "./app/http/request-metrics.server";
import { closeLiveStreams } from "./app/http/live-events.server";
import { scheduleContactRetention } from "./app/use-cases/schedule-contact-retention.server";

/** Routes that take files (a story's text and photos; an idea from the public link, with its photo; a test cycle's photos) get MAX_UPLOAD_BYTES instead of MAX_BODY_BYTES (each checks its own file limits too). */
const UPLOAD_PATH =
  /^\/(?:l\/[A-Za-z0-9_-]+\/(?:stories\/(?:new|[A-Za-z0-9_-]+\/(?:text|photos))|prototypes\/[A-Za-z0-9_-]+\/cycles\/[A-Za-z0-9_-]+)|i\/[A-Za-z0-9_-]+)(?:\.data)?$/;

const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

const ROOT = path.dirname(new URL(import.meta.url).pathname);
const BUILD_ENTRY = buildEntry(ROOT);
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

/**
 * Zero set-up: without SESSION_SECRET, keep a random one in the data folder (created once,
 * readable only by this user), so sessions survive restarts.
 */
function ensureSessionSecret(): void {
  if (process.env.SESSION_SECRET) return;
  const file = path.join(ROOT, "data", "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

function loadConfig(): Env {
  try {
    ensureSessionSecret();
    return parseEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** Builds when there is no build, or when app/ changed since the last one. */
function buildIfNeeded(config: Env, log: pino.Logger): void {
  if (config.NODE_ENV === "development") return; // `remix dev` builds and watches
  if (!appBuildIsStale(ROOT)) return;
  log.info("building the app (first start, or app/ changed)…");
  const result = spawnSync(bin("remix"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("remix build failed");
}

function migrate(log: pino.Logger): void {
  log.info("applying database migrations…");
  const result = spawnSync(bin("prisma"), ["migrate", "deploy"], { cwd: ROOT, encoding: "utf8", env: process.env });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}

async function seedOnce(log: pino.Logger): Promise<void> {
  const { hashPassword } = await import("./app/auth/password.server");
  const { seedDemo } = await import("./prisma/demo/seed-demo");
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("./prisma/demo/people");
  const db = await getDb();
  const { seeded } = await seedDemo(db, hashPassword, (message) => log.info(`seed: ${message}`));
  // Print the demo sign-ins at every start while the demo accounts exist.
  const present = await countUsersWithEmails(
    db,
    DEMO_ACCOUNTS.map((a) => a.email),
  );
  if (present > 0) {
    const lines = DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(36)} ${DEMO_PASSWORD}`);
    console.log(`\n${seeded ? "Demo data seeded. " : ""}Demo sign-ins:\n${lines.join("\n")}\n`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL });
  const target = resolveDatabaseTarget(config.DATABASE_URL);
  process.env.DATABASE_URL = target.url;
  await requireRedis(config.REDIS_URL);

  buildIfNeeded(config, log);
  migrate(log);
  if (config.SEED_DEMO) await seedOnce(log);

  const dev = config.NODE_ENV === "development";
  const loadBuild = async (): Promise<ServerBuild> => {
    const mtime = fs.statSync(BUILD_ENTRY).mtimeMs;
    return import(`${pathToFileURL(BUILD_ENTRY).href}${dev ? `?t=${mtime}` : ""}`) as Promise<ServerBuild>;
  };

  // Collaboration runs in this process, on this port, at /collab (see collab-server/).
  const collabStore = createStore(target);
  const collab = createCollabServer({
    store: collabStore,
    secret: config.SESSION_SECRET,
    allowedOrigins: config.ALLOWED_ORIGINS,
    log: log.child({ component: "collab" }),
    redis: config.REDIS_URL,
    afterStore: afterDocumentStored,
  });
  // Server-side edits go to this process's collab server, or to a standalone one.
  registerCollabBackend(
    config.COLLAB_INTERNAL_URL ? createRemoteCollabBackend({ baseUrl: config.COLLAB_INTERNAL_URL, secret: config.SESSION_SECRET }) : collab,
  );

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);

  // Request lines carry no cookie, token or raw address (app/http/request-log.server.ts).
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/livez" || req.url === "/readyz" },
      ...requestLogOptions(config.SESSION_SECRET, (req) => (req as Request).ip ?? req.socket.remoteAddress),
    }),
  );
  // The request's id follows the calls made for it (e.g. to a standalone collab server's internal
  // API), and its database queries are counted for its log line (and Server-Timing if set).
  app.use(trackDatabaseWork(config.SERVER_TIMING));

  // A fresh nonce per response: the only inline scripts allowed are Remix's, which carry it.
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'", ...(dev ? ["ws:"] : []), ...new Set((config.COLLAB_PUBLIC_URL ?? []).map((u) => new URL(u).origin))],
          "font-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          // Off: a local or LAN deployment may be plain HTTP; put TLS in front of it in production.
          "upgrade-insecure-requests": null,
        },
      },
      strictTransportSecurity: config.COOKIE_SECURE,
      // "same-origin" keeps URLs (which can name localities) from other sites, and unlike
      // "no-referrer" lets browsers send our Origin on plain form posts.
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // The public idea pages (/i/<code>, /r/<receipt>) send their own, stricter "no-referrer" (their
  // URLs carry secrets): drop helmet's, so the response has one Referrer-Policy.
  app.use((req, res, next) => {
    if (/^\/[ir]\//.test(req.path)) res.removeHeader("Referrer-Policy");
    next();
  });
  // Event streams (live updates of a story's coding) must reach the browser as they are written.
  app.use(compression({ filter: (req, res) => !/^text\/event-stream/.test(String(res.getHeader("Content-Type") ?? "")) && compression.filter(req, res) }));

  // Only GET, HEAD and POST reach the app; anything else (TRACE, PUT, PROPFIND…) is answered here.
  app.use((req, res, next) => {
    if (ALLOWED_METHODS.has(req.method)) return next();
    res
      .status(405)
      .set("Allow", [...ALLOWED_METHODS].join(", "))
      .type("text/plain")
      .send("Method Not Allowed");
  });

  // Request durations per route, served with the collab server's figures at /metrics.
  const requestMetrics = createRequestMetrics();
  app.use(requestMetrics.middleware);
  app.use((req, res, next) => {
    if (!servePublicCollabHttp(collab, req, res, { metricsToken: config.METRICS_TOKEN, moreMetrics: requestMetrics.text })) next();
  });

  // For load balancers: live (the process answers) and ready (database, Redis when set, not draining).
  const readiness = createReadiness({ redisUrl: config.REDIS_URL });
  app.get("/livez", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await readiness.check();
    res.status(ready.status === "ok" ? 200 : 503).json(ready);
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await pingDatabase(await getDb());
      res.json({ status: "ok", database: target.provider });
    } catch (error) {
      log.error({ err: error }, "health check failed");
      res.status(503).json({ status: "error" });
    }
  });

  // Mutating requests: bounded bodies, our own Origin (or, without one, a form token
  // checked by the action), and a per-browser CSRF cookie.
  app.use((req, res, next) => {
    const cookies = readCookies(req.headers.cookie ?? null);
    let csrfCookie = cookies.get(cookieName(CSRF_COOKIE));
    if (!csrfCookie || !/^[A-Za-z0-9_-]{20,64}$/.test(csrfCookie)) {
      csrfCookie = crypto.randomBytes(24).toString("base64url");
      res.append("Set-Cookie", serializeCookie(CSRF_COOKIE, csrfCookie));
    }
    res.locals.csrfCookie = csrfCookie;
    res.locals.originVerified = false;
    if (!isMutating(req.method)) return next();

    const length = req.headers["content-length"];
    if (req.headers["transfer-encoding"] && length === undefined) {
      return res.status(411).type("text/plain").send("Length Required");
    }
    const limit = UPLOAD_PATH.test(req.path) ? config.MAX_UPLOAD_BYTES : config.MAX_BODY_BYTES;
    if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > limit)) {
      return res.status(413).type("text/plain").send("Payload Too Large");
    }
    // Browsers send the opaque "null" for some form posts (privacy modes, redirects): treat it
    // like a missing Origin, so the action's CSRF token decides.
    if (req.headers.origin === "null") delete req.headers.origin; // Remix's own check cannot parse it
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!allowedOrigin(origin, `${req.protocol}://${req.get("host") ?? ""}`, config.ALLOWED_ORIGINS)) {
        return res.status(403).type("text/plain").send("Forbidden: cross-origin request");
      }
      res.locals.originVerified = true;
    }
    next();
  });

  app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Browsers ask for /favicon.ico on pages that name no icon (a CSV, a plain-text 404): our icon is an SVG.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));

  let initialBuild = await loadBuild();
  // Only under `remix dev` (npm run dev) is there a dev server to tell about new builds.
  const remixDev = dev && Boolean(process.env.REMIX_DEV_ORIGIN);
  if (remixDev) broadcastDevReady(initialBuild);
  app.all(
    "*",
    (req, res, next) => {
      // Express decodes params lazily; catch a malformed URL before Remix sees it.
      try {
        decodeURIComponent(req.path);
      } catch {
        return res.status(400).type("text/plain").send("Bad Request: malformed URL");
      }
      next();
    },
    createRequestHandler({
      build: dev
        ? async () => {
            const build = await loadBuild();
            if (build !== initialBuild) {
              initialBuild = build;
              if (remixDev) broadcastDevReady(build);
            }
            return build;
          }
        : initialBuild,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        csrf: { csrfCookie: res.locals.csrfCookie as string, originVerified: res.locals.originVerified as boolean },
        clientAddress: req.ip ?? "unknown",
      }),
    }),
  );

  // Last resort: never a stack trace to the client.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === "object" && error && "status" in error ? Number((error as { status: number }).status) : 500;
    if (status >= 500) log.error({ err: error, url: redactUrl(req.url) }, "unhandled error");
    if (res.headersSent) return res.end();
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .type("text/plain")
      .send(status < 500 ? "Bad Request" : "Internal Server Error");
  });

  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    log.info(`Coproduce listening on http://localhost:${port} (database: ${target.provider})`);
  });
  collab.attach(server);
  // Phone contributors' contact details go CONTACT_RETENTION_DAYS after their challenge closes:
  // checked hourly, run once a day (with REDIS_URL, by one instance).
  const retention = scheduleContactRetention({
    db: getDb,
    retentionDays: config.CONTACT_RETENTION_DAYS,
    redisUrl: config.REDIS_URL,
    log: log.child({ component: "retention" }),
  });
  // CONNECT never reaches Express (Node hands it over as a tunnel request): refuse it like other methods.
  server.on("connect", (_req, socket: import("node:stream").Duplex) => {
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${[...ALLOWED_METHODS].join(", ")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;

  // Metrics and the collab server's internal API, for our own machines only (INTERNAL_PORT).
  const internalLog = log.child({ component: "collab-internal" });
  const internal =
    config.INTERNAL_PORT === undefined
      ? null
      : http
          .createServer((req, res) => {
            if (!serveInternalCollabHttp(collab, req, res, config.SESSION_SECRET, { moreMetrics: requestMetrics.text, log: internalLog }))
              res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
          })
          .listen(config.INTERNAL_PORT, config.INTERNAL_HOST, () =>
            log.info(`internal endpoints (metrics, collab API) on ${config.INTERNAL_HOST}:${config.INTERNAL_PORT}`),
          );

  // SIGTERM: not ready any more, stop accepting, end live page streams, store what is pending,
  // close collab clients with 1012 so they reconnect elsewhere, then let HTTP requests finish.
  const shutdown = () => {
    log.info("shutting down");
    readiness.drain();
    // Live page streams never end on their own: end them, so the browsers reconnect elsewhere.
    closeLiveStreams();
    void retention.stop();
    setTimeout(() => {
      log.warn("shut down: forced after 10 s, requests were still open");
      process.exit(0);
    }, 10_000).unref();
    internal?.close();
    server.close(() => {
      log.info("shut down: every request finished");
      process.exit(0);
    });
    void collab
      .close()
      .then(() => collabStore.close())
      .finally(() => server.closeIdleConnections());
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
