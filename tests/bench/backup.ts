// Backup and restore benchmark (`npm run bench:backup`): PRINTS figures, asserts nothing.
// For the demo data and for a scaled locality (tests/factories/scaled-locality.ts, BENCH_SCALE),
// on a fresh database of BENCH_PROVIDER (sqlite | postgresql): the time `npm run backup`'s work
// takes (take-backup.server.ts, in this process), the backup file's size against the database's,
// and the time to restore it into a fresh, empty database (restore-backup.server.ts), as medians
// of BENCH_RUNS runs. The command-line wrappers add about a second of tsx start-up to each.
// Environment: BENCH_PROVIDER=sqlite  BENCH_SCALE=city (or 0.1, or people=500,…)  BENCH_RUNS=3
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { hash } from "@node-rs/argon2";
import { freshDatabase, PG_ADMIN_URL, type Provider, type TestDatabase } from "../setup/databases";
import { seedScaledLocality, scaleFromEnv } from "../factories/scaled-locality";
import { seedDemo } from "../../prisma/demo/seed-demo";
import { takeBackup } from "~/data/backup/take-backup.server";
import { restoreBackup } from "~/data/backup/restore-backup.server";

const PROVIDER = (process.env.BENCH_PROVIDER ?? "sqlite") as Provider;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OUT = path.resolve(import.meta.dirname, ".tmp", `backup-${process.pid}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** The database's own size: the SQLite file (with its WAL), or pg_database_size. */
async function databaseBytes(t: TestDatabase): Promise<number> {
  if (t.provider === "sqlite") {
    const file = t.url.slice("file:".length);
    return ["", "-wal"].reduce((n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0);
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>("SELECT pg_database_size(current_database()) AS n");
  await client.end();
  return Number(rows[0]!.n);
}

type Figures = { name: string; rows: number; collabRows: number; dbBytes: number; backupBytes: number; backupMs: number; restoreMs: number; seedMs: number };

async function measure(name: string, seed: (t: TestDatabase) => Promise<unknown>): Promise<Figures> {
  const source = await freshDatabase(PROVIDER);
  try {
    const t0 = performance.now();
    await seed(source);
    const seedMs = performance.now() - t0;
    const backups: Array<{ ms: number; file: string; bytes: number; rows: number; collabRows: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = path.join(OUT, `${name}-${i}`);
      fs.mkdirSync(dir, { recursive: true });
      const start = performance.now();
      const { file, manifest } = await takeBackup({ databaseUrl: source.url, out: dir });
      backups.push({
        ms: performance.now() - start,
        file,
        bytes: fs.statSync(file).size,
        rows: Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0),
        collabRows: manifest.collab.updates + manifest.collab.snapshots,
      });
    }
    const restores: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const target = await freshDatabase(PROVIDER);
      try {
        const start = performance.now();
        await restoreBackup({ file: backups[i]!.file, databaseUrl: target.url });
        restores.push(performance.now() - start);
      } finally {
        await target.drop();
      }
    }
    return {
      name,
      rows: backups[0]!.rows,
      collabRows: backups[0]!.collabRows,
      dbBytes: await databaseBytes(source),
      backupBytes: backups[0]!.bytes,
      backupMs: median(backups.map((b) => b.ms)),
      restoreMs: median(restores),
      seedMs,
    };
  } finally {
    await source.drop();
  }
}

const cheapHash = (plain: string) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
const scale = scaleFromEnv();
console.log(`backup/restore on ${PROVIDER}${PROVIDER === "postgresql" ? ` (${new URL(PG_ADMIN_URL).host})` : ""}, medians of ${RUNS} runs`);
console.log(`scaled locality: ${JSON.stringify(scale)}`);
try {
  const results = [await measure("demo", (t) => seedDemo(t.db, cheapHash)), await measure("scaled locality", (t) => seedScaledLocality(t.db, scale))];
  console.table(
    results.map((r) => ({
      data: r.name,
      rows: r.rows,
      "collab rows": r.collabRows,
      database: mib(r.dbBytes),
      "backup file": mib(r.backupBytes),
      "backup s": (r.backupMs / 1000).toFixed(2),
      "restore s": (r.restoreMs / 1000).toFixed(2),
      "seed s": (r.seedMs / 1000).toFixed(1),
    })),
  );
} finally {
  fs.rmSync(OUT, { recursive: true, force: true });
}
