/**
 * Feedback from phones on a test cycle: its questions (one to three, a prompt per language), its
 * public link (/f/<code>: opened, closed, replaced; it ends with the cycle's decision), the
 * answers sent through it (one submission key per sent form: a repeat stores nothing new), and
 * the moderation of sentences. Facilitators' changes are audited.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";
import { newLinkCode } from "~/domain/ideas";
import { answeredQuestionErrors, type AnswerGroup, type QuestionDraft, type QuestionErrors } from "~/domain/feedback";

type Change = { localityId: string; cycleId: string; actorId: string };

/** A cycle of a prototype in this locality, with what the feedback page needs (null: not there). */
export function findFeedbackCycle(db: Db, localityId: string, prototypeId: string, cycleId: string) {
  return db.testCycle.findFirst({
    where: { id: cycleId, prototypeId, localityId },
    select: {
      id: true,
      number: true,
      prototypeId: true,
      languages: true,
      decision: true,
      feedbackCode: true,
      feedbackOpen: true,
      questions: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, kind: true, prompts: true, _count: { select: { answers: true } } },
      },
    },
  });
}
export type FeedbackCycle = NonNullable<Awaited<ReturnType<typeof findFeedbackCycle>>>;

export type SaveQuestionsOutcome = { ok: true } | { ok: false; errors: QuestionErrors };

/**
 * Replaces the cycle's questions with `drafts` (in that order, positions 1…): drafts with the id
 * of a stored question update it, others are added, stored ones left out are removed. A question
 * that has answers keeps its kind and stays (checked again inside the transaction, so an answer
 * arriving meanwhile is not orphaned). Refused once the cycle has a decision.
 */
export async function saveFeedbackQuestions(db: Db, input: Change & { drafts: QuestionDraft[] }): Promise<SaveQuestionsOutcome> {
  return db.$transaction(async (tx) => {
    const cycle = await tx.testCycle.findFirst({ where: { id: input.cycleId, localityId: input.localityId }, select: { decision: true } });
    if (!cycle || cycle.decision !== null) return { ok: false, errors: { form: "feedback.errors.cycleClosed" } };
    const stored = await tx.feedbackQuestion.findMany({
      where: { cycleId: input.cycleId },
      select: { id: true, kind: true, position: true, _count: { select: { answers: true } } },
    });
    const storedIds = new Set(stored.map((q) => q.id));
    // An id that is not one of this cycle's questions is a new question.
    const drafts = input.drafts.map((d) => (d.id && storedIds.has(d.id) ? d : { ...d, id: null }));
    const errors = answeredQuestionErrors(
      drafts,
      stored.map((q) => ({ id: q.id, kind: q.kind, position: q.position, answers: q._count.answers })),
    );
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const kept = new Set(drafts.map((d) => d.id).filter((id): id is string => id !== null));
    await tx.feedbackQuestion.deleteMany({ where: { cycleId: input.cycleId, id: { in: stored.filter((q) => !kept.has(q.id)).map((q) => q.id) } } });
    // Out of the way first, so the new order never meets the (cycleId, position) unique index half-way.
    for (const q of stored.filter((s) => kept.has(s.id))) await tx.feedbackQuestion.update({ where: { id: q.id }, data: { position: q.position + 100 } });
    for (const [index, d] of drafts.entries()) {
      const data = { position: index + 1, kind: d.kind, prompts: JSON.stringify(d.prompts) };
      if (d.id) await tx.feedbackQuestion.update({ where: { id: d.id }, data });
      else await tx.feedbackQuestion.create({ data: { ...data, cycleId: input.cycleId } });
    }
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "feedback.questions",
      targetType: "cycle",
      targetId: input.cycleId,
      detail: { questions: drafts.length },
    });
    return { ok: true };
  });
}

export type LinkOutcome = "done" | "unchanged" | "no-questions" | "decided";

/** Gives a new public code inside `work`, trying again on the (unlikely) clash with another cycle's code. */
async function withFreshCode<T>(work: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(newLinkCode());
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Opens the cycle's public link (making its code the first time). Needs a question and no decision. */
export async function openFeedbackLink(db: Db, input: Change): Promise<LinkOutcome> {
  return withFreshCode((fresh) =>
    db.$transaction(async (tx): Promise<LinkOutcome> => {
      const cycle = await tx.testCycle.findFirst({
        where: { id: input.cycleId, localityId: input.localityId },
        select: { decision: true, feedbackCode: true, feedbackOpen: true, _count: { select: { questions: true } } },
      });
      if (!cycle || cycle.decision !== null) return "decided";
      if (cycle._count.questions === 0) return "no-questions";
      const { count } = await tx.testCycle.updateMany({
        where: { id: input.cycleId, localityId: input.localityId, decision: null, feedbackOpen: false },
        data: { feedbackOpen: true, ...(cycle.feedbackCode ? {} : { feedbackCode: fresh }) },
      });
      if (!count) return "unchanged";
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "feedback.link.open",
        targetType: "cycle",
        targetId: input.cycleId,
      });
      return "done";
    }),
  );
}

/** Closes the cycle's public link (its code is kept: the page then says it is closed). */
export async function closeFeedbackLink(db: Db, input: Change): Promise<LinkOutcome> {
  return db.$transaction(async (tx): Promise<LinkOutcome> => {
    const { count } = await tx.testCycle.updateMany({
      where: { id: input.cycleId, localityId: input.localityId, feedbackOpen: true },
      data: { feedbackOpen: false },
    });
    if (!count) return "unchanged";
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "feedback.link.close",
      targetType: "cycle",
      targetId: input.cycleId,
    });
    return "done";
  });
}

/** Gives the link a new code; the old one stops working at once (404). Not after the cycle's decision. */
export async function replaceFeedbackLink(db: Db, input: Change): Promise<LinkOutcome> {
  return withFreshCode((fresh) =>
    db.$transaction(async (tx): Promise<LinkOutcome> => {
      const { count } = await tx.testCycle.updateMany({
        where: { id: input.cycleId, localityId: input.localityId, decision: null, feedbackCode: { not: null } },
        data: { feedbackCode: fresh },
      });
      if (!count) return "decided";
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "feedback.link.rotate",
        targetType: "cycle",
        targetId: input.cycleId,
      });
      return "done";
    }),
  );
}

// --- the public page ---------------------------------------------------------------------------

/** The cycle behind a public feedback code, with its questions, prototype title and locality name (null: unknown code). */
export function findCycleByFeedbackCode(db: Db, code: string) {
  return db.testCycle.findUnique({
    where: { feedbackCode: code },
    select: {
      id: true,
      localityId: true,
      languages: true,
      decision: true,
      feedbackCode: true,
      feedbackOpen: true,
      prototype: { select: { title: true, locality: { select: { name: true } } } },
      questions: { orderBy: { position: "asc" }, select: { id: true, kind: true, prompts: true } },
    },
  });
}

/** Whether answers with this submission key are already stored for the cycle (a repeated send). */
export async function feedbackSubmissionExists(db: Db, cycleId: string, submissionKey: string): Promise<boolean> {
  return (await db.feedbackAnswer.count({ where: { cycleId, submissionKey } })) > 0;
}

export type NewAnswer = { questionId: string; face: number | null; yes: boolean | null; text: string | null; moderation: string };

/**
 * Stores one submission's answers together; `created` is false when this submission key was
 * already stored (a concurrent repeat that lost the race stores nothing).
 */
export async function storeFeedbackAnswers(
  db: Db,
  input: { cycleId: string; language: string; submissionKey: string; sender: { deviceHash: string; addressHash: string }; answers: NewAnswer[]; now?: Date },
): Promise<{ created: boolean }> {
  const createdAt = input.now ?? new Date();
  try {
    await db.$transaction(async (tx) => {
      for (const a of input.answers) {
        await tx.feedbackAnswer.create({
          data: {
            cycleId: input.cycleId,
            questionId: a.questionId,
            language: input.language,
            face: a.face,
            yes: a.yes,
            text: a.text,
            moderation: a.moderation,
            submissionKey: input.submissionKey,
            deviceHash: input.sender.deviceHash,
            addressHash: input.sender.addressHash,
            createdAt,
          },
        });
      }
    });
    return { created: true };
  } catch (error) {
    if (isUniqueViolation(error) && (await feedbackSubmissionExists(db, input.cycleId, input.submissionKey))) return { created: false };
    throw error;
  }
}

// --- counts and moderation ---------------------------------------------------------------------

/** The cycle's answers grouped by question, language, face, yes/no and moderation state. */
export async function answerGroups(db: Db, cycleId: string): Promise<AnswerGroup[]> {
  const rows = await db.feedbackAnswer.groupBy({
    by: ["questionId", "language", "face", "yes", "moderation"],
    where: { cycleId },
    _count: { _all: true },
  });
  return rows.map((r) => ({ questionId: r.questionId, language: r.language, face: r.face, yes: r.yes, moderation: r.moderation, count: r._count._all }));
}

/** One row per submission with at least one published answer, with its language. */
export async function publishedSubmissions(db: Db, cycleId: string): Promise<{ language: string }[]> {
  const rows = await db.feedbackAnswer.groupBy({ by: ["submissionKey", "language"], where: { cycleId, moderation: "published" } });
  return rows.map((r) => ({ language: r.language }));
}

/** The cycle's sentences in a moderation state, oldest first. */
export function listSentences(db: Db, cycleId: string, moderation: "pending" | "published", take = 300) {
  return db.feedbackAnswer.findMany({
    where: { cycleId, moderation, text: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, questionId: true, language: true, text: true, createdAt: true },
  });
}

/** A sentence of this cycle, to decide on (null: not one of its sentences). */
export function findSentence(db: Db, cycleId: string, answerId: string) {
  return db.feedbackAnswer.findFirst({ where: { id: answerId, cycleId, text: { not: null } }, select: { id: true, text: true, moderation: true } });
}

/**
 * A decision on a sentence, as a conditional update from the state it was seen in: two
 * facilitators deciding at once cannot both succeed. An edit's audit entry never holds the text.
 */
export async function decideSentence(
  db: Db,
  input: Change & { answerId: string; from: string; to: "published" | "rejected"; editedText: string | null },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.feedbackAnswer.updateMany({
      where: { id: input.answerId, cycleId: input.cycleId, moderation: input.from, text: { not: null } },
      data: { moderation: input.to, ...(input.editedText !== null ? { text: input.editedText } : {}) },
    });
    if (!count) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.to === "published" ? "feedback.approve" : "feedback.reject",
      targetType: "feedback",
      targetId: input.answerId,
      detail: { cycleId: input.cycleId, from: input.from, ...(input.editedText !== null ? { edited: true } : {}) },
    });
    return true;
  });
}

/**
 * For the cycle pages: per cycle, how many people answered through its feedback link
 * (submissions with a published answer) and how many sentences wait for review.
 */
export async function feedbackCounts(db: Db, cycleIds: readonly string[]): Promise<Map<string, { people: number; pending: number }>> {
  const out = new Map(cycleIds.map((id) => [id, { people: 0, pending: 0 }]));
  if (cycleIds.length === 0) return out;
  const [people, pending] = await Promise.all([
    db.feedbackAnswer.groupBy({ by: ["cycleId", "submissionKey"], where: { cycleId: { in: [...cycleIds] }, moderation: "published" } }),
    db.feedbackAnswer.groupBy({ by: ["cycleId"], where: { cycleId: { in: [...cycleIds] }, moderation: "pending" }, _count: { _all: true } }),
  ]);
  for (const row of people) out.get(row.cycleId)!.people++;
  for (const row of pending) out.get(row.cycleId)!.pending = row._count._all;
  return out;
}
