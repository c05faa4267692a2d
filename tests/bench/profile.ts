// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): where a server child's CPU time
// went, by function (self time), by area (yjs, ws, sqlite, our collab-server, ...) and the
// inclusive time of our own server functions. Used by tests/bench/collab.ts and pages.ts under
// BENCH_PROF=1; also runnable alone: `tsx tests/bench/profile.ts <file.cpuprofile> [top]`.
import fs from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function area(url: string, fn: string): string {
  if (!url) {
    if (fn === "(garbage collector)") return "GC";
    if (fn === "(idle)") return "idle";
    if (fn === "(program)") return "native/program";
    return `native: ${fn}`;
  }
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return url.replace(/^node:internal\/.*/, "node internals");
  const local = /\/(collab-server|app|tests)\/(.*)$/.exec(url);
  if (local) return `${local[1]}/${local[2]}`;
  return path.basename(url);
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (part: number, total: number) => `${((100 * part) / Math.max(1, total)).toFixed(1).padStart(5)}%`;

/** `ours`: the files whose functions' inclusive time is listed (default: the collab server's). */
export function summarizeProfile(file: string, top = 12, ours = /\/collab-server\//): string[] {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idleId = profile.nodes.find((n) => n.callFrame.functionName === "(idle)")?.id;
  const busy = total - (idleId !== undefined ? (self.get(idleId) ?? 0) : 0);

  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} ${area(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
  const selfByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)") continue;
    selfByFn.set(key(n), (selfByFn.get(key(n)) ?? 0) + t);
    const a = area(n.callFrame.url, n.callFrame.functionName);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + t);
  }

  // Inclusive time of our own server's functions (counted once per stack, recursion-safe).
  const inclusive = new Map<string, number>();
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const n = byId.get(cur)!;
      if (!ours.test(n.callFrame.url)) continue;
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }

  const lines: string[] = [];
  lines.push(`profile ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${pct(busy, total).trim()})`);
  lines.push("  busy time by area (self):");
  for (const [a, t] of [...selfByArea].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`    ${ms(t)} ms ${pct(t, busy)}  ${a}`);
  lines.push("  top functions (self):");
  for (const [f, t] of [...selfByFn].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`    ${ms(t)} ms ${pct(t, busy)}  ${f}`);
  if (inclusive.size) {
    lines.push("  our functions (inclusive):");
    for (const [f, t] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`    ${ms(t)} ms ${pct(t, busy)}  ${f}`);
  }
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx tests/bench/profile.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  for (const line of summarizeProfile(file, Number(process.argv[3] ?? 15))) console.log(line);
}
