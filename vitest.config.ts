import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    globals: true,
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/collab/**/*.test.ts", "tests/http/**/*.test.ts"],
    globalSetup: ["tests/setup/global-build.ts"],
    environment: "node",
    pool: "forks",
    // Most suites wait on PostgreSQL, a server or a socket rather than the CPU: three at once on
    // two cores takes about two thirds of the time one at a time does (vitest's default here).
    maxWorkers: 3,
    minWorkers: 1,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
