// Portfolio benchmark (`npm run bench:portfolio`): PRINTS figures, asserts nothing.
// Seeds an organisation of BENCH_LOCALITIES localities × BENCH_PROTOTYPES prototypes × BENCH_CYCLES
// test cycles (tests/factories/portfolio.ts; default 20 × 50 × 10, with a golden thread of six
// priorities and twelve outcomes, half the prototypes linked) on a fresh database
// (BENCH_PROVIDER=sqlite|postgresql), then times, as medians of BENCH_RUNS runs:
//   portfolio  the portfolio page's loader work (app/routes/orgs+/portfolio.server.ts loadPortfolio)
//   report     the committee report's (loadPortfolioReport)
//   csv        the CSV export's (portfolioCsv, including its audit entry)
// each against reading the same rows with the raw driver (better-sqlite3 / a pg pool of 10: the same
// SELECTs, rows into plain objects, nothing computed), as a ratio.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { freshDatabase, type Provider } from "../setup/databases";
import { makeOrganisation, makeUser } from "../factories";
import { BENCH_PORTFOLIO, seedPortfolio } from "../factories/portfolio";
import { addItem } from "~/data/golden-thread.server";
import { loadPortfolio, loadPortfolioReport, portfolioCsv } from "~/routes/orgs+/portfolio.server";

const PROVIDER = (process.env.BENCH_PROVIDER ?? "sqlite") as Provider;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const scale = {
  localities: Number(process.env.BENCH_LOCALITIES ?? BENCH_PORTFOLIO.localities),
  prototypes: Number(process.env.BENCH_PROTOTYPES ?? BENCH_PORTFOLIO.prototypes),
  cycles: Number(process.env.BENCH_CYCLES ?? BENCH_PORTFOLIO.cycles),
  people: BENCH_PORTFOLIO.people,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

/** The raw driver's side: run SQL with positional parameters ($1… for pg, ? for SQLite), rows as objects. */
type Raw = { all: (sql: string, params: unknown[]) => Promise<unknown[]>; close: () => Promise<void> };
async function rawDriver(url: string): Promise<Raw> {
  if (PROVIDER === "sqlite") {
    const file = url.replace(/^file:/, "");
    const sqlite = new Database(file, { readonly: true });
    return {
      all: async (sql, params) => sqlite.prepare(sql.replace(/\$\d+/g, "?")).all(...params),
      close: async () => {
        sqlite.close();
      },
    };
  }
  // A pool, as Prisma's adapter has, so the SELECTs run side by side as the loader's do.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", (error) => console.error(`raw pool: ${error.message}`));
  return { all: async (sql, params) => (await pool.query(sql, params)).rows, close: () => pool.end() };
}

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ");

/** What the portfolio reads, as plain SELECTs: prototypes, cycles, who took part, counts, thread links, and the stages' dates. */
async function rawPortfolio(raw: Raw, organisationId: string) {
  const localities = (await raw.all(`SELECT id, name, slug, "currentStage" FROM "Locality" WHERE "organisationId" = $1 ORDER BY name, id`, [
    organisationId,
  ])) as Array<{
    id: string;
  }>;
  const ids = localities.map((l) => l.id);
  const inIds = placeholders(ids.length);
  const inCycles = `SELECT id FROM "TestCycle" WHERE "localityId" IN (${inIds})`;
  const results = await Promise.all([
    raw.all(`SELECT id, "localityId", title, "createdAt", facet FROM "Prototype" WHERE "localityId" IN (${inIds}) ORDER BY "createdAt", id`, ids),
    raw.all(
      `SELECT id, "prototypeId", number, "createdAt", "startsOn", "endsOn", decision, "decidedAt", "costPence", "peopleReached" FROM "TestCycle" WHERE "localityId" IN (${inIds}) ORDER BY number`,
      ids,
    ),
    raw.all(`SELECT "cycleId", "personId" FROM "CycleParticipant" WHERE "cycleId" IN (${inCycles})`, ids),
    raw.all(`SELECT "cycleId", count FROM "CycleCount" WHERE "cycleId" IN (${inCycles})`, ids),
    raw.all(
      `SELECT l.id, l."prototypeId", l."itemId", l."itemKind", l."versionNumber", l."titleAtLink", i.title, i."archivedAt", i."changedInVersion", p.id AS "priorityId", p.title AS "priorityTitle"
       FROM "ThreadLink" l JOIN "ThreadItem" i ON i.id = l."itemId" LEFT JOIN "ThreadItem" p ON p.id = i."parentId"
       WHERE l."prototypeId" IN (SELECT id FROM "Prototype" WHERE "localityId" IN (${inIds}))`,
      ids,
    ),
    raw.all(`SELECT "localityId", "createdAt" FROM "Person" WHERE "localityId" IN (${inIds})`, ids),
    raw.all(`SELECT "localityId", "createdAt" FROM "Tie" WHERE "localityId" IN (${inIds})`, ids),
    raw.all(`SELECT "localityId", "createdAt" FROM "Story" WHERE "localityId" IN (${inIds}) AND "withdrawnAt" IS NULL`, ids),
    raw.all(`SELECT "localityId", "createdAt" FROM "Insight" WHERE "localityId" IN (${inIds})`, ids),
    raw.all(`SELECT "localityId", "createdAt" FROM "Idea" WHERE "localityId" IN (${inIds}) AND moderation = 'published'`, ids),
    raw.all(`SELECT "localityId", "createdAt" FROM "Prototype" WHERE "localityId" IN (${inIds})`, ids),
    raw.all(`SELECT "localityId", "decidedAt" FROM "TestCycle" WHERE "localityId" IN (${inIds}) AND decision IS NOT NULL AND "decidedAt" IS NOT NULL`, ids),
    raw.all(`SELECT id, kind, "parentId", position, title, "archivedAt" FROM "ThreadItem" WHERE "organisationId" = $1 ORDER BY position, id`, [organisationId]),
  ]);
  return results.reduce((n, rows) => n + rows.length, localities.length);
}

/** What the report reads: the portfolio's rows and each prototype's texts and cycles' learning and decisions. */
async function rawReport(raw: Raw, organisationId: string) {
  const rows = await rawPortfolio(raw, organisationId);
  const localities = (await raw.all(`SELECT id FROM "Locality" WHERE "organisationId" = $1`, [organisationId])) as Array<{ id: string }>;
  const ids = localities.map((l) => l.id);
  const inIds = placeholders(ids.length);
  const [prototypes, cycles] = await Promise.all([
    raw.all(`SELECT id, "localityId", title, summary, "forWhom" FROM "Prototype" WHERE "localityId" IN (${inIds}) ORDER BY title, id`, ids),
    raw.all(
      `SELECT "prototypeId", number, learned, decision, "decisionReason", "decidedAt" FROM "TestCycle" WHERE "localityId" IN (${inIds}) ORDER BY number`,
      ids,
    ),
  ]);
  return rows + prototypes.length + cycles.length;
}

const database = await freshDatabase(PROVIDER);
try {
  const db = database.db;
  const org = await makeOrganisation(db);
  const facilitator = await makeUser(db, { name: "Bench Facilitator" });
  await db.organisationMember.create({ data: { organisationId: org.id, userId: facilitator.id, role: "facilitator" } });
  const t0 = performance.now();
  const seeded = await seedPortfolio(db, org.id, scale);
  // The golden thread: six priorities of two outcomes each; every other prototype linked to one outcome.
  const fields = { body: "", underReview: false, reviewNote: "", isExample: true };
  const outcomes: Array<{ id: string; title: string }> = [];
  for (let p = 0; p < 6; p++) {
    const priority = await addItem(db, { organisationId: org.id, actorId: facilitator.id }, { ...fields, kind: "priority", title: `Priority ${p + 1}` });
    for (let o = 0; o < 2; o++) {
      const title = `Outcome ${p + 1}.${o + 1}`;
      outcomes.push({
        id: (await addItem(db, { organisationId: org.id, actorId: facilitator.id }, { ...fields, kind: "outcome", parentId: priority.id, title })).id,
        title,
      });
    }
  }
  const prototypes = await db.prototype.findMany({ select: { id: true, localityId: true }, orderBy: { id: "asc" } });
  const links = prototypes
    .filter((_, i) => i % 2 === 0)
    .map((p, i) => {
      const outcome = outcomes[i % (outcomes.length - 1)]!; // the last outcome: nobody works on it
      return {
        organisationId: org.id,
        itemId: outcome.id,
        itemKind: "outcome",
        versionNumber: 12,
        titleAtLink: outcome.title,
        localityId: p.localityId,
        prototypeId: p.id,
      };
    });
  for (let i = 0; i < links.length; i += 1000) await db.threadLink.createMany({ data: links.slice(i, i + 1000) });
  const seedMs = performance.now() - t0;

  const access = {
    organisation: { id: org.id, slug: org.slug, name: org.name },
    scope: { all: true as const },
    mayConfigure: true,
    user: { id: facilitator.id },
  };
  const url = new URL(`http://localhost/orgs/${org.slug}/portfolio`);
  const raw = await rawDriver(database.url);
  try {
    const page = await loadPortfolio(db, access, url);
    const portfolioMs = await time(() => loadPortfolio(db, access, url));
    const reportMs = await time(() => loadPortfolioReport(db, access));
    const csvMs = await time(async () => (await portfolioCsv(db, access, "en")).text());
    const rawRows = await rawPortfolio(raw, org.id);
    const rawPortfolioMs = await time(() => rawPortfolio(raw, org.id));
    const rawReportMs = await time(() => rawReport(raw, org.id));
    const csvBytes = Buffer.byteLength(await (await portfolioCsv(db, access, "en")).text());

    console.log(`provider ${PROVIDER}; median of ${RUNS} runs after one warm-up`);
    console.log(
      `seeded ${scale.localities} localities × ${scale.prototypes} prototypes × ${scale.cycles} cycles in ${(seedMs / 1000).toFixed(1)} s: ` +
        `${seeded.rows.prototypes} prototypes, ${seeded.rows.cycles} cycles, ${seeded.rows.participants} participants, ${seeded.rows.people} people, ${seeded.rows.ties} ties, ${links.length} thread links`,
    );
    console.log(
      `page shows ${page.totals.prototypes} prototypes (${page.totals.decisionDue} decision due, ${page.totals.stalled} stalled), ${page.priorityGroups.length} priority groups, ${page.nobodyCount} outcome(s) nobody works on`,
    );
    console.log(`raw driver reads ${rawRows} rows for the portfolio`);
    const line = (name: string, ms: number, rawMs: number) =>
      console.log(`${name.padEnd(10)} ${ms.toFixed(1).padStart(8)} ms   raw ${rawMs.toFixed(1).padStart(7)} ms   ratio ${(ms / rawMs).toFixed(1)}×`);
    line("portfolio", portfolioMs, rawPortfolioMs);
    line("report", reportMs, rawReportMs);
    line("csv", csvMs, rawPortfolioMs);
    console.log(`csv ${(csvBytes / 1024).toFixed(0)} KiB`);
  } finally {
    await raw.close();
  }
} finally {
  await database.drop();
}
