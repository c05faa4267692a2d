// When REDIS_URL is set and Redis does not answer, the web server and the standalone collab
// server refuse to start with a message that says so (instead of silently counting sign-ins,
// live updates and signals per process). Each is started as the very process that would serve.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { alive } from "../setup/real-server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function start(entry: string): Promise<{ code: number | null; output: string; pid: number }> {
  const dir = fs.mkdtempSync(path.join(ROOT, "tests", ".tmp", "redis-required-"));
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      COLLAB_PORT: "0",
      INTERNAL_PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dir, "coproduce.db")}`,
      SESSION_SECRET: "redis-required-test-secret-0123456789abcdef",
      // Nothing listens on port 1; the password must not be printed.
      REDIS_URL: "redis://:hunter2-secret@127.0.0.1:1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(killer);
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, output, pid: child.pid! };
}

describe("REDIS_URL set but Redis unreachable", () => {
  for (const entry of ["server.ts", "collab-server/main.ts"]) {
    it(`${entry} refuses to start, says why, and does not print the password`, async () => {
      const { code, output, pid } = await start(entry);
      expect(code).toBe(1);
      expect(output).toContain("REDIS_URL is set but Redis at redis://:***@127.0.0.1:1");
      expect(output).not.toContain("hunter2");
      expect(alive(pid)).toBe(false);
    }, 90_000);
  }
});
