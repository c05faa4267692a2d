// A deterministic generator of hostile collab-server frames, shared by the Vitest fuzz test
// (tests/collab/fuzz.test.ts) and the long run (tests/collab/fuzz-run.ts).
//
// Every frame comes from one seeded PRNG (mulberry32), so a failing run is reproduced by its
// seed and frame number. Kinds of frame:
//   random   — pure random bytes, 0..4 KiB
//   typed    — a known message type (0..3), then random bytes (gets past the first switch)
//   mutated  — a VALID frame (sync step 1/2, update, awareness, query-awareness, auth) made
//              with y-protocols from real Yjs docs, then bit flips, truncation, byte
//              insertion/deletion, duplicated chunks, splices, "interesting" bytes
//   valid    — a valid frame as it is (valid-but-odd input must be accepted, not choke)
//   nasty:*  — hand-made structures: varint lengths of 2^32 / 2^53 / 2^64, truncated and
//              non-canonical varints, unknown message types, empty frames, invalid UTF-8
//              and invalid JSON in awareness states, awareness for other client ids, deeply
//              nested JSON (awareness states and Yjs JSON/embed/format/any content), huge
//              clocks (awareness, Yjs structs, state vectors, delete sets), huge counts, ...,
//              and pairs of updates whose second overlaps the first's clocks (an item over a GC
//              struct, or over an item in another type: collab-server/protocol/overlap.ts)
//   oversize — one frame just over the server's frame limit (must be closed with 1009)
//
// Frames never touch the document key GOOD_KEY: the good client in the tests writes there,
// so its text can be checked exactly even after read-write fuzzing.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { MESSAGE } from "../../app/collab/protocol";
import { COLLAB_LIMITS } from "../../app/collab/limits";

/** The document key the good client writes to; fuzz docs never use it. */
export const GOOD_KEY = "good";

/** mulberry32: a tiny, fast, seeded 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  float(): number {
    return this.f();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.f() * n);
  }
  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  bool(p = 0.5): boolean {
    return this.f() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (this.f() * 256) | 0;
    return out;
  }
  /** Lengths skewed towards small: most frames are short, some reach `max`. */
  length(max: number): number {
    const r = this.f();
    if (r < 0.5) return this.int(Math.min(max, 16) + 1);
    if (r < 0.85) return this.int(Math.min(max, 256) + 1);
    return this.int(max + 1);
  }
  /** A seed for a child generator. */
  seed(): number {
    return (this.f() * 4294967296) >>> 0;
  }
}

export type FuzzFrame = {
  /** Family and variant, e.g. "random", "mutated:update", "nasty:awareness-deep-json". */
  label: string;
  data: Uint8Array;
  /** Send as a WebSocket text frame instead of binary (the server must not care). */
  text?: boolean;
};

export type FrameGeneratorOptions = {
  seed: number;
  /** Client ids of real peers, for "awareness entry for somebody else" frames. */
  targetClientIds?: number[];
  /**
   * Client ids hand-made Yjs updates may use too (forged structs, deletes of their items).
   * Default none: a read-write peer may legitimately delete others' text, so the tests keep
   * the good client out of reach of updates to check its text exactly.
   */
  updateTargetClientIds?: number[];
  /** Largest frame the server accepts (oversize frames are one byte over it). */
  maxFrameBytes?: number;
  /** Labels (or label prefixes) never to generate, e.g. to triage a known bug. */
  exclude?: readonly string[];
  /** Probability of an oversize frame (each costs a megabyte); default 1/4000. */
  oversizeRate?: number;
};

// ---- small encoders ---------------------------------------------------------------------
const enc = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** A LEB128 varint of any non-negative number up to 2^64 (lib0 only writes up to 2^53). */
export function bigVarint(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

const concat = (...parts: Array<Uint8Array | number[]>): Uint8Array => {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};

const utf8 = (s: string) => new TextEncoder().encode(s);

export const frames = {
  syncStep1: (stateVector: Uint8Array) =>
    enc((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(e, stateVector);
    }),
  syncStep2: (update: Uint8Array) =>
    enc((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, update);
    }),
  update: (update: Uint8Array) =>
    enc((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsUpdate);
      encoding.writeVarUint8Array(e, update);
    }),
  awareness: (update: Uint8Array) =>
    enc((e) => {
      encoding.writeVarUint(e, MESSAGE.awareness);
      encoding.writeVarUint8Array(e, update);
    }),
  queryAwareness: () => Uint8Array.of(MESSAGE.queryAwareness),
  auth: (reason: string) =>
    enc((e) => {
      encoding.writeVarUint(e, MESSAGE.auth);
      encoding.writeVarUint(e, 0); // permission denied
      encoding.writeVarString(e, reason);
    }),
};

/** An awareness update from raw entries; `state` is written as raw bytes (may be invalid UTF-8/JSON). */
export function awarenessEntries(
  entries: ReadonlyArray<{ clientId: number | bigint; clock: number | bigint; state: Uint8Array | string }>,
  claimedCount?: number | bigint,
): Uint8Array {
  return concat(
    bigVarint(BigInt(claimedCount ?? entries.length)),
    ...entries.flatMap((entry) => {
      const state = typeof entry.state === "string" ? utf8(entry.state) : entry.state;
      return [bigVarint(BigInt(entry.clientId)), bigVarint(BigInt(entry.clock)), bigVarint(BigInt(state.length)), state];
    }),
  );
}

/** Yjs v1 content refs. */
const CONTENT = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;

/**
 * A hand-made Yjs v1 update holding one struct of client `client` at `clock`, a child of the
 * root type `key` (no origins), with raw `content` bytes for `contentRef`; plus a delete set.
 */
export function rawItemUpdate(opts: {
  client: number | bigint;
  clock: number | bigint;
  key: string;
  parentSub?: string;
  contentRef: number;
  content: Uint8Array;
  structCount?: number | bigint;
  deleteSet?: ReadonlyArray<{ client: number | bigint; ranges: ReadonlyArray<[number | bigint, number | bigint]> }>;
}): Uint8Array {
  const info = (opts.contentRef & 0x1f) | (opts.parentSub !== undefined ? 0x20 : 0);
  const ds = opts.deleteSet ?? [];
  return concat(
    [1], // one client
    bigVarint(BigInt(opts.structCount ?? 1)),
    bigVarint(BigInt(opts.client)),
    bigVarint(BigInt(opts.clock)),
    [info],
    [1], // parent is a root type, by key
    enc((e) => encoding.writeVarString(e, opts.key)),
    opts.parentSub !== undefined ? enc((e) => encoding.writeVarString(e, opts.parentSub!)) : [],
    opts.content,
    bigVarint(BigInt(ds.length)),
    ...ds.flatMap((d) => [
      bigVarint(BigInt(d.client)),
      bigVarint(BigInt(d.ranges.length)),
      ...d.ranges.flatMap(([clock, len]) => [bigVarint(BigInt(clock)), bigVarint(BigInt(len))]),
    ]),
  );
}

/** A v1 update that only deletes: empty struct section, then the delete set. */
export function deleteOnlyUpdate(ds: ReadonlyArray<{ client: number | bigint; ranges: ReadonlyArray<[number | bigint, number | bigint]> }>): Uint8Array {
  return concat(
    [0],
    bigVarint(BigInt(ds.length)),
    ...ds.flatMap((d) => [
      bigVarint(BigInt(d.client)),
      bigVarint(BigInt(d.ranges.length)),
      ...d.ranges.flatMap(([c, l]) => [bigVarint(BigInt(c)), bigVarint(BigInt(l))]),
    ]),
  );
}

// ---- deep JSON ------------------------------------------------------------------------
const deepCache = new Map<string, string>();
/** Deeply nested JSON: `[[[…]]]` or `{"a":{"a":…}}`, cached (generation is the costly part). */
export function deepJson(depth: number, shape: "array" | "object" | "mixed"): string {
  const key = `${shape}:${depth}`;
  let s = deepCache.get(key);
  if (!s) {
    if (shape === "array") s = "[".repeat(depth) + "]".repeat(depth);
    else if (shape === "object") s = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    else s = `${'{"a":['.repeat(depth)}1${"]}".repeat(depth)}`;
    deepCache.set(key, s);
  }
  return s;
}

// ---- the valid corpus: real Yjs docs, real y-protocols writers --------------------------
type Corpus = { label: string; data: Uint8Array }[];

function buildCorpus(rng: Rng): { corpus: Corpus; updates: Uint8Array[]; stateVectors: Uint8Array[]; awareness: Uint8Array[] } {
  const corpus: Corpus = [];
  const updates: Uint8Array[] = [];
  const stateVectors: Uint8Array[] = [];
  const awarenessUpdates: Uint8Array[] = [];
  const words = ["", "a", "héllo", "wörld", "😀🎉", "\u0000", "\ud7ff", "x".repeat(300), "line\nbreak", "<b>", "'\""];

  for (let d = 0; d < 6; d++) {
    const doc = new Y.Doc();
    doc.clientID = rng.range(1, 2 ** 31);
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const text = doc.getText("t");
    const map = doc.getMap("m");
    const array = doc.getArray<unknown>("a");
    const xml = doc.getXmlFragment("x");
    for (let step = 0; step < 25; step++) {
      switch (rng.int(9)) {
        case 0:
          text.insert(rng.int(text.length + 1), rng.pick(words) || "z");
          break;
        case 1:
          if (text.length > 1) text.delete(rng.int(text.length - 1), 1 + rng.int(2));
          else text.insert(0, "abc");
          break;
        case 2:
          if (text.length > 0) text.format(0, 1 + rng.int(text.length), { bold: rng.bool(), color: rng.pick(["red", null, 3]) });
          else text.insert(0, "formatted", { italic: true });
          break;
        case 3:
          text.insertEmbed(rng.int(text.length + 1), { image: "https://example.com/x.png", size: [1, 2, { deep: true }] });
          break;
        case 4:
          map.set(
            rng.pick(["k", "n", "obj", "bin", "nul"]),
            rng.pick<unknown>([1, -1.5, 2 ** 53, "s", true, null, { a: [1, { b: "c" }] }, new Uint8Array([1, 2, 3]), [1, 2, 3]]),
          );
          break;
        case 5:
          map.delete(rng.pick(["k", "n", "obj"]));
          break;
        case 6:
          array.push([rng.int(1000), "x", { y: [null] }]);
          if (array.length > 3 && rng.bool()) array.delete(0, 2);
          break;
        case 7: {
          const el = new Y.XmlElement(rng.pick(["p", "div", "h1"]));
          el.setAttribute("class", rng.pick(["a", "b c", ""]));
          el.insert(0, [new Y.XmlText("inner")]);
          xml.insert(rng.int(xml.length + 1), [el]);
          break;
        }
        case 8: {
          const nested = new Y.Map<unknown>();
          map.set("nested", nested);
          nested.set("child", new Y.Text("nested text"));
          break;
        }
      }
    }
    stateVectors.push(Y.encodeStateVector(doc));
    corpus.push({ label: "update:full", data: frames.syncStep2(Y.encodeStateAsUpdate(doc)) });
    corpus.push({ label: "sync-step-2", data: enc((e) => (encoding.writeVarUint(e, MESSAGE.sync), syncProtocol.writeSyncStep2(e, doc, new Uint8Array([0])))) });
    corpus.push({ label: "sync-step-1", data: enc((e) => (encoding.writeVarUint(e, MESSAGE.sync), syncProtocol.writeSyncStep1(e, doc))) });
    corpus.push({ label: "v2-as-v1", data: frames.update(Y.encodeStateAsUpdateV2(doc)) }); // a v2 update where v1 is due

    const awareness = new awarenessProtocol.Awareness(doc);
    for (let a = 0; a < 4; a++) {
      awareness.setLocalState({
        user: { name: rng.pick(["Ana", "Bo", "Çé", "😀"]), color: "#f00" },
        cursor: rng.bool() ? null : { anchor: rng.int(100), head: rng.int(100) },
      });
      const u = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
      awarenessUpdates.push(u);
      corpus.push({ label: "awareness", data: frames.awareness(u) });
    }
    awareness.setLocalState(null);
    const gone = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    awarenessUpdates.push(gone);
    corpus.push({ label: "awareness:null", data: frames.awareness(gone) });
    awareness.destroy();
    doc.destroy();
  }
  for (const u of updates) corpus.push({ label: "update", data: frames.update(u) });
  corpus.push({ label: "sync-step-1:empty", data: frames.syncStep1(new Uint8Array([0])) });
  corpus.push({ label: "query-awareness", data: frames.queryAwareness() });
  corpus.push({ label: "auth", data: frames.auth("permission denied") });
  return { corpus, updates, stateVectors, awareness: awarenessUpdates };
}

// ---- mutations --------------------------------------------------------------------------
const INTERESTING = [0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x0a, 0x22, 0x5b, 0x7b];

function mutate(rng: Rng, input: Uint8Array, other: () => Uint8Array): { data: Uint8Array; ops: string } {
  let data: Uint8Array = input.slice();
  const ops: string[] = [];
  const n = 1 + rng.int(rng.bool(0.8) ? 3 : 12);
  for (let i = 0; i < n; i++) {
    const at = data.length ? rng.int(data.length) : 0;
    switch (rng.int(9)) {
      case 0: // bit flip
        if (data.length) data[at] = data[at]! ^ (1 << rng.int(8));
        ops.push("flip");
        break;
      case 1: // truncate
        data = data.slice(0, rng.int(data.length + 1));
        ops.push("truncate");
        break;
      case 2: {
        // insert bytes
        const ins = rng.bool() ? rng.bytes(1 + rng.int(8)) : Uint8Array.of(rng.pick(INTERESTING));
        data = concat(data.slice(0, at), ins, data.slice(at));
        ops.push("insert");
        break;
      }
      case 3: // delete bytes
        data = concat(data.slice(0, at), data.slice(Math.min(data.length, at + 1 + rng.int(8))));
        ops.push("delete");
        break;
      case 4: {
        // duplicate a chunk
        const len = 1 + rng.int(Math.max(1, Math.min(64, data.length - at)));
        const chunk = data.slice(at, at + len);
        const times = rng.bool(0.9) ? 1 : 1 + rng.int(30);
        data = concat(data.slice(0, at + len), ...Array.from({ length: times }, () => chunk), data.slice(at + len));
        ops.push("dup");
        break;
      }
      case 5: // interesting byte
        if (data.length) data[at] = rng.pick(INTERESTING);
        ops.push("interesting");
        break;
      case 6: {
        // splice with another valid frame
        const o = other();
        data = concat(data.slice(0, at), o.slice(rng.int(o.length + 1)));
        ops.push("splice");
        break;
      }
      case 7: // swap two bytes
        if (data.length > 1) {
          const b = rng.int(data.length);
          [data[at], data[b]] = [data[b]!, data[at]!];
        }
        ops.push("swap");
        break;
      case 8: // random tail
        data = concat(data, rng.bytes(1 + rng.int(32)));
        ops.push("tail");
        break;
    }
  }
  return { data, ops: ops.join("+") };
}

// ---- structured nasties -----------------------------------------------------------------
type Nasty = { name: string; make: (rng: Rng, ctx: NastyContext) => Uint8Array | { data: Uint8Array; text?: boolean } };
type NastyContext = {
  targets: number[];
  updateTargets: number[];
  stateVectors: Uint8Array[];
  updates: Uint8Array[];
  /** Clients of the first frame of an overlapping pair, waiting for the second (per kind). */
  overlaps: Map<string, Array<{ client: number; len: number }>>;
};

const P32 = 2n ** 32n;
const P53 = 2n ** 53n;
const P64m1 = 2n ** 64n - 1n;
const HUGE: bigint[] = [P32, P32 - 1n, 2n ** 31n, P53 - 1n, P53, P53 + 1n, P64m1, 2n ** 70n];
const huge = (rng: Rng) => rng.pick(HUGE);
const safeHuge = (rng: Rng) => rng.pick([P32 - 1n, P32, 2n ** 31n, P53 - 1n, 2n ** 52n]);
const someClient = (rng: Rng, targets: number[]): bigint =>
  BigInt(targets.length && rng.bool(0.5) ? rng.pick(targets) : rng.pick([0, 1, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 53 - 1, rng.int(2 ** 30)]));
/** A client id for an awareness entry: sometimes a real peer's. */
const anyClient = (rng: Rng, ctx: NastyContext): bigint => someClient(rng, ctx.targets);
/** A client id for a Yjs struct or delete: a real peer's only if allowed. */
const structClient = (rng: Rng, ctx: NastyContext): bigint => someClient(rng, ctx.updateTargets);
const fuzzKey = (rng: Rng) => rng.pick(["t", "m", "a", "x", "", "\u0000", "t".repeat(1000)]);

const INVALID_UTF8: Uint8Array[] = [
  Uint8Array.of(0xc3), // truncated 2-byte sequence
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(0xc0, 0x80), // overlong NUL
  Uint8Array.of(0xed, 0xa0, 0x80), // UTF-16 surrogate
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80), // > U+10FFFF
  Uint8Array.of(0x22, 0xe2, 0x82, 0x22), // "…" with a cut sequence inside a JSON string
  concat(utf8('{"user":{"name":"'), [0xfe, 0xfd], utf8('"}}')),
];

const NASTIES: Nasty[] = [
  { name: "empty", make: () => new Uint8Array(0) },
  { name: "type-only", make: (rng) => Uint8Array.of(rng.pick([0, 1, 2, 3])) },
  { name: "unknown-type", make: (rng) => concat(bigVarint(BigInt(rng.pick([4, 5, 7, 99, 100, 101, 127, 255, 2 ** 14, 2 ** 32]))), rng.bytes(rng.int(8))) },
  {
    name: "server-durable-from-client",
    make: (rng, ctx) =>
      concat(
        [MESSAGE.durable],
        enc((e) => encoding.writeVarUint8Array(e, rng.pick(ctx.stateVectors))),
      ),
  },
  { name: "unknown-sync-step", make: (rng) => concat([0], bigVarint(BigInt(rng.pick([3, 4, 127, 128, 2 ** 32]))), rng.bytes(rng.int(8))) },
  { name: "noncanonical-type", make: (rng) => concat([0x80 | rng.pick([0, 1, 2, 3]), 0x80, 0x00], [rng.pick([0, 1, 2])], [0]) },
  {
    name: "truncated-varint",
    make: (rng) => concat(rng.bool() ? [] : [rng.pick([0, 1])], rng.bool() ? [rng.pick([0, 1, 2])] : [], new Array(1 + rng.int(12)).fill(0x80)),
  },
  { name: "varint-65bit", make: () => concat([0, 2], new Array(10).fill(0xff), [0x7f], [1, 2, 3]) },
  {
    name: "length-huge",
    make: (rng) => {
      const prefix = rng.pick<number[]>([[0, 0], [0, 1], [0, 2], [1]]);
      return concat(prefix, bigVarint(huge(rng)), rng.bytes(rng.int(16)));
    },
  },
  { name: "length-short", make: (rng) => concat(rng.pick<number[]>([[0, 0], [0, 2], [1]]), bigVarint(BigInt(10 + rng.int(1000))), rng.bytes(rng.int(9))) },
  { name: "state-vector-huge-count", make: (rng) => frames.syncStep1(concat(bigVarint(huge(rng)), [1, 1])) },
  {
    name: "state-vector-huge-clocks",
    make: (rng, ctx) => frames.syncStep1(concat([2], bigVarint(anyClient(rng, ctx)), bigVarint(safeHuge(rng)), bigVarint(huge(rng)), bigVarint(huge(rng)))),
  },
  { name: "state-vector-junk", make: (rng) => frames.syncStep1(rng.bytes(rng.int(64))) },
  // ---- awareness
  {
    name: "awareness-invalid-utf8",
    make: (rng) => frames.awareness(awarenessEntries([{ clientId: rng.int(2 ** 30), clock: 1, state: rng.pick(INVALID_UTF8) }])),
  },
  {
    name: "awareness-invalid-json",
    make: (rng) =>
      frames.awareness(
        awarenessEntries([
          {
            clientId: rng.int(2 ** 30),
            clock: 1,
            state: rng.pick([
              "",
              "{",
              "undefined",
              "NaN",
              "[1,]",
              "{'a':1}",
              "\u0000",
              '"\\ud800"',
              "1e999999",
              "-",
              '{"__proto__":{"x":1}}',
              '{"constructor":{"prototype":{"polluted":true}}}',
            ]),
          },
        ]),
      ),
  },
  {
    name: "awareness-other-client",
    make: (rng, ctx) =>
      frames.awareness(
        awarenessEntries([
          { clientId: anyClient(rng, ctx), clock: rng.pick([1n, 2n, 1000n, P53 - 1n]), state: rng.pick(['{"user":{"name":"spoof"}}', "null"]) },
        ]),
      ),
  },
  {
    name: "awareness-mixed-clients",
    make: (rng, ctx) =>
      frames.awareness(
        awarenessEntries([
          { clientId: rng.int(2 ** 30), clock: 1, state: '{"user":{"name":"mine"}}' },
          { clientId: anyClient(rng, ctx), clock: P53 - 1n, state: "null" },
          { clientId: anyClient(rng, ctx), clock: 5, state: '{"user":{"name":"spoof"}}' },
        ]),
      ),
  },
  {
    name: "awareness-huge-clock",
    make: (rng) => frames.awareness(awarenessEntries([{ clientId: rng.int(2 ** 30), clock: rng.pick([P53 - 1n, P53, P32, P64m1]), state: "{}" }])),
  },
  {
    name: "awareness-huge-client-id",
    make: (rng) => frames.awareness(awarenessEntries([{ clientId: rng.pick([P32, P53 - 1n, P53, P64m1]), clock: 1, state: "{}" }])),
  },
  {
    name: "awareness-count-lies",
    make: (rng) => frames.awareness(awarenessEntries([{ clientId: 7, clock: 1, state: "{}" }], rng.pick([0n, 2n, 999n, 1000n, 1001n, P32, P53 - 1n]))),
  },
  {
    name: "awareness-many-entries",
    make: (rng) => {
      const n = rng.pick([5, 100, 1000, 1001]);
      const base = rng.int(2 ** 30);
      return frames.awareness(awarenessEntries(Array.from({ length: n }, (_, i) => ({ clientId: base + i, clock: 1, state: "{}" }))));
    },
  },
  {
    name: "awareness-deep-json",
    make: (rng) =>
      frames.awareness(
        awarenessEntries([
          {
            clientId: rng.int(2 ** 30),
            clock: 1 + rng.int(10),
            state: deepJson(rng.pick([100, 1000, 5000, 20_000, 100_000]), rng.pick(["array", "object", "mixed"] as const)),
          },
        ]),
      ),
  },
  {
    name: "awareness-big-state",
    make: (rng) =>
      frames.awareness(
        awarenessEntries([
          {
            clientId: rng.int(2 ** 30),
            clock: 1,
            state: JSON.stringify({ user: { name: "x".repeat(rng.pick([1000, 1000, 20_000, 20_000, 60_000, 500_000])) } }),
          },
        ]),
      ),
  },
  {
    name: "awareness-trailing-bytes",
    make: (rng) => {
      const entries = awarenessEntries([{ clientId: rng.int(2 ** 30), clock: 1, state: "{}" }]);
      // Either junk after the entries inside the update, or junk after the update in the frame.
      return rng.bool() ? frames.awareness(concat(entries, rng.bytes(1 + rng.int(16)))) : concat(frames.awareness(entries), rng.bytes(1 + rng.int(16)));
    },
  },
  { name: "query-awareness-trailing", make: (rng) => concat([MESSAGE.queryAwareness], rng.bytes(rng.int(64))) },
  { name: "auth-junk", make: (rng) => concat([MESSAGE.auth], rng.bytes(rng.int(64))) },
  // ---- Yjs updates: huge clocks, counts, deletes, deep JSON content
  {
    name: "update-huge-clock",
    make: (rng, ctx) => {
      const u = rawItemUpdate({
        client: structClient(rng, ctx),
        clock: safeHuge(rng),
        key: fuzzKey(rng),
        contentRef: CONTENT.string,
        content: enc((e) => encoding.writeVarString(e, "huge clock")),
      });
      return rng.bool() ? frames.update(u) : frames.syncStep2(u);
    },
  },
  {
    name: "update-huge-deleted-len",
    make: (rng, ctx) =>
      frames.update(
        rawItemUpdate({
          client: structClient(rng, ctx),
          clock: rng.pick([0n, 1n, safeHuge(rng)]),
          key: fuzzKey(rng),
          contentRef: CONTENT.deleted,
          content: bigVarint(safeHuge(rng)),
        }),
      ),
  },
  {
    name: "update-huge-struct-count",
    make: (rng, ctx) =>
      frames.update(
        rawItemUpdate({
          client: structClient(rng, ctx),
          clock: 0,
          key: "t",
          contentRef: CONTENT.string,
          content: enc((e) => encoding.writeVarString(e, "x")),
          structCount: huge(rng),
        }),
      ),
  },
  { name: "update-huge-client-count", make: (rng) => frames.update(concat(bigVarint(huge(rng)), [1, 5, 0, 4, 1, 1, 0x74, 1, 0x78, 0])) },
  {
    name: "update-gc-skip-huge",
    make: (rng, ctx) =>
      frames.update(concat([1, 1], bigVarint(structClient(rng, ctx)), bigVarint(BigInt(rng.int(100))), [rng.pick([0, 10])], bigVarint(safeHuge(rng)), [0])),
  },
  {
    name: "update-delete-set-huge",
    make: (rng, ctx) =>
      frames.update(
        deleteOnlyUpdate([
          {
            client: structClient(rng, ctx),
            ranges: [
              [rng.pick([0n, safeHuge(rng)]), safeHuge(rng)],
              [rng.int(10), rng.pick([0, 1, 2 ** 31])],
            ],
          },
        ]),
      ),
  },
  { name: "update-delete-set-lies", make: (rng) => frames.update(concat([0], bigVarint(huge(rng)), [1, 1, 0, 1])) },
  {
    name: "update-deep-json-content",
    make: (rng, ctx) => {
      const depth = rng.pick([100, 1000, 5000, 20_000, 100_000]);
      const json = deepJson(depth, rng.pick(["array", "object", "mixed"] as const));
      const client = structClient(rng, ctx);
      const which = rng.int(3);
      const content =
        which === 0
          ? enc((e) => (encoding.writeVarUint(e, 1), encoding.writeVarString(e, json))) // ContentJSON
          : which === 1
            ? enc((e) => encoding.writeVarString(e, json)) // ContentEmbed
            : enc((e) => (encoding.writeVarString(e, "bold"), encoding.writeVarString(e, json))); // ContentFormat
      return frames.update(
        rawItemUpdate({ client, clock: rng.int(4), key: rng.pick(["t", "x"]), contentRef: [CONTENT.json, CONTENT.embed, CONTENT.format][which]!, content }),
      );
    },
  },
  {
    name: "update-deep-any-content",
    make: (rng, ctx) => {
      // lib0 "any": 117 = array; nest arrays then a number (125 = integer).
      const depth = rng.pick([100, 1000, 5000, 20_000]);
      const content = concat(
        [1],
        new Array(depth).fill(0).flatMap(() => [117, 1]),
        [125, 0],
      );
      return frames.update(rawItemUpdate({ client: structClient(rng, ctx), clock: 0, key: "a", contentRef: CONTENT.any, content }));
    },
  },
  {
    name: "update-bad-content-ref",
    make: (rng) =>
      frames.update(
        rawItemUpdate({ client: rng.int(2 ** 30), clock: 0, key: "t", contentRef: rng.pick([0, 10, 11, 15, 31]), content: rng.bytes(rng.int(16)) }),
      ),
  },
  {
    name: "update-type-ref-junk",
    make: (rng) =>
      frames.update(
        rawItemUpdate({
          client: rng.int(2 ** 30),
          clock: 0,
          key: "m",
          parentSub: "k",
          contentRef: CONTENT.type,
          content: concat(bigVarint(BigInt(rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 99, 2 ** 32]))), rng.bytes(rng.int(8))),
        }),
      ),
  },
  {
    name: "update-subdoc",
    make: (rng) =>
      frames.update(
        rawItemUpdate({
          client: rng.int(2 ** 30),
          clock: 0,
          key: "m",
          parentSub: "sub",
          contentRef: CONTENT.doc,
          content: concat(
            enc((e) => encoding.writeVarString(e, rng.pick(["guid", "", "x".repeat(500)]))),
            rng.bool() ? rng.bytes(rng.int(8)) : [117, 0],
          ),
        }),
      ),
  },
  {
    name: "update-string-invalid-utf8",
    make: (rng) =>
      frames.update(
        rawItemUpdate({
          client: rng.int(2 ** 30),
          clock: 0,
          key: "t",
          contentRef: CONTENT.string,
          content: concat(bigVarint(3n), rng.pick(INVALID_UTF8).slice(0, 3), [0x61, 0x61, 0x61].slice(0, 3)),
        }),
      ),
  },
  {
    name: "update-origin-dangling",
    make: (rng, ctx) =>
      frames.update(
        concat(
          [1, 1],
          bigVarint(BigInt(rng.int(2 ** 30))),
          [0],
          [0x80 | CONTENT.string],
          bigVarint(structClient(rng, ctx)),
          bigVarint(rng.bool() ? safeHuge(rng) : BigInt(rng.int(20))),
          enc((e) => encoding.writeVarString(e, "dangling")),
          [0],
        ),
      ),
  },
  // ---- pairs of updates: the second overlaps the first's clocks (collab-server/protocol/overlap.ts)
  {
    // First a GC struct of a new client (what a deleted type's items are), then an item of the
    // same client over and past it in a live type: Yjs puts the rest right of the GC and reads
    // `left.right` of it (undefined) — "Cannot read properties of undefined (reading 'origin')".
    name: "update-overlap-gc",
    make: (rng, ctx) => {
      const waiting = overlapQueue(ctx, "gc");
      if (!waiting.length || rng.bool(0.4)) {
        const client = rng.range(2 ** 20, 2 ** 30);
        const len = 1 + rng.int(4);
        waiting.push({ client, len });
        return frames.update(concat([1, 1], bigVarint(BigInt(client)), [0], [0], bigVarint(BigInt(len)), [0]));
      }
      const { client, len } = waiting.pop()!; // the latest: its first frame is likeliest stored by now
      const text = "overlap".slice(0, len + 1 + rng.int(6));
      return frames.update(
        rng.bool()
          ? rawItemUpdate({
              client,
              clock: rng.int(len),
              key: rng.pick(["t", "a"]),
              contentRef: CONTENT.string,
              content: enc((e) => encoding.writeVarString(e, text.padEnd(len + 2, "+"))),
            })
          : rawItemUpdate({
              client,
              clock: 0,
              key: "m",
              parentSub: "k",
              contentRef: CONTENT.string,
              content: enc((e) => encoding.writeVarString(e, text.padEnd(len + 2, "+"))),
            }),
      );
    },
  },
  {
    // First an item of a new client in one type, then an item of the same client over and past
    // it that names another type (or map key): the rest is linked after the first but counted in
    // the other; a client loading the stored document later puts it after the first, in its type.
    name: "update-overlap-elsewhere",
    make: (rng, ctx) => {
      const waiting = overlapQueue(ctx, "elsewhere");
      if (!waiting.length || rng.bool(0.4)) {
        const client = rng.range(2 ** 20, 2 ** 30);
        const len = 1 + rng.int(4);
        waiting.push({ client, len });
        return frames.update(
          rawItemUpdate({ client, clock: 0, key: "t", contentRef: CONTENT.string, content: enc((e) => encoding.writeVarString(e, "a".repeat(len))) }),
        );
      }
      const { client, len } = waiting.pop()!; // the latest: its first frame is likeliest stored by now
      const text = "b".repeat(len + 1 + rng.int(4));
      const where = rng.int(3);
      return frames.update(
        rawItemUpdate({
          client,
          clock: 0,
          key: where === 0 ? "m" : where === 1 ? "a" : "x2",
          parentSub: where === 0 ? rng.pick(["k", "n"]) : undefined,
          contentRef: CONTENT.string,
          content: enc((e) => encoding.writeVarString(e, text)),
        }),
      );
    },
  },
  { name: "update-v2-junk", make: (rng, ctx) => frames.update(concat([0], rng.pick(ctx.updates).slice(0, 4 + rng.int(8)))) },
  { name: "update-trailing-garbage", make: (rng, ctx) => frames.update(concat(rng.pick(ctx.updates), rng.bytes(1 + rng.int(32)))) },
  { name: "update-empty", make: (rng) => rng.pick([frames.update(new Uint8Array(0)), frames.update(Uint8Array.of(0, 0)), frames.syncStep2(Uint8Array.of(0))]) },
  // ---- WebSocket-level oddities the server must treat as bytes
  {
    name: "text-frame",
    make: (rng, ctx) => ({
      data: rng.bool() ? utf8(rng.pick(["hello", "{}", "\u0000", "😀"])) : rng.pick([frames.queryAwareness(), frames.syncStep1(rng.pick(ctx.stateVectors))]),
      text: true,
    }),
  },
];

function overlapQueue(ctx: NastyContext, kind: string): Array<{ client: number; len: number }> {
  let queue = ctx.overlaps.get(kind);
  if (!queue) {
    queue = [];
    ctx.overlaps.set(kind, queue);
  }
  if (queue.length > 64) queue.shift();
  return queue;
}

export const NASTY_NAMES = NASTIES.map((n) => n.name);

/** The generator: `next()` gives the next hostile frame; same seed, same frames. */
export function createFrameGenerator(options: FrameGeneratorOptions) {
  const rng = new Rng(options.seed);
  const built = buildCorpus(new Rng(rng.seed()));
  const { corpus } = built;
  const maxFrameBytes = options.maxFrameBytes ?? COLLAB_LIMITS.maxFrameBytes;
  const oversizeRate = options.oversizeRate ?? 1 / 4000;
  const excluded = (label: string) => (options.exclude ?? []).some((x) => x && (label === x || label.startsWith(`${x}:`) || label.startsWith(x)));
  const ctx: NastyContext = {
    targets: options.targetClientIds ?? [],
    updateTargets: options.updateTargetClientIds ?? [],
    stateVectors: built.stateVectors,
    updates: built.updates,
    overlaps: new Map(),
  };
  const nasties = NASTIES.filter((n) => !excluded(`nasty:${n.name}`));
  const otherValid = () => rng.pick(corpus).data;
  let count = 0;

  function make(): FuzzFrame {
    const r = rng.float();
    if (r < oversizeRate) {
      const data = rng.bytes(64);
      const big = new Uint8Array(maxFrameBytes + 1);
      big.set(frames.update(new Uint8Array(0)).slice(0, 2));
      big.set(data, 2);
      return { label: "oversize", data: big };
    }
    if (r < 0.2) return { label: "random", data: rng.bytes(rng.length(4096)) };
    if (r < 0.3) return { label: "typed", data: concat([rng.int(4)], rng.bytes(rng.length(4096))) };
    if (r < 0.62) {
      const base = rng.pick(corpus);
      const { data } = mutate(rng, base.data, otherValid);
      return { label: `mutated:${base.label.split(":")[0]}`, data };
    }
    if (r < 0.7) {
      const base = rng.pick(corpus);
      return { label: `valid:${base.label.split(":")[0]}`, data: base.data };
    }
    const nasty = nasties.length ? rng.pick(nasties) : NASTIES[0]!;
    const made = nasty.make(rng, ctx);
    return made instanceof Uint8Array ? { label: `nasty:${nasty.name}`, data: made } : { label: `nasty:${nasty.name}`, ...made };
  }

  return {
    /** The next frame (skipping excluded labels). */
    next(): FuzzFrame {
      for (let tries = 0; ; tries++) {
        const frame = make();
        count++;
        if (!excluded(frame.label) || tries > 1000) return frame;
      }
    },
    /** Frames generated so far. */
    get generated() {
      return count;
    },
    corpusSize: corpus.length,
    /** Real Yjs updates of the corpus (for offline checks). */
    updates: built.updates,
  };
}

export type FrameGenerator = ReturnType<typeof createFrameGenerator>;
