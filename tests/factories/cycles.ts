// Prototypes, people of a core group and test cycles as the app makes them, for the cycle tests
// (integration) and for seeding the end-to-end server's database.
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Db } from "~/data/db.server";

export async function makePrototype(db: Db, input: { localityId: string; title?: string; status?: string; actorId?: string | null }) {
  return db.prototype.create({
    data: {
      localityId: input.localityId,
      title: input.title ?? `Prototype ${crypto.randomBytes(3).toString("hex")}`,
      status: input.status ?? "planned",
      createdById: input.actorId ?? null,
    },
  });
}

export async function makePerson(db: Db, input: { localityId: string; displayName?: string; sector?: string; languages?: string }) {
  return db.person.create({
    data: {
      localityId: input.localityId,
      displayName: input.displayName ?? `Person ${crypto.randomBytes(3).toString("hex")}`,
      sector: input.sector ?? "parent",
      languages: input.languages ?? "en",
    },
  });
}

export type CycleInput = {
  localityId: string;
  prototypeId: string;
  number?: number;
  method?: string;
  startsOn?: Date | null;
  endsOn?: Date | null;
  learned?: string;
  languages?: string;
  decision?: string | null;
  decisionReason?: string | null;
  decidedAt?: Date | null;
  feedbackOpen?: boolean;
  feedbackCode?: string | null;
};

/** A cycle row (the next number of its prototype unless given). */
export async function makeCycle(db: Db, input: CycleInput) {
  const number = input.number ?? ((await db.testCycle.aggregate({ where: { prototypeId: input.prototypeId }, _max: { number: true } }))._max.number ?? 0) + 1;
  return db.testCycle.create({
    data: {
      localityId: input.localityId,
      prototypeId: input.prototypeId,
      number,
      believe: "a weekly drop-in run by parents",
      willResult: "help new parents find support sooner",
      knowWhen: "most who come once come back",
      method: input.method ?? "role-play",
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      languages: input.languages ?? "en,ar",
      learned: input.learned ?? "",
      decision: input.decision ?? null,
      decisionReason: input.decisionReason ?? null,
      decidedAt: input.decidedAt ?? (input.decision ? new Date() : null),
      feedbackOpen: input.feedbackOpen ?? false,
      feedbackCode: input.feedbackCode ?? null,
    },
  });
}

// --- for the end-to-end suite ------------------------------------------------------------------

export type CycleSeed = {
  /** What was learned (a facilitator can then decide). */
  learned?: string;
  decision?: string | null;
  /** Days from today of its start (none: not set). */
  startsInDays?: number;
  /** Give it a photo among its evidence (a small JPEG, as the page stores them). */
  photo?: boolean;
};
export type SeedCyclesInput = { localityId: string; title: string; people?: string[]; cycles?: CycleSeed[] };
export type SeededCycles = {
  prototypeId: string;
  people: Array<{ id: string; name: string }>;
  cycles: Array<{ id: string; number: number; photoId: string | null }>;
};

/**
 * A prototype (with people of the core group and cycles) in the e2e server's database, made by
 * running this file as a script with tsx (its own process, so the app's Prisma client loads
 * there): CYCLES_SEED holds the input; the script prints what it made as JSON.
 */
export function seedCycles(input: SeedCyclesInput): SeededCycles {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, CYCLES_SEED: JSON.stringify({ ...input, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db` }) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as SeededCycles;
}

async function seedMain(input: SeedCyclesInput & { databaseUrl: string }): Promise<void> {
  const { createDb } = await import("../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../app/config/database-url.server.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    const prototype = await makePrototype(db, { localityId: input.localityId, title: input.title });
    const people = [];
    for (const name of input.people ?? []) people.push(await makePerson(db, { localityId: input.localityId, displayName: name }));
    const cycles: SeededCycles["cycles"] = [];
    for (const seed of input.cycles ?? []) {
      const startsOn = seed.startsInDays === undefined ? null : new Date(Date.now() + seed.startsInDays * 86_400_000);
      const cycle = await makeCycle(db, {
        localityId: input.localityId,
        prototypeId: prototype.id,
        startsOn,
        learned: seed.learned ?? "",
        decision: seed.decision ?? null,
        decisionReason: seed.decision ? "Seeded decision" : null,
      });
      let photoId: string | null = null;
      if (seed.photo) {
        const sharp = (await import("sharp")).default;
        const { data, info } = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 40, g: 110, b: 80 } } })
          .jpeg()
          .toBuffer({ resolveWithObject: true });
        const evidence = await db.cycleEvidence.create({
          data: { cycleId: cycle.id, kind: "photo", text: "A green test card", mimeType: "image/jpeg", bytes: data, width: info.width, height: info.height },
        });
        photoId = evidence.id;
      }
      cycles.push({ id: cycle.id, number: cycle.number, photoId });
    }
    console.log(JSON.stringify({ prototypeId: prototype.id, people: people.map((p) => ({ id: p.id, name: p.displayName })), cycles } satisfies SeededCycles));
  } finally {
    await db.$disconnect();
  }
}

if (process.env.CYCLES_SEED) {
  seedMain(JSON.parse(process.env.CYCLES_SEED)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
