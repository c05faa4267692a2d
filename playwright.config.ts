import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (apt-get install chromium); Playwright cannot download browsers here.
const PORT = Number(process.env.E2E_PORT ?? 3199);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  // Under CI a test that fails once is run once more; tests/run.ts names every such flaky test
  // so it is seen and fixed, not hidden. Locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: process.env.PLAYWRIGHT_JSON ? [["json", { outputFile: process.env.PLAYWRIGHT_JSON }], ["line"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh SQLite database with the demo data for every run.
    // Per port, so runs on different E2E_PORTs do not share (or delete) each other's database.
    command: `rm -rf tests/.tmp/e2e-${PORT} && mkdir -p tests/.tmp/e2e-${PORT} && npm start`,
    url: `http://localhost:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:./tests/.tmp/e2e-${PORT}/coproduce.db`,
      SESSION_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      // Every browser of the run comes from one address; the per-address limit is tested in
      // tests/integration/phone-ideas.test.ts, the per-device one (10) in phone.spec.ts.
      IDEA_LIMIT_PER_ADDRESS: "1000",
    },
  },
});
