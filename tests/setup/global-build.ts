// Vitest's global set-up: suites that start the real server (tests/setup/real-server.ts) need the
// Remix build; make it once here, so parallel suites never build at the same time.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { appBuildIsStale } from "../../app/config/app-build.server";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..", "..");
  if (!appBuildIsStale(root)) return;
  // Output only when it fails: the build's esbuild service otherwise prints noise as it exits.
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}
