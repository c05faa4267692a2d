// Feedback page benchmark (`npx tsx tests/bench/feedback-phone.ts`): PRINTS figures, asserts nothing.
// The sibling of tests/bench/phone.ts (the idea page), measured the same way.
//
// Starts the app as `npm start` does (tsx server.ts, production, a fresh SQLite file, no demo
// data; it builds first if app/ changed — hold /tmp/coproduce-build.lock), seeds one test cycle
// with three questions (faces, yes/no, a sentence) in English and Arabic and an open link, then
// measures the public feedback page /f/<code>?lng=ar:
//   bytes     the HTML and its one stylesheet as sent (brotli as Chromium asks, and gzip) and
//             raw, plus the optional script; the first-load transfer as Chromium counted it
//   load      first load with a cold cache, and answer → thanks, under Chromium's "Slow 3G"
//             emulation (CDP Network.emulateNetworkConditions with Chrome DevTools' preset:
//             latency 400 ms × 5 = 2000 ms, download = upload = 500 kbit/s × 0.8 = 50,000 B/s),
//             with JavaScript on and off; medians of BENCH_RUNS runs
//   reference the app's sign-in page loaded the same way in the same run, and the feedback
//             page's first load as a ratio of it
// Results also go to tests/bench/results/2026-12-05-feedback-phone.txt.
// Environment: BENCH_RUNS=3  BENCH_PORT=3291  CHROMIUM_PATH=/usr/bin/chromium
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { createDb } from "../../app/data/db.server";
import { resolveDatabaseTarget } from "../../app/config/database-url.server";
import { makeFeedbackCycle } from "../factories/feedback";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3291);
const BASE = `http://localhost:${PORT}`;
const SLOW_3G = { offline: false, latency: 400 * 5, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 };
const RESULTS = path.join(ROOT, "tests", "bench", "results", "2026-12-05-feedback-phone.txt");

function startApp(dbFile: string): Promise<ChildProcess> {
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: `file:${dbFile}`,
      SEED_DEMO: "false",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      SESSION_SECRET: "bench-only-secret-0123456789abcdef0123456789",
      // Every run sends from this one machine.
      IDEA_LIMIT_PER_DEVICE: "1000",
      IDEA_LIMIT_PER_ADDRESS: "1000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 240_000;
    const poll = () => {
      if (child.exitCode !== null) return reject(new Error(`the app exited (${child.exitCode})`));
      http
        .get(`${BASE}/healthz`, (res) => (res.statusCode === 200 ? resolve(child) : setTimeout(poll, 500)))
        .on("error", () => (Date.now() > deadline ? reject(new Error("the app did not start")) : setTimeout(poll, 500)));
    };
    poll();
  });
}

/** A GET as a browser sends it: bytes on the wire and decoded. */
function fetchSizes(url: string, accept = "gzip, deflate, br"): Promise<{ wire: number; raw: number; body: string; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          const raw =
            encoding === "gzip"
              ? zlib.gunzipSync(wire)
              : encoding === "br"
                ? zlib.brotliDecompressSync(wire)
                : encoding === "deflate"
                  ? zlib.inflateSync(wire)
                  : wire;
          resolve({ wire: wire.length, raw: raw.length, body: raw.toString("utf8"), encoding });
        });
      })
      .on("error", reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Run = { firstLoadMs: number; transferBytes: number; requests: number; submitMs: number };

async function slow3gPage(browser: Browser, js: boolean) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
  const counted = { transfer: 0, requests: 0 };
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
    counted.transfer += e.encodedDataLength;
    counted.requests++;
  });
  const load = async (url: string) => {
    const start = Date.now();
    await page.goto(url, { waitUntil: "load", timeout: 300_000 });
    return { loadMs: Date.now() - start, transferBytes: counted.transfer, requests: counted.requests };
  };
  return { context, page, cdp, load };
}

async function measure(browser: Browser, code: string, js: boolean, run: number): Promise<Run> {
  const { context, page, cdp, load } = await slow3gPage(browser, js);
  const first = await load(`${BASE}/f/${code}?lng=ar`);
  // Answer → thanks, with the stylesheet cached as a browser would have it.
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  await page.getByRole("radio", { name: "راضٍ جدًا" }).check();
  await page.getByRole("radio", { name: "نعم" }).check();
  await page.locator("textarea").fill(`جلسة رقم ${run}: ${js ? "مع" : "بدون"} جافاسكربت`);
  const sent = Date.now();
  await Promise.all([page.waitForURL(/[?&]sent=1$/, { timeout: 120_000, waitUntil: js ? "commit" : "load" }), page.locator("button[type=submit]").click()]);
  await page.getByRole("heading", { level: 1, name: "شكرًا لك!" }).waitFor({ timeout: 120_000 });
  const submitMs = Date.now() - sent;
  await context.close();
  return { firstLoadMs: first.loadMs, transferBytes: first.transferBytes, requests: first.requests, submitMs };
}

async function measureReference(browser: Browser): Promise<{ loadMs: number; transferBytes: number; requests: number }> {
  const { context, load } = await slow3gPage(browser, true);
  const result = await load(`${BASE}/sign-in?lng=ar`);
  await context.close();
  return result;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-feedback-"));
  const dbFile = path.join(dir, "bench.db");
  const app = await startApp(dbFile);
  const lines: string[] = [];
  const out = (line = "") => {
    console.log(line);
    lines.push(line);
  };
  try {
    const db = await createDb(resolveDatabaseTarget(`file:${dbFile}`));
    const org = await db.organisation.create({ data: { slug: "bench", name: "Bench" } });
    const locality = await db.locality.create({ data: { organisationId: org.id, slug: "bench", name: "Sparkbrook" } });
    const { cycle } = await makeFeedbackCycle(db, { localityId: locality.id, title: "Peer mentors for new parents", languages: "en,ar" });
    await db.$disconnect();
    const code = cycle.feedbackCode!;

    const html = await fetchSizes(`${BASE}/f/${code}?lng=ar`);
    const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(html.body)?.[1];
    const scriptSrc = /<script src="([^"]+)"/.exec(html.body)?.[1];
    if (!cssHref) throw new Error("no stylesheet on the page");
    const css = await fetchSizes(`${BASE}${cssHref}`);
    const script = scriptSrc ? await fetchSizes(`${BASE}${scriptSrc}`) : null;
    const gzip = { html: await fetchSizes(`${BASE}/f/${code}?lng=ar`, "gzip"), css: await fetchSizes(`${BASE}${cssHref}`, "gzip") };

    out(
      `Phone feedback page /f/<code>?lng=ar (3 questions: faces, yes/no, a sentence) — ${new Date().toISOString()} — ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    out(
      `Slow 3G (Chrome DevTools preset via CDP): latency ${SLOW_3G.latency} ms, download ${SLOW_3G.downloadThroughput} B/s, upload ${SLOW_3G.uploadThroughput} B/s`,
    );
    out();
    out(`HTML    raw ${html.raw} B   sent ${html.wire} B (${html.encoding}, as Chromium asks)   gzip ${gzip.html.wire} B (${gzip.html.encoding})`);
    out(`CSS     raw ${css.raw} B   sent ${css.wire} B (${css.encoding})   gzip ${gzip.css.wire} B (${gzip.css.encoding})`);
    out(`HTML+CSS raw ${html.raw + css.raw} B (budget 9,216 B)   sent ${html.wire + css.wire} B   gzip ${gzip.html.wire + gzip.css.wire} B`);
    if (script) out(`script  raw ${script.raw} B   sent ${script.wire} B (${script.encoding}) — optional, deferred, only with JavaScript on`);
    out();

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const firstLoads = new Map<boolean, number>();
      for (const js of [false, true]) {
        const runs: Run[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, code, js, i));
        out(
          `JavaScript ${js ? "on " : "off"}: first load (cold cache, headers included) median ${median(runs.map((r) => r.firstLoadMs))} ms [${runs.map((r) => r.firstLoadMs).join(", ")}], ` +
            `${median(runs.map((r) => r.requests))} requests, ${median(runs.map((r) => r.transferBytes))} B transferred`,
        );
        out(`JavaScript ${js ? "on " : "off"}: answers → thanks median ${median(runs.map((r) => r.submitMs))} ms [${runs.map((r) => r.submitMs).join(", ")}]`);
        firstLoads.set(js, median(runs.map((r) => r.firstLoadMs)));
      }
      const refs = [];
      for (let i = 0; i < RUNS; i++) refs.push(await measureReference(browser));
      const refMs = median(refs.map((r) => r.loadMs));
      out();
      out(
        `reference, same run: the sign-in page (site layout, stylesheet, Remix scripts) first load median ${refMs} ms [${refs.map((r) => r.loadMs).join(", ")}], ` +
          `${median(refs.map((r) => r.requests))} requests, ${median(refs.map((r) => r.transferBytes))} B transferred`,
      );
      out(
        `feedback page first load / reference: ${(firstLoads.get(false)! / refMs).toFixed(2)} with JavaScript off, ${(firstLoads.get(true)! / refMs).toFixed(2)} with it on`,
      );
    } finally {
      await browser.close();
    }
    out();
    out(`runs: ${RUNS} per figure`);
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${lines.join("\n")}\n`);
    console.log(`\nwritten to ${path.relative(ROOT, RESULTS)}`);
  } finally {
    app.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
