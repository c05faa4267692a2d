// `npm test`: every suite (Vitest unit + integration, Playwright end-to-end), then one
// closing line "N passed, N failed" for all of them together.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "tests", ".tmp");
fs.mkdirSync(OUT, { recursive: true });
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const ci = process.env.CI === "true";

// Every process the suites start inherits this mark, so that any still running at the end (a
// server a test forgot to stop, an orphan of a killed wrapper) can be found and counted.
const RUN_MARK = `COPRODUCE_TEST_RUN=${crypto.randomBytes(8).toString("hex")}`;
process.env.COPRODUCE_TEST_RUN = RUN_MARK.split("=")[1];

/** Processes (other than this one) whose environment carries this run's mark. Linux: /proc. */
function leftoverProcesses(): Array<{ pid: number; command: string }> {
  if (!fs.existsSync("/proc/self/environ")) return [];
  const found: Array<{ pid: number; command: string }> = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "latin1");
      if (!environ.split("\0").includes(RUN_MARK)) continue;
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
      found.push({ pid, command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
};

function runVitest(): void {
  const file = path.join(OUT, "vitest.json");
  fs.rmSync(file, { force: true });
  const result = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], { cwd: ROOT, stdio: "inherit" });
  if (!fs.existsSync(file)) {
    console.error(`vitest produced no report (exit ${result.status})`);
    total.failed += 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  add({
    passed: report.numPassedTests,
    // A suite that fails to load has no failed tests of its own: count it.
    failed: report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  });
  if (result.status !== 0 && report.numFailedTests === 0 && report.numFailedTestSuites === 0) total.failed += 1;
}

function runPlaywright(): void {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    if (ci) {
      console.error(`Chromium not found at ${chromium}: end-to-end tests cannot run under CI=true.`);
      total.failed += 1;
    } else {
      console.warn(`\n⚠ Chromium not found at ${chromium} (apt-get install -y chromium): end-to-end tests are SKIPPED.\n`);
    }
    return;
  }
  const file = path.join(OUT, "playwright.json");
  fs.rmSync(file, { force: true });
  const result = spawnSync(bin("playwright"), ["test"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, PLAYWRIGHT_JSON: file } });
  if (!fs.existsSync(file)) {
    console.error(`playwright produced no report (exit ${result.status})`);
    total.failed += 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as PlaywrightReport;
  const stats = report.stats;
  printSlowestSpecs(report);
  add({ passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
  if (stats.flaky > 0) console.log(`FLAKY (failed, then passed on retry): ${stats.flaky}`);
  if (result.status !== 0 && stats.unexpected === 0) total.failed += 1; // e.g. the web server failed to start
}

type PlaywrightSuite = {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: Array<{ title: string; tests: Array<{ results: Array<{ duration: number }> }> }>;
};
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: PlaywrightSuite[] };

/** The browser spec files that took longest (all their tests' attempts), to keep the suite short. */
function printSlowestSpecs(report: PlaywrightReport): void {
  const perFile = new Map<string, number>();
  const walk = (suite: PlaywrightSuite, file: string) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      const ms = spec.tests.flatMap((t) => t.results).reduce((sum, r) => sum + r.duration, 0);
      perFile.set(here, (perFile.get(here) ?? 0) + ms);
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites) walk(suite, suite.title);
  const slowest = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`\nSlowest browser spec files (test time, both workers together): ${slowest.map(([f, ms]) => `${f} ${Math.round(ms / 1000)} s`).join(", ")}`);
}

const started = Date.now();
runVitest();
runPlaywright();

// Nothing a test started may outlive the run: report, stop and count each leftover as a failure
// (after a grace period for servers that are still shutting down when their suite returns).
let leftovers = leftoverProcesses();
for (const until = Date.now() + 15_000; leftovers.length && Date.now() < until; leftovers = leftoverProcesses()) {
  spawnSync("sleep", ["0.5"]);
}
for (const { pid, command } of leftovers) {
  console.error(`still running after the suites: pid ${pid}: ${command.slice(0, 200)}`);
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
total.failed += leftovers.length;
console.log(`\nAll suites finished in ${Math.round((Date.now() - started) / 1000)} s.`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
