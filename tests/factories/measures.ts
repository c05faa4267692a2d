// Prototypes, test cycles (with their cost and reach, as the cycle pages record them), measures and
// readings, written directly, for the measures tests (the cycle pages are built apart). The
// end-to-end suite runs this file as a script with tsx against its server's database
// (MEASURES_SEED holds the input; it prints what it made as JSON): see seedMeasures below.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Db } from "~/data/db.server";

export async function makePrototype(db: Db, input: { localityId: string; title?: string; status?: string; actorId?: string | null }) {
  return db.prototype.create({
    data: {
      localityId: input.localityId,
      title: input.title ?? "Peer mentors for new parents",
      status: input.status ?? "testing",
      createdById: input.actorId ?? null,
    },
  });
}

export type CycleInput = {
  prototypeId: string;
  localityId: string;
  number: number;
  method?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  costPence?: number | null;
  peopleReached?: number | null;
  decision?: string | null;
};

export async function makeCycle(db: Db, input: CycleInput) {
  const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);
  return db.testCycle.create({
    data: {
      prototypeId: input.prototypeId,
      localityId: input.localityId,
      number: input.number,
      believe: "We believe parents who have been through it can guide new parents",
      willResult: "new parents will come back to the centre",
      knowWhen: "We will know when half of them come to a second session",
      method: input.method ?? "role-play",
      startsOn: day(input.startsOn),
      endsOn: day(input.endsOn),
      costPence: input.costPence ?? null,
      peopleReached: input.peopleReached ?? null,
      decision: input.decision ?? null,
    },
  });
}

export type MeasureSeed = {
  name: string;
  unit: string;
  betterWhen?: "up" | "down";
  baseline?: number | null;
  target?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  readings?: { value: number; takenOn: string; source?: string; cycleId?: string | null }[];
};

export async function makeMeasure(db: Db, prototypeId: string, seed: MeasureSeed) {
  const measure = await db.measure.create({
    data: {
      prototypeId,
      name: seed.name,
      unit: seed.unit,
      betterWhen: seed.betterWhen ?? "up",
      baseline: seed.baseline ?? null,
      target: seed.target ?? null,
      minValue: seed.minValue ?? null,
      maxValue: seed.maxValue ?? null,
    },
  });
  for (const r of seed.readings ?? [])
    await db.measureReading.create({
      data: { measureId: measure.id, value: r.value, takenOn: new Date(`${r.takenOn}T00:00:00Z`), source: r.source ?? "", cycleId: r.cycleId ?? null },
    });
  return measure;
}

// --- for the end-to-end suite ----------------------------------------------------------------

export type MeasuresSeedInput = {
  localityId: string;
  title: string;
  cycles: Omit<CycleInput, "prototypeId" | "localityId">[];
  /** Readings name their cycle by number. */
  measures: (Omit<MeasureSeed, "readings"> & { readings?: { value: number; takenOn: string; source?: string; cycle?: number }[] })[];
};
export type MeasuresSeeded = { prototypeId: string; cycleIds: string[]; measureIds: string[] };

/** A prototype with cycles and measures in the e2e server's database (a throwaway locality of it). */
export function seedMeasures(input: MeasuresSeedInput): MeasuresSeeded {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, MEASURES_SEED: JSON.stringify({ ...input, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db` }) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as MeasuresSeeded;
}

async function main(input: MeasuresSeedInput & { databaseUrl: string }): Promise<void> {
  const { createDb } = await import("../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../app/config/database-url.server.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  const prototype = await makePrototype(db, { localityId: input.localityId, title: input.title });
  const cycles = [];
  for (const c of input.cycles) cycles.push(await makeCycle(db, { ...c, prototypeId: prototype.id, localityId: input.localityId }));
  const byNumber = new Map(cycles.map((c) => [c.number, c.id]));
  const measures = [];
  for (const m of input.measures)
    measures.push(
      await makeMeasure(db, prototype.id, {
        ...m,
        readings: m.readings?.map((r) => ({ value: r.value, takenOn: r.takenOn, source: r.source, cycleId: r.cycle ? (byNumber.get(r.cycle) ?? null) : null })),
      }),
    );
  console.log(JSON.stringify({ prototypeId: prototype.id, cycleIds: cycles.map((c) => c.id), measureIds: measures.map((m) => m.id) } satisfies MeasuresSeeded));
  await db.$disconnect();
}

if (process.env.MEASURES_SEED) await main(JSON.parse(process.env.MEASURES_SEED) as MeasuresSeedInput & { databaseUrl: string });
