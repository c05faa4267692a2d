/**
 * Idea records in the database: what the board sync writes, what the idea list and the idea page
 * read, and the members' and facilitators' changes (details, translations, comments, reports,
 * status), each audited where the audit log lists it. Every query is scoped to a locality.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import type { IdeaStatus } from "~/domain/ideas";
import type { BoardIdeaFacts } from "~/domain/board-ideas";
import { isUniqueViolation } from "./unique-violation.server";

// --- the board sync ------------------------------------------------------------------------

/** The board-sourced records of a challenge that are (or were last) on its board. */
export async function listBoardIdeasForSync(db: Db, challengeId: string): Promise<BoardIdeaFacts[]> {
  const rows = await db.idea.findMany({
    where: { challengeId, source: "board", noteId: { not: null } },
    select: { id: true, noteId: true, text: true, title: true, language: true, moderation: true, translations: { select: { language: true } } },
  });
  return rows.map((r) => ({ ...r, noteId: r.noteId!, translationLanguages: r.translations.map((t) => t.language) }));
}

/** Creates a published board idea for a note; false when it exists already (another run made it). */
export async function createBoardIdea(
  db: Db,
  input: { localityId: string; challengeId: string; noteId: string; title: string; text: string; language: string; createdById: string | null },
): Promise<boolean> {
  try {
    await db.idea.create({ data: { ...input, source: "board", moderation: "published", status: "new" } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** A published board idea follows its note's text (and its automatic title and guessed language). */
export async function updateBoardIdeaText(db: Db, input: { id: string; noteId: string; title: string; text: string; language: string }): Promise<boolean> {
  const { count } = await db.idea.updateMany({
    where: { id: input.id, noteId: input.noteId, source: "board", moderation: "published" },
    data: { title: input.title, text: input.text, language: input.language },
  });
  return count > 0;
}

/** Points a record at the linked note that now shows it (placed again after a restore). */
export async function relinkBoardIdea(db: Db, input: { id: string; noteId: string }): Promise<boolean> {
  try {
    const { count } = await db.idea.updateMany({ where: { id: input.id }, data: { noteId: input.noteId } });
    return count > 0;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * The note left the board. Nobody engaged with the idea (still new, no details, comments,
 * translations, reports, insights or prototype): the record goes. Otherwise it stays, off the
 * board (noteId null). One conditional statement each, so a comment arriving at the same moment
 * keeps the record.
 */
export async function deleteOrDetachBoardIdea(db: Db, input: { id: string; noteId: string }): Promise<"deleted" | "detached" | "none"> {
  const { count: deleted } = await db.idea.deleteMany({
    where: {
      id: input.id,
      noteId: input.noteId,
      source: "board",
      moderation: "published",
      status: "new",
      description: "",
      whoWouldUse: "",
      whoCouldDeliver: "",
      comments: { none: {} },
      translations: { none: {} },
      reports: { none: {} },
      insights: { none: {} },
      prototype: { is: null },
    },
  });
  if (deleted > 0) return "deleted";
  const { count } = await db.idea.updateMany({ where: { id: input.id, noteId: input.noteId }, data: { noteId: null } });
  return count > 0 ? "detached" : "none";
}

// --- reading -------------------------------------------------------------------------------

const challengeFields = {
  id: true,
  question: true,
  boardId: true,
  languages: true,
  insightId: true,
  insight: { select: { id: true, statement: true } },
} as const;

/** Published ideas of the locality (newest first), optionally of one challenge and one status. */
export function listPublishedIdeas(db: Db, localityId: string, filter: { challengeId: string | null; status: IdeaStatus | null }) {
  return db.idea.findMany({
    where: {
      localityId,
      moderation: "published",
      ...(filter.challengeId ? { challengeId: filter.challengeId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 1000,
    include: {
      translations: { orderBy: { language: "asc" } },
      challenge: { select: challengeFields },
      photo: { select: { id: true } },
      _count: { select: { comments: true } },
    },
  });
}

export type ListedIdea = Awaited<ReturnType<typeof listPublishedIdeas>>[number];

/** One idea of the locality with everything its page shows. */
export function findIdeaRecord(db: Db, localityId: string, ideaId: string) {
  return db.idea.findFirst({
    where: { id: ideaId, localityId },
    include: {
      translations: { orderBy: { language: "asc" } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      insights: { include: { insight: { select: { id: true, statement: true } } } },
      challenge: { select: challengeFields },
      photo: { select: { id: true } },
      prototype: { select: { id: true, title: true, status: true } },
      _count: { select: { reports: true } },
    },
  });
}

export type IdeaRecordRow = NonNullable<Awaited<ReturnType<typeof findIdeaRecord>>>;

/** Titles of a challenge's published ideas by their note id (for "builds on"). */
export async function ideaTitlesByNote(
  db: Db,
  challengeIds: readonly string[],
  noteIds: readonly string[],
): Promise<Map<string, { id: string; title: string; challengeId: string }>> {
  if (noteIds.length === 0) return new Map();
  const rows = await db.idea.findMany({
    where: { challengeId: { in: [...challengeIds] }, noteId: { in: [...noteIds] }, moderation: "published" },
    select: { id: true, title: true, noteId: true, challengeId: true },
  });
  return new Map(rows.map((r) => [`${r.challengeId}:${r.noteId}`, { id: r.id, title: r.title, challengeId: r.challengeId }]));
}

/** The audit actions that tell an idea's story (approval, status, promotion, hiding, review). */
const HISTORY_ACTIONS = ["idea.approve", "idea.status", "idea.promote", "idea.hide", "idea.restore", "idea.merge", "idea.reject"];

/** The status story of an idea, from the audit log (oldest first). */
export function ideaHistory(db: Db, localityId: string, ideaId: string) {
  return db.auditEntry.findMany({
    where: { localityId, targetType: "idea", targetId: ideaId, action: { in: HISTORY_ACTIONS } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: { id: true, action: true, detail: true, createdAt: true, actor: { select: { name: true } } },
  });
}

/** The names of users by id (authors of board notes, who are members of the locality). */
export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => typeof i === "string" && i.length > 0 && i.length <= 64))];
  if (wanted.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

// --- members' changes ----------------------------------------------------------------------

export type DetailValues = { title: string; description: string; whoWouldUse: string; whoCouldDeliver: string; insightIds: string[] };

/** Saves an idea's details and the insights it answers; audited without content. */
export async function updateIdeaDetails(db: Db, input: { localityId: string; ideaId: string; actorId: string; values: DetailValues }): Promise<void> {
  const { insightIds, ...fields } = input.values;
  await db.$transaction(async (tx) => {
    const before = await tx.idea.findUniqueOrThrow({
      where: { id: input.ideaId },
      select: { title: true, description: true, whoWouldUse: true, whoCouldDeliver: true, insights: { select: { insightId: true } } },
    });
    await tx.idea.update({ where: { id: input.ideaId }, data: fields });
    await tx.ideaInsight.deleteMany({ where: { ideaId: input.ideaId } });
    for (const insightId of insightIds) await tx.ideaInsight.create({ data: { ideaId: input.ideaId, insightId } });
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== fields[k]);
    const oldInsights = before.insights
      .map((i) => i.insightId)
      .sort()
      .join(",");
    if (oldInsights !== [...insightIds].sort().join(",")) changed.push("insights" as never);
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "idea.edit",
      targetType: "idea",
      targetId: input.ideaId,
      detail: { fields: changed },
    });
  });
}

/** Adds or replaces the translation into one language (one per language). */
export async function upsertTranslation(
  db: Db,
  input: { ideaId: string; language: string; text: string; translatorId: string; translatorName: string },
): Promise<void> {
  const { ideaId, language, ...rest } = input;
  await db.ideaTranslation.upsert({
    where: { ideaId_language: { ideaId, language } },
    create: { ideaId, language, ...rest },
    update: rest,
  });
}

export function findTranslation(db: Db, ideaId: string, translationId: string) {
  return db.ideaTranslation.findFirst({ where: { id: translationId, ideaId } });
}

export async function removeTranslation(db: Db, translationId: string): Promise<void> {
  await db.ideaTranslation.deleteMany({ where: { id: translationId } });
}

export async function addComment(db: Db, input: { ideaId: string; authorId: string; authorName: string; body: string }): Promise<void> {
  await db.ideaComment.create({ data: input });
}

export function findComment(db: Db, ideaId: string, commentId: string) {
  return db.ideaComment.findFirst({ where: { id: commentId, ideaId } });
}

export async function deleteComment(db: Db, commentId: string): Promise<void> {
  await db.ideaComment.deleteMany({ where: { id: commentId } });
}

/**
 * A member's report. Stored on its own (committed before counting, so of three reports arriving
 * at once the last to count sees all three); returns how many distinct members have reported
 * since a facilitator last decided on the idea (moderatedAt: approved, or restored after review),
 * or "already" when this member had reported it.
 */
export async function addReport(db: Db, input: { ideaId: string; reporterId: string; reason: string }): Promise<{ reports: number } | "already"> {
  try {
    await db.ideaReport.create({ data: input });
  } catch (error) {
    if (isUniqueViolation(error)) return "already";
    throw error;
  }
  // Reports made before a facilitator's last decision on it (a restore after review) are settled.
  const idea = await db.idea.findUnique({ where: { id: input.ideaId }, select: { moderatedAt: true } });
  const since = idea?.moderatedAt ?? null;
  return { reports: await db.ideaReport.count({ where: { ideaId: input.ideaId, ...(since ? { createdAt: { gte: since } } : {}) } }) };
}

/**
 * Hides a published idea after enough reports, once: a conditional update, so of several
 * reporters crossing the line together exactly one hides it (and the audit has one entry).
 * The actor is the member whose report crossed the line.
 */
export async function hideAfterReports(db: Db, input: { localityId: string; ideaId: string; reporterId: string; reports: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({ where: { id: input.ideaId, moderation: "published" }, data: { moderation: "hidden" } });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.reporterId,
      action: "idea.hide",
      targetType: "idea",
      targetId: input.ideaId,
      detail: { reports: input.reports },
    });
    return true;
  });
}

/** Changes an idea's status if it is still `from` (two facilitators at once: the first wins). */
export async function changeIdeaStatus(
  db: Db,
  input: { localityId: string; ideaId: string; actorId: string; from: IdeaStatus; to: IdeaStatus },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({ where: { id: input.ideaId, status: input.from }, data: { status: input.to } });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "idea.status",
      targetType: "idea",
      targetId: input.ideaId,
      detail: { from: input.from, to: input.to },
    });
    return true;
  });
}

/** How many times this person reported this idea (0 or 1). */
export function countReportsBy(db: Db, ideaId: string, reporterId: string): Promise<number> {
  return db.ideaReport.count({ where: { ideaId, reporterId } });
}
