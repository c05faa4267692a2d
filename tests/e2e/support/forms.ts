// Rows for tests/e2e/forms.spec.ts, written straight into the e2e server's database in a throwaway
// locality: a challenge (with its board and public link) whose moderation queue holds ideas
// waiting for a decision and ideas hidden after reports (the state three members' reports leave
// them in). The test process runs this file as a script with tsx (so the app's Prisma client loads in
// its own process): FORMS_SEED holds the input; the script prints what it made as JSON.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

type Seeded = { id: string; text: string };
export type SeededQueue = { challengeId: string; boardId: string; question: string; pending: Seeded[]; hidden: Seeded[] };
type SeedInput = { localityId: string; databaseUrl: string; question: string; pending: string[]; hidden: string[] };

/** A challenge in the locality with these phone ideas waiting, and these hidden after reports. */
export function seedModerationQueue(localityId: string, input: { question: string; pending: string[]; hidden: string[] }): SeededQueue {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const full: SeedInput = { localityId, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db`, ...input };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, FORMS_SEED: JSON.stringify(full) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as SeededQueue;
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const { makeChallenge } = await import("../../factories/challenges.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    const challenge = await makeChallenge(db, { localityId: input.localityId, question: input.question, languages: "en,ar" });
    const start = Date.now() - (input.pending.length + input.hidden.length) * 60_000;
    const idea = (text: string, i: number, moderation: string) =>
      db.idea.create({
        data: {
          localityId: input.localityId,
          challengeId: challenge.id,
          source: "phone",
          moderation,
          title: text.slice(0, 120),
          text,
          language: "en",
          createdAt: new Date(start + i * 60_000),
        },
      });
    const pending: Seeded[] = [];
    for (const [i, text] of input.pending.entries()) pending.push({ id: (await idea(text, i, "pending")).id, text });
    const hidden: Seeded[] = [];
    for (const [i, text] of input.hidden.entries()) hidden.push({ id: (await idea(text, input.pending.length + i, "hidden")).id, text });
    console.log(JSON.stringify({ challengeId: challenge.id, boardId: challenge.boardId, question: challenge.question, pending, hidden } satisfies SeededQueue));
  } finally {
    await db.$disconnect();
  }
}

if (process.env.FORMS_SEED) await main(JSON.parse(process.env.FORMS_SEED) as SeedInput);
