/**
 * Insights and the excerpts they are made from, in the database. Excerpts are read here only as
 * synthesis needs them (their quotes are unredacted: callers redact before anything leaves the
 * server); stories are usable only while consented and not withdrawn.
 */
import { countedStory } from "./coding.server";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { planQuestions, type Confidence, type QuestionDraft } from "~/domain/insights";

const excerptFields = {
  id: true,
  storyId: true,
  start: true,
  end: true,
  quote: true,
  anchored: true,
  createdAt: true,
  story: { select: { id: true, localityId: true, title: true, storytellerPseudonym: true, documentId: true, consent: { select: { scope: true } } } },
  codes: { select: { code: { select: { id: true, name: true } } } },
} satisfies Prisma.ExcerptSelect;

export type ExcerptRow = {
  id: string;
  storyId: string;
  start: number;
  end: number;
  quote: string;
  anchored: boolean;
  createdAt: Date;
  story: { id: string; localityId: string; title: string; storytellerPseudonym: string; documentId: string | null; consent: { scope: string } | null };
  codes: { code: { id: string; name: string } }[];
};

/** The excerpts of a locality's usable stories, optionally of one code and/or one story, in story order. */
export function listUsableExcerpts(
  db: Db,
  localityId: string,
  filter: { codeId?: string | null; storyId?: string | null; ids?: readonly string[] } = {},
): Promise<ExcerptRow[]> {
  return db.excerpt.findMany({
    where: {
      localityId,
      story: countedStory(localityId),
      ...(filter.storyId ? { storyId: filter.storyId } : {}),
      ...(filter.codeId ? { codes: { some: { codeId: filter.codeId } } } : {}),
      ...(filter.ids ? { id: { in: [...filter.ids] } } : {}),
    },
    orderBy: [{ story: { createdAt: "asc" } }, { storyId: "asc" }, { start: "asc" }, { id: "asc" }],
    select: excerptFields,
  });
}

/** The locality's codes by name (the codebook's order, which note colours follow). */
export function listCodebook(db: Db, localityId: string) {
  return db.code.findMany({ where: { localityId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

/** The locality's usable stories that have excerpts (for the "by story" filter). */
export function listStoriesWithExcerpts(db: Db, localityId: string) {
  return db.story.findMany({
    where: { ...countedStory(localityId), excerpts: { some: {} } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, storytellerPseudonym: true },
  });
}

// ---------------------------------------------------------------------------------------------

const insightFields = {
  id: true,
  localityId: true,
  statement: true,
  confidence: true,
  boardId: true,
  clusterId: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  questions: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, text: true, position: true } },
  evidence: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      excerptId: true,
      storyId: true,
      story: { select: { withdrawnAt: true, storytellerPseudonym: true } },
      excerpt: { select: excerptFields },
    },
  },
} satisfies Prisma.InsightSelect;

export type InsightRow = NonNullable<Awaited<ReturnType<typeof findInsight>>>;

export function listInsights(db: Db, localityId: string) {
  return db.insight.findMany({ where: { localityId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: insightFields });
}

/** Insights of this locality by id, each with the excerpt ids of its evidence in evidence order (what an evidence chain needs, in one read). */
export function listInsightEvidence(db: Db, localityId: string, ids: readonly string[]) {
  return db.insight.findMany({
    where: { id: { in: [...ids] }, localityId },
    select: { id: true, statement: true, evidence: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { excerptId: true } } },
  });
}

/** One insight of this locality, or null (another locality's is not found either). */
export function findInsight(db: Db, localityId: string, insightId: string) {
  return db.insight.findFirst({ where: { id: insightId, localityId }, select: insightFields });
}

export type InsightValues = {
  statement: string;
  confidence: Confidence;
  questions: QuestionDraft[];
  /** Usable excerpts of the locality (checked by the caller), with their stories. */
  evidence: { excerptId: string; storyId: string }[];
};

export async function createInsight(
  db: Db,
  input: { localityId: string; actorId: string; values: InsightValues; boardId: string | null; clusterId: string | null },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const insight = await tx.insight.create({
      data: {
        localityId: input.localityId,
        statement: input.values.statement,
        confidence: input.values.confidence,
        boardId: input.boardId,
        clusterId: input.clusterId,
        createdById: input.actorId,
        questions: { create: input.values.questions.map((q, position) => ({ text: q.text, position })) },
        evidence: { create: input.values.evidence.map((e) => ({ excerptId: e.excerptId, storyId: e.storyId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "insight.create",
      targetType: "insight",
      targetId: insight.id,
      detail: { questions: input.values.questions.length, evidence: input.values.evidence.length, confidence: input.values.confidence },
    });
    return insight;
  });
}

/**
 * Changes an insight: statement and confidence; questions through `planQuestions` (ids kept);
 * evidence by excerpt id — rows of excerpts still chosen stay as they are, new ones are added,
 * unchosen live ones removed. Rows whose source is gone (withdrawn) are kept as the record of it.
 */
export async function updateInsight(db: Db, input: { localityId: string; insightId: string; actorId: string; values: InsightValues }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const current = await tx.insight.findFirst({
      where: { id: input.insightId, localityId: input.localityId },
      select: { id: true, questions: { select: { id: true, text: true, position: true } }, evidence: { select: { id: true, excerptId: true } } },
    });
    if (!current) return false;
    await tx.insight.update({ where: { id: current.id }, data: { statement: input.values.statement, confidence: input.values.confidence } });

    const plan = planQuestions(current.questions, input.values.questions);
    if (plan.remove.length) await tx.insightQuestion.deleteMany({ where: { insightId: current.id, id: { in: plan.remove } } });
    for (const q of plan.keep) await tx.insightQuestion.update({ where: { id: q.id }, data: { text: q.text, position: q.position } });
    for (const q of plan.create) await tx.insightQuestion.create({ data: { insightId: current.id, text: q.text, position: q.position } });

    const chosen = new Set(input.values.evidence.map((e) => e.excerptId));
    const had = new Set(current.evidence.flatMap((e) => (e.excerptId ? [e.excerptId] : [])));
    const drop = current.evidence.filter((e) => e.excerptId !== null && !chosen.has(e.excerptId)).map((e) => e.id);
    if (drop.length) await tx.insightEvidence.deleteMany({ where: { id: { in: drop } } });
    const add = input.values.evidence.filter((e) => !had.has(e.excerptId));
    for (const e of add) await tx.insightEvidence.create({ data: { insightId: current.id, excerptId: e.excerptId, storyId: e.storyId } });

    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "insight.update",
      targetType: "insight",
      targetId: current.id,
      detail: { questions: input.values.questions.length, evidenceAdded: add.length, evidenceRemoved: drop.length, confidence: input.values.confidence },
    });
    return true;
  });
}

export async function deleteInsight(db: Db, input: { localityId: string; insightId: string; actorId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.insight.deleteMany({ where: { id: input.insightId, localityId: input.localityId } });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "insight.delete",
        targetType: "insight",
        targetId: input.insightId,
      });
    return count > 0;
  });
}

/** A locality's insights' statements, oldest first (for choosing which an idea answers). */
export function listInsightStatements(db: Db, localityId: string) {
  return db.insight.findMany({ where: { localityId }, orderBy: { createdAt: "asc" }, select: { id: true, statement: true } });
}

/** How many of these ids are insights of the locality. */
export function countInsightsIn(db: Db, localityId: string, ids: readonly string[]): Promise<number> {
  return db.insight.count({ where: { id: { in: [...ids] }, localityId } });
}
