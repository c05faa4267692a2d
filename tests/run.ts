// `npm test`: every suite (Vitest unit + integration, Playwright end-to-end), then one
// closing line "N passed, N failed" for all of them together.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "tests", ".tmp");
fs.mkdirSync(OUT, { recursive: true });
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const ci = process.env.CI === "true";

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
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number;
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
  const stats = (JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  add({ passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
  if (result.status !== 0 && stats.unexpected === 0) total.failed += 1; // e.g. the web server failed to start
}

const started = Date.now();
runVitest();
runPlaywright();
console.log(`\nAll suites finished in ${Math.round((Date.now() - started) / 1000)} s.`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
