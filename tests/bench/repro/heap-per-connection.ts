// Per-connection heap attribution, ours vs the reference: heap snapshots of the server child
// before and after N connections, diffed by object kind.
// Usage: [WARM=0] [N=200] tsx tests/bench/repro/heap-per-connection.ts <ours|ref|bare>
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { issueCollabToken } from "../../../app/auth/collab-token.server";
const ROOT = path.resolve(import.meta.dirname, "../../..");
const TMP = path.join(ROOT, "tests", "bench", ".tmp");
fs.mkdirSync(TMP, { recursive: true });
const SECRET = "x".repeat(40);
const N = Number(process.env.N ?? 200);
const kind = process.argv[2]!;
let db: string | null = null;
if (kind === "ours") {
  db = path.join(TMP, "heap.db");
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(db + s, { force: true });
  execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${db}` },
    stdio: "pipe",
  });
}
const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--expose-gc", path.join(ROOT, "tests/bench/server-child.ts"), kind, ...(db ? [db] : [])], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
  env: { ...process.env, BENCH_SECRET: SECRET },
});
let id = 0;
const req = (cmd: string, extra = {}) =>
  new Promise<any>((res) => {
    const my = ++id;
    const h = (m: any) => {
      if (m.id === my) {
        child.off("message", h);
        res(m);
      }
    };
    child.on("message", h);
    child.send({ id: my, cmd, ...extra });
  });
const ready: any = await new Promise((res) => child.on("message", (m: any) => m.type === "ready" && res(m)));
const doc = "locality:bench:board:1";
const token = await issueCollabToken(SECRET, { userId: "b", name: "B", doc, access: "read-write" });
const url = `ws://127.0.0.1:${ready.port}/collab/${encodeURIComponent(doc)}?token=${token}`;
const open = (i: number, to = url) =>
  new Promise<WebSocket>((res) => {
    const ydoc = new Y.Doc();
    const ws = new WebSocket(to, { perMessageDeflate: false });
    ws.on("open", () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(ydoc));
      ws.send(encoding.toUint8Array(e));
      const u = encoding.createEncoder();
      encoding.writeVarUint(u, 1);
      encoding.writeVarUint(u, ydoc.clientID);
      encoding.writeVarUint(u, 1);
      encoding.writeVarString(u, JSON.stringify({ user: { name: `b${i}` } }));
      const a = encoding.createEncoder();
      encoding.writeVarUint(a, 1);
      encoding.writeVarUint8Array(a, encoding.toUint8Array(u));
      ws.send(encoding.toUint8Array(a));
    });
    ws.on("message", (b: Buffer) => {
      if (b[0] === 0 && b[1] === 0) {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(ydoc));
        ws.send(encoding.toUint8Array(e));
      }
      if (b[0] === 0 && b[1] === 1) res(ws);
    });
  });
// Warm-up. WARM=1 (default): a full cycle of N connections to another room (connect all, then
// close all), so that code compiled while serving the first storm (V8 bytecode, optimized
// code, inline caches) is in the baseline and not divided among the measured connections.
// WARM=0: one connection only (what the benchmark did before 2026-11-23).
const WARM = process.env.WARM !== "0";
const openTo = (name: string, t: string, i: number) => open(i, `ws://127.0.0.1:${ready.port}/collab/${encodeURIComponent(name)}?token=${t}`);
if (WARM) {
  const warmDoc = "locality:bench:board:warm";
  const warmToken = await issueCollabToken(SECRET, { userId: "b", name: "B", doc: warmDoc, access: "read-write" });
  const warm: WebSocket[] = [];
  for (let i = 0; i < N; i++) warm.push(await openTo(warmDoc, warmToken, -1 - i));
  for (const s of warm) s.close();
  await new Promise((r) => setTimeout(r, 1000));
} else {
  const w = await open(-1);
  w.close();
  await new Promise((r) => setTimeout(r, 300));
}
const before = path.join(TMP, `${kind}-0.heapsnapshot`);
await req("heap-snapshot", { file: before });
const socks: WebSocket[] = [];
for (let i = 0; i < N; i++) socks.push(await open(i));
await new Promise((r) => setTimeout(r, 1000));
const after = path.join(TMP, `${kind}-${N}.heapsnapshot`);
await req("heap-snapshot", { file: after });
for (const s of socks) s.terminate();
child.kill("SIGKILL");
if (db) for (const s of ["", "-wal", "-shm"]) fs.rmSync(db + s, { force: true });

function summarize(file: string): Map<string, { count: number; size: number }> {
  const snap = JSON.parse(fs.readFileSync(file, "utf8"));
  const f = snap.snapshot.meta.node_fields as string[];
  const types = snap.snapshot.meta.node_types[0] as string[];
  const nf = f.length,
    iType = f.indexOf("type"),
    iName = f.indexOf("name"),
    iSize = f.indexOf("self_size");
  const out = new Map<string, { count: number; size: number }>();
  const nodes = snap.nodes as number[],
    strings = snap.strings as string[];
  for (let i = 0; i < nodes.length; i += nf) {
    const t = types[nodes[i + iType]!]!;
    let name = t === "object" || t === "closure" ? `${t}:${strings[nodes[i + iName]!]}` : t;
    if (t === "closure") name = `closure:${strings[nodes[i + iName]!]}`;
    const e = out.get(name) ?? { count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + iSize]!;
    out.set(name, e);
  }
  return out;
}
const a = summarize(before),
  b = summarize(after);
const diff = [...b].map(([k, v]) => [k, v.count - (a.get(k)?.count ?? 0), v.size - (a.get(k)?.size ?? 0)] as const).sort((x, y) => y[2] - x[2]);
const total = diff.reduce((n, d) => n + d[2], 0);
const code = diff.filter((d) => d[0] === "code").reduce((n, d) => n + d[2], 0);
console.log(
  `${kind} (${WARM ? "warm-up: a full cycle of N connections" : "warm-up: one connection"}): heap growth ${(total / 1024).toFixed(0)} KB for ${N} connections = ${(total / 1024 / N).toFixed(2)} KB/conn, of which compiled code ${(code / 1024 / N).toFixed(2)} KB/conn`,
);
for (const [k, c, sz] of diff.filter((d) => Math.abs(d[2]) / N >= 8).slice(0, 40))
  console.log(`  ${(sz / N).toFixed(0).padStart(6)} B/conn  ${(c / N).toFixed(2).padStart(6)} objs/conn  ${k}`);
for (const f of [before, after]) fs.rmSync(f, { force: true });
process.exit(0);
