// `npm run bench:pages`: how fast every kind of signed-in page answers, against `/healthz` on the
// same server in the same run. Starts the real server (server.ts, its own process, a fresh
// database with the demo data), signs in as each role, finds one of each page, then measures
// each page with one connection (sequential requests: p50) and with ten (requests per second,
// p50 and p99), and prints the ratios to `/healthz`. Prints figures, asserts nothing.
//
//   BENCH_PROVIDER=postgresql  the same on a fresh PostgreSQL database (TEST_PG_URL's server)
//   BENCH_ROLES=member,viewer  which demo accounts (default: facilitator,member,viewer)
//   BENCH_SECONDS=4            seconds of load per page at ten connections
//   BENCH_PAGES=ideas,an idea  only these page kinds (names as printed; the signed-in kinds
//                              include a stage, sessions, a session, reflections, the deck, the
//                              exchange and a share)
//   BENCH_SCALE=city           also seed a large locality (tests/factories/scaled-locality.ts: 300
//                              people, 2,000 ties, 50 stories, 500 ideas; "0.1", "2" or
//                              "people=500,…" as there) and measure its pages as its facilitator
//                              and a member (it has no viewer) instead of the demo's
//   BENCH_PROF=1               the server runs under `node --cpu-prof`; prints where its CPU time
//                              went over the whole run (self time by area and function, and the
//                              inclusive time of the app's server build's functions); a folder
//                              instead of 1 keeps the .cpuprofile files there
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createDb } from "~/data/db.server";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { PASSWORD as FACTORY_PASSWORD } from "../factories";
import { scaleFromEnv, seedScaledLocality } from "../factories/scaled-locality";
import { httpClient, type Client } from "../setup/http-client";
import { pageKinds } from "./page-kinds";
import { startRealServer, WEB, type RealServer } from "../setup/real-server";
import { summarizeProfile } from "./profile";

const ACCOUNTS = {
  facilitator: "facilitator@coproduce.test",
  member: "member.longbridge@coproduce.test",
  viewer: "viewer@coproduce.test",
} as const;
type Role = keyof typeof ACCOUNTS;
const PASSWORD = "coproduce-demo-2026";

const provider = process.env.BENCH_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
const roles = (process.env.BENCH_ROLES ?? "facilitator,member,viewer").split(",").filter((r): r is Role => r in ACCOUNTS);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const only = process.env.BENCH_PAGES?.split(",").map((p) => p.trim());

type Figures = { sequentialP50: number; reqPerSec: number; p50: number; p99: number; errors: number; queries: number; dbMs: number };
type Answer = { status: number; timing: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One GET with the session cookie; resolves with the status and Server-Timing once the whole body has arrived. */
function hit(base: URL, path: string, cookie: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: base.hostname, port: base.port, path, agent, headers: { Cookie: cookie, "Accept-Encoding": "gzip" } }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, timing: String(res.headers["server-timing"] ?? "") }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** The database part of a Server-Timing header (app/http/database-work.server.ts): queries and ms. */
function databaseWork(timing: string): { queries: number; ms: number } {
  const db = /db;dur=([\d.]+);desc="(\d+) queries"/.exec(timing);
  return db ? { queries: Number(db[2]), ms: Number(db[1]) } : { queries: Number.NaN, ms: Number.NaN };
}

async function measure(base: URL, path: string, cookie: string): Promise<Figures> {
  let errors = 0;
  const check = ({ status }: Answer) => {
    if (status !== 200) errors++;
  };
  for (let i = 0; i < 10; i++) check(await hit(base, path, cookie)); // warm-up
  const sequential: number[] = [];
  const queries: number[] = [];
  const dbMs: number[] = [];
  const seqUntil = performance.now() + Math.min(2000, seconds * 500);
  while (performance.now() < seqUntil || sequential.length < 20) {
    const t = performance.now();
    const answer = await hit(base, path, cookie);
    sequential.push(performance.now() - t);
    check(answer);
    const db = databaseWork(answer.timing);
    queries.push(db.queries);
    dbMs.push(db.ms);
  }
  for (const list of [sequential, queries, dbMs]) list.sort((a, b) => a - b);

  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        check(await hit(base, path, cookie));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    sequentialP50: quantile(sequential, 0.5),
    reqPerSec: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    queries: quantile(queries, 0.5),
    dbMs: quantile(dbMs, 0.5),
  };
}

async function signIn(server: RealServer, email: string, password = PASSWORD): Promise<{ client: Client; cookie: string }> {
  const client = httpClient(server.url);
  const res = await client.post("/sign-in", { email, password, redirectTo: "/home" });
  if (res.status !== 302 && res.status !== 303) throw new Error(`sign-in as ${email} answered ${res.status}`);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return { client, cookie };
}

/** The first link in `html` whose path matches `pattern` (a path of the page's own locality). */
/** One of each page kind the person can open (tests/bench/page-kinds.ts), or only those BENCH_PAGES names. */
function pagesFor(client: Client): Promise<Array<[string, string]>> {
  return pageKinds(async (path) => {
    const res = await client.get(path);
    return { status: res.status, text: await res.text() };
  }, only);
}

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `bench_pages_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** BENCH_SCALE: seeds the large locality into the server's database; its accounts by role. */
async function seedScale(databaseUrl: string): Promise<Partial<Record<Role, string>>> {
  const scale = scaleFromEnv();
  const db = await createDb(resolveDatabaseTarget(databaseUrl));
  try {
    const started = performance.now();
    const seeded = await seedScaledLocality(db, scale);
    const { people, ties, stories, ideas, boards } = scale;
    console.log(
      `scaled locality: ${people} people, ${ties} ties, ${stories} stories, ${ideas} ideas, ${boards} boards (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    return { facilitator: seeded.facilitator.email, member: seeded.members[0]!.email };
  } finally {
    await db.$disconnect();
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

async function main() {
  const database = provider === "postgresql" ? await freshPostgres() : null;
  const keepProfile = process.env.BENCH_PROF && process.env.BENCH_PROF !== "1" ? path.resolve(process.env.BENCH_PROF) : null;
  const profileDir = keepProfile ?? (process.env.BENCH_PROF ? fs.mkdtempSync(path.join(os.tmpdir(), "bench-pages-prof-")) : null);
  const server = await startRealServer(
    { LOG_LEVEL: "warn", SERVER_TIMING: "true", ...(database ? { DATABASE_URL: database.url } : {}) },
    profileDir ? { ...WEB, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] } : WEB,
  );
  try {
    const base = new URL(server.url);
    const scaled = process.env.BENCH_SCALE ? await seedScale(database?.url ?? `file:${server.databaseFile}`) : null;
    console.log(`bench:pages on ${provider}, server pid ${server.pid}, ${seconds} s at 10 connections per page\n`);
    const reference = await measure(base, "/healthz", "");
    const line = (name: string, f: Figures) =>
      `${name.padEnd(16)} ${fmt(f.sequentialP50, 2).padStart(8)} ${fmt(f.sequentialP50 / reference.sequentialP50, 1).padStart(7)}x ${fmt(f.reqPerSec, 0).padStart(8)} ${fmt(f.reqPerSec / reference.reqPerSec, 3).padStart(8)}x ${fmt(f.p50).padStart(8)} ${fmt(f.p99).padStart(8)} ${fmt(f.queries, 0).padStart(8)} ${fmt(f.dbMs, 2).padStart(7)}${f.errors ? `  (${f.errors} non-200)` : ""}`;
    const header = `${"page".padEnd(16)} ${"1 conn".padStart(8)} ${"÷health".padStart(8)} ${"req/s".padStart(8)} ${"÷health".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"queries".padStart(8)} ${"db ms".padStart(7)}`;
    console.log(header);
    console.log(line("/healthz", reference));
    for (const role of roles) {
      const email = scaled ? scaled[role] : ACCOUNTS[role];
      if (!email) {
        console.log(`\n${role}: the scaled locality has none, left out`);
        continue;
      }
      const { client, cookie } = await signIn(server, email, scaled ? FACTORY_PASSWORD : PASSWORD);
      console.log(`\n${role} (${email})`);
      const rows: Array<[string, Figures]> = [];
      for (const [name, path] of await pagesFor(client)) {
        const figures = await measure(base, path, cookie);
        rows.push([name, figures]);
        console.log(line(name, figures));
      }
      if (rows.length > 1) {
        const medians = rows.map(([, f]) => f.sequentialP50);
        console.log(`heaviest ÷ lightest page (1 connection): ${fmt(Math.max(...medians) / Math.min(...medians), 2)}x`);
      }
    }
    console.log(
      "\n1 conn: median ms of sequential requests; ÷health: against /healthz in this run; req/s, p50, p99: ten connections;\nqueries, db ms: the median request's database queries and their time (Server-Timing, one connection).",
    );
  } finally {
    await server.stop();
    agent.destroy();
    await database?.drop();
  }
  if (profileDir) {
    for (const file of fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"))) {
      for (const line of summarizeProfile(path.join(profileDir, file), 25, /\/build\/index\.js/)) console.log(line);
    }
    if (keepProfile) console.log(`profiles kept in ${keepProfile}`);
    else fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

await main();
