// Board benchmark (`npm run bench:board`): PRINTS figures, asserts nothing.
//
// Starts the app (`tsx server.ts`, a fresh SQLite database with the demo data) on BENCH_PORT,
// creates a board per size through the boards form, fills it from Node through the collab
// server with the board helpers (app/collab/board.ts, the same code the browser uses; the notes
// are the signed-in facilitator's own, as the server's rules require), then opens it in Chromium
// (Playwright, Debian's /usr/bin/chromium) with the CPU throttled (CDP
// Emulation.setCPUThrottlingRate, default 4x) and measures:
//   open    navigation start → every note in the page's document, the canvas drawn, "Saved"
//   pan     requestAnimationFrame deltas while the canvas background is dragged (from a point
//           checked to be background: on a note it would drag the note), and the renderer's
//           main-thread time per frame; "board panned" says the board moved with the pointer
//   drag    the same while one note is dragged with @dnd-kit
//   JS      gzipped bytes of every script the board page loads (and of the board's own chunk)
// An empty board is measured first in the same run, as the reference: each size's open time and
// frame rate are also printed as a ratio to it (BENCH_REFERENCE=0 leaves it out).
// Environment: BENCH_SIZES=1000,4000  BENCH_CPU=4  BENCH_PORT=3212  BENCH_URL (an app already
// running; skips the start)  CHROMIUM_PATH  BENCH_REFERENCE=0
// BENCH_PROFILE=1: where opening's time goes (the page's own marks: scripts, collab token,
// socket, first and last message, notes in the document, first card; CPU profile by script and
// function) and the top functions while panning and dragging.
// BENCH_TRACE=1: Chromium's trace — the main thread's long tasks while opening, and the main and
// compositor threads' time by event while panning and dragging (BENCH_TRACE_FILE=path keeps the
// opening trace for chrome://tracing or the DevTools performance panel).
// BENCH_LAYERS=1 (compositing layers and their reasons; =2 lists each layer and its element).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import WebSocket from "ws";
import { chromium, request, type Page } from "@playwright/test";
import { addCluster, addNote, NOTE_COLOURS, NOTE_SIZE, CLUSTER_SIZE } from "../../app/collab/board";
import { connectDocument } from "../../app/collab/connection";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
// An empty board first, measured the same way in the same run: the reference the others are compared with.
const SIZES = [
  ...(process.env.BENCH_REFERENCE === "0" ? [] : [0]),
  ...(process.env.BENCH_SIZES ?? "1000,4000")
    .split(",")
    .map(Number)
    .filter((n) => n > 0),
];
const CPU = Number(process.env.BENCH_CPU ?? 4);
const PORT = Number(process.env.BENCH_PORT ?? 3212);
const BASE = process.env.BENCH_URL ?? `http://localhost:${PORT}`;
const PASSWORD = "coproduce-demo-2026";

async function startApp(): Promise<ChildProcess | null> {
  if (process.env.BENCH_URL) return null;
  const dir = path.join(ROOT, "tests", ".tmp", `bench-board-${PORT}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: `file:${path.join(dir, "coproduce.db")}`,
      SESSION_SECRET: "bench-only-secret-0123456789abcdef0123456789",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 240_000;
  process.stdout.write("starting the app");
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) {
        process.stdout.write(" ready\n");
        return child;
      }
    } catch {
      // not yet
    }
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    process.stdout.write(".");
    await new Promise((r) => setTimeout(r, 1000));
  }
  child.kill("SIGTERM");
  throw new Error("the app did not start");
}

async function signIn() {
  const api = await request.newContext({ baseURL: BASE, maxRedirects: 0 });
  const res = await api.post("/sign-in", { form: { email: "facilitator@coproduce.test", password: PASSWORD }, headers: { Origin: BASE } });
  if (res.status() !== 302) throw new Error(`sign-in: ${res.status()}`);
  const org = await (await api.get("/orgs/birmingham")).text();
  const localityId = /href="\/l\/([A-Za-z0-9_-]+)">Longbridge</.exec(org)?.[1];
  if (!localityId) throw new Error("no Longbridge locality");
  return { api, localityId };
}

type Api = Awaited<ReturnType<typeof signIn>>["api"];

/** Creates a board and fills it with `count` notes in 10 clusters and a loose grid; returns its path. */
async function seedBoard(api: Api, localityId: string, count: number): Promise<string> {
  const res = await api.post(`/l/${localityId}/boards?index`, { form: { title: `Bench ${count} notes`, purpose: "ideas" }, headers: { Origin: BASE } });
  const location = res.headers().location;
  if (res.status() !== 302 || !location) throw new Error(`create board: ${res.status()}`);
  const boardId = location.split("/").pop()!;
  const docName = `locality:${localityId}:board:${boardId}`;
  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const getToken = async () => {
    const r = await fetch(`${BASE}/l/${localityId}/collab-token?doc=${encodeURIComponent(docName)}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`token: ${r.status}`);
    return r.json();
  };
  // The server accepts only notes that are the author's own (app/collab/board-rules.ts): write them
  // as the signed-in facilitator, whose id and name the token carries.
  const token = await getToken();
  const claims = JSON.parse(Buffer.from(String(token.token).split(".")[1]!, "base64url").toString()) as { sub: string; name: string };
  const conn = await connectDocument({ docName, getToken, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
  const doc = conn.doc;
  const perRow = 40;
  const gap = 20;
  for (let c = 0; c < (count ? 10 : 0); c++) addCluster(doc, { id: `c${c}`, name: `Theme ${c + 1}`, x: 40 + c * (CLUSTER_SIZE.width + 40), y: 40 });
  for (let start = 0; start < count; start += 250) {
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 250); i++) {
        addNote(doc, {
          id: `n${i}`,
          text: `Idea ${i + 1}: ${["a safe place to play after school", "a walking bus to the children's centre", "Arabic-speaking parent mentors", "a warm space at the library"][i % 4]}`,
          authorId: claims.sub,
          authorName: claims.name,
          colour: NOTE_COLOURS[i % NOTE_COLOURS.length],
          x: 40 + (i % perRow) * (NOTE_SIZE.width + gap),
          y: 560 + Math.floor(i / perRow) * (NOTE_SIZE.height + gap),
        });
      }
    });
    await new Promise((r) => setTimeout(r, 50));
  }
  const deadline = Date.now() + 60_000;
  while (conn.status !== "saved" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (conn.status !== "saved") throw new Error(`seeding did not save (${conn.status})`);
  conn.destroy();
  return location;
}

const PROFILE = !!process.env.BENCH_PROFILE;
const TRACE = !!process.env.BENCH_TRACE;
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "blink.user_timing", "cc", "v8.execute"];

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } };
};

/**
 * BENCH_TRACE=1, opening: the renderer main thread's long tasks (≥ 30 ms) in order, each with the
 * events that took most of it (scripts by file), from navigation start.
 */
function printOpenTrace(buffer: Buffer) {
  if (process.env.BENCH_TRACE_FILE) fs.writeFileSync(process.env.BENCH_TRACE_FILE, buffer);
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) !== "CrRendererMain") continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(e);
  }
  // The board page's renderer: the one that ran the app's scripts.
  const main = [...byThread.values()].filter((list) => list.some((e) => e.args?.data?.url?.includes("/build/"))).sort((a, b) => b.length - a.length)[0] ?? [];
  const start = main.find((e) => e.name === "navigationStart")?.ts ?? Math.min(...main.map((e) => e.ts));
  const tasks = main.filter((e) => e.ph === "X" && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && (e.dur ?? 0) >= 30_000);
  const what = (e: TraceEvent) => {
    const d = e.args?.data;
    const file = d?.url?.split("/").pop();
    return file ? `${e.name} ${file}${d?.functionName ? ` ${d.functionName}` : ""}` : d?.type ? `${e.name} ${d.type}` : e.name;
  };
  console.log(`  trace while opening: ${tasks.length} main-thread tasks of 30 ms or more (start, length, what took most of it):`);
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    const inner = main.filter(
      (e) => e.ph === "X" && e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask",
    );
    // The largest events one level down that say something (scripts, parsing, style, layout, paint).
    const parts = inner
      .filter((e) =>
        /EvaluateScript|FunctionCall|v8\.compile|ParseHTML|UpdateLayoutTree|Layout|Paint|PaintArtifactCompositor::Update|MajorGC|MinorGC|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks/.test(
          e.name,
        ),
      )
      .filter(
        (e) =>
          !inner.some(
            (o) =>
              o !== e &&
              o.ts <= e.ts &&
              o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) &&
              (o.dur ?? 0) > (e.dur ?? 0) &&
              /EvaluateScript|FunctionCall|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch/.test(o.name),
          ),
      )
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 3)
      .map((e) => `${what(e)} ${((e.dur ?? 0) / 1000).toFixed(0)}`);
    console.log(`    ${((t.ts - start) / 1000).toFixed(0).padStart(6)} ms +${((t.dur ?? 0) / 1000).toFixed(0).padStart(4)}  ${parts.join("; ")}`);
  }
}

/**
 * BENCH_TRACE=1: Chromium's trace of the pan, the renderer's main thread summed by event (self
 * time: an event's time less that of the events inside it), and the frames' time on the
 * compositor thread.
 */
function printTrace(what: string, buffer: Buffer) {
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  // The page's renderer: the main thread with the most events.
  const perThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X") continue;
    const key = `${e.pid}:${e.tid}`;
    if (!perThread.has(key)) perThread.set(key, []);
    perThread.get(key)!.push(e);
  }
  const pick = (thread: string) => [...perThread].filter(([k]) => names.get(k) === thread).sort((a, b) => b[1].length - a[1].length)[0]?.[1] ?? [];
  const summarise = (list: TraceEvent[]) => {
    const sorted = [...list].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    const close = (until: number) => {
      while (stack.length && stack[stack.length - 1]!.end <= until) {
        const top = stack.pop()!;
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.dur ?? 0) - top.child);
        if (stack.length) stack[stack.length - 1]!.child += top.e.dur ?? 0;
      }
    };
    for (const e of sorted) {
      close(e.ts);
      stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
    }
    close(Infinity);
    return self;
  };
  const main = pick("CrRendererMain");
  const top = main.filter((e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask");
  const busy = top.reduce((a, e) => a + (e.dur ?? 0), 0);
  console.log(`  trace while ${what}: renderer main thread busy ${(busy / 1000).toFixed(0)} ms in ${top.length} tasks; self time by event:`);
  for (const [name, us] of [...summarise(main)].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`    ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  const compositor = pick("Compositor");
  console.log("  compositor thread, self time by event:");
  for (const [name, us] of [...summarise(compositor)].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`    ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

async function stopProfile(cdp: import("@playwright/test").CDPSession): Promise<CpuProfile> {
  return ((await cdp.send("Profiler.stop")) as { profile: CpuProfile }).profile;
}

/** Self time per function (and per script) of a CPU profile, largest first. */
function printTop(profile: CpuProfile, count: number, byScript = false) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url.split("/").pop() || "";
    const key = byScript ? file || f.functionName : `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`    ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

/**
 * BENCH_PROFILE=1, before opening: a CPU profile of the whole open, and marks in the page (the
 * collab socket's open, first message, bytes; the moment the document holds every note; the first
 * card drawn) to say where opening's time goes.
 */
async function recordOpen(context: import("@playwright/test").BrowserContext, cdp: import("@playwright/test").CDPSession, size: number) {
  await context.addInitScript(`(() => {
    const marks = (window.__openMarks = { wsBytes: 0, wsMessages: 0, longTasks: 0, longTaskMs: 0 });
    const mark = (name) => { if (!(name in marks)) marks[name] = performance.now(); };
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        mark("wsCreated");
        this.addEventListener("open", () => mark("wsOpen"));
        this.addEventListener("message", (e) => {
          mark("wsFirstMessage");
          marks.wsLastMessage = performance.now();
          marks.wsMessages++;
          marks.wsBytes += e.data.byteLength ?? e.data.size ?? String(e.data).length;
        });
      }
    };
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) { marks.longTasks++; marks.longTaskMs += e.duration; }
      }).observe({ type: "longtask", buffered: true });
    } catch {}
    const tick = () => {
      if (!marks.boardApp && document.querySelector(".board-app")) mark("boardApp");
      if (!marks.canvas && document.querySelector(".board-canvas")) mark("canvas");
      if (!marks.firstCard && document.querySelector(".board-card")) mark("firstCard");
      const notes = window.coproduceBoard?.doc.getMap("notes").size ?? 0;
      if (notes > 0) mark("firstNotes");
      if (notes >= ${size}) mark("allNotes");
      if (!marks.saved && document.querySelector(".board-status")?.textContent?.includes("Saved")) mark("saved");
      if (!marks.saved || !marks.allNotes || !marks.firstCard) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await cdp.send("Performance.enable");
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
}

async function printOpen(page: Page, cdp: import("@playwright/test").CDPSession) {
  const profile = await stopProfile(cdp);
  const info = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const res = performance.getEntriesByType("resource");
    const scripts = res.filter((r) => r.initiatorType === "script" || r.name.endsWith(".js"));
    const token = res.find((r) => r.name.includes("collab-token"));
    return {
      marks: window.__openMarks,
      ttfb: nav.responseStart, html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
      scriptsEnd: Math.max(...scripts.map((r) => r.responseEnd)), scripts: scripts.length,
      tokenStart: token?.startTime, tokenEnd: token?.responseEnd,
      late: scripts.filter((r) => r.startTime > nav.domContentLoadedEventStart).map((r) => [r.name.split("/").pop(), Math.round(r.startTime), Math.round(r.responseEnd)]),
    };
  })()`)) as Record<string, number> & { marks: Record<string, number> };
  const m = info.marks;
  const ms = (v: number | undefined) => (v === undefined ? "–" : `${Math.round(v)}`);
  console.log("  opening, ms after navigation start (in the page's clock):");
  console.log(`    HTML first byte ${ms(info.ttfb)}, last byte ${ms(info.html)}; DOMContentLoaded ${ms(info.dcl)}; load ${ms(info.load)}`);
  console.log(`    ${info.scripts} scripts fetched by ${ms(info.scriptsEnd)}; board app in the DOM ${ms(m.boardApp)}; canvas ${ms(m.canvas)}`);
  const late = info.late as unknown as [string, number, number][];
  console.log(`    scripts asked for after DOMContentLoaded: ${late.map(([n, a, b]) => `${n} ${a}→${b}`).join(", ")}`);
  console.log(
    `    collab token ${ms(info.tokenStart)}→${ms(info.tokenEnd)}; socket created ${ms(m.wsCreated)}, open ${ms(m.wsOpen)}, first message ${ms(m.wsFirstMessage)}, last ${ms(m.wsLastMessage)} (${m.wsMessages} messages, ${((m.wsBytes ?? 0) / 1024).toFixed(0)} KB)`,
  );
  console.log(`    first notes in the document ${ms(m.firstNotes)}, all ${ms(m.allNotes)}; first card drawn ${ms(m.firstCard)}; "Saved" ${ms(m.saved)}`);
  console.log(`    long tasks: ${m.longTasks}, ${ms(m.longTaskMs)} ms in all`);
  const metrics = Object.fromEntries(((await cdp.send("Performance.getMetrics")).metrics as { name: string; value: number }[]).map((x) => [x.name, x.value]));
  if (metrics.TaskDuration !== undefined)
    console.log(
      `    main thread so far: task ${(metrics.TaskDuration * 1000).toFixed(0)}, script ${(metrics.ScriptDuration! * 1000).toFixed(0)}, style ${(metrics.RecalcStyleDuration! * 1000).toFixed(0)}, layout ${(metrics.LayoutDuration! * 1000).toFixed(0)}`,
    );
  console.log("  self time while opening, by script:");
  printTop(profile, 8, true);
  console.log("  top self time while opening:");
  printTop(profile, 25);
}

/** Records requestAnimationFrame deltas while `action` runs; returns them in ms. */
async function frames(page: Page, action: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await action();
  return (await page.evaluate("(() => { window.__recording = false; return window.__frames.slice(1); })()")) as number[];
}

/** BENCH_LAYERS=1: how many compositing layers the page has, and why. */
async function printLayers(page: Page, cdp: import("@playwright/test").CDPSession) {
  type Layer = { layerId: string; width: number; height: number; drawsContent: boolean };
  const layers = await new Promise<Layer[]>((resolve, reject) => {
    cdp.on("LayerTree.layerTreeDidChange", (e: { layers?: Layer[] }) => e.layers && resolve(e.layers));
    setTimeout(() => reject(new Error("no layer tree from Chromium")), 20_000);
    // The tree is sent when it changes: nudge the view (zoom out and back in).
    void cdp.send("LayerTree.enable").then(async () => {
      await page.getByRole("button", { name: "Zoom out" }).click();
      await page.getByRole("button", { name: "Zoom in" }).click();
    });
  });
  console.log(`  compositing layers: ${layers.length} (${layers.filter((l) => l.drawsContent).length} draw content)`);
  const byReason = new Map<string, { count: number; example: string }>();
  for (const l of layers) {
    const { compositingReasons } = (await cdp.send("LayerTree.compositingReasons", { layerId: l.layerId })) as { compositingReasons: string[] };
    const reason = compositingReasons.join(", ") || "(none given)";
    const seen = byReason.get(reason) ?? { count: 0, example: `${l.width}x${l.height}${l.drawsContent ? "" : ", no content"}` };
    seen.count++;
    byReason.set(reason, seen);
  }
  for (const [reason, { count, example }] of byReason) console.log(`    ${String(count).padStart(3)} × ${reason} (e.g. ${example})`);
  if (process.env.BENCH_LAYERS === "2") {
    // Each layer: its size and place, how often it was painted, and the element it is for (if said).
    await cdp.send("DOM.getDocument", { depth: 0 });
    for (const l of layers as (Layer & { offsetX: number; offsetY: number; paintCount: number; backendNodeId?: number })[]) {
      let node = "";
      if (l.backendNodeId) {
        const { node: n } = (await cdp.send("DOM.describeNode", { backendNodeId: l.backendNodeId }).catch(() => ({ node: null }))) as {
          node: { nodeName: string; attributes?: string[] } | null;
        };
        const attrs = n?.attributes ?? [];
        const cls = attrs[attrs.indexOf("class") + 1];
        node = n ? `${n.nodeName.toLowerCase()}${attrs.includes("class") && cls ? `.${cls.split(" ").join(".")}` : ""}` : "";
      }
      console.log(
        `      ${l.width}x${l.height} at ${Math.round(l.offsetX)},${Math.round(l.offsetY)} painted ${l.paintCount}${l.drawsContent ? "" : " (no content)"} ${node}`,
      );
    }
  }
  await cdp.send("LayerTree.disable");
}

function stats(deltas: number[]) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const total = deltas.reduce((a, b) => a + b, 0);
  return { p50: q(0.5), p95: q(0.95), fps: deltas.length / (total / 1000), n: deltas.length };
}

async function dragPath(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * Math.sin((i / steps) * Math.PI * 2)) / 2 + (dy * i) / steps / 2);
  }
  await page.mouse.up();
}

async function main() {
  const app = await startApp();
  const rows: string[][] = [];
  const results: { size: number; openMs: number; panFps: number; panMainPerFrame: number }[] = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu-vsync", "--disable-quic"],
  });
  try {
    const { api, localityId } = await signIn();
    const storageState = await api.storageState();
    let jsRow: string[] | null = null;
    for (const size of SIZES) {
      process.stdout.write(`seeding ${size} notes… `);
      const boardPath = await seedBoard(api, localityId, size);
      process.stdout.write("done\n");
      const context = await browser.newContext({ baseURL: BASE, storageState, viewport: { width: 1280, height: 900 } });
      await context.addInitScript(() => window.localStorage.setItem("board-view", "canvas"));
      const page = await context.newPage();
      const scripts = new Map<string, number>();
      page.on("response", async (res) => {
        if (res.request().resourceType() !== "script") return;
        try {
          scripts.set(res.url(), zlib.gzipSync(await res.body(), { level: 9 }).length);
        } catch {
          // redirected or aborted
        }
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
      if (PROFILE) await recordOpen(context, cdp, size);
      // The whole browser: the navigation may move the page to another renderer process.
      if (TRACE) await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
      const t0 = Date.now();
      await page.goto(boardPath);
      // Open = every note is in the page's document and the canvas has drawn the visible ones
      // (only notes near the view are in the DOM).
      await page.waitForFunction(
        (n) =>
          (window.coproduceBoard?.doc.getMap("notes").size ?? 0) >= n &&
          (n === 0 ? !!document.querySelector(".board-canvas") : document.querySelectorAll(".board-card").length > 0),
        size,
        { timeout: 180_000, polling: 50 },
      );
      await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
      await page.waitForFunction(() => document.querySelector(".board-status")?.textContent?.includes("Saved"), null, { timeout: 60_000 });
      const openMs = Date.now() - t0;
      if (TRACE) printOpenTrace(await browser.stopTracing());
      if (PROFILE) await printOpen(page, cdp);
      await page.locator(".board-canvas").evaluate((el) => el.scrollIntoView({ block: "end" }));
      // Zoom to a reading scale (≥ 80 %) so the visible area is full of notes, then pan across them.
      for (let i = 0; i < 12 && Number.parseInt((await page.locator(".board-zoom").textContent()) ?? "0", 10) < 80; i++)
        await page.getByRole("button", { name: "Zoom in" }).click();
      await page.waitForTimeout(500);
      await cdp.send("Performance.enable");
      const metrics = async () =>
        Object.fromEntries(((await cdp.send("Performance.getMetrics")).metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]));
      if (process.env.BENCH_LAYERS) await printLayers(page, cdp);
      const m0 = await metrics();
      if (PROFILE) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.start");
      }
      if (TRACE) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      // Pan from the background near the canvas's far corner (a point on a note would drag the note).
      const panFrom = (await page.evaluate(`(() => {
        const box = document.querySelector(".board-canvas").getBoundingClientRect();
        for (let d = 30; d < 300; d += 4)
          for (let e = 30; e <= d; e += 4)
            for (const [x, y] of [[box.right - d, box.bottom - e], [box.right - e, box.bottom - d]]) {
              const el = document.elementFromPoint(x, y);
              if (el?.closest(".board-canvas") && !el.closest(".board-card, button, a, input, textarea, select")) return { x, y };
            }
        return { x: box.right - 30, y: box.bottom - 30 };
      })()`)) as { x: number; y: number };
      const worldAt = () =>
        page.evaluate(`(() => { const r = document.querySelector(".board-world").getBoundingClientRect(); return { x: r.left, y: r.top }; })()`) as Promise<{
          x: number;
          y: number;
        }>;
      const before = await worldAt();
      const pan = stats(await frames(page, () => dragPath(page, panFrom, -700, -400, 120)));
      const after = await worldAt();
      // The board moved with the pointer, by as much as the pointer did (the path ends 700 left, 200 up).
      const panned = Math.abs(after.x - before.x + 700) < 2 && Math.abs(after.y - before.y + 200) < 2;
      if (TRACE) printTrace("panning", await browser.stopTracing());
      const m1 = await metrics();
      if (PROFILE) {
        console.log("  top self time while panning:");
        printTop(await stopProfile(cdp), 15);
      }
      const spent = (k: string) => `${((m1[k]! - m0[k]!) * 1000).toFixed(0)}`;
      console.log(
        `  ${size} notes, main thread while panning (ms): task ${spent("TaskDuration")}, script ${spent("ScriptDuration")}, style ${spent("RecalcStyleDuration")}, layout ${spent("LayoutDuration")}; style recalcs ${m1.RecalcStyleCount! - m0.RecalcStyleCount!}, layouts ${m1.LayoutCount! - m0.LayoutCount!}`,
      );
      // A note fully inside the canvas, actually under the pointer at its centre.
      const start = (await page.evaluate(`(() => {
        const box = document.querySelector(".board-canvas").getBoundingClientRect();
        for (const card of document.querySelectorAll(".board-card")) {
          const r = card.getBoundingClientRect();
          const x = r.left + r.width / 2, y = r.top + r.height / 2;
          if (r.left > box.left + 20 && r.right < box.left + box.width / 2 && r.top > box.top + 20 && r.bottom < box.top + box.height / 2 && document.elementFromPoint(x, y)?.closest(".board-card") === card) return { x, y };
        }
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      })()`)) as { x: number; y: number };
      const underPointer = (await page.evaluate(`!!document.elementFromPoint(${start.x}, ${start.y})?.closest(".board-card")`)) as boolean;
      if (TRACE && size) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      if (PROFILE && size) await cdp.send("Profiler.start");
      const d0 = await metrics();
      const drag = size ? stats(await frames(page, () => dragPath(page, start, 300, 200, 120))) : null;
      const d1 = await metrics();
      if (PROFILE && size) {
        console.log("  top self time while dragging a note:");
        printTop(await stopProfile(cdp), 15);
      }
      if (TRACE && size) printTrace("dragging a note", await browser.stopTracing());
      if (!jsRow) {
        // Which of them only the board page needs: compare with the locality's overview page.
        const other = await browser.newContext({ storageState });
        const otherPage = await other.newPage();
        const common = new Set<string>();
        otherPage.on("response", (res) => res.request().resourceType() === "script" && common.add(res.url()));
        await otherPage.goto(`${BASE}/l/${localityId}`);
        await otherPage.waitForLoadState("networkidle");
        await other.close();
        let total = 0;
        let own = 0;
        console.log("\nScripts the board page loaded (gzip -9):");
        for (const [url, bytes] of [...scripts].sort((a, b) => b[1] - a[1])) {
          total += bytes;
          const mine = !common.has(url);
          if (mine) own += bytes;
          console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${new URL(url).pathname}${mine ? "  (board page only)" : ""}`);
        }
        jsRow = [String(scripts.size), (total / 1024).toFixed(1), (own / 1024).toFixed(1)];
      }
      const rendered = (await page.evaluate(`document.querySelectorAll(".board-card").length`)) as number;
      const panMainPerFrame = ((m1.TaskDuration! - m0.TaskDuration!) * 1000) / pan.n;
      results.push({ size, openMs, panFps: pan.fps, panMainPerFrame });
      rows.push([
        String(size),
        String(openMs),
        String(rendered),
        pan.p50.toFixed(1),
        pan.p95.toFixed(1),
        pan.fps.toFixed(0),
        panMainPerFrame.toFixed(1),
        drag ? drag.p50.toFixed(1) : "–",
        drag ? drag.p95.toFixed(1) : "–",
        drag ? drag.fps.toFixed(0) : "–",
        drag ? (((d1.TaskDuration! - d0.TaskDuration!) * 1000) / drag.n).toFixed(1) : "–",
        panned ? "yes" : "NO",
        drag ? (underPointer ? "note" : "background") : "–",
      ]);
      await context.close();
    }
    console.log(
      `\nBoard canvas in Chromium, CPU throttled ${CPU}x, 1280x900 (frame times from requestAnimationFrame; main ms/frame: the renderer's main-thread task time over the frames drawn)`,
    );
    const head = [
      "notes",
      "open ms",
      "cards in DOM",
      "pan p50 ms",
      "pan p95 ms",
      "pan fps",
      "pan main ms/frame",
      "drag p50 ms",
      "drag p95 ms",
      "drag fps",
      "drag main ms/frame",
      "board panned",
      "dragged",
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join("  ");
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    const ref = results.find((r) => r.size === 0);
    if (ref)
      for (const r of results.filter((x) => x.size > 0))
        console.log(
          `${r.size} notes against the empty board: open ${(r.openMs / ref.openMs).toFixed(2)}x its time (${r.openMs - ref.openMs} ms more); pan ${(r.panFps / ref.panFps).toFixed(2)}x its frame rate with ${(r.panMainPerFrame / ref.panMainPerFrame).toFixed(2)}x its main-thread time per frame`,
        );
    if (jsRow) console.log(`\nBoard page JavaScript: ${jsRow[0]} scripts, ${jsRow[1]} KB gzipped in total, of which ${jsRow[2]} KB only the board page loads`);
    await api.dispose();
  } finally {
    await browser.close();
    if (app) {
      app.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
