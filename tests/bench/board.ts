// Board benchmark (`npm run bench:board`): PRINTS figures, asserts nothing.
//
// Starts the app (`tsx server.ts`, a fresh SQLite database with the demo data) on BENCH_PORT,
// creates a board per size through the boards form, fills it from Node through the collab
// server with the board helpers (app/collab/board.ts, the same code the browser uses), then
// opens it in Chromium (Playwright, Debian's /usr/bin/chromium) with the CPU throttled
// (CDP Emulation.setCPUThrottlingRate, default 4x) and measures:
//   open    navigation start → every note card of the canvas in the DOM
//   pan     requestAnimationFrame deltas while the canvas background is dragged
//   drag    the same while one note is dragged with @dnd-kit
//   JS      gzipped bytes of every script the board page loads (and of the board's own chunk)
// Environment: BENCH_SIZES=1000,4000  BENCH_CPU=4  BENCH_PORT=3212  BENCH_URL (an app already
// running; skips the start)  CHROMIUM_PATH  BENCH_PROFILE=1 (top functions while panning)
// BENCH_LAYERS=1 (compositing layers and their reasons).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import WebSocket from "ws";
import { chromium, request, type Page } from "@playwright/test";
import { addCluster, addNote, NOTE_COLOURS, NOTE_SIZE, CLUSTER_SIZE } from "../../app/collab/board";
import { connectDocument } from "../../app/collab/connection";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SIZES = (process.env.BENCH_SIZES ?? "1000,4000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
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
  const conn = await connectDocument({ docName, getToken, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
  const doc = conn.doc;
  const perRow = 40;
  const gap = 20;
  for (let c = 0; c < 10; c++) addCluster(doc, { id: `c${c}`, name: `Theme ${c + 1}`, x: 40 + c * (CLUSTER_SIZE.width + 40), y: 40 });
  for (let start = 0; start < count; start += 250) {
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 250); i++) {
        addNote(doc, {
          id: `n${i}`,
          text: `Idea ${i + 1}: ${["a safe place to play after school", "a walking bus to the children's centre", "Arabic-speaking parent mentors", "a warm space at the library"][i % 4]}`,
          authorId: "bench",
          authorName: "Bench",
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
      const t0 = Date.now();
      await page.goto(boardPath);
      // Open = every note is in the page's document and the canvas has drawn the visible ones
      // (only notes near the view are in the DOM).
      await page.waitForFunction(
        (n) => (window.coproduceBoard?.doc.getMap("notes").size ?? 0) >= n && document.querySelectorAll(".board-card").length > 0,
        size,
        { timeout: 180_000, polling: 50 },
      );
      await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
      await page.waitForFunction(() => document.querySelector(".board-status")?.textContent?.includes("Saved"), null, { timeout: 60_000 });
      const openMs = Date.now() - t0;
      await page.locator(".board-canvas").evaluate((el) => el.scrollIntoView({ block: "end" }));
      const box = (await page.locator(".board-canvas").boundingBox())!;
      // Zoom to a reading scale (≥ 80 %) so the visible area is full of notes, then pan across them.
      for (let i = 0; i < 12 && Number.parseInt((await page.locator(".board-zoom").textContent()) ?? "0") < 80; i++)
        await page.getByRole("button", { name: "Zoom in" }).click();
      await page.waitForTimeout(500);
      await cdp.send("Performance.enable");
      const metrics = async () =>
        Object.fromEntries(((await cdp.send("Performance.getMetrics")).metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]));
      if (process.env.BENCH_LAYERS) await printLayers(page, cdp);
      const m0 = await metrics();
      if (process.env.BENCH_PROFILE) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.start");
      }
      const pan = stats(await frames(page, () => dragPath(page, { x: box.x + box.width - 30, y: box.y + box.height - 30 }, -700, -400, 120)));
      const m1 = await metrics();
      if (process.env.BENCH_PROFILE) {
        const { profile } = (await cdp.send("Profiler.stop")) as {
          profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
        };
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        const self = new Map<string, number>();
        profile.samples.forEach((id, i) => {
          const f = byId.get(id)!.callFrame;
          const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
          self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
        });
        console.log("  top self time while panning:");
        for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
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
      const drag = stats(await frames(page, () => dragPath(page, start, 300, 200, 120)));
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
      rows.push([
        String(size),
        String(openMs),
        String(rendered),
        pan.p50.toFixed(1),
        pan.p95.toFixed(1),
        pan.fps.toFixed(0),
        drag.p50.toFixed(1),
        drag.p95.toFixed(1),
        drag.fps.toFixed(0),
        underPointer ? "note" : "background",
      ]);
      await context.close();
    }
    console.log(`\nBoard canvas in Chromium, CPU throttled ${CPU}x, 1280x900 (frame times from requestAnimationFrame)`);
    const head = ["notes", "open ms", "cards in DOM", "pan p50 ms", "pan p95 ms", "pan fps", "drag p50 ms", "drag p95 ms", "drag fps", "dragged"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join("  ");
    console.log(line(head));
    for (const r of rows) console.log(line(r));
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
