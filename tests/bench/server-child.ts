// One collab server under benchmark, in its own process (spawned by tests/bench/collab.ts with
// tsx and an IPC channel). Usage: tsx tests/bench/server-child.ts <ours|ref|bare> [sqlite file]
//
//   ours  createCollabServer + the SQLite store (a migrated file given by the parent); also
//         serves GET /collab/healthz and /metrics (collab-server/http.ts) on the same port
//   ref   @y/websocket-server's setupWSConnection (in memory, no persistence)
//   bare  a plain `ws` relay: every frame goes to every other socket of the same URL path
//
// IPC: the child sends {type:"ready", port, pid}; the parent sends {id, cmd:"stats", gc?} and
// gets {id, stats} back; {cmd:"rows"} counts ours' stored log rows; {cmd:"heap-snapshot", file}
// writes a heap snapshot; {cmd:"stop"} closes the server and exits (so --cpu-prof is written).
// The child exits by itself when the parent goes away (IPC disconnect).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { WebSocketServer, WebSocket } from "ws";

export type ChildKind = "ours" | "ref" | "bare";

export type ChildStats = {
  /** Child-side monotonic time (ms) and CPU time (µs) when the stats were taken. */
  at: number;
  cpuUser: number;
  cpuSystem: number;
  rss: number;
  /** RSS split (Linux /proc/self/status): anonymous memory (heaps, malloc) and file-backed pages (the node binary, libraries). */
  rssAnon?: number;
  rssFile?: number;
  heapUsed: number;
  /** V8 heap committed (used + free pages V8 keeps). */
  heapTotal?: number;
  external: number;
  arrayBuffers: number;
  /** Lifetime peak RSS, bytes. */
  maxRss: number;
  /** Event-loop delay since the previous stats call (ms). */
  eldP50: number;
  eldP99: number;
  eldMax: number;
  /** Ours only: store batches appended so far and seconds spent appending them. */
  persistCount?: number;
  persistSeconds?: number;
};

export type ChildRows = { logRows: number; snapshots: number };

type Running = {
  server: http.Server;
  stop(): Promise<void>;
  extra(): Promise<Partial<ChildStats>>;
  rows(): ChildRows | null;
};

const kind = process.argv[2] as ChildKind;
const dbFile = process.argv[3];

/** The document name of a socket URL `/collab/<name>?token=…`. */
function docNameOf(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  return decodeURIComponent(pathname.replace(/^\/collab\//, ""));
}

async function startOurs(): Promise<Running> {
  if (!dbFile) throw new Error("ours needs a SQLite file");
  // BENCH_COLLAB_SERVER_DIR: measure a copy of collab-server/ elsewhere (e.g. with a proposed
  // patch applied) instead of the working tree's; its imports must resolve as in the original.
  const dir = process.env.BENCH_COLLAB_SERVER_DIR ? `file://${process.env.BENCH_COLLAB_SERVER_DIR}` : "../../collab-server";
  const { createStore } = await import(`${dir}/persistence/create-store.ts`);
  const { resolveDatabaseTarget } = await import("../../app/config/database-url.server");
  const { createCollabServer } = (await import(`${dir}/server.ts`)) as typeof import("../../collab-server/server");
  const secret = process.env.BENCH_SECRET;
  if (!secret) throw new Error("BENCH_SECRET is not set");
  const cacheKib = Number(process.env.BENCH_SQLITE_CACHE_KIB ?? 0);
  if (cacheKib > 0) {
    // Diagnostic (churn mode): a smaller SQLite page cache than better-sqlite3's default of
    // 16 MB, set on the store's connection as it opens (the store sets its pragmas first thing).
    const Database = (await import("better-sqlite3")).default;
    const proto = Database.prototype as unknown as { pragma: (...args: unknown[]) => unknown };
    const pragma = proto.pragma;
    const seen = new WeakSet<object>();
    proto.pragma = function (this: object, ...args: unknown[]) {
      if (!seen.has(this)) {
        seen.add(this);
        pragma.call(this, `cache_size = -${cacheKib}`);
      }
      return pragma.apply(this, args);
    };
  }
  const store = createStore(resolveDatabaseTarget(`file:${dbFile}`));
  // The internal port's handler (healthz, metrics); older checkouts measured side by side name it serveCollabHttp.
  const http_ = (await import(`${dir}/http.ts`)) as Partial<typeof import("../../collab-server/http")> & {
    serveCollabHttp?: typeof import("../../collab-server/http").serveInternalCollabHttp;
  };
  const serveInternal = (http_.serveInternalCollabHttp ?? http_.serveCollabHttp)!;
  const collab = createCollabServer({ store, secret });
  // /collab/healthz and /metrics as in production (the churn mode reads them).
  const server = http.createServer((req, res) => {
    if (!serveInternal(collab, req, res, secret)) res.writeHead(404).end();
  });
  collab.attach(server);
  const Database = (await import("better-sqlite3")).default;
  return {
    server,
    async stop() {
      await collab.close();
      await store.close();
    },
    async extra() {
      const metric = await collab.metrics.persistSeconds.get();
      const pick = (name: string) => metric.values.find((v) => v.metricName === name)?.value ?? 0;
      return { persistCount: pick("coproduce_collab_persist_seconds_count"), persistSeconds: pick("coproduce_collab_persist_seconds_sum") };
    },
    rows() {
      const reader = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        const log = reader.prepare('SELECT COUNT(*) AS n FROM "CollabUpdate"').get() as { n: number };
        const snaps = reader.prepare('SELECT COUNT(*) AS n FROM "CollabSnapshot"').get() as { n: number };
        return { logRows: log.n, snapshots: snaps.n };
      } finally {
        reader.close();
      }
    },
  };
}

async function startRef(): Promise<Running> {
  const { setupWSConnection } = await import("@y/websocket-server/utils");
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName: docNameOf(req.url) }));
  });
  return inMemoryServer(server, wss);
}

/** A server with nothing to report beyond process stats (the reference and the bare relay). */
function inMemoryServer(server: http.Server, wss: WebSocketServer): Running {
  return {
    server,
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    async extra() {
      return {};
    },
    rows: () => null,
  };
}

async function startBare(): Promise<Running> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const rooms = new Map<string, Set<WebSocket>>();
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const name = docNameOf(req.url);
      const members = rooms.get(name) ?? new Set();
      rooms.set(name, members);
      members.add(ws);
      ws.on("message", (data, isBinary) => {
        for (const peer of members) if (peer !== ws && peer.readyState === WebSocket.OPEN) peer.send(data, { binary: isBinary });
      });
      ws.on("error", () => {});
      ws.on("close", () => {
        members.delete(ws);
        if (members.size === 0) rooms.delete(name);
      });
    });
  });
  return inMemoryServer(server, wss);
}

function rssSplit(): { rssAnon?: number; rssFile?: number } {
  try {
    const status = fs.readFileSync("/proc/self/status", "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    return { rssAnon: kb("RssAnon"), rssFile: kb("RssFile") + kb("RssShmem") };
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("server-child must be spawned with an IPC channel");
  const send = (message: unknown) => process.send?.(message);
  process.on("disconnect", () => process.exit(0)); // the parent is gone

  const running = kind === "ours" ? await startOurs() : kind === "ref" ? await startRef() : kind === "bare" ? await startBare() : null;
  if (!running) throw new Error(`unknown server kind: ${kind}`);
  await new Promise<void>((resolve) => running.server.listen(0, "127.0.0.1", resolve));
  const port = (running.server.address() as AddressInfo).port;

  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  const gc = (globalThis as { gc?: () => void }).gc;

  process.on("message", (raw) => {
    const message = raw as { id?: number; cmd: string; gc?: boolean };
    void (async () => {
      if (message.cmd === "stats") {
        if (message.gc && gc) {
          gc();
          await new Promise((r) => setTimeout(r, 100));
          gc();
          // V8 hands freed pages back to the OS from a background thread: let it, so that RSS
          // read right after a GC does not depend on how far that got.
          await new Promise((r) => setTimeout(r, 400));
        }
        const cpu = process.cpuUsage();
        const mem = process.memoryUsage();
        const stats: ChildStats = {
          at: performance.now(),
          cpuUser: cpu.user,
          cpuSystem: cpu.system,
          rss: mem.rss,
          ...rssSplit(),
          heapUsed: mem.heapUsed,
          heapTotal: mem.heapTotal,
          external: mem.external,
          arrayBuffers: mem.arrayBuffers,
          maxRss: process.resourceUsage().maxRSS * 1024,
          eldP50: eld.percentile(50) / 1e6,
          eldP99: eld.percentile(99) / 1e6,
          eldMax: eld.max / 1e6,
          ...(await running.extra()),
        };
        eld.reset();
        send({ id: message.id, stats });
      } else if (message.cmd === "heap-snapshot") {
        // For memory attribution: GC, then write a .heapsnapshot to the given path.
        gc?.();
        const v8 = await import("node:v8");
        send({ id: message.id, file: v8.writeHeapSnapshot((message as { file?: string }).file) });
      } else if (message.cmd === "rows") {
        send({ id: message.id, rows: running.rows() });
      } else if (message.cmd === "stop") {
        const timer = setTimeout(() => process.exit(3), 10_000);
        timer.unref();
        try {
          await running.stop();
          running.server.closeAllConnections();
          await new Promise<void>((resolve) => running.server.close(() => resolve()));
        } finally {
          send({ id: message.id, stopped: true });
          // Let the reply go out, then exit normally (writes the --cpu-prof profile).
          setTimeout(() => process.exit(0), 50);
        }
      }
    })().catch((error) => {
      console.error(`[${kind}] ${(error as Error).stack ?? error}`);
      send({ id: message.id, error: String(error) });
    });
  });

  send({ type: "ready", port, pid: process.pid });
}

main().catch((error) => {
  console.error(`[server-child ${kind}] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
