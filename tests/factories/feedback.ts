// A prototype with a test cycle, its feedback questions and (optionally) an open public link,
// written directly — the cycle pages are built apart — for the feedback tests. The end-to-end
// suite runs this file as a script with tsx against its server's database (FEEDBACK_SEED holds
// the input; it prints what it made as JSON): see seedFeedback below.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Db } from "~/data/db.server";
import { newLinkCode } from "../../app/domain/ideas";

export type QuestionSeed = { kind: "faces" | "yesno" | "sentence"; prompts: Record<string, string> };

export type FeedbackCycleInput = {
  localityId: string;
  /** An existing prototype; a new one (with this title) otherwise. */
  prototypeId?: string;
  title?: string;
  number?: number;
  languages?: string;
  questions?: QuestionSeed[];
  /** Give the cycle an open public link (default true when it has questions). */
  open?: boolean;
  decision?: string | null;
};

export const DEFAULT_QUESTIONS: QuestionSeed[] = [
  { kind: "faces", prompts: { en: "How did the session feel?", ar: "كيف كان شعورك في الجلسة؟" } },
  { kind: "yesno", prompts: { en: "Would you come again?", ar: "هل ستأتين مرة أخرى؟" } },
  { kind: "sentence", prompts: { en: "What one thing should we change?", ar: "ما الشيء الواحد الذي يجب أن نغيّره؟" } },
];

export async function makeFeedbackCycle(db: Db, input: FeedbackCycleInput) {
  const prototypeId =
    input.prototypeId ??
    (await db.prototype.create({ data: { localityId: input.localityId, title: input.title ?? "Peer mentors for new parents", status: "testing" } })).id;
  const questions = input.questions ?? DEFAULT_QUESTIONS;
  const open = input.open ?? questions.length > 0;
  const number = input.number ?? (await db.testCycle.count({ where: { prototypeId } })) + 1;
  const cycle = await db.testCycle.create({
    data: {
      prototypeId,
      localityId: input.localityId,
      number,
      believe: "We believe parents who have been through it can guide new parents",
      willResult: "new parents will come back to the centre",
      knowWhen: "We will know when half of them come to a second session",
      method: "role-play",
      languages: input.languages ?? "en,ar",
      decision: input.decision ?? null,
      decisionReason: input.decision ? "Parents asked for it in Arabic first" : null,
      decidedAt: input.decision ? new Date() : null,
      feedbackCode: open ? newLinkCode() : null,
      feedbackOpen: open && !input.decision,
    },
  });
  const made = [];
  for (const [i, q] of questions.entries()) {
    made.push(await db.feedbackQuestion.create({ data: { cycleId: cycle.id, position: i + 1, kind: q.kind, prompts: JSON.stringify(q.prompts) } }));
  }
  return { prototypeId, cycle, questions: made };
}

export type SeededFeedback = { prototypeId: string; cycleId: string; code: string | null; questionIds: string[] };

type SeedInput = { databaseUrl: string } & FeedbackCycleInput;

/** For the e2e suite: a feedback cycle in the e2e server's database (a separate process, so the app's Prisma client loads in its own). */
export function seedFeedback(input: FeedbackCycleInput): SeededFeedback {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const full: SeedInput = { ...input, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db` };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, FEEDBACK_SEED: JSON.stringify(full) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as SeededFeedback;
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../app/config/database-url.server.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    const made = await makeFeedbackCycle(db, input);
    console.log(
      JSON.stringify({
        prototypeId: made.prototypeId,
        cycleId: made.cycle.id,
        code: made.cycle.feedbackCode,
        questionIds: made.questions.map((q) => q.id),
      } satisfies SeededFeedback),
    );
  } finally {
    await db.$disconnect();
  }
}

if (process.env.FEEDBACK_SEED) {
  main(JSON.parse(process.env.FEEDBACK_SEED) as SeedInput).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
