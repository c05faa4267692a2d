// The whole app as `npm start` runs it (server.ts: config, migrations, seed, Express, Remix and
// the collab server), started as its own process on a free port with a fresh SQLite file, for
// tests of what only the real HTTP server does: headers, methods, logs, limits. `node --import
// tsx` runs server.ts in the very process that serves, so stopping it stops the server, and
// `stop()` proves the process is gone.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TMP = path.join(ROOT, "tests", ".tmp");

export type RealServer = {
  url: string;
  port: number;
  pid: number;
  /** The server's SQLite file (to look things up directly). */
  databaseFile: string;
  /** Every line the server has written to stdout and stderr so far. */
  log(): string;
  /** Waits (up to 10 s) until the log satisfies `check`. */
  waitForLog(check: (log: string) => boolean): Promise<void>;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether a process with this id still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}\n${log().slice(-4000)}`);
}

/**
 * What to start: the web server (default), or another entry point such as the standalone
 * collaboration server (`collab-server/main.ts`, its port in COLLAB_PORT, ready at /collab/healthz).
 */
export type RealServerEntry = { script: string; portVariable: string; readyPath: string; nodeArgs?: string[] };
export const WEB: RealServerEntry = { script: "server.ts", portVariable: "PORT", readyPath: "/healthz" };

export async function startRealServer(env: Record<string, string> = {}, entry: RealServerEntry = WEB): Promise<RealServer> {
  const port = await freePort();
  fs.mkdirSync(TMP, { recursive: true }); // a fresh clone has no tests/.tmp until something makes it
  const dir = fs.mkdtempSync(path.join(TMP, "real-server-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [...(entry.nodeArgs ?? []), "--import", "tsx", entry.script], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      [entry.portVariable]: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dir, "coproduce.db")}`,
      SESSION_SECRET: "real-server-test-secret-0123456789abcdef",
      COOKIE_SECURE: "false",
      LOG_LEVEL: "info",
      SEED_DEMO: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (alive(pid)) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (alive(pid)) {
      child.kill("SIGKILL");
      await exited;
    }
    if (alive(pid)) throw new Error(`the server (pid ${pid}) is still running`);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})\n${output.slice(-4000)}`);
        return fetch(`${url}${entry.readyPath}`).then(
          (r) => r.ok,
          () => false,
        );
      },
      120_000,
      `the server to answer ${entry.readyPath}`,
      () => output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const waitForLog = (check: (log: string) => boolean) =>
    waitFor(
      async () => check(output),
      10_000,
      "a line in the log",
      () => output,
    );
  return { url, port, pid, databaseFile: path.join(dir, "coproduce.db"), log: () => output, waitForLog, stop };
}
