// A throwaway locality's people and every tie between them, written straight into the e2e
// server's database (recording 120 ties through the forms would take minutes): for the map's
// ties table, which shows a hundred ties a page. The test process runs this file as a script with
// tsx (so the app's Prisma client loads in its own process): TIES_SEED holds the input.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

type SeedInput = { localityId: string; databaseUrl: string; people: number };

/** `people` people named "Neighbour 01"… in the locality, each tied to every other one. */
export function seedEveryTie(localityId: string, people: number): { ties: number } {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const input: SeedInput = { localityId, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db`, people };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, TIES_SEED: JSON.stringify(input) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as { ties: number };
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    const ids: string[] = [];
    for (let i = 1; i <= input.people; i++) {
      const person = await db.person.create({
        data: { localityId: input.localityId, displayName: `Neighbour ${String(i).padStart(2, "0")}`, sector: i % 2 ? "resident" : "parent" },
      });
      ids.push(person.id);
    }
    const rows = [];
    for (let a = 0; a < ids.length; a++)
      for (let b = a + 1; b < ids.length; b++)
        rows.push({
          localityId: input.localityId,
          personAId: ids[a]!,
          personBId: ids[b]!,
          kind: "neighbours",
          strength: 1 + ((a + b) % 3),
          since: new Date(Date.UTC(2026, a % 12, 1 + b)),
        });
    await db.tie.createMany({ data: rows });
    console.log(JSON.stringify({ ties: rows.length }));
  } finally {
    await db.$disconnect();
  }
}

if (process.env.TIES_SEED) await main(JSON.parse(process.env.TIES_SEED) as SeedInput);
