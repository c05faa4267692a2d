// First load on a phone (`npm run bench:first-load`): PRINTS figures, asserts nothing.
//
// Starts the app as `npm start` does (server.ts in its own process on its own port, production,
// a fresh SQLite file with the demo data; tests/setup/real-server.ts, which stops that very
// process at the end), signs in as the demo member and as the facilitator, finds one page of
// each kind by following the app's links (as tests/bench/pages.ts does), and opens each with a
// cold cache in Chromium (/usr/bin/chromium) under Chrome DevTools' "Slow 4G" preset (CDP
// Network.emulateNetworkConditions: latency 150 ms × 3.75 = 562.5 ms, download 1.6 Mbit/s × 0.9
// = 180,000 B/s, upload 750 kbit/s × 0.9 = 84,375 B/s) with the CPU 4x slower
// (Emulation.setCPUThrottlingRate 4), in a phone-sized window. Per page kind:
//   JS gz     the gzipped size (as the server sends it to `Accept-Encoding: gzip`) of every
//             script the page fetched before it was usable
//   transfer  every byte Chromium received before then (headers included; the server answers
//             Chromium with brotli where it can)
//   requests  requests started before the page was usable, the document included
//   usable    ms from navigation start until React has hydrated the page: a layout effect of the
//             hydrated tree marks `performance.mark("coproduce:hydrated")` (app/entry.client.tsx),
//             once the page's strings and route modules are in and every control is live, before
//             any effect starts loading a lazy part
//   budget    ≤ 100 KB gzipped JS and ≤ 12 requests (issue 15)
//   later     what the page fetched after it was usable, until 2 s passed with no new request
//             (lazy parts: the board canvas, the shared editor, the network view)
// Then same-area navigations by clicking a link (ideas → an idea, stories → a story,
// prototypes → a prototype): the scripts the navigation requested that the list page had
// already loaded (should be 0), the new ones, and its other requests.
// Results also go to tests/bench/results/2026-12-06-first-load.txt.
// Environment: BENCH_RUNS=1 (the median of the usable time over that many loads)
//              BENCH_ROLES=member,facilitator  BENCH_PAGES=ideas,an idea (only these kinds)
//              BENCH_VERBOSE=1 (every request of each load, with its start time)
//              CHROMIUM_PATH=/usr/bin/chromium
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, request, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { firstItem, firstLocality, pageKinds, type ReadPage } from "./page-kinds";
import { startRealServer } from "../setup/real-server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const RESULTS = path.join(ROOT, "tests", "bench", "results", "2026-12-06-first-load.txt");
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const VERBOSE = process.env.BENCH_VERBOSE === "1";
const ONLY = process.env.BENCH_PAGES?.split(",").map((p) => p.trim());
const PASSWORD = "coproduce-demo-2026";
const ACCOUNTS = { member: "member.longbridge@coproduce.test", facilitator: "facilitator@coproduce.test" } as const;
type Role = keyof typeof ACCOUNTS;
const ROLES = (process.env.BENCH_ROLES ?? "member,facilitator").split(",").filter((r): r is Role => r in ACCOUNTS);
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const BUDGET = { jsKB: 100, requests: 12 };
const HYDRATED = "coproduce:hydrated";
const PHONE = { width: 390, height: 844 };

/** The gzipped size of a script as the server sends it to a client that accepts only gzip. */
const gzipSizes = new Map<string, Promise<number>>();
function gzipSize(url: string): Promise<number> {
  let size = gzipSizes.get(url);
  if (!size) {
    size = new Promise((resolve, reject) => {
      http
        .get(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
          let bytes = 0;
          res.on("data", (c: Buffer) => (bytes += c.length));
          res.on("end", () => resolve(bytes));
        })
        .on("error", reject);
    });
    gzipSizes.set(url, size);
  }
  return size;
}

type Entry = { name: string; startTime: number; transferSize: number };
type Load = { usableMs: number; requests: number; transfer: number; scripts: string[]; before: Entry[]; later: Entry[] };

/** A fresh context (cold cache) with a throttled phone page; `storageState` carries the sign-in. */
async function throttledPage(browser: Browser, storageState?: Awaited<ReturnType<APIRequestContext["storageState"]>>) {
  const context = await browser.newContext({ storageState, viewport: PHONE });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return { context, page, cdp };
}

/** The page's resource entries (a string, so tsx's helpers do not end up in the page). */
const entries = (page: Page) =>
  page.evaluate("performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime, transferSize: e.transferSize }))") as Promise<
    Entry[]
  >;

/** Waits until no new resource has been requested for `quietMs` (at most `maxMs`). */
async function quiet(page: Page, quietMs = 2000, maxMs = 30_000): Promise<Entry[]> {
  const until = Date.now() + maxMs;
  let seen = (await entries(page)).length;
  let since = Date.now();
  while (Date.now() < until) {
    await page.waitForTimeout(250);
    const now = await entries(page);
    if (now.length !== seen) {
      seen = now.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return now;
  }
  return entries(page);
}

/** Loads `url` in `page` until hydrated; what it took to get there, and what came after. */
async function loadUntilUsable(page: Page, url: string): Promise<Load> {
  await page.goto(url, { waitUntil: "load", timeout: 180_000 });
  // A function, not a string: the page's CSP forbids the eval a string predicate would need.
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, HYDRATED, { timeout: 180_000 });
  const usableMs = (await page.evaluate(`performance.getEntriesByName(${JSON.stringify(HYDRATED)})[0].startTime`)) as number;
  const documentBytes = (await page.evaluate("performance.getEntriesByType('navigation')[0].transferSize")) as number;
  const all = await quiet(page);
  const before = all.filter((e) => e.startTime < usableMs);
  return {
    usableMs: Math.round(usableMs),
    requests: 1 + before.length,
    transfer: documentBytes + before.reduce((sum, e) => sum + e.transferSize, 0),
    scripts: before.filter((e) => isScript(e.name)).map((e) => e.name),
    before,
    later: all.filter((e) => e.startTime >= usableMs),
  };
}

const isScript = (url: string) => new URL(url).pathname.endsWith(".js");
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sumGzip = async (urls: readonly string[]) => (await Promise.all(urls.map(gzipSize))).reduce((a, b) => a + b, 0);

async function signIn(base: string, email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base, maxRedirects: 0 });
  const res = await api.post("/sign-in", { form: { email, password: PASSWORD, redirectTo: "/home" }, headers: { Origin: base } });
  if (res.status() !== 302 && res.status() !== 303) throw new Error(`sign-in as ${email} answered ${res.status()}`);
  return api;
}

/** The first link in `html` whose path matches `pattern`. */
/** The kinds of page measured here (tests/bench/page-kinds.ts finds one of each). */
const KINDS = [
  "home",
  "locality home",
  "people",
  "relationships",
  "stories",
  "a story",
  "insights",
  "challenges",
  "ideas",
  "an idea",
  "boards",
  "a board",
  "documents",
  "a document",
  "prototypes",
  "a prototype",
];

/** How the benchmark reads a page as the signed-in person. */
const reader =
  (api: APIRequestContext): ReadPage =>
  async (path) => {
    const res = await api.get(path);
    return { status: res.status(), text: await res.text() };
  };

/** One page of each kind (or only those BENCH_PAGES names); kinds this role cannot open are left out. */
function pagesFor(api: APIRequestContext): Promise<Array<[string, string]>> {
  return pageKinds(reader(api), ONLY ? KINDS.filter((k) => ONLY.includes(k)) : KINDS);
}

type Row = { name: string; jsKB: number; transferKB: number; requests: number; usableMs: number; laterRequests: number; laterJsKB: number };

async function measurePage(browser: Browser, base: string, name: string, p: string, storageState?: Parameters<typeof throttledPage>[1]): Promise<Row> {
  const loads: Load[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await throttledPage(browser, storageState);
    try {
      loads.push(await loadUntilUsable(page, `${base}${p}`));
    } finally {
      await context.close();
    }
  }
  const first = loads[0]!;
  if (VERBOSE) {
    for (const e of first.before)
      console.log(
        `    ${Math.round(e.startTime).toString().padStart(6)} ms  ${new URL(e.name).pathname}${isScript(e.name) ? `  ${kb(await gzipSize(e.name))} KB gz` : ""}`,
      );
    for (const e of first.later) console.log(`    later ${Math.round(e.startTime).toString().padStart(6)} ms  ${new URL(e.name).pathname}`);
  }
  return {
    name,
    jsKB: (await sumGzip(first.scripts)) / 1024,
    transferKB: first.transfer / 1024,
    requests: first.requests,
    usableMs: median(loads.map((l) => l.usableMs)),
    laterRequests: first.later.length,
    laterJsKB: (await sumGzip(first.later.map((e) => e.name).filter(isScript))) / 1024,
  };
}

type Navigation = { from: string; to: string; reloaded: string[]; fresh: string[]; other: string[]; ms: number };

/** Opens `list` cold, waits until it is usable and quiet, then clicks its link to `itemPath`. */
async function measureNavigation(
  browser: Browser,
  base: string,
  from: string,
  list: string,
  to: string,
  itemPath: string,
  storageState: Parameters<typeof throttledPage>[1],
): Promise<Navigation> {
  const { context, page, cdp } = await throttledPage(browser, storageState);
  try {
    await loadUntilUsable(page, `${base}${list}`);
    const loaded = new Set((await entries(page)).map((e) => e.name).filter(isScript));
    const requested: string[] = [];
    const listener = (e: { request: { url: string } }) => requested.push(e.request.url);
    cdp.on("Network.requestWillBeSent", listener);
    const started = Date.now();
    await page.locator(`main a[href="${itemPath}"]`).first().click();
    await page.waitForURL(`${base}${itemPath}`, { timeout: 120_000 });
    const ms = Date.now() - started;
    await quiet(page);
    cdp.off("Network.requestWillBeSent", listener);
    const scripts = requested.filter(isScript);
    return {
      from,
      to,
      reloaded: scripts.filter((u) => loaded.has(u)),
      fresh: scripts.filter((u) => !loaded.has(u)),
      other: requested.filter((u) => !isScript(u)),
      ms,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const server = await startRealServer({ LOG_LEVEL: "warn", SEED_DEMO: "true" });
  const base = server.url;
  const lines: string[] = [];
  const out = (line = "") => {
    console.log(line);
    lines.push(line);
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic"],
  });
  try {
    out(`bench:first-load — ${new Date().toISOString()} — ${os.cpus().length} CPUs, Node ${process.version}, server pid ${server.pid}`);
    out(
      `Slow 4G (CDP): latency ${SLOW_4G.latency} ms, down ${SLOW_4G.downloadThroughput} B/s, up ${SLOW_4G.uploadThroughput} B/s; CPU ${CPU_SLOWDOWN}x slower; ${PHONE.width}x${PHONE.height}; cold cache; ${RUNS} run(s) per page`,
    );
    out(
      `usable = React has hydrated the page (performance.mark("${HYDRATED}"), app/entry.client.tsx); budget ≤ ${BUDGET.jsKB} KB gzipped JS and ≤ ${BUDGET.requests} requests`,
    );
    const header = `${"page".padEnd(16)} ${"JS gz KB".padStart(9)} ${"transfer KB".padStart(12)} ${"requests".padStart(9)} ${"usable ms".padStart(10)}  ${"budget".padEnd(7)} ${"later: req".padStart(10)} ${"JS gz KB".padStart(9)}`;
    const line = (r: Row) => {
      const ok = r.jsKB <= BUDGET.jsKB && r.requests <= BUDGET.requests;
      return `${r.name.padEnd(16)} ${r.jsKB.toFixed(1).padStart(9)} ${r.transferKB.toFixed(1).padStart(12)} ${String(r.requests).padStart(9)} ${String(r.usableMs).padStart(10)}  ${(ok ? "meets" : "OVER").padEnd(7)} ${String(r.laterRequests).padStart(10)} ${r.laterJsKB.toFixed(1).padStart(9)}`;
    };
    const all: Row[] = [];

    out();
    out("signed out");
    out(header);
    const signInRow = await measurePage(browser, base, "sign-in", "/sign-in");
    all.push(signInRow);
    out(line(signInRow));

    // The demo data has no shared document: start one through the documents form, as the
    // facilitator, so that "a document" is measured too.
    const facilitator = await signIn(base, ACCOUNTS.facilitator);
    const localityPath = await firstLocality(reader(facilitator));
    if (!firstItem(await (await facilitator.get(`${localityPath}/documents`)).text(), `${localityPath}/documents`)) {
      const res = await facilitator.post(`${localityPath}/documents?index`, { form: { title: "Our plan for the school gate" }, headers: { Origin: base } });
      if (res.status() !== 302) throw new Error(`starting a shared document answered ${res.status()}`);
    }
    await facilitator.dispose();

    const navigations: Navigation[] = [];
    for (const role of ROLES) {
      const api = await signIn(base, ACCOUNTS[role]);
      const storageState = await api.storageState();
      out();
      out(`${role} (${ACCOUNTS[role]})`);
      out(header);
      const pages = await pagesFor(api);
      for (const [name, p] of pages) {
        const row = await measurePage(browser, base, name, p, storageState);
        all.push(row);
        out(line(row));
      }
      if (role === ROLES[0]) {
        const byName = new Map(pages);
        for (const [list, item] of [
          ["ideas", "an idea"],
          ["stories", "a story"],
          ["prototypes", "a prototype"],
        ] as const) {
          const listPath = byName.get(list);
          const itemPath = byName.get(item);
          if (listPath && itemPath) navigations.push(await measureNavigation(browser, base, list, listPath, item, itemPath, storageState));
        }
      }
      await api.dispose();
    }

    const over = all.filter((r) => r.jsKB > BUDGET.jsKB || r.requests > BUDGET.requests);
    out();
    out(
      `${all.length - over.length} of ${all.length} page loads within budget; largest JS ${Math.max(...all.map((r) => r.jsKB)).toFixed(1)} KB, most requests ${Math.max(...all.map((r) => r.requests))}`,
    );
    out();
    out(`same-area navigation (${ROLES[0]}, click on the list page once it is usable and quiet; same throttling):`);
    out(`${"from → to".padEnd(26)} ${"ms".padStart(6)} ${"JS again".padStart(9)} ${"JS new".padStart(7)} ${"new JS gz KB".padStart(13)}  other requests`);
    for (const n of navigations) {
      const other = n.other.map((u) => new URL(u).pathname.replace(/\/l\/[^/]+\//, "/l/…/").replace(/[A-Za-z0-9_-]{20,}/g, "…")).join(", ");
      out(
        `${`${n.from} → ${n.to}`.padEnd(26)} ${String(n.ms).padStart(6)} ${String(n.reloaded.length).padStart(9)} ${String(n.fresh.length).padStart(7)} ${kb(await sumGzip(n.fresh)).padStart(13)}  ${other || "none"}`,
      );
      for (const u of n.reloaded) out(`    again: ${new URL(u).pathname}`);
    }
    out();
    out("JS gz: scripts fetched before usable, gzipped as served; transfer: bytes Chromium received before usable (brotli where offered);");
    out("requests: started before usable, document included; later: requests after usable until 2 s without one (lazy parts).");
    if (!ONLY) {
      fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
      fs.writeFileSync(RESULTS, `${lines.join("\n")}\n`);
      console.log(`\nwritten to ${path.relative(ROOT, RESULTS)}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
