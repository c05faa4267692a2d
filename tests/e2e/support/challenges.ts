// A challenge for the Stage 3 end-to-end tests, written straight into the e2e server's database
// (the rows the challenge pages make) in a throwaway locality. The test process runs this file as
// a script with tsx (so the app's Prisma client loads in its own process): CHALLENGE_SEED holds
// the input; the script prints what it made as JSON.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export type SeededChallenge = { challengeId: string; boardId: string; linkCode: string; question: string };
type SeedInput = { localityId: string; databaseUrl: string; question?: string; languages?: string; closesAt?: string | null };

/** Makes a challenge (with its board and public link) in the locality. */
export function seedChallenge(
  localityId: string,
  options: {
    question?: string;
    languages?: string;
    closesAt?: Date | null /** another server's database (default: the e2e server's) */;
    databaseUrl?: string;
  } = {},
): SeededChallenge {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const input: SeedInput = {
    localityId,
    databaseUrl: options.databaseUrl ?? `file:./tests/.tmp/e2e-${port}/coproduce.db`,
    question: options.question,
    languages: options.languages,
    closesAt: options.closesAt?.toISOString() ?? null,
  };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, CHALLENGE_SEED: JSON.stringify(input) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as SeededChallenge;
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const { makeChallenge } = await import("../../factories/challenges.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  const challenge = await makeChallenge(db, {
    localityId: input.localityId,
    question: input.question,
    languages: input.languages,
    closesAt: input.closesAt ? new Date(input.closesAt) : null,
  });
  console.log(
    JSON.stringify({
      challengeId: challenge.id,
      boardId: challenge.boardId,
      linkCode: challenge.linkCode,
      question: challenge.question,
    } satisfies SeededChallenge),
  );
  await db.$disconnect();
}

if (process.env.CHALLENGE_SEED) await main(JSON.parse(process.env.CHALLENGE_SEED) as SeedInput);
