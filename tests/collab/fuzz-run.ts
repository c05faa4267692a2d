// The collab-server fuzz campaign, shared by the Vitest test (tests/collab/fuzz.test.ts) and
// the long run (`npm run fuzz:collab`, i.e. `tsx tests/collab/fuzz-run.ts`).
//
// One server (SQLite store), one GOOD y-websocket client writing to its own key, then hostile
// frames from tests/collab/fuzz-frames.ts over a pool of raw connections:
//   live    — a valid token; once joined, one frame, then a WebSocket ping, and the next frame
//             only once the pong (frame handled, connection alive) or the close arrived, so
//             every frame sent is a frame the server handled; reconnects after each close
//   early   — a valid token, and the upgrade request AND 1..8 frames (sometimes > 64) in one
//             write: frames that arrive before the token is verified and the room loaded
//   badauth — the same with missing, empty, garbage, alg-none, wrong-secret, expired and
//             other-document tokens, bad document names and a foreign origin
// All three speak WebSocket by hand over a bare TCP socket (cheaper than `ws`, and able to
// send before the handshake completes).
// Phase 1 uses READ-ONLY tokens and must leave the stored document exactly as the good client
// wrote it; phase 2 uses READ-WRITE tokens (valid fuzz updates may add content) and must leave
// the good client's key intact and the document loadable and servable.
//
// CLI: FUZZ_FRAMES=1000000 or FUZZ_SECONDS=120 (default 60 s), FUZZ_SEED, FUZZ_RW_SHARE (0..1,
// default 0.25), FUZZ_CONCURRENCY (default 32); for triaging a known bug only: FUZZ_EXCLUDE
// (comma-separated frame labels or prefixes, e.g. "nasty:awareness-deep-json"). FUZZ_DEBUG=1:
// progress every second. Exit 1 on any problem. When the stored document stops loading, its rows
// are saved to tests/.tmp/fuzz-unloadable-<seed>.json; `tsx tests/collab/fuzz-run.ts --rows
// <that file>` then looks for the fewest rows that still fail (best effort: stack overflows
// depend on stack depth).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as Y from "yjs";
import { createFrameGenerator, frames as F, GOOD_KEY, Rng, type FrameGenerator, type FuzzFrame } from "./fuzz-frames";
import { connect, covered, startCollab, token, until, type Client } from "./harness";
import { freshDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "../../app/config/database-url.server";
import { issueCollabToken } from "../../app/auth/collab-token.server";
import { CLOSE } from "../../app/collab/protocol";

export const DOC = "locality:fuzz:board:target";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Close codes a client may see: our named codes, plus 1009 (too big), 1006 (abnormal), 1005 (no status). */
export const ALLOWED_CLOSE_CODES = new Set<number>([...Object.values(CLOSE), 1009, 1006, 1005]);
const STALL_MS = 10_000;

export type CampaignOptions = {
  /** Stop after this many frames (all phases together)… */
  frames?: number;
  /** …or after this many seconds of fuzzing, set-up not counted (whichever comes first). */
  seconds?: number;
  seed: number;
  /** Share of the frames sent with read-write tokens (the last phase). */
  rwShare?: number;
  concurrency?: number;
  exclude?: string[];
  /** Progress lines (the CLI prints them). */
  progress?: (line: string) => void;
};

export type Problem = { what: string; detail?: string };

type Tally = Map<string, number>;
const bump = (m: Tally, key: string | number, n = 1) => m.set(String(key), (m.get(String(key)) ?? 0) + n);

export type FuzzStats = {
  framesSent: number;
  framesByFamily: Tally;
  connections: number;
  connectionsByMode: Tally;
  /** Close codes the server sent, as the fuzz clients saw them. */
  closes: Tally;
  closeReasons: Tally;
  /** Connections where every frame was accepted and we hung up ourselves. */
  clientHangups: number;
  stalls: number;
  problems: Problem[];
};

function newStats(): FuzzStats {
  return {
    framesSent: 0,
    framesByFamily: new Map(),
    connections: 0,
    connectionsByMode: new Map(),
    closes: new Map(),
    closeReasons: new Map(),
    clientHangups: 0,
    stalls: 0,
    problems: [],
  };
}

const hex = (data: Uint8Array, max = 48) => Buffer.from(data.subarray(0, max)).toString("hex") + (data.length > max ? `…(${data.length} bytes)` : "");
const family = (label: string) => label.split(":").slice(0, 2).join(":");

// ---- a bare WebSocket client over TCP ----------------------------------------------------
// Cheaper than `ws` (the fuzz is bound by connection set-up), and it can put frames in the same
// write as the upgrade request, i.e. before the server has verified the token.
function wsFrame(payload: Uint8Array, opcode: number, rng: Rng): Buffer {
  const len = payload.length;
  const header = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (len < 126) header[1] = 0x80 | len;
  else if (len < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(len, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = Buffer.from(rng.bytes(4)); // client frames are masked
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([header, mask, body]);
}
const OP = { text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
const dataFrame = (f: FuzzFrame, rng: Rng) => wsFrame(f.data, f.text ? OP.text : OP.binary, rng);

type RawEvent =
  | { type: "joined" } // the server's sync step 1: token verified, room joined
  | { type: "answered" } // a sync step 2: the server answered a sync step 1
  | { type: "pong" }
  | { type: "close"; code: number; reason: string }
  | { type: "refused"; status: string }
  | { type: "stall" };

class RawSocket {
  private readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private headersDone = false;
  private readonly events: RawEvent[] = [];
  private waiter: ((event: RawEvent) => void) | null = null;
  private done = false;

  constructor(
    port: number,
    path: string,
    private readonly rng: Rng,
    opts: { origin?: string; after?: Buffer[] } = {},
  ) {
    const request =
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${Buffer.from(rng.bytes(16)).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n` +
      (opts.origin ? `Origin: ${opts.origin}\r\n` : "") +
      "\r\n";
    const first = Buffer.concat([Buffer.from(request, "latin1"), ...(opts.after ?? [])]);
    this.socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
    this.socket.on("connect", () => this.socket.write(first)); // one write: request + frames
    this.socket.on("error", () => {});
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("close", () => this.push({ type: "close", code: 1006, reason: "" }));
  }

  private push(event: RawEvent): void {
    if (this.done) return;
    if (event.type === "close" || event.type === "refused") this.done = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(event);
    } else this.events.push(event);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    if (!this.headersDone) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const status = this.buffer.subarray(0, this.buffer.indexOf("\r\n")).toString("latin1");
      this.headersDone = true;
      this.buffer = this.buffer.subarray(end + 4);
      if (!status.includes(" 101 ")) {
        this.push({ type: "refused", status });
        this.socket.destroy();
        return;
      }
    }
    // Server frames are never masked (and our server never fragments).
    while (this.buffer.length >= 2) {
      const opcode = this.buffer[0]! & 0x0f;
      let len = this.buffer[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        at = 10;
      }
      if (this.buffer.length < at + len) return;
      const payload = this.buffer.subarray(at, at + len);
      this.buffer = this.buffer.subarray(at + len);
      if (opcode === OP.close) {
        this.push({ type: "close", code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString("utf8") });
        this.socket.end(wsFrame(payload.subarray(0, 2), OP.close, this.rng));
        return;
      }
      if (opcode === OP.ping)
        this.write(wsFrame(payload, OP.pong, this.rng)); // the server's heartbeat
      else if (opcode === OP.pong) this.push({ type: "pong" });
      else if (opcode === OP.binary && payload[0] === 0 && payload[1] === 0) this.push({ type: "joined" });
      else if (opcode === OP.binary && payload[0] === 0 && payload[1] === 1) this.push({ type: "answered" });
    }
  }

  /** The next event (server data frames other than sync steps are skipped). */
  next(timeoutMs = STALL_MS): Promise<RawEvent> {
    const queued = this.events.shift();
    if (queued) return Promise.resolve(queued);
    if (this.done) return Promise.resolve({ type: "close", code: 1006, reason: "" });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve({ type: "stall" });
      }, timeoutMs);
      this.waiter = (event) => {
        clearTimeout(timer);
        resolve(event);
      };
    });
  }

  /** The next event of one of these types (or a close, refusal or stall). */
  async until(...types: Array<RawEvent["type"]>): Promise<RawEvent> {
    for (;;) {
      const event = await this.next();
      if (types.includes(event.type) || event.type === "close" || event.type === "refused" || event.type === "stall") return event;
    }
  }

  write(...parts: Buffer[]): void {
    if (!this.socket.destroyed) this.socket.write(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  }

  ping(): Buffer {
    return wsFrame(new Uint8Array(0), OP.ping, this.rng);
  }

  /** We hang up (1000) and are done. */
  hangUp(): void {
    this.done = true;
    this.socket.end(wsFrame(Uint8Array.of(0x03, 0xe8), OP.close, this.rng));
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.done = true;
    this.socket.destroy();
  }
}

// ---- one fuzz phase ---------------------------------------------------------------------
type PhaseOptions = {
  port: number;
  gen: FrameGenerator;
  access: "read-only" | "read-write";
  concurrency: number;
  /** Returns false once the phase's frame budget or time is spent. */
  more: () => boolean;
  stats: FuzzStats;
  rng: Rng;
};

async function fuzzPhase(o: PhaseOptions): Promise<void> {
  const { stats, rng } = o;
  const goodToken = await token(DOC, o.access);
  const path = `/collab/${DOC}?token=${goodToken}`;
  const badTokens: Array<{ name: string; path: string; origin?: string; expect: number }> = [
    { name: "missing token", path: `/collab/${DOC}`, expect: CLOSE.unauthorized },
    { name: "empty token", path: `/collab/${DOC}?token=`, expect: CLOSE.unauthorized },
    { name: "garbage token", path: `/collab/${DOC}?token=not-a-jwt`, expect: CLOSE.unauthorized },
    { name: "huge token", path: `/collab/${DOC}?token=${"a".repeat(5000)}`, expect: CLOSE.unauthorized },
    {
      name: "alg none token",
      path: `/collab/${DOC}?token=${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: "u", name: "n", doc: DOC, access: "read-write", iat: 1, exp: 9e9 })).toString("base64url")}.`,
      expect: CLOSE.unauthorized,
    },
    {
      name: "wrong secret",
      path: `/collab/${DOC}?token=${await issueCollabToken("another-secret-0123456789abcdefghijkl", { userId: "x", name: "x", doc: DOC, access: "read-write" })}`,
      expect: CLOSE.unauthorized,
    },
    { name: "expired token", path: `/collab/${DOC}?token=${await token(DOC, "read-write", -1)}`, expect: CLOSE.tokenExpired },
    { name: "other document", path: `/collab/${DOC}?token=${await token("locality:fuzz:board:other", "read-write")}`, expect: CLOSE.forbidden },
    { name: "bad document name", path: `/collab/locality:..%2Fetc:board:x?token=${goodToken}`, expect: CLOSE.forbidden },
    { name: "undecodable name", path: `/collab/%E0%A4%A?token=${goodToken}`, expect: CLOSE.forbidden },
    { name: "foreign origin", path, origin: "https://evil.example", expect: CLOSE.forbidden },
  ];

  const take = (): FuzzFrame | null => {
    if (!o.more()) return null;
    const frame = o.gen.next();
    stats.framesSent++;
    bump(stats.framesByFamily, family(frame.label));
    return frame;
  };
  const batchOf = (n: number): FuzzFrame[] => {
    const batch: FuzzFrame[] = [];
    for (; n > 0; n--) {
      const frame = take();
      if (!frame) break;
      batch.push(frame);
    }
    return batch;
  };
  const describe = (batch: FuzzFrame[]) => batch.map((f) => `${f.label} ${hex(f.data, 24)}`).join(", ");
  // 1007 (invalid UTF-8 in a TEXT frame) is ws enforcing RFC 6455 before our code runs.
  const seen = (event: { code: number; reason: string }, batch: FuzzFrame[], mode: string) => {
    bump(stats.closes, event.code);
    bump(stats.closeReasons, `${event.code} ${event.reason.replace(/\d{3,}/g, "N")}`);
    if (ALLOWED_CLOSE_CODES.has(event.code) || (event.code === 1007 && batch.some((f) => f.text))) return true;
    stats.problems.push({ what: `close code ${event.code} (${event.reason}) is not an allowed code`, detail: `${mode}: ${describe(batch)}` });
    return false;
  };
  const unexpected = (event: RawEvent, what: string, batch: FuzzFrame[]) => {
    if (event.type === "stall") stats.stalls++;
    stats.problems.push({
      what: `${what}: ${event.type === "refused" ? `upgrade refused (${event.status})` : event.type === "stall" ? `no answer within ${STALL_MS} ms` : event.type}`,
      detail: describe(batch),
    });
  };

  // Valid token; after joining, one frame at a time, each followed by a ping: the pong (or the
  // close) comes once the server handled the frame, so every frame sent is a frame handled.
  async function live(): Promise<void> {
    const socket = new RawSocket(o.port, path, rng);
    let event = await socket.until("joined");
    if (event.type !== "joined") {
      if (event.type === "close") seen(event, [], "live/join");
      else unexpected(event, "live connection did not join", []);
      return socket.destroy();
    }
    // Stay under the burst of the rate limit (a 4429 is allowed, but wastes a frame).
    for (let n = 0; n < 250; n++) {
      const frame = take();
      if (!frame) break;
      socket.write(dataFrame(frame, rng), socket.ping());
      event = await socket.until("pong");
      if (event.type === "pong") continue;
      if (event.type === "close") seen(event, [frame], "live");
      else unexpected(event, "live frame", [frame]);
      return socket.destroy();
    }
    stats.clientHangups++;
    socket.hangUp();
  }

  // Valid token; 1..8 frames (sometimes more than the server queues) written together with the
  // upgrade request, then a sync step 1 as a probe: its answer means all were handled.
  async function early(): Promise<void> {
    const batch = batchOf(rng.bool(0.03) ? 70 : 1 + rng.int(8));
    if (!batch.length) return;
    const socket = new RawSocket(o.port, path, rng, {
      after: [...batch.map((f) => dataFrame(f, rng)), dataFrame({ label: "probe", data: F.syncStep1(Uint8Array.of(0)) }, rng)],
    });
    let event = await socket.until("answered");
    if (event.type === "answered") {
      // Early frames are handled in one go: a close for any of them is already on its way.
      socket.write(socket.ping());
      event = await socket.until("pong");
      if (event.type === "pong") {
        stats.clientHangups++;
        return socket.hangUp();
      }
    }
    if (event.type === "close") seen(event, batch, "early");
    else unexpected(event, "early frames", batch);
    socket.destroy();
  }

  // Bad credentials, with frames (and a probe) sent before the server could check them.
  async function badAuth(): Promise<void> {
    const bad = rng.pick(badTokens);
    const batch = batchOf(1 + rng.int(4));
    const socket = new RawSocket(o.port, bad.path, rng, {
      origin: bad.origin,
      after: [...batch.map((f) => dataFrame(f, rng)), dataFrame({ label: "probe", data: F.syncStep1(Uint8Array.of(0)) }, rng)],
    });
    const event = await socket.until("answered", "joined");
    socket.destroy();
    if (event.type !== "close") return unexpected(event, `${bad.name}: expected a close ${bad.expect}, got`, batch);
    if (!seen(event, batch, `badauth (${bad.name})`)) return;
    // An oversize or non-UTF-8 text frame may beat the token check (1009/1007).
    if (event.code !== bad.expect && event.code !== 1009 && event.code !== 1007)
      stats.problems.push({ what: `${bad.name}: closed with ${event.code} (${event.reason}), expected ${bad.expect}` });
  }

  async function worker(): Promise<void> {
    while (o.more()) {
      stats.connections++;
      const r = rng.float();
      const mode = r < 0.72 ? "live" : r < 0.92 ? "early" : "badauth";
      bump(stats.connectionsByMode, mode);
      await (mode === "live" ? live() : mode === "early" ? early() : badAuth());
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker));
}

// ---- the fuzz client process ------------------------------------------------------------
// The hostile clients run in a child process, so that they do not steal the server's event
// loop (and use the second core): the parent holds the server, the good client and the checks.
type PhaseRequest = {
  type: "phase";
  port: number;
  access: "read-only" | "read-write";
  seed: number;
  targets: number[];
  exclude: string[];
  /** Frames for this phase (null: no limit). */
  frames: number | null;
  /** Date.now() at which the phase ends (null: no limit). */
  until: number | null;
  concurrency: number;
};
type SerializedStats = Omit<FuzzStats, "framesByFamily" | "connectionsByMode" | "closes" | "closeReasons"> &
  Record<"framesByFamily" | "connectionsByMode" | "closes" | "closeReasons", Array<[string, number]>>;
type ChildMessage =
  | { type: "progress"; frames: number; connections: number }
  | { type: "result"; stats: SerializedStats; errors: string[]; cpuMs: number }
  | { type: "failed"; error: string };

const serialize = (s: FuzzStats): SerializedStats => ({
  ...s,
  framesByFamily: [...s.framesByFamily],
  connectionsByMode: [...s.connectionsByMode],
  closes: [...s.closes],
  closeReasons: [...s.closeReasons],
});
function merge(into: FuzzStats, from: SerializedStats): void {
  into.framesSent += from.framesSent;
  into.connections += from.connections;
  into.clientHangups += from.clientHangups;
  into.stalls += from.stalls;
  into.problems.push(...from.problems);
  for (const [k, v] of from.framesByFamily) bump(into.framesByFamily, k, v);
  for (const [k, v] of from.connectionsByMode) bump(into.connectionsByMode, k, v);
  for (const [k, v] of from.closes) bump(into.closes, k, v);
  for (const [k, v] of from.closeReasons) bump(into.closeReasons, k, v);
}

async function clientMain(): Promise<void> {
  const errors: string[] = [];
  const onError = (kind: string) => (error: unknown) =>
    errors.push(`fuzz client process ${kind}: ${(error as Error)?.stack ?? String(error)}`.split("\n").slice(0, 10).join("\n"));
  process.on("uncaughtException", onError("uncaughtException"));
  process.on("unhandledRejection", onError("unhandledRejection"));
  const send = (m: ChildMessage) => process.send!(m);
  let gen: FrameGenerator | null = null;
  let rng: Rng | null = null;
  process.on("disconnect", () => process.exit(0));
  process.on("message", (request: PhaseRequest) => {
    void (async () => {
      try {
        gen ??= createFrameGenerator({ seed: request.seed, targetClientIds: request.targets, exclude: request.exclude });
        rng ??= new Rng(request.seed ^ 0x5eed);
        const stats = newStats();
        let last = Date.now();
        const more = () => {
          if (Date.now() - last > 1000) {
            last = Date.now();
            send({ type: "progress", frames: stats.framesSent, connections: stats.connections });
          }
          return (request.frames === null || stats.framesSent < request.frames) && (request.until === null || Date.now() < request.until);
        };
        await fuzzPhase({ port: request.port, gen, access: request.access, concurrency: request.concurrency, stats, rng, more });
        const cpu = process.cpuUsage();
        send({ type: "result", stats: serialize(stats), errors: errors.splice(0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
      } catch (error) {
        send({ type: "failed", error: (error as Error).stack ?? String(error) });
      }
    })();
  });
}

function startClientProcess() {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FUZZ_ROLE: "client" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let onProgress: (frames: number, connections: number) => void = () => {};
  return {
    phase(
      request: Omit<PhaseRequest, "type">,
      progress: (frames: number, connections: number) => void,
    ): Promise<{ stats: SerializedStats; errors: string[]; cpuMs: number }> {
      onProgress = progress;
      return new Promise((resolve, reject) => {
        const onMessage = (m: ChildMessage) => {
          if (m.type === "progress") return onProgress(m.frames, m.connections);
          child.off("message", onMessage);
          child.off("exit", onExit);
          if (m.type === "result") resolve(m);
          else reject(new Error(`fuzz client process failed: ${m.error}`));
        };
        const onExit = (code: number | null) => reject(new Error(`fuzz client process exited (${code})`));
        child.on("message", onMessage);
        child.once("exit", onExit);
        child.send({ type: "phase", ...request } satisfies PhaseRequest);
      });
    },
    stop() {
      if (child.connected) child.disconnect();
      if (child.exitCode === null) setTimeout(() => child.kill(), 2000).unref();
    },
  };
}

// ---- the campaign -----------------------------------------------------------------------
export type CampaignReport = {
  seed: number;
  seconds: number;
  stats: FuzzStats;
  /** Everything that went wrong; empty means the server came through. */
  problems: Problem[];
  errors: string[];
  checks: {
    health: unknown;
    goodStillConnected: boolean;
    goodCloses: Array<{ code: number; reason: string }>;
    expectedText: string;
    /** After the read-only phase: the stored document, exactly. */
    readOnly: { text: string; clients: number[]; roots: string[]; deletes: number; goodClient: number } | null;
    /** After the read-write phase. */
    final: {
      loads: boolean;
      loadError?: string;
      goodText: string | null;
      freshClientText: string | null;
      finalDurable: boolean;
      goodPresence: unknown;
      goodLocalPresence: unknown;
      expectedPresence: unknown;
    };
  };
  summary: string;
};

function storedDoc(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const started = Date.now();
  const progress = options.progress ?? (() => {});
  const errors: string[] = [];
  const onError = (kind: string) => (error: unknown) => errors.push(`${kind}: ${(error as Error)?.stack ?? String(error)}`.split("\n").slice(0, 24).join("\n"));
  const onException = onError("uncaughtException");
  const onRejection = onError("unhandledRejection");
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  // Deep enough to show where an error left the server's own code.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;

  const db = await freshDatabase("sqlite");
  const tDb = Date.now();
  const fuzzer = startClientProcess();
  const store = createStore(resolveDatabaseTarget(db.url));
  const server = await startCollab({ store });
  const clients: Client[] = [];
  const stats = newStats();
  const presence = { user: { name: "Good Client", color: "#0a0" } };
  let expected = "";
  let writes = 0;
  let writer: NodeJS.Timeout | undefined;
  const checks: CampaignReport["checks"] = {
    health: null,
    goodStillConnected: false,
    goodCloses: [],
    expectedText: "",
    readOnly: null,
    final: {
      loads: false,
      goodText: null,
      freshClientText: null,
      finalDurable: false,
      goodPresence: undefined,
      goodLocalPresence: undefined,
      expectedPresence: presence,
    },
  };
  let clientCpuMs = 0;
  const fail = (what: string) => (error: Error) => stats.problems.push({ what, detail: error.message });

  try {
    // The good client: writes, waits until durable, keeps writing during the run.
    const good = connect(server.url, DOC, await token(DOC, "read-write"));
    clients.push(good);
    good.provider.awareness.setLocalState(presence);
    await until(() => good.provider.synced, 10_000, "good client sync");
    const write = () => {
      const piece = `w${writes++};`;
      good.doc.getText(GOOD_KEY).insert(good.doc.getText(GOOD_KEY).length, piece);
      expected += piece;
    };
    write();
    await until(() => covered(good.doc, good.durable()), 10_000, "good client durable");

    const fuzzStart = Date.now();
    progress(`… set up in ${((fuzzStart - started) / 1000).toFixed(1)} s (database ${((tDb - started) / 1000).toFixed(1)} s)`);
    // A time budget is for fuzzing only (not set-up), split between the phases.
    const budgetSeconds = options.seconds ?? null;
    const totalFrames = options.frames ?? null;
    const rwShare = options.rwShare ?? 0.25;
    const phase = {
      port: server.port,
      seed: options.seed,
      targets: [good.doc.clientID],
      exclude: options.exclude ?? [],
      concurrency: options.concurrency ?? 32,
    };
    let lastReport = Date.now();
    const report = (base: number) => (frames: number, connections: number) => {
      if (Date.now() - lastReport < (process.env.FUZZ_DEBUG ? 1000 : 5000)) return;
      lastReport = Date.now();
      progress(`… ${base + frames} frames, ${stats.connections + connections} connections, ${Math.round((Date.now() - started) / 1000)} s`);
    };

    // Phase 1: read-only tokens. The stored document must stay exactly the good client's.
    writer = setInterval(write, 200);
    const ro = await fuzzer.phase(
      {
        ...phase,
        access: "read-only",
        frames: totalFrames === null ? null : Math.round(totalFrames * (1 - rwShare)),
        until: budgetSeconds === null ? null : Date.now() + budgetSeconds * 1000 * (1 - rwShare),
      },
      report(0),
    );
    merge(stats, ro.stats);
    errors.push(...ro.errors);
    clientCpuMs = ro.cpuMs;
    clearInterval(writer);
    await until(() => covered(good.doc, good.durable()), 10_000, "good client durable after the read-only phase").catch(
      fail("the good client got no durable ack after the read-only phase"),
    );
    try {
      const doc = storedDoc((await store.load(DOC)).updates);
      const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
      checks.readOnly = {
        text: doc.getText(GOOD_KEY).toString(),
        clients: [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()],
        roots: [...doc.share.keys()],
        deletes: decoded.ds.clients.size,
        goodClient: good.doc.clientID,
      };
      doc.destroy();
    } catch (error) {
      fail("read-only phase: the stored document does not load")(error as Error);
    }

    // Phase 2: read-write tokens. Valid fuzz updates may add content, never at GOOD_KEY.
    if (rwShare > 0) {
      writer = setInterval(write, 200);
      const rw = await fuzzer.phase(
        {
          ...phase,
          access: "read-write",
          frames: totalFrames === null ? null : totalFrames - stats.framesSent,
          until: budgetSeconds === null ? null : Date.now() + budgetSeconds * 1000 * rwShare,
        },
        report(stats.framesSent),
      );
      merge(stats, rw.stats);
      errors.push(...rw.errors);
      clearInterval(writer);
      clientCpuMs = rw.cpuMs;
    }

    // The good client: still connected, still writing, still told when it is durable.
    checks.goodStillConnected = good.provider.wsconnected;
    checks.goodCloses = [...good.closes];
    write();
    checks.final.finalDurable = await until(() => covered(good.doc, good.durable()), 10_000, "final durable ack").then(
      () => true,
      () => false,
    );
    checks.expectedText = expected;
    checks.health = server.collab.health();
    const stored = await store.load(DOC);
    try {
      const doc = storedDoc(stored.updates);
      checks.final.loads = true;
      checks.final.goodText = doc.getText(GOOD_KEY).toString();
      doc.destroy();
    } catch (error) {
      // Keep the stored rows, to find the update that broke the document (fuzz-run.ts --rows).
      const file = path.join(ROOT, "tests", ".tmp", `fuzz-unloadable-${options.seed}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored.updates.map((u) => Buffer.from(u).toString("hex"))));
      checks.final.loadError = `${(error as Error).message} (stored rows saved to ${path.relative(ROOT, file)})`;
    }
    // A newcomer is served the document (sync step 1 works) and sees the good client's presence.
    const fresh = connect(server.url, DOC, await token(DOC, "read-only"));
    clients.push(fresh);
    await until(() => fresh.provider.synced && fresh.doc.getText(GOOD_KEY).toString() === expected, 10_000, "fresh client sync").catch(() => {});
    checks.final.freshClientText = fresh.provider.synced ? fresh.doc.getText(GOOD_KEY).toString() : null;
    await until(() => fresh.provider.awareness.getStates().has(good.doc.clientID), 2000, "presence").catch(() => {});
    checks.final.goodPresence = fresh.provider.awareness.getStates().get(good.doc.clientID);
    checks.final.goodLocalPresence = good.provider.awareness.getLocalState();
  } catch (error) {
    stats.problems.push({ what: "the campaign could not complete", detail: (error as Error).stack });
  } finally {
    clearInterval(writer);
    fuzzer.stop();
    for (const c of clients) {
      try {
        c.provider.destroy();
      } catch (error) {
        stats.problems.push({ what: "a y-websocket client could not be destroyed", detail: (error as Error).stack });
      }
    }
    await server.stop();
    await store.close();
    await db.drop();
    // Late errors (e.g. from a timer) still count.
    await new Promise((r) => setTimeout(r, 50));
    process.off("uncaughtException", onException);
    process.off("unhandledRejection", onRejection);
    Error.stackTraceLimit = stackTraceLimit;
  }

  const problems = [...stats.problems];
  const c = checks;
  const expect = (ok: boolean, what: string, detail?: string) => {
    if (!ok) problems.push({ what, detail });
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  expect((c.health as { status?: string })?.status === "ok", "health is not ok", JSON.stringify(c.health));
  expect(c.goodStillConnected && c.goodCloses.length === 0, "the good client was disconnected", JSON.stringify(c.goodCloses));
  expect(c.final.finalDurable, "the good client's last write got no durable ack");
  const ro = c.readOnly;
  expect(
    !!ro && ro.text.length > 0 && c.expectedText.startsWith(ro.text),
    "read-only phase: stored text is not what the good client wrote",
    JSON.stringify(ro?.text.slice(0, 200)),
  );
  expect(
    !!ro && ro.clients.length === 1 && ro.clients[0] === ro.goodClient,
    "read-only phase: the stored document has changes from other clients",
    JSON.stringify(ro?.clients),
  );
  expect(!!ro && ro.roots.length === 1 && ro.roots[0] === GOOD_KEY, "read-only phase: the stored document has other root types", JSON.stringify(ro?.roots));
  expect(!!ro && ro.deletes === 0, "read-only phase: the stored document has deletions");
  expect(c.final.loads, "the stored document no longer loads", c.final.loadError);
  expect(
    c.final.goodText === c.expectedText,
    "the good client's text in the store is not exactly what it wrote",
    JSON.stringify(c.final.goodText?.slice(0, 200)),
  );
  expect(
    c.final.freshClientText === c.expectedText,
    "a new client is not served the good client's text",
    JSON.stringify(c.final.freshClientText?.slice(0, 200)),
  );
  expect(same(c.final.goodPresence, c.final.expectedPresence), "others see the good client's presence changed", JSON.stringify(c.final.goodPresence));
  expect(
    same(c.final.goodLocalPresence, c.final.expectedPresence),
    "the good client's own presence was overwritten",
    JSON.stringify(c.final.goodLocalPresence),
  );
  for (const e of errors) {
    // Grouped by message and where it left our code (the first collab-server frame).
    const lines = e.split("\n");
    const ours =
      lines
        .find((l) => l.includes("/collab-server/"))
        ?.trim()
        .replace(/^at /, "") ??
      lines[1]?.trim() ??
      "";
    problems.push({ what: `unhandled error: ${lines[0]} (${ours})`, detail: e });
  }

  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage();
  progress(`… CPU: server process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, fuzz client process ${(clientCpuMs / 1000).toFixed(1)} s`);
  const closes = [...stats.closes]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  const modes = [...stats.connectionsByMode].map(([m, n]) => `${m} ${n}`).join(", ");
  const summary =
    `collab fuzz (seed ${options.seed}): ${stats.framesSent} frames over ${stats.connections} connections (${modes}) in ${seconds.toFixed(1)} s; ` +
    `closes by code: ${closes || "none"}; ${stats.clientHangups} connections took every frame; ${problems.length} problem(s)`;
  return { seed: options.seed, seconds, stats, problems, errors, checks, summary };
}

/** Problems grouped by what went wrong, with the first detail of each: for printing. */
export function describeProblems(problems: Problem[]): string {
  const grouped = new Map<string, { n: number; detail?: string }>();
  for (const p of problems) {
    const g = grouped.get(p.what);
    if (g) g.n++;
    else grouped.set(p.what, { n: 1, detail: p.detail });
  }
  return [...grouped].map(([what, g]) => `- ${g.n}× ${what}${g.detail ? `\n    ${g.detail.replace(/\n/g, "\n    ")}` : ""}`).join("\n");
}

// ---- CLI ----------------------------------------------------------------------------------
async function main(): Promise<void> {
  const env = process.env;
  const frames = env.FUZZ_FRAMES ? Number(env.FUZZ_FRAMES) : undefined;
  const seconds = env.FUZZ_SECONDS ? Number(env.FUZZ_SECONDS) : frames ? undefined : 60;
  const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : crypto.randomInt(2 ** 31);
  console.log(`collab fuzz: seed ${seed}, ${frames ? `${frames} frames` : ""}${frames && seconds ? " or " : ""}${seconds ? `${seconds} s` : ""}`);
  const report = await runCampaign({
    frames,
    seconds,
    seed,
    rwShare: env.FUZZ_RW_SHARE ? Number(env.FUZZ_RW_SHARE) : undefined,
    concurrency: env.FUZZ_CONCURRENCY ? Number(env.FUZZ_CONCURRENCY) : undefined,
    exclude: env.FUZZ_EXCLUDE?.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    progress: (line) => console.log(line),
  });
  const families = [...report.stats.framesByFamily]
    .sort((a, b) => b[1] - a[1])
    .map(([f, n]) => `${f} ${n}`)
    .join(", ");
  console.log(`frames by kind: ${families}`);
  const reasons = [...report.stats.closeReasons]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([r, n]) => `  ${n}× ${r}`)
    .join("\n");
  console.log(`close reasons:\n${reasons}`);
  if (report.problems.length) console.log(`\nPROBLEMS (${report.problems.length}):\n${describeProblems(report.problems)}`);
  console.log(report.summary);
  process.exit(report.problems.length ? 1 : 0);
}

/**
 * `tsx tests/collab/fuzz-run.ts --rows tests/.tmp/fuzz-unloadable-<seed>.json`: the fewest stored
 * rows (in order) that still make the document fail to load with the same error, as hex (delta
 * debugging).
 */
function minimizeRows(file: string): void {
  let rows = (JSON.parse(fs.readFileSync(file, "utf8")) as string[]).map((h) => new Uint8Array(Buffer.from(h, "hex")));
  const failure = (candidate: Uint8Array[]): string | null => {
    try {
      storedDoc(candidate).destroy();
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const error = failure(rows);
  if (!error) {
    console.log(`${rows.length} rows: the document loads`);
    return;
  }
  console.log(`${rows.length} rows fail to load: ${error}; minimizing…`);
  let n = 2;
  while (rows.length >= 2) {
    const chunk = Math.ceil(rows.length / n);
    let reduced = false;
    for (let i = 0; i < rows.length; i += chunk) {
      const complement = [...rows.slice(0, i), ...rows.slice(i + chunk)];
      if (failure(complement) === error) {
        rows = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= rows.length) break;
      n = Math.min(rows.length, n * 2);
    }
  }
  console.log(`${rows.length} rows still fail (${failure(rows)}):`);
  for (const row of rows) console.log(Buffer.from(row).toString("hex"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rowsAt = process.argv.indexOf("--rows");
  if (rowsAt > 0) {
    minimizeRows(process.argv[rowsAt + 1]!);
    process.exit(0);
  }
  (process.env.FUZZ_ROLE === "client" ? clientMain() : main()).catch((error) => {
    console.error(error);
    process.exit(2);
  });
}
