/**
 * Answers from the public feedback link (/f/<code>): finding the cycle by its code, the page's
 * questions in the visitor's language, the rate limits (the phone idea limits, counted apart),
 * and storing one submission's answers exactly once per submission key.
 */
import type { Db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { findCycleByFeedbackCode, storeFeedbackAnswers } from "~/data/feedback.server";
import { parseLinkCode } from "~/domain/ideas";
import { feedbackLanguages, moderationOf, promptIn, readPrompts, type AnswerValue } from "~/domain/feedback";
import { createIdeaRateLimits, type IdeaRateLimits } from "./idea-rate-limits.server";

/** The cycle behind a public feedback code; null for an unknown (or replaced) code. */
export async function findFeedbackByCode(db: Db, rawCode: string | undefined) {
  const code = parseLinkCode(rawCode);
  if (!code) return null;
  return findCycleByFeedbackCode(db, code);
}
export type PublicFeedback = NonNullable<Awaited<ReturnType<typeof findFeedbackByCode>>>;

/** The questions as the page shows them: each with its prompt in the page's language. */
export function publicQuestions(cycle: PublicFeedback, language: string) {
  const languages = feedbackLanguages(cycle.languages);
  return cycle.questions.map((q) => ({ id: q.id, kind: q.kind, prompt: promptIn(readPrompts(q.prompts), language, languages) }));
}
export type PublicQuestionView = ReturnType<typeof publicQuestions>[number];

let shared: IdeaRateLimits | undefined;
/**
 * How many answer sets one phone and one address may send per hour: the same numbers as phone
 * ideas (IDEA_LIMIT_PER_DEVICE, IDEA_LIMIT_PER_ADDRESS), counted apart from ideas.
 */
export function feedbackRateLimits(): IdeaRateLimits {
  const config = env();
  shared ??= createIdeaRateLimits({
    perDevice: config.IDEA_LIMIT_PER_DEVICE,
    perAddress: config.IDEA_LIMIT_PER_ADDRESS,
    redisUrl: config.REDIS_URL,
    prefix: "feedback",
  });
  return shared;
}

/** Stores a submission's answers (faces and yes/no published, sentences pending); `created` false for a repeat. */
export function storeAnswers(
  db: Db,
  input: { cycleId: string; language: string; submissionKey: string; sender: { deviceHash: string; addressHash: string }; answers: AnswerValue[] },
) {
  return storeFeedbackAnswers(db, {
    cycleId: input.cycleId,
    language: input.language,
    submissionKey: input.submissionKey,
    sender: input.sender,
    answers: input.answers.map((a) => ({ questionId: a.questionId, face: a.face, yes: a.yes, text: a.text, moderation: moderationOf(a) })),
  });
}
