// Rows for the challenge and moderation end-to-end tests, written straight into the e2e server's
// database: an insight with "How might we…?" questions, and phone ideas waiting in a challenge's
// queue (as the public form leaves them). The test process runs this file as a script with tsx
// (so the app's Prisma client loads in its own process): IDEAS_SEED holds the input; the script
// prints what it made as JSON.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

type PendingInput = { text: string; language?: string; contributorName?: string; contributorContact?: string; spamSignals?: string[]; photo?: boolean };
type SeedInput =
  | { kind: "insight"; databaseUrl: string; localityId: string; statement: string; questions: string[] }
  | { kind: "pending"; databaseUrl: string; challengeId: string; ideas: PendingInput[] };

export type SeededInsight = { insightId: string; questionIds: string[] };
export type SeededIdeas = { ideaIds: string[] };

type WithoutUrl<T> = T extends unknown ? Omit<T, "databaseUrl"> : never;

function run<T>(input: WithoutUrl<SeedInput>, databaseUrl?: string): T {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const full = { ...input, databaseUrl: databaseUrl ?? `file:./tests/.tmp/e2e-${port}/coproduce.db` };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, IDEAS_SEED: JSON.stringify(full) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

/** An insight with questions in the locality. */
export function seedInsight(localityId: string, statement: string, questions: string[]): SeededInsight {
  return run<SeededInsight>({ kind: "insight", localityId, statement, questions });
}

/** Phone ideas waiting in the challenge's moderation queue (oldest first, in the order given); `databaseUrl`: another server's database. */
export function seedPendingIdeas(challengeId: string, ideas: PendingInput[], databaseUrl?: string): SeededIdeas {
  return run<SeededIdeas>({ kind: "pending", challengeId, ideas }, databaseUrl);
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    if (input.kind === "insight") {
      const insight = await db.insight.create({
        data: {
          localityId: input.localityId,
          statement: input.statement,
          questions: { create: input.questions.map((text, position) => ({ text, position })) },
        },
        include: { questions: { orderBy: { position: "asc" } } },
      });
      console.log(JSON.stringify({ insightId: insight.id, questionIds: insight.questions.map((q) => q.id) } satisfies SeededInsight));
      return;
    }
    const challenge = await db.challenge.findUniqueOrThrow({ where: { id: input.challengeId }, select: { id: true, localityId: true } });
    const sharp = (await import("sharp")).default;
    const ids: string[] = [];
    const start = Date.now() - input.ideas.length * 60_000;
    for (const [i, idea] of input.ideas.entries()) {
      const row = await db.idea.create({
        data: {
          localityId: challenge.localityId,
          challengeId: challenge.id,
          source: "phone",
          title: idea.text.slice(0, 120),
          text: idea.text,
          language: idea.language ?? "en",
          contributorName: idea.contributorName ?? null,
          contributorContact: idea.contributorContact ?? null,
          spamSignals: JSON.stringify(idea.spamSignals ?? []),
          createdAt: new Date(start + i * 60_000),
        },
      });
      if (idea.photo) {
        const bytes = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#2f7d5b" } })
          .jpeg()
          .toBuffer();
        await db.ideaPhoto.create({ data: { ideaId: row.id, mimeType: "image/jpeg", bytes, width: 320, height: 200 } });
      }
      ids.push(row.id);
    }
    console.log(JSON.stringify({ ideaIds: ids } satisfies SeededIdeas));
  } finally {
    await db.$disconnect();
  }
}

if (process.env.IDEAS_SEED) await main(JSON.parse(process.env.IDEAS_SEED) as SeedInput);
