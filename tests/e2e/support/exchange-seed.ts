// The access table's share in the exchange (tests/e2e/access-table.ts): a bare prototype of the
// locality shared with its organisation, written straight into the e2e server's database and made
// once per test process. The test process runs this file as a script with tsx (so the app's Prisma
// client loads in its own process): EXCHANGE_SEED holds the input; the script prints the ids.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

type SeedInput = { localityId: string; databaseUrl: string; title?: string };
export type AccessShare = { shareId: string; prototypeId: string };

const made = new Map<string, AccessShare>();

function runSeed<T>(input: Omit<SeedInput, "databaseUrl">): T {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const full: SeedInput = { ...input, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db` };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, EXCHANGE_SEED: JSON.stringify(full) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

/** The access table's share of locality `L` (a bare prototype "Access table shared prototype"). */
export function accessShare(localityId: string): AccessShare {
  let found = made.get(localityId);
  if (!found) {
    found = runSeed<AccessShare>({ localityId });
    made.set(localityId, found);
  }
  return found;
}

/** A prototype of the locality, not shared yet, with what it is and who it is for (exchange.spec.ts shares it). */
export function unsharedPrototype(localityId: string, title: string): string {
  return runSeed<{ prototypeId: string }>({ localityId, title }).prototypeId;
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    if (input.title) {
      const bare = await db.prototype.create({
        data: { localityId: input.localityId, title: input.title, summary: "A walking bus to school, run by parents.", forWhom: "Families who walk to school" },
      });
      console.log(JSON.stringify({ prototypeId: bare.id }));
      return;
    }
    const locality = await db.locality.findUniqueOrThrow({ where: { id: input.localityId }, select: { organisationId: true } });
    const prototype = await db.prototype.create({ data: { localityId: input.localityId, title: "Access table shared prototype" } });
    const share = await db.exchangeShare.create({
      data: { organisationId: locality.organisationId, localityId: input.localityId, kind: "prototype", prototypeId: prototype.id },
    });
    console.log(JSON.stringify({ shareId: share.id, prototypeId: prototype.id } satisfies AccessShare));
  } finally {
    await db.$disconnect();
  }
}

if (process.env.EXCHANGE_SEED) await main(JSON.parse(process.env.EXCHANGE_SEED) as SeedInput);
