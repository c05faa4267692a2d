// The collab-server fuzz campaign, shared by the Vitest test (tests/collab/fuzz.test.ts) and
// the long run (`npm run fuzz:collab`, i.e. `tsx tests/collab/fuzz-run.ts`).
//
// One server (SQLite store), one GOOD y-websocket client writing to its own key of a rich-text
// document (DOC: only "does it integrate" is checked there, so hostile updates get that far), a
// board (BOARD_DOC, tests/collab/fuzz-board.ts) where a good member keeps typing into its note,
// then hostile frames from tests/collab/fuzz-frames.ts over a pool of raw connections:
//   live    — a valid token; once joined, one frame, then a WebSocket ping, and the next frame
//             only once the pong (frame handled, connection alive) or the close arrived, so
//             every frame sent is a frame the server handled; reconnects after each close
//   early   — a valid token, and the upgrade request AND 1..8 frames (sometimes > 64) in one
//             write: frames that arrive before the token is verified and the room loaded
//   badauth — the same with missing, empty, garbage, alg-none, wrong-secret, expired and
//             other-document tokens, bad document names and a foreign origin
//   board   — (read-write phase) a member's token for the board: the board as the server sends
//             it, then changes a member may make (must be accepted) and ones the rules forbid
//             (another's note text, notes and dots, notes in another's name, dots past the
//             budget, settings, made-up roots, …: must be closed with 4403); some live
//             connections send the hostile frames to the board too
// All three speak WebSocket by hand over a bare TCP socket (cheaper than `ws`, and able to
// send before the handshake completes).
// Phase 1 uses READ-ONLY tokens and must leave the stored document exactly as the good client
// wrote it; phase 2 uses READ-WRITE tokens (valid fuzz updates may add content) and must leave
// the good client's key intact and the document loadable and servable.
// Every good client (the writer, the board member, newcomers joining during phase 2 and at the
// end) must apply everything the server sends without an error: y-websocket only logs one
// ("Caught error while handling a Yjs update"), the campaign counts it as a problem, with the
// update, the seed and the last frames sent. At the end every client must agree: the good
// client's document, a newcomer's and the stored one are the same, item for item; and the good
// board member never saw a change the rules forbid.
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
import { connect, covered, SECRET, startCollab, token, until, type Client } from "./harness";
import { BOARD_DOC, boardMove, boardViolations, FACILITATOR, GOOD_MEMBER, GOOD_NOTES, GOOD_TEXT_MAX, VOTING, attacker, type Member } from "./fuzz-board";
import { addNote, noteText, placeDot, setVoting } from "../../app/collab/board";
import { stampPresence } from "../../app/collab/presence";
import { decodeClientMessage } from "../../collab-server/protocol/messages";
import * as decoding from "lib0/decoding";
import { freshDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "../../app/config/database-url.server";
import { issueCollabToken } from "../../app/auth/collab-token.server";
import { CLOSE } from "../../app/collab/protocol";

export const DOC = "locality:fuzz:doc:target";
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
  /** Board changes sent, by "allowed:<kind>" / "forbidden:<kind>". */
  boardMoves: Tally;
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
    boardMoves: new Map(),
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
/** The update in a sync step 2 frame (empty if it does not read as one). */
function syncPayload(frame: Uint8Array): Uint8Array {
  try {
    const d = decoding.createDecoder(frame);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    return decoding.readVarUint8Array(d).slice();
  } catch {
    return new Uint8Array(0);
  }
}
const dataFrame = (f: FuzzFrame, rng: Rng) => wsFrame(f.data, f.text ? OP.text : OP.binary, rng);

type RawEvent =
  | { type: "joined" } // the server's sync step 1: token verified, room joined
  | { type: "answered"; update: Uint8Array } // a sync step 2: the server answered a sync step 1
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
      else if (opcode === OP.binary && payload[0] === 0 && payload[1] === 1) this.push({ type: "answered", update: syncPayload(payload) });
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
  /** Read-write phase: also the board (hostile frames and board changes, one member per worker). */
  board: boolean;
  /** Returns false once the phase's frame budget or time is spent. */
  more: () => boolean;
  stats: FuzzStats;
  rng: Rng;
};

/** The last frames sent (any phase, any connection), for the report of a problem. */
type SentFrame = { no: number; label: string; where: string; hex: string; bytes: number };
const RECENT_MAX = 400;
const recentFrames: SentFrame[] = [];
let frameNo = 0;
function remember(label: string, where: string, data: Uint8Array): void {
  recentFrames.push({ no: ++frameNo, label, where, hex: Buffer.from(data.subarray(0, 4096)).toString("hex"), bytes: data.length });
  if (recentFrames.length > RECENT_MAX) recentFrames.shift();
}

async function fuzzPhase(o: PhaseOptions): Promise<void> {
  const { stats, rng } = o;
  const goodToken = await token(DOC, o.access);
  const path = `/collab/${DOC}?token=${goodToken}`;
  // One member of the board per worker: its own notes and dots are only its own connections'.
  const boardPaths = o.board
    ? await Promise.all(
        Array.from(
          { length: o.concurrency },
          async (_, n) => `/collab/${BOARD_DOC}?token=${await issueCollabToken(SECRET, { ...attacker(n), doc: BOARD_DOC, access: "read-write" })}`,
        ),
      )
    : [];
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

  const take = (where: string): FuzzFrame | null => {
    if (!o.more()) return null;
    const frame = o.gen.next();
    stats.framesSent++;
    bump(stats.framesByFamily, family(frame.label));
    remember(frame.label, `${o.access} ${where}`, frame.data);
    return frame;
  };
  const batchOf = (n: number, where: string): FuzzFrame[] => {
    const batch: FuzzFrame[] = [];
    for (; n > 0; n--) {
      const frame = take(where);
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
  async function live(where: "doc" | "board", worker: number): Promise<void> {
    const socket = new RawSocket(o.port, where === "doc" ? path : boardPaths[worker]!, rng);
    let event = await socket.until("joined");
    if (event.type !== "joined") {
      if (event.type === "close") seen(event, [], "live/join");
      else unexpected(event, "live connection did not join", []);
      return socket.destroy();
    }
    // Stay under the burst of the rate limit (a 4429 is allowed, but wastes a frame).
    for (let n = 0; n < 250; n++) {
      const frame = take(`live ${where}`);
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
    const batch = batchOf(rng.bool(0.03) ? 70 : 1 + rng.int(8), "early doc");
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
    const batch = batchOf(1 + rng.int(4), `badauth (${bad.name})`);
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

  // A member's token for the board: the board as the server sends it (a sync step 1 for
  // everything), then 1..3 changes made on that copy, each followed by a ping. An allowed change
  // must be accepted (the pong comes), a forbidden one refused with 4403, and the connection ends.
  async function board(worker: number): Promise<void> {
    const me: Member = attacker(worker);
    const socket = new RawSocket(o.port, boardPaths[worker]!, rng);
    let event = await socket.until("joined");
    if (event.type === "joined") {
      socket.write(dataFrame({ label: "probe", data: F.syncStep1(Uint8Array.of(0)) }, rng));
      event = await socket.until("answered");
    }
    if (event.type !== "answered") {
      if (event.type === "close") seen(event, [], "board/join");
      else unexpected(event, "board connection did not get the board", []);
      return socket.destroy();
    }
    const doc = new Y.Doc();
    doc.clientID = rng.range(1, 2 ** 31);
    try {
      Y.applyUpdate(doc, event.update);
      for (let n = 1 + rng.int(3); n > 0 && o.more(); n--) {
        const move = boardMove(rng, doc, me, 0.6);
        if (!move) break;
        const label = `board:${move.forbidden ? "forbidden" : "allowed"}:${move.kind}`;
        const frame = { label, data: F.update(move.update) };
        stats.framesSent++;
        bump(stats.framesByFamily, family(label));
        bump(stats.boardMoves, `${move.forbidden ? "forbidden" : "allowed"}:${move.kind}`);
        remember(label, `read-write board (${me.userId})`, frame.data);
        socket.write(dataFrame(frame, rng), socket.ping());
        event = await socket.until("pong");
        const what = `${label} ${hex(move.update, 64)}`;
        if (event.type === "pong") {
          if (!move.forbidden) continue;
          stats.problems.push({ what: `the server accepted a change the board's rules forbid: ${move.kind}`, detail: `${me.userId}: ${what}` });
          break;
        }
        if (event.type !== "close") {
          unexpected(event, "board change", [frame]);
          return socket.destroy();
        }
        seen(event, [frame], "board");
        if (move.forbidden && event.code !== CLOSE.forbiddenChange)
          stats.problems.push({
            what: `a forbidden board change (${move.kind}) was closed with ${event.code}, not ${CLOSE.forbiddenChange}`,
            detail: `${event.reason}; ${what}`,
          });
        if (!move.forbidden)
          stats.problems.push({ what: `the server refused an allowed board change: ${move.kind}`, detail: `${event.code} ${event.reason}; ${what}` });
        return socket.destroy();
      }
    } catch (error) {
      stats.problems.push({ what: "a board change could not be made", detail: (error as Error).stack });
    } finally {
      doc.destroy();
    }
    stats.clientHangups++;
    socket.hangUp();
  }

  async function worker(n: number): Promise<void> {
    while (o.more()) {
      stats.connections++;
      const r = rng.float();
      const mode = o.board
        ? r < 0.56
          ? "live"
          : r < 0.64
            ? "live-board"
            : r < 0.74
              ? "board"
              : r < 0.92
                ? "early"
                : "badauth"
        : r < 0.72
          ? "live"
          : r < 0.92
            ? "early"
            : "badauth";
      bump(stats.connectionsByMode, mode);
      await (mode === "live"
        ? live("doc", n)
        : mode === "live-board"
          ? live("board", n)
          : mode === "board"
            ? board(n)
            : mode === "early"
              ? early()
              : badAuth());
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, (_, n) => worker(n)));
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
  board: boolean;
};
type TallyName = "framesByFamily" | "connectionsByMode" | "closes" | "closeReasons" | "boardMoves";
type SerializedStats = Omit<FuzzStats, TallyName> & Record<TallyName, Array<[string, number]>>;
type ChildMessage =
  | { type: "recent"; frames: SentFrame[] }
  | { type: "progress"; frames: number; connections: number }
  | { type: "result"; stats: SerializedStats; errors: string[]; cpuMs: number }
  | { type: "failed"; error: string };

const serialize = (s: FuzzStats): SerializedStats => ({
  ...s,
  framesByFamily: [...s.framesByFamily],
  connectionsByMode: [...s.connectionsByMode],
  closes: [...s.closes],
  closeReasons: [...s.closeReasons],
  boardMoves: [...s.boardMoves],
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
  for (const [k, v] of from.boardMoves) bump(into.boardMoves, k, v);
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
  process.on("message", (request: PhaseRequest | { type: "recent" }) => {
    if (request.type === "recent") return send({ type: "recent", frames: recentFrames });
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
        await fuzzPhase({ port: request.port, gen, access: request.access, concurrency: request.concurrency, board: request.board, stats, rng, more });
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
  const recentWaiters: Array<(frames: SentFrame[]) => void> = [];
  child.on("message", (m: ChildMessage) => {
    if (m.type === "recent") for (const w of recentWaiters.splice(0)) w(m.frames);
  });
  return {
    /** The last frames the fuzz clients sent (empty if the process does not answer within 2 s). */
    recent(): Promise<SentFrame[]> {
      if (!child.connected) return Promise.resolve([]);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve([]), 2000);
        recentWaiters.push((frames) => {
          clearTimeout(timer);
          resolve(frames);
        });
        child.send({ type: "recent" });
      });
    },
    phase(
      request: Omit<PhaseRequest, "type">,
      progress: (frames: number, connections: number) => void,
    ): Promise<{ stats: SerializedStats; errors: string[]; cpuMs: number }> {
      onProgress = progress;
      return new Promise((resolve, reject) => {
        const onMessage = (m: ChildMessage) => {
          if (m.type === "recent") return;
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
    /** Errors in good clients (the writer, the board member, newcomers) while applying what the server sent. */
    clientErrors: ClientError[];
    /** Newcomers that joined during the read-write phase (and how many got the document). */
    joiners: { started: number; synced: number };
    board: {
      memberConnected: boolean;
      memberCloses: Array<{ code: number; reason: string }>;
      expectedNote: string;
      /** What the good member saw during the run that the rules forbid (count× first occurrence). */
      seen: string[];
      /** Rules the board breaks at the end: as the good member holds it, as a newcomer gets it (null: not served). */
      memberNow: string[];
      freshNow: string[] | null;
    };
    /** Where two copies of a document first differ (null: the same). */
    agree: { doc: string | null; docStored: string | null; board: string | null };
    /** After the read-write phase. */
    final: {
      loads: boolean;
      loadError?: string;
      goodText: string | null;
      freshClientText: string | null;
      finalDurable: boolean;
      goodPresence: unknown;
      goodLocalPresence: unknown;
      /** The good client's own presence state… */
      expectedPresence: unknown;
      /** …and as others see it: with the identity of its token stamped in. */
      expectedSeenPresence: unknown;
    };
  };
  summary: string;
};

function storedDoc(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

// ---- good clients: errors, and what they hold ---------------------------------------------
/** An error in a good client while it handled what the server sent. */
export type ClientError = { who: string; message: string; stack: string; update: Uint8Array | null; at: number };

/**
 * Watches good y-websocket clients for errors. y-protocols catches an exception thrown while a
 * client applies an update and only logs it (console.error "Caught error while handling a Yjs
 * update"), so console.error is listened to while a watched client handles a message; the
 * message being handled says which client, and which update.
 */
class ClientWatch {
  readonly errors: ClientError[] = [];
  private handling: { who: string; message: Uint8Array } | null = null;
  private readonly original = console.error;
  private readonly listeners: Array<(e: ClientError) => void> = [];

  constructor() {
    console.error = (...args: unknown[]) => {
      const first = typeof args[0] === "string" ? args[0] : "";
      if (this.handling || first.startsWith("Caught error while handling a Yjs update")) {
        const error = args.find((a): a is Error => a instanceof Error);
        const e: ClientError = {
          who: this.handling?.who ?? "a y-websocket client",
          message: [first, error?.message].filter(Boolean).join(": ") || args.map(String).join(" "),
          stack: (error?.stack ?? "").split("\n").slice(0, 8).join("\n"),
          update: this.handling ? updateIn(this.handling.message) : null,
          at: Date.now(),
        };
        this.errors.push(e);
        for (const l of this.listeners) l(e);
      }
      this.original.apply(console, args as []);
    };
  }

  onError(listener: (e: ClientError) => void): void {
    this.listeners.push(listener);
  }

  /** Marks every message `client` handles as `who`'s. */
  watch(client: Client, who: string): Client {
    const handlers = client.provider.messageHandlers;
    handlers.forEach((handler, type) => {
      if (!handler) return;
      handlers[type] = (encoder, decoder, provider, emitSynced, messageType) => {
        const outer = this.handling;
        this.handling = { who, message: decoder.arr };
        try {
          return handler(encoder, decoder, provider, emitSynced, messageType);
        } finally {
          this.handling = outer;
        }
      };
    });
    return client;
  }

  restore(): void {
    console.error = this.original;
  }
}

/** The update a sync message carries (null for other messages). */
function updateIn(message: Uint8Array): Uint8Array | null {
  try {
    const decoded = decodeClientMessage(message);
    return decoded.type === "update" ? decoded.update : null;
  } catch {
    return null;
  }
}

/** Structs and deletions of an update, one line each (for a problem's detail). */
export function describeUpdate(update: Uint8Array, max = 12): string {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    const id = (x: { client: number; clock: number } | null) => (x ? `${x.client}:${x.clock}` : "-");
    const lines = structs.slice(0, max).map((s) => {
      if (!(s instanceof Y.Item)) return `${s.constructor.name} ${id(s.id)} length ${s.length}`;
      const parent = typeof s.parent === "string" ? `root "${s.parent}"` : s.parent instanceof Y.ID ? `type ${id(s.parent)}` : "from its origin";
      return `Item ${id(s.id)} length ${s.length}, origin ${id(s.origin)}, right origin ${id(s.rightOrigin)}, parent ${parent}${s.parentSub !== null ? ` key ${JSON.stringify(s.parentSub)}` : ""}, ${s.content.constructor.name}`;
    });
    if (structs.length > max) lines.push(`… ${structs.length - max} more`);
    const deletes = [...ds.clients].map(([c, r]) => `${c}: ${r.map((x) => `${x.clock}+${x.len}`).join(" ")}`);
    if (deletes.length) lines.push(`deletes ${deletes.join("; ")}`);
    return lines.join("\n");
  } catch (error) {
    return `(does not decode: ${(error as Error).message})`;
  }
}

/**
 * A document as a client shows it, whatever its root types are: every root, its map entries
 * and its list of items (deleted ones left out), content as values, nested types the same way.
 * Two clients that integrated the same changes the same way have the same view.
 */
export function documentView(doc: Y.Doc): unknown {
  const view: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    const root = typeView(doc.share.get(name) as unknown as Y.AbstractType<unknown>, 0);
    // A root whose items were all collected is not in a copy loaded later: the same as none.
    if (Object.keys(root as object).length) view[name] = root;
  }
  return view;
}

function typeView(type: Y.AbstractType<unknown>, depth: number): unknown {
  if (depth > 24) return "…";
  const out: { map?: Record<string, unknown>; list?: unknown[] } = {};
  const map: Record<string, unknown> = {};
  for (const key of [...type._map.keys()].sort()) {
    const item = type._map.get(key)!;
    if (!item.deleted) map[key] = contentView(item.content, depth);
  }
  if (Object.keys(map).length) out.map = map;
  const list: unknown[] = [];
  let steps = 0;
  for (let item = type._start; item && steps < 100_000; item = item.right, steps++) {
    if (item.deleted) continue;
    const content = contentView(item.content, depth);
    if (typeof content === "string" && typeof list[list.length - 1] === "string") list[list.length - 1] += content;
    else list.push(content);
  }
  if (list.length) out.list = list;
  return out;
}

function contentView(content: Y.Item["content"], depth: number): unknown {
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentType)
    return { type: content.type.constructor.name, ...(typeView(content.type as Y.AbstractType<unknown>, depth + 1) as object) };
  if (content instanceof Y.ContentFormat) return { format: content.key, value: content.value };
  if (content instanceof Y.ContentEmbed) return { embed: content.embed };
  if (content instanceof Y.ContentBinary) return { binary: Buffer.from(content.content).toString("hex") };
  if (content instanceof Y.ContentDoc) return { doc: content.doc?.guid ?? null };
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return { values: content.getContent() };
  return { content: content.constructor.name };
}

/** Where two views first differ ("" when they are the same). */
export function firstDifference(a: unknown, b: unknown, at = ""): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return "";
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}/${key}`);
      if (d) return d;
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? "nothing").slice(0, 160);
  return `${at || "/"}: ${show(a)} ≠ ${show(b)}`;
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
  const watch = new ClientWatch();
  // Each error in a good client, with the frames sent just before it (asked of the fuzz process).
  const clientProblems: Array<Promise<Problem>> = [];
  watch.onError((e) => {
    const phase = currentPhase;
    clientProblems.push(
      fuzzer.recent().then((recent) => ({
        what: `a good client could not apply what the server sent: ${e.message}`,
        detail: clientErrorDetail(e, options.seed, phase, recent),
      })),
    );
  });
  let currentPhase = "set-up";
  let expected = "";
  let expectedNote = "";
  let writes = 0;
  let writer: NodeJS.Timeout | undefined;
  let joiner: NodeJS.Timeout | undefined;
  const boardSeen = new Map<string, { n: number; first: string }>();
  const checks: CampaignReport["checks"] = {
    health: null,
    goodStillConnected: false,
    goodCloses: [],
    expectedText: "",
    readOnly: null,
    clientErrors: watch.errors,
    joiners: { started: 0, synced: 0 },
    board: { memberConnected: false, memberCloses: [], expectedNote: "", seen: [], memberNow: [], freshNow: null },
    agree: { doc: null, docStored: null, board: null },
    final: {
      loads: false,
      goodText: null,
      freshClientText: null,
      finalDurable: false,
      goodPresence: undefined,
      goodLocalPresence: undefined,
      expectedPresence: presence,
      // The server stamps the token's identity into the presence it passes on.
      expectedSeenPresence: JSON.parse(stampPresence(JSON.stringify(presence), { userId: "u1", name: "Tester" })),
    },
  };
  let clientCpuMs = 0;
  const fail = (what: string) => (error: Error) => stats.problems.push({ what, detail: error.message });
  const boardToken = (m: Member, access: "read-only" | "read-write" = "read-write", facilitate = false) =>
    issueCollabToken(SECRET, { ...m, doc: BOARD_DOC, access, facilitate });

  try {
    // The good client: writes, waits until durable, keeps writing during the run.
    const good = watch.watch(connect(server.url, DOC, await token(DOC, "read-write")), "the good client");
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

    // The board: a facilitator opens voting and leaves; the good member writes two notes, puts a
    // dot on each and keeps typing into the first (keeping it under GOOD_TEXT_MAX characters).
    const facilitator = watch.watch(connect(server.url, BOARD_DOC, await boardToken(FACILITATOR, "read-write", true)), "the facilitator");
    try {
      await until(() => facilitator.provider.synced, 10_000, "facilitator sync");
      setVoting(facilitator.doc, VOTING);
      await until(() => covered(facilitator.doc, facilitator.durable()), 10_000, "facilitator durable");
    } finally {
      facilitator.provider.destroy();
    }
    const member = watch.watch(connect(server.url, BOARD_DOC, await boardToken(GOOD_MEMBER)), "the good board member");
    clients.push(member);
    await until(() => member.provider.synced && member.doc.getMap("settings").has("voting"), 10_000, "good member sync");
    member.doc.transact(() => {
      addNote(member.doc, { id: GOOD_NOTES[0], text: "", authorId: GOOD_MEMBER.userId, authorName: GOOD_MEMBER.name });
      addNote(member.doc, { id: GOOD_NOTES[1], text: `second note of ${GOOD_MEMBER.name}`, authorId: GOOD_MEMBER.userId, authorName: GOOD_MEMBER.name });
    });
    placeDot(member.doc, GOOD_MEMBER.userId, GOOD_NOTES[0]);
    placeDot(member.doc, GOOD_MEMBER.userId, GOOD_NOTES[1]);
    const writeNote = () => {
      const text = noteText(member.doc, GOOD_NOTES[0]);
      if (!text) return;
      member.doc.transact(() => {
        if (expectedNote.length > GOOD_TEXT_MAX) {
          text.delete(0, 100);
          expectedNote = expectedNote.slice(100);
        }
        const piece = `m${writes};`;
        text.insert(text.length, piece);
        expectedNote += piece;
      });
    };
    writeNote();
    await until(() => covered(member.doc, member.durable()), 10_000, "good member durable");
    // Whatever reaches the good member must be allowed by the board's rules.
    member.doc.on("afterTransaction", (tx: Y.Transaction) => {
      if (tx.local) return;
      for (const v of boardViolations(member.doc, expectedNote)) {
        const key = v.replace(/[0-9]+/g, "N").slice(0, 80);
        const seen = boardSeen.get(key);
        if (seen) seen.n++;
        else boardSeen.set(key, { n: 1, first: `${v} (${currentPhase}, ${Math.round((Date.now() - started) / 1000)} s)` });
      }
    });
    const writeBoth = () => {
      write();
      writeNote();
    };

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
    currentPhase = "read-only phase";
    writer = setInterval(writeBoth, 200);
    const ro = await fuzzer.phase(
      {
        ...phase,
        access: "read-only",
        board: false,
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

    // Phase 2: read-write tokens. Valid fuzz updates may add content, never at GOOD_KEY; the
    // board's rules decide what reaches the board. Newcomers join now and then, alternately to
    // the document and to the board: they must load what the server serves them without an error.
    if (rwShare > 0) {
      currentPhase = "read-write phase";
      writer = setInterval(writeBoth, 200);
      const joiners: Client[] = [];
      const join = async () => {
        const n = checks.joiners.started++;
        const name = n % 2 ? BOARD_DOC : DOC;
        const client = watch.watch(
          connect(server.url, name, await (n % 2 ? boardToken(attacker(999), "read-only") : token(DOC, "read-only"))),
          `a newcomer (${name})`,
        );
        joiners.push(client);
        await until(() => client.provider.synced, 5000, "newcomer sync").then(
          () => checks.joiners.synced++,
          () => {},
        );
        client.provider.destroy();
      };
      const joining: Array<Promise<void>> = [];
      joiner = setInterval(() => joining.push(join()), 1000);
      const rw = await fuzzer.phase(
        {
          ...phase,
          access: "read-write",
          board: true,
          frames: totalFrames === null ? null : totalFrames - stats.framesSent,
          until: budgetSeconds === null ? null : Date.now() + budgetSeconds * 1000 * rwShare,
        },
        report(stats.framesSent),
      );
      clearInterval(joiner);
      merge(stats, rw.stats);
      errors.push(...rw.errors);
      clearInterval(writer);
      clientCpuMs = rw.cpuMs;
      await Promise.all(joining);
    }
    currentPhase = "final checks";

    // The good client: still connected, still writing, still told when it is durable.
    checks.goodStillConnected = good.provider.wsconnected;
    checks.goodCloses = [...good.closes];
    checks.board.memberConnected = member.provider.wsconnected;
    checks.board.memberCloses = [...member.closes];
    writeBoth();
    checks.final.finalDurable = await until(() => covered(good.doc, good.durable()) && covered(member.doc, member.durable()), 10_000, "final durable ack").then(
      () => true,
      () => false,
    );
    checks.expectedText = expected;
    checks.board.expectedNote = expectedNote;
    checks.health = server.collab.health();
    const sameState = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
    // The last fuzz updates may still be on their way to the store and then to the good client:
    // compare with the store once both hold the same changes.
    let stored = await store.load(DOC);
    for (let tries = 0; tries < 50; tries++) {
      let same = false;
      try {
        const doc = storedDoc(stored.updates);
        same = sameState(doc, good.doc);
        doc.destroy();
      } catch {
        break; // does not load: reported below
      }
      if (same) break;
      await new Promise((r) => setTimeout(r, 100));
      stored = await store.load(DOC);
    }
    let storedView: unknown = null;
    try {
      const doc = storedDoc(stored.updates);
      checks.final.loads = true;
      checks.final.goodText = doc.getText(GOOD_KEY).toString();
      storedView = documentView(doc);
      doc.destroy();
    } catch (error) {
      // Keep the stored rows, to find the update that broke the document (fuzz-run.ts --rows).
      const file = path.join(ROOT, "tests", ".tmp", `fuzz-unloadable-${options.seed}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored.updates.map((u) => Buffer.from(u).toString("hex"))));
      checks.final.loadError = `${(error as Error).message} (stored rows saved to ${path.relative(ROOT, file)})`;
    }
    // A newcomer is served the document (sync step 1 works) and sees the good client's presence;
    // once it has everything the good client has, both hold the same document.
    const fresh = watch.watch(connect(server.url, DOC, await token(DOC, "read-only")), "a newcomer at the end (document)");
    clients.push(fresh);
    await until(
      () => fresh.provider.synced && fresh.doc.getText(GOOD_KEY).toString() === expected && sameState(fresh.doc, good.doc),
      10_000,
      "fresh client sync",
    ).catch(() => {});
    checks.final.freshClientText = fresh.provider.synced ? fresh.doc.getText(GOOD_KEY).toString() : null;
    const goodView = documentView(good.doc);
    checks.agree.doc = firstDifference(goodView, documentView(fresh.doc)) || null;
    if (storedView) checks.agree.docStored = firstDifference(goodView, storedView) || null;
    await until(() => fresh.provider.awareness.getStates().has(good.doc.clientID), 2000, "presence").catch(() => {});
    checks.final.goodPresence = fresh.provider.awareness.getStates().get(good.doc.clientID);
    checks.final.goodLocalPresence = good.provider.awareness.getLocalState();
    // The board, as the good member holds it and as a newcomer is served it.
    checks.board.memberNow = boardViolations(member.doc, expectedNote);
    const freshBoard = watch.watch(connect(server.url, BOARD_DOC, await boardToken(attacker(998), "read-only")), "a newcomer at the end (board)");
    clients.push(freshBoard);
    await until(() => freshBoard.provider.synced && sameState(freshBoard.doc, member.doc), 10_000, "fresh board client sync").catch(() => {});
    if (freshBoard.provider.synced) {
      checks.board.freshNow = boardViolations(freshBoard.doc, expectedNote);
      checks.agree.board = firstDifference(documentView(member.doc), documentView(freshBoard.doc)) || null;
    }
  } catch (error) {
    stats.problems.push({ what: "the campaign could not complete", detail: (error as Error).stack });
  } finally {
    clearInterval(writer);
    clearInterval(joiner);
    // The frames sent before each good client's error, while the fuzz process still answers.
    stats.problems.push(...(await Promise.all(clientProblems)));
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
    watch.restore();
    process.off("uncaughtException", onException);
    process.off("unhandledRejection", onRejection);
    Error.stackTraceLimit = stackTraceLimit;
  }
  checks.board.seen = [...boardSeen].map(([, { n, first }]) => `${n}× ${first}`);

  const problems = [...stats.problems];
  const c = checks;
  const expect = (ok: boolean, what: string, detail?: string) => {
    if (!ok) problems.push({ what, detail });
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  expect((c.health as { status?: string })?.status === "ok", "health is not ok", JSON.stringify(c.health));
  expect(c.goodStillConnected && c.goodCloses.length === 0, "the good client was disconnected", JSON.stringify(c.goodCloses));
  expect(c.final.finalDurable, "the good client's (or the good member's) last write got no durable ack");
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
  expect(!c.agree.doc, "the good client and a new client hold different documents", c.agree.doc ?? undefined);
  expect(!c.agree.docStored, "the good client's document is not the stored one", c.agree.docStored ?? undefined);
  expect(same(c.final.goodPresence, c.final.expectedSeenPresence), "others see the good client's presence changed", JSON.stringify(c.final.goodPresence));
  expect(
    same(c.final.goodLocalPresence, c.final.expectedPresence),
    "the good client's own presence was overwritten",
    JSON.stringify(c.final.goodLocalPresence),
  );
  expect(c.board.memberConnected && c.board.memberCloses.length === 0, "the good board member was disconnected", JSON.stringify(c.board.memberCloses));
  for (const seen of c.board.seen) problems.push({ what: "the good board member saw a change the rules forbid", detail: seen });
  for (const v of c.board.memberNow) problems.push({ what: "at the end, the good board member's board breaks a rule", detail: v });
  expect(c.board.freshNow !== null, "a new client is not served the board");
  for (const v of c.board.freshNow ?? []) problems.push({ what: "at the end, the board a new client is served breaks a rule", detail: v });
  expect(!c.agree.board, "the good board member and a new client hold different boards", c.agree.board ?? undefined);
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
  const moves = [...stats.boardMoves.entries()];
  const boardLine = `board changes: ${moves.filter(([k]) => k.startsWith("allowed")).reduce((n, [, v]) => n + v, 0)} allowed, ${moves
    .filter(([k]) => k.startsWith("forbidden"))
    .reduce((n, [, v]) => n + v, 0)} forbidden`;
  const summary =
    `collab fuzz (seed ${options.seed}): ${stats.framesSent} frames over ${stats.connections} connections (${modes}) in ${seconds.toFixed(1)} s; ` +
    `closes by code: ${closes || "none"}; ${stats.clientHangups} connections took every frame; ${boardLine}; ` +
    `${checks.joiners.synced}/${checks.joiners.started} newcomers synced; ${checks.clientErrors.length} good-client error(s); ${problems.length} problem(s)`;
  return { seed: options.seed, seconds, stats, problems, errors, checks, summary };
}

function clientErrorDetail(e: ClientError, seed: number, phase: string, recent: SentFrame[]): string {
  const lines = [`seed ${seed}, ${phase}; in ${e.who}`, e.stack];
  if (e.update) {
    const hexUpdate = Buffer.from(e.update).toString("hex");
    lines.push(`the update (${e.update.length} bytes): ${hexUpdate.slice(0, 600)}${hexUpdate.length > 600 ? "…" : ""}`, describeUpdate(e.update));
    // The frame(s) that carried it: a frame whose update is this one, or holds its structs.
    const carriers = recent.filter((f) => {
      const data = new Uint8Array(Buffer.from(f.hex, "hex"));
      const u = updateIn(data);
      return u && (Buffer.from(u).toString("hex") === hexUpdate || (u.length > 2 && hexUpdate.includes(Buffer.from(u.subarray(2)).toString("hex"))));
    });
    if (carriers.length) lines.push("sent as:", ...carriers.slice(-3).map((f) => `  frame #${f.no} ${f.label} (${f.where}) ${f.hex.slice(0, 400)}`));
  }
  const updates = recent.filter((f) => updateIn(new Uint8Array(Buffer.from(f.hex, "hex"))) && f.where.startsWith("read-write")).slice(-8);
  if (updates.length)
    lines.push("last updates sent with read-write tokens:", ...updates.map((f) => `  frame #${f.no} ${f.label} (${f.where}) ${f.hex.slice(0, 200)}`));
  return lines.join("\n");
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
  const refusals = [...report.stats.closeReasons]
    .filter(([r]) => r.startsWith(`${CLOSE.forbiddenChange} `))
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `  ${n}× ${r}`)
    .join("\n");
  if (refusals) console.log(`changes refused (${CLOSE.forbiddenChange}):\n${refusals}`);
  const moves = [...report.stats.boardMoves]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  if (moves) console.log(`board changes sent: ${moves}`);
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
