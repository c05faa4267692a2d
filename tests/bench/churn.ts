// Churn mode of the collab benchmark: `npm run bench:collab -- churn [--minutes 10]`.
// PRINTS figures, asserts nothing.
//
// Our server runs in its own child process (tests/bench/server-child.ts `ours`, SQLite in a
// fresh temp dir, --expose-gc). For the given duration this process runs waves of real
// y-websocket clients (the `WebsocketProvider` from npm, Node `ws` as its WebSocket): each wave
// connects 50–200 clients to 20–100 rooms picked at random from a pool (so documents are loaded,
// unloaded and loaded again with more history), every client sets its presence, makes a few
// edits (board notes in a Y.Map, text in a Y.Text) and moves its cursor, the wave waits until
// every client of a room holds the same state, then disconnects: most cleanly
// (provider.destroy()), some abruptly (socket terminated, no close frame). Between waves the
// server must drop back to 0 connections and 0 loaded documents (GET /collab/healthz).
//
// Memory: the child's RSS and heap (V8 heap used + external) are sampled every second (peak),
// and after a forced GC at idle points (no client connected, no document loaded): the baseline
// after the first wave, one idle point a minute, and the final one after the last wave. The
// target: final RSS within 10% of the baseline. /metrics' process_resident_memory_bytes is
// printed next to it as a cross-check.
//
// Flags / environment: --minutes N (BENCH_CHURN_MINUTES, default 10; 0.5 for a quick check)
//   --pool N (BENCH_CHURN_POOL, rooms to pick from, default 200)   --seed N (BENCH_CHURN_SEED)
//   BENCH_CHURN_ABRUPT=0.2 (share of clients that vanish without a close frame)
// Diagnostics: MALLOC_ARENA_MAX=2 (glibc arenas, passed on to the server), BENCH_SQLITE_CACHE_KIB
// (the store's SQLite page cache; better-sqlite3's default is 16 MB), BENCH_COLLAB_SERVER_DIR (a
// patched copy of collab-server/ to measure instead).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { issueCollabToken } from "../../app/auth/collab-token.server";
import { sourceFingerprint } from "./fingerprint";
import { mulberry32 } from "../collab/fuzz-frames";
import type { ChildStats } from "./server-child";
import { addNote, noteText } from "../../app/collab/board";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CHILD = path.join(ROOT, "tests", "bench", "server-child.ts");
const MB = 1024 * 1024;

type Options = { minutes: number; pool: number; seed: number; abrupt: number };

function parseOptions(argv: string[]): Options {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at >= 0) return argv[at + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const env = process.env;
  const minutes = Number(flag("minutes") ?? env.BENCH_CHURN_MINUTES ?? 10);
  const pool = Number(flag("pool") ?? env.BENCH_CHURN_POOL ?? 200);
  const seed = Number(flag("seed") ?? env.BENCH_CHURN_SEED ?? Date.now() % 1e9);
  const abrupt = Number(env.BENCH_CHURN_ABRUPT ?? 0.2);
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${flag("minutes")}`);
  if (!(pool >= 100)) throw new Error("--pool must be at least 100 (a wave uses up to 100 rooms)");
  return { minutes, pool, seed, abrupt };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) return false;
    await sleep(everyMs);
  }
  return true;
}

// ---- the server child ---------------------------------------------------------------------
class Child {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  port = 0;
  pid = 0;
  constructor(readonly proc: ChildProcess) {
    proc.on("message", (raw) => {
      const m = raw as { id?: number };
      if (m.id !== undefined) {
        this.waiting.get(m.id)?.(m as Record<string, unknown>);
        this.waiting.delete(m.id);
      }
    });
  }
  request(cmd: string, extra: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`server child did not answer ${cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.proc.send({ id, cmd, ...extra });
    });
  }
  async stats(gc: boolean): Promise<ChildStats> {
    const reply = await this.request("stats", { gc });
    if (reply.error) throw new Error(String(reply.error));
    return reply.stats as ChildStats;
  }
  async health(): Promise<{ status: string; connections: number; documents: number }> {
    const res = await fetch(`http://127.0.0.1:${this.port}/collab/healthz`);
    return (await res.json()) as { status: string; connections: number; documents: number };
  }
  /** A few gauges from GET /metrics (Prometheus text). */
  async metrics(): Promise<Record<string, number>> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const out: Record<string, number> = {};
    for (const line of text.split("\n")) {
      const m = /^(coproduce_collab_\w+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
      if (m) out[m[1]!] = Number(m[2]);
    }
    return out;
  }
}

// ---- clients ------------------------------------------------------------------------------
type Client = { provider: WebsocketProvider; doc: Y.Doc; room: string; synced: boolean; closedByServer: number[] };

type Totals = {
  waves: number;
  connections: number;
  abrupt: number;
  updates: number;
  awareness: number;
  roomsTouched: Set<string>;
  roomLoads: number;
  serverCloses: Map<number, number>;
  unconverged: number;
  notIdle: number;
  unloadMs: number[];
};

export async function runChurn(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  const random = mulberry32(opts.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const secret = crypto.randomBytes(24).toString("hex");
  const durationMs = opts.minutes * 60_000;
  // One provider each registers process.on("exit"): hundreds at a time are expected here.
  process.setMaxListeners(0);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coproduce-churn-"));
  const dbFile = path.join(dir, "churn.db");
  let proc: ChildProcess | null = null;
  let innerPid = 0;
  const cleanup = () => {
    try {
      if (innerPid) process.kill(innerPid, "SIGKILL");
    } catch {}
    try {
      proc?.kill("SIGKILL");
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", cleanup);
  // A run that hangs (e.g. a wave that never drains) stops on its own.
  const watchdog = setTimeout(
    () => {
      console.error(`\nchurn: the run took over ${opts.minutes} min + 5 min; stopping`);
      process.exit(2);
    },
    durationMs + 5 * 60_000,
  );
  watchdog.unref();

  const load = os.loadavg();
  console.log(`collab churn benchmark — ${new Date().toISOString()}`);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load.map((l) => l.toFixed(1)).join(" ")}`,
  );
  const codeAtStart = sourceFingerprint();
  console.log(`our server's code: ${codeAtStart}`);
  console.log(
    `our server: child process, SQLite in ${dir} (WAL, synchronous=FULL), --expose-gc${process.env.MALLOC_ARENA_MAX ? `, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}` : ""}${process.env.BENCH_SQLITE_CACHE_KIB ? `, SQLite cache_size -${process.env.BENCH_SQLITE_CACHE_KIB} KiB (default: 16 MB)` : ""}`,
  );
  console.log(
    `load: ${opts.minutes} min of waves; a wave = 50-200 y-websocket clients (WebsocketProvider ${providerVersion()}) over 20-100 rooms picked from a pool of ${opts.pool},`,
  );
  console.log(
    `  presence + 1-6 edits + 2 cursor moves each, wait until each room converged, then ${Math.round(opts.abrupt * 100)}% vanish abruptly and the rest`,
  );
  console.log(`  disconnect cleanly; the next wave starts once /collab/healthz shows 0 connections and 0 documents. seed ${opts.seed}`);

  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    stdio: "pipe",
  });
  proc = spawn(TSX, ["--expose-gc", CHILD, "ours", dbFile], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, BENCH_SECRET: secret },
  });
  const child = new Child(proc);
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    proc!.on("message", (m) => {
      const message = m as { type?: string; port: number; pid: number };
      if (message.type === "ready") resolve(message);
    });
    proc!.on("exit", (code) => reject(new Error(`server child exited with ${code}`)));
  });
  child.port = ready.port;
  child.pid = innerPid = ready.pid;
  let finished = false;
  proc.on("exit", (code, signal) => {
    if (!finished) {
      console.error(`\n!! the server child exited during the run (code ${code}, signal ${signal})`);
      process.exit(1);
    }
  });
  const serverUrl = `ws://127.0.0.1:${child.port}/collab`;
  const roomNames = Array.from({ length: opts.pool }, (_, i) => `locality:churn:board:${i + 1}`);

  const totals: Totals = {
    waves: 0,
    connections: 0,
    abrupt: 0,
    updates: 0,
    awareness: 0,
    roomsTouched: new Set(),
    roomLoads: 0,
    serverCloses: new Map(),
    unconverged: 0,
    notIdle: 0,
    unloadMs: [],
  };

  // Peak: one sample a second, no GC (what the process really held).
  let peak = { rss: 0, heap: 0, at: 0, phase: "" };
  /** What the load was doing (for the peak's line). */
  let phase = "start";
  const started = performance.now();
  const sampler = setInterval(() => {
    child
      .stats(false)
      .then((s) => {
        if (s.rss > peak.rss) peak = { ...peak, rss: s.rss, at: (performance.now() - started) / 1000, phase };
        peak.heap = Math.max(peak.heap, s.heapUsed + s.external);
      })
      .catch(() => {});
  }, 1000);

  async function wave(): Promise<void> {
    const clientCount = int(50, 200);
    const roomCount = int(20, Math.min(100, clientCount));
    // A different set of rooms every wave: some new, some loaded again with their history.
    const picked = new Set<string>();
    while (picked.size < roomCount) picked.add(roomNames[Math.floor(random() * roomNames.length)]!);
    const rooms = [...picked];
    const tokens = new Map<string, string>();
    for (const name of rooms) {
      tokens.set(name, await issueCollabToken(secret, { userId: "churn", name: "Churn", doc: name, access: "read-write" }));
      totals.roomsTouched.add(name);
    }
    totals.roomLoads += rooms.length;
    const clients: Client[] = [];
    phase = `wave ${totals.waves + 1} (${clientCount} clients, ${roomCount} rooms) connecting`;
    // Connect in parallel (the provider connects on construction); 25 connecting at a time.
    let next = 0;
    const connectOne = async () => {
      while (next < clientCount) {
        const i = next++;
        const room = rooms[i % rooms.length]!;
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(serverUrl, room, doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          params: { token: tokens.get(room)! },
          disableBc: true,
        });
        const client: Client = { provider, doc, room, synced: false, closedByServer: [] };
        provider.on("connection-close", (event) => {
          if (event) client.closedByServer.push(event.code);
        });
        provider.awareness.setLocalStateField("user", { name: `churn-${totals.waves}-${i}`, color: "#30bced" });
        totals.awareness++;
        totals.connections++;
        clients.push(client);
        const ok = await waitFor(() => provider.synced, 30_000);
        if (!ok) throw new Error(`wave ${totals.waves}: a client of ${room} did not sync within 30 s (closes: ${client.closedByServer.join(",") || "none"})`);
        client.synced = true;
      }
    };
    await Promise.all(Array.from({ length: 25 }, connectOne));

    phase = phase.replace("connecting", "editing");
    // Edits, spread over ~1.5 s: board notes (Y.Map of Y.Maps) and a shared text.
    await Promise.all(
      clients.map(async (c, i) => {
        const edits = int(1, 6);
        // Board notes as the board's rules allow (everyone here is the token's person, "Churn"):
        // new notes, and edits of a note's text.
        const mine: string[] = [];
        for (let e = 0; e < edits; e++) {
          await sleep(random() * 250);
          if (random() < 0.6 || !mine.length) {
            const id = crypto.randomUUID();
            addNote(c.doc, {
              id,
              text: `note ${totals.waves}.${i}.${e} ${"x".repeat(int(5, 60))}`,
              authorId: "churn",
              authorName: "Churn",
              x: int(0, 2000),
              y: int(0, 2000),
            });
            mine.push(id);
          } else {
            const text = noteText(c.doc, mine[int(0, mine.length - 1)]!);
            text?.insert(Math.min(text.length, int(0, text.length)), `w${totals.waves}c${i} `);
          }
          totals.updates++;
        }
        for (let k = 0; k < 2; k++) {
          c.provider.awareness.setLocalStateField("cursor", { x: int(0, 2000), y: int(0, 2000) });
          totals.awareness++;
        }
      }),
    );

    // Converged: every client of a room holds the same state (the server relays only what it stored).
    const byRoom = new Map<string, Client[]>();
    for (const c of clients) byRoom.set(c.room, [...(byRoom.get(c.room) ?? []), c]);
    const converged = () =>
      [...byRoom.values()].every((members) => {
        const first = Buffer.from(Y.encodeStateVector(members[0]!.doc)).toString("base64");
        return members.every((m) => Buffer.from(Y.encodeStateVector(m.doc)).toString("base64") === first);
      });
    phase = phase.replace("editing", "converging");
    if (!(await waitFor(converged, 15_000, 50))) totals.unconverged++;
    phase = phase.replace("converging", "leaving");

    // Leave: some vanish (no close frame: the server sees the TCP close), the rest disconnect.
    for (const c of clients) {
      for (const code of c.closedByServer) totals.serverCloses.set(code, (totals.serverCloses.get(code) ?? 0) + 1);
      if (random() < opts.abrupt) {
        totals.abrupt++;
        (c.provider.ws as unknown as WebSocket | null)?.terminate();
      }
      c.provider.destroy();
      c.provider.awareness.destroy();
      c.doc.destroy();
    }
    const left = performance.now();
    const idle = await waitFor(
      async () => {
        const h = await child.health();
        return h.connections === 0 && h.documents === 0;
      },
      15_000,
      25,
    );
    if (idle) totals.unloadMs.push(performance.now() - left);
    else totals.notIdle++;
    totals.waves++;
    phase = `after wave ${totals.waves}`;
  }

  type Idle = {
    label: string;
    minute: number;
    rss: number;
    rssAnon: number;
    rssFile: number;
    heap: number;
    heapTotal: number;
    external: number;
    dbBytes: number;
    documents: number;
    connections: number;
  };
  const idleSamples: Idle[] = [];
  async function idlePoint(label: string): Promise<Idle> {
    await waitFor(
      async () => {
        const h = await child.health();
        return h.connections === 0 && h.documents === 0;
      },
      15_000,
      50,
    );
    await sleep(1000); // let closes, unloads and their flushes settle
    const s = await child.stats(true);
    const h = await child.health();
    const point: Idle = {
      label,
      minute: (performance.now() - started) / 60_000,
      rss: s.rss,
      rssAnon: s.rssAnon ?? NaN,
      rssFile: s.rssFile ?? NaN,
      heap: s.heapUsed + s.external,
      heapTotal: s.heapTotal ?? NaN,
      external: s.external,
      dbBytes: dbSize(dbFile),
      documents: h.documents,
      connections: h.connections,
    };
    idleSamples.push(point);
    return point;
  }

  let baseline: Idle;
  let finalPoint: Idle;
  let finalHealth: { status: string; connections: number; documents: number };
  let finalMetrics: Record<string, number>;
  try {
    await wave(); // warm-up: code paths, SQLite cache, allocator arenas
    baseline = await idlePoint("baseline (after wave 1)");
    console.log(
      `\n  baseline after wave 1: RSS ${(baseline.rss / MB).toFixed(1)} MB (anon ${(baseline.rssAnon / MB).toFixed(1)}, file ${(baseline.rssFile / MB).toFixed(1)}), ` +
        `V8 heap committed ${(baseline.heapTotal / MB).toFixed(1)} MB, heap+external ${(baseline.heap / MB).toFixed(1)} MB`,
    );
    let nextIdle = 1;
    while (performance.now() - started < durationMs) {
      await wave();
      const minute = (performance.now() - started) / 60_000;
      if (minute >= nextIdle && performance.now() - started < durationMs) {
        const p = await idlePoint(`idle at ${minute.toFixed(1)} min`);
        console.log(
          `  [${minute.toFixed(1)} min] ${totals.waves} waves, ${totals.connections} connections, ${totals.updates} updates; idle after GC: RSS ${(p.rss / MB).toFixed(1)} MB (anon ${(p.rssAnon / MB).toFixed(1)}, file ${(p.rssFile / MB).toFixed(1)}), V8 heap committed ${(p.heapTotal / MB).toFixed(1)} MB, heap+external ${(p.heap / MB).toFixed(1)} MB`,
        );
        nextIdle = Math.floor(minute) + 1;
      }
    }
    clearInterval(sampler);
    finalPoint = await idlePoint("final (all clients left)");
    finalHealth = await child.health();
    finalMetrics = await child.metrics();
  } finally {
    clearInterval(sampler);
  }
  const rows = await child.request("rows").catch(() => ({ rows: null }));
  const lifetimeMaxRss = (await child.stats(false)).maxRss;
  finished = true;
  await child.request("stop", {}, 15_000).catch(() => {});

  // ---- report ----
  const mb = (b: number) => (b / MB).toFixed(1);
  const ratio = finalPoint.rss / baseline.rss;
  const heapRatio = finalPoint.heap / baseline.heap;
  const closes = [...totals.serverCloses].map(([code, n]) => `${n}x${code}`).join(", ") || "none";
  const unload = totals.unloadMs.sort((a, b) => a - b);
  const p = (q: number) => (unload.length ? unload[Math.min(unload.length - 1, Math.floor(q * unload.length))]!.toFixed(0) : "-");
  const stored = rows.rows as { logRows: number; snapshots: number } | null;
  const minutes = (performance.now() - started) / 60_000;

  console.log(`\n=== churn: ${minutes.toFixed(1)} min, ${totals.waves} waves, our server (pid ${child.pid}) ===`);
  console.log(`                               RSS MB   heap+ext MB`);
  console.log(`  baseline (wave 1, idle, GC) ${mb(baseline.rss).padStart(8)} ${mb(baseline.heap).padStart(12)}`);
  console.log(
    `  peak (1 s samples, no GC)   ${mb(peak.rss).padStart(8)} ${mb(peak.heap).padStart(12)}   (RSS peak at ${peak.at.toFixed(0)} s, ${peak.phase}; lifetime max RSS ${mb(lifetimeMaxRss)} MB)`,
  );
  console.log(`  final (all left, idle, GC)  ${mb(finalPoint.rss).padStart(8)} ${mb(finalPoint.heap).padStart(12)}`);
  console.log(`  final/baseline              ${ratio.toFixed(3).padStart(7)}x ${heapRatio.toFixed(3).padStart(11)}x`);
  console.log(`  TARGET final RSS within 10% of baseline: ${ratio <= 1.1 ? "PASS" : "MISS"} (${((ratio - 1) * 100).toFixed(1)}%)`);
  console.log(
    `  /metrics at the end: process_resident_memory_bytes ${mb(finalMetrics.coproduce_collab_process_resident_memory_bytes ?? NaN)} MB, ` +
      `nodejs_heap_size_used_bytes ${mb(finalMetrics.coproduce_collab_nodejs_heap_size_used_bytes ?? NaN)} MB, ` +
      `documents_loaded ${finalMetrics.coproduce_collab_documents_loaded ?? "-"}, connections ${finalMetrics.coproduce_collab_connections ?? "-"}`,
  );
  console.log(
    `  /collab/healthz at the end: ${JSON.stringify(finalHealth)} -> documents unloaded: ${finalHealth.documents === 0 && finalHealth.connections === 0 ? "YES" : "NO"}`,
  );
  console.log(`\n  idle points (no client connected, after GC; MB): RSS = anon (V8 heap, malloc: SQLite, buffers) + file (node binary,`);
  console.log(`  libraries, SQLite -shm); heapTot = V8 heap committed; heap+ext = V8 heap used + external; db = SQLite file + WAL`);
  console.log(`    ${["minute", "RSS", "anon", "file", "heapTot", "heap+ext", "ext", "db", "docs", "conns"].map((h) => h.padStart(8)).join("")}`);
  for (const s of idleSamples) {
    const cells = [
      s.minute.toFixed(1),
      mb(s.rss),
      mb(s.rssAnon),
      mb(s.rssFile),
      mb(s.heapTotal),
      mb(s.heap),
      mb(s.external),
      mb(s.dbBytes),
      String(s.documents),
      String(s.connections),
    ];
    console.log(`    ${cells.map((c) => c.padStart(8)).join("")}  ${s.label}`);
  }
  console.log(
    `\n  connections made ${totals.connections} (${totals.abrupt} ended abruptly), updates sent ${totals.updates}, awareness changes ${totals.awareness}`,
  );
  console.log(`  rooms touched ${totals.roomsTouched.size} distinct, ${totals.roomLoads} room loads (rooms x waves)`);
  console.log(
    `  rooms not converged within 15 s: ${totals.unconverged} waves; waves after which the server was not idle within 15 s: ${totals.notIdle}; ` +
      `idle after the last client left: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
  );
  console.log(`  connections closed by the server: ${closes}${stored ? `; stored: ${stored.logRows} log rows, ${stored.snapshots} snapshots` : ""}`);
  console.log(`\ndone; our server's code at the start: ${codeAtStart}, at the end: ${sourceFingerprint()} (the child loaded it at the start)`);
}

function dbSize(file: string): number {
  let n = 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      n += fs.statSync(file + suffix).size;
    } catch {}
  }
  return n;
}

function providerVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "y-websocket", "package.json"), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "?";
  }
}
