/**
 * The insight pages on the server: the list (cards with evidence counts), one insight with its
 * evidence (redacted quotes; a withdrawn source shows as gone), making one from a board's
 * cluster or from the excerpt list, editing and deleting.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { findBoard, listBoards } from "~/data/boards.server";
import { getDb } from "~/data/db.server";
import { kept, oncePerFormLoad, type FormLoad, type Once } from "~/data/form-submissions.server";
import { challengesOfInsight } from "~/data/challenges.server";
import {
  createInsight,
  deleteInsight,
  findInsight,
  listInsights,
  listUsableExcerpts,
  updateInsight,
  type InsightRow,
  type InsightValues,
} from "~/data/insights.server";
import { can } from "~/domain/access/policy";
import {
  countEvidence,
  evidenceFact,
  insightInput,
  type InsightInput,
  isConfidence,
  mayDeleteInsight,
  questionDrafts,
  type Confidence,
  type EvidenceFact,
} from "~/domain/insights";
import { quoteReader, readerExcerpts, type ReaderExcerpt } from "~/use-cases/quote-excerpts.server";
import { readBoard } from "~/use-cases/read-board.server";
import { storyLabels } from "~/use-cases/read-story.server";
import { findUserName } from "~/data/users.server";
import { prototypesFromInsight } from "~/data/prototypes.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

type EvidenceRow = InsightRow["evidence"][number];

/** Whether an evidence row's story was withdrawn (or, which withdrawal also does, lost its consent). */
function withdrawn(row: EvidenceRow): boolean {
  return row.story.withdrawnAt !== null || (row.excerpt !== null && row.excerpt.story.consent === null);
}

/** Whether an evidence row's source is gone: its story withdrawn, or its excerpt deleted by a coder. */
function gone(row: EvidenceRow): boolean {
  return row.excerpt === null || withdrawn(row);
}

function evidenceFacts(rows: readonly EvidenceRow[]): EvidenceFact[] {
  return rows.map((r) =>
    evidenceFact({
      excerptId: r.excerpt === null ? null : r.excerptId,
      storyId: r.storyId,
      storyWithdrawn: r.story.withdrawnAt !== null,
      storyConsented: r.excerpt !== null && r.excerpt.story.consent !== null,
      pseudonym: r.story.storytellerPseudonym,
    }),
  );
}

/** An insight without its evidence's content: what the list, the report and the export share. */
export function insightSummary(row: InsightRow) {
  return {
    id: row.id,
    statement: row.statement,
    confidence: (isConfidence(row.confidence) ? row.confidence : "medium") as Confidence,
    questions: row.questions.map((q) => ({ id: q.id, text: q.text })),
    counts: countEvidence(evidenceFacts(row.evidence)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The live excerpts behind an insight (as rows), in evidence order. */
export function liveEvidence(row: InsightRow) {
  return row.evidence.filter((e) => !gone(e)).map((e) => e.excerpt!);
}

export async function loadInsightList(access: LocalityAccess) {
  const rows = await listInsights(await getDb(), access.locality.id);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    insights: rows.map(insightSummary),
    may: { edit: can(access.role, "insights.edit"), export: can(access.role, "reports.export") },
  };
}

async function requireInsight(access: LocalityAccess, rawId: string | undefined): Promise<InsightRow> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const row = await findInsight(await getDb(), access.locality.id, rawId);
  if (!row) throw notFound();
  return row;
}

/** One insight, its questions, and each piece of evidence: a redacted excerpt, or gone (withdrawn, or removed by a coder). */
export async function loadInsight(access: LocalityAccess, rawId: string | undefined, locale: string) {
  const db = await getDb();
  const row = await requireInsight(access, rawId);
  const quote = quoteReader(db, locale);
  const labels = storyLabels(db, locale, quote.identifiers);
  const evidence: Array<{ id: string; gone: "withdrawn" | "removed" } | { id: string; gone: null; excerpt: ReaderExcerpt }> = [];
  for (const e of row.evidence) {
    if (withdrawn(e)) evidence.push({ id: e.id, gone: "withdrawn" });
    else if (gone(e)) evidence.push({ id: e.id, gone: "removed" });
    else evidence.push({ id: e.id, gone: null, excerpt: (await readerExcerpts([e.excerpt!], quote, labels))[0]! });
  }
  const author = row.createdById ? await findUserName(db, row.createdById) : null;
  let board: { id: string; title: string } | null = null;
  if (row.boardId) {
    const found = await findBoard(db, access.locality.id, row.boardId);
    board = found ? { id: found.id, title: found.title } : null;
  }
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    insight: insightSummary(row),
    author: author?.name ?? null,
    board,
    evidence,
    may: { edit: can(access.role, "insights.edit"), delete: mayDeleteInsight(access.role, access.user.id, row) },
  };
}

/**
 * The new-insight page: boards to pick; a picked board's clusters (with how many excerpt notes
 * each holds); then the form, its evidence the excerpts the cluster's notes link to (all ticked).
 * Without a board, the evidence is chosen from all the locality's excerpts.
 */
export async function loadNewInsight(access: LocalityAccess, url: URL, locale: string) {
  const db = await getDb();
  const localityId = access.locality.id;
  const rawBoard = url.searchParams.get("board");
  const rawCluster = url.searchParams.get("cluster");
  const boards = (await listBoards(db, localityId)).sort((a, b) => Number(b.purpose === "analysis") - Number(a.purpose === "analysis"));
  const quote = quoteReader(db, locale);
  const labels = storyLabels(db, locale, quote.identifiers);
  const base = {
    locality: { id: localityId, name: access.locality.name },
    boards: boards.map((b) => ({ id: b.id, title: b.title, purpose: b.purpose })),
  };
  if (!rawBoard) {
    const excerpts = await readerExcerpts(await listUsableExcerpts(db, localityId), quote, labels);
    return { ...base, board: null, clusters: [], cluster: null, excerpts, chosen: [] as string[] };
  }
  if (!ID.test(rawBoard)) throw notFound();
  const board = await findBoard(db, localityId, rawBoard);
  if (!board) throw notFound();
  const content = await readBoard({ localityId, boardId: board.id });
  const linked = (clusterId: string) => content.notes.filter((n) => n.clusterId === clusterId && n.link?.type === "excerpt").map((n) => n.link!.id);
  const clusters = content.clusters.map((c) => ({ id: c.id, name: c.name, excerpts: linked(c.id).length }));
  if (!rawCluster) return { ...base, board: { id: board.id, title: board.title }, clusters, cluster: null, excerpts: [], chosen: [] as string[] };
  const cluster = clusters.find((c) => c.id === rawCluster);
  if (!cluster) throw notFound();
  const ids = [...new Set(linked(cluster.id))].filter((id) => ID.test(id));
  const excerpts = await readerExcerpts(await listUsableExcerpts(db, localityId, { ids }), quote, labels);
  return { ...base, board: { id: board.id, title: board.title }, clusters, cluster, excerpts, chosen: excerpts.map((e) => e.id) };
}

export type InsightFormOutcome = { ok: true; insightId: string } | { ok: false; reply: SubmissionResult<string[]> };

/** Parses the insight form; evidence must be usable excerpts of the locality (a withdrawn one is a field message). */
async function parseInsightForm(
  access: LocalityAccess,
  form: FormData,
): Promise<{ reply: SubmissionResult<string[]> } | { value: InsightInput; values: InsightValues }> {
  const submission = parseWithZod(form, { schema: insightInput });
  if (submission.status !== "success") return { reply: submission.reply() };
  const ids = [...new Set(submission.value.evidence)];
  const excerpts = await listUsableExcerpts(await getDb(), access.locality.id, { ids });
  if (excerpts.length !== ids.length) {
    return { reply: submission.reply({ fieldErrors: { evidence: ["insights.errors.evidenceGone"] } }) };
  }
  return {
    value: submission.value,
    values: {
      statement: submission.value.statement,
      confidence: submission.value.confidence,
      questions: questionDrafts(submission.value),
      evidence: excerpts.map((e) => ({ excerptId: e.id, storyId: e.storyId })),
    },
  };
}

/** Records an insight, once per form load: a double submit records one, and every copy is sent to it. */
export async function createInsightFromForm(access: LocalityAccess, form: FormData, load: FormLoad): Promise<InsightFormOutcome> {
  const db = await getDb();
  return oncePerFormLoad(db, load, async (): Promise<Once<InsightFormOutcome>> => {
    const parsed = await parseInsightForm(access, form);
    if ("reply" in parsed) return { kept: false, value: { ok: false, reply: parsed.reply } };
    const boardId = parsed.value.boardId ? ((await findBoard(db, access.locality.id, parsed.value.boardId))?.id ?? null) : null;
    const insight = await createInsight(db, {
      localityId: access.locality.id,
      actorId: access.user.id,
      values: parsed.values,
      boardId,
      clusterId: boardId ? (parsed.value.clusterId ?? null) : null,
    });
    return kept({ ok: true, insightId: insight.id });
  });
}

/** The edit page: the insight as the form's defaults, its live evidence ticked, other excerpts to add. */
export async function loadInsightEdit(access: LocalityAccess, rawId: string | undefined, locale: string) {
  const db = await getDb();
  const row = await requireInsight(access, rawId);
  const quote = quoteReader(db, locale);
  const excerpts = await readerExcerpts(await listUsableExcerpts(db, access.locality.id), quote, storyLabels(db, locale, quote.identifiers));
  const chosen = new Set(row.evidence.filter((e) => !gone(e)).map((e) => e.excerptId!));
  const insight = insightSummary(row);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    insight,
    defaults: {
      statement: row.statement,
      confidence: insight.confidence,
      questions: row.questions.map((q) => q.text),
      questionIds: row.questions.map((q) => q.id),
      evidence: [...chosen],
    },
    // Chosen first, then the rest, each in story order.
    excerpts: [...excerpts.filter((e) => chosen.has(e.id)), ...excerpts.filter((e) => !chosen.has(e.id))],
    withdrawn: insight.counts.withdrawn,
    may: { delete: mayDeleteInsight(access.role, access.user.id, row) },
  };
}

export async function updateInsightFromForm(access: LocalityAccess, rawId: string | undefined, form: FormData): Promise<InsightFormOutcome> {
  const row = await requireInsight(access, rawId);
  const parsed = await parseInsightForm(access, form);
  if ("reply" in parsed) return { ok: false, reply: parsed.reply };
  const done = await updateInsight(await getDb(), { localityId: access.locality.id, insightId: row.id, actorId: access.user.id, values: parsed.values });
  if (!done) throw notFound();
  return { ok: true, insightId: row.id };
}

export async function deleteInsightAs(access: LocalityAccess, rawId: string | undefined): Promise<void> {
  const row = await requireInsight(access, rawId);
  if (!mayDeleteInsight(access.role, access.user.id, row)) throw forbidden();
  await deleteInsight(await getDb(), { localityId: access.locality.id, insightId: row.id, actorId: access.user.id });
}

/** Which of an insight's questions are open as challenges (question id → challenge id), for the insight page. */
export async function challengesByQuestion(access: LocalityAccess, insightId: string | undefined): Promise<Record<string, string>> {
  if (!insightId || !ID.test(insightId)) return {};
  const rows = await challengesOfInsight(await getDb(), access.locality.id, insightId);
  const byQuestion: Record<string, string> = {};
  for (const r of rows) if (r.questionId && !byQuestion[r.questionId]) byQuestion[r.questionId] = r.id;
  return byQuestion;
}

/** The prototypes that came from an insight (Stage 4's evidence chain, the other way), for the insight page. */
export async function prototypesOfInsight(access: LocalityAccess, insightId: string | undefined) {
  if (!insightId || !ID.test(insightId)) return [];
  return prototypesFromInsight(await getDb(), access.locality.id, insightId);
}
