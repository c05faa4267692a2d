/**
 * Challenge rows: opening one (its board, the row with a fresh public link code, the audit
 * entries — one transaction), listing them with their idea counts, the insights' questions not
 * yet opened, and the facilitator's changes (closing date, languages, the link closed, reopened
 * or rotated), each audited.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { newLinkCode } from "~/domain/ideas";
import { boardTitleFor } from "~/domain/challenges";

const challengeFields = {
  id: true,
  localityId: true,
  question: true,
  insightId: true,
  questionId: true,
  boardId: true,
  languages: true,
  closesAt: true,
  linkCode: true,
  linkOpen: true,
  createdAt: true,
  insight: { select: { id: true, statement: true } },
  board: { select: { id: true, title: true, archivedAt: true } },
} as const;

export type ChallengeRow = {
  id: string;
  localityId: string;
  question: string;
  insightId: string | null;
  questionId: string | null;
  boardId: string;
  languages: string;
  closesAt: Date | null;
  linkCode: string;
  linkOpen: boolean;
  createdAt: Date;
  insight: { id: string; statement: string } | null;
  board: { id: string; title: string; archivedAt: Date | null };
};

/** A locality's challenges, newest first. */
export function listChallenges(db: Db, localityId: string): Promise<ChallengeRow[]> {
  return db.challenge.findMany({ where: { localityId }, orderBy: { createdAt: "desc" }, select: challengeFields });
}

/** One challenge of this locality, or null (another locality's is not found either). */
export function findChallenge(db: Db, localityId: string, challengeId: string): Promise<ChallengeRow | null> {
  return db.challenge.findFirst({ where: { id: challengeId, localityId }, select: challengeFields });
}

export type IdeaCounts = { published: number; pending: number; hidden: number };

/** How many ideas each challenge has on its board, waiting in its queue, and hidden after reports. */
export async function ideaCounts(db: Db, challengeIds: readonly string[]): Promise<Map<string, IdeaCounts>> {
  const counts = new Map<string, IdeaCounts>(challengeIds.map((id) => [id, { published: 0, pending: 0, hidden: 0 }]));
  if (!challengeIds.length) return counts;
  const rows = await db.idea.groupBy({
    by: ["challengeId", "moderation"],
    where: { challengeId: { in: [...challengeIds] }, moderation: { in: ["published", "pending", "hidden"] } },
    _count: { _all: true },
  });
  for (const row of rows) {
    const entry = counts.get(row.challengeId);
    if (entry) entry[row.moderation as keyof IdeaCounts] = row._count._all;
  }
  return counts;
}

export type QuestionRow = { id: string; text: string; position: number; insight: { id: string; statement: string } };

/** The insights' "How might we…?" questions not opened as a challenge yet, newest insight first. */
export function listUnopenedQuestions(db: Db, localityId: string): Promise<QuestionRow[]> {
  return db.insightQuestion.findMany({
    where: { insight: { localityId }, challenges: { none: {} } },
    orderBy: [{ insight: { createdAt: "desc" } }, { position: "asc" }],
    select: { id: true, text: true, position: true, insight: { select: { id: true, statement: true } } },
  });
}

/** One question of one of this locality's insights, with whether it is already open as a challenge. */
export function findQuestion(db: Db, localityId: string, questionId: string) {
  return db.insightQuestion.findFirst({
    where: { id: questionId, insight: { localityId } },
    select: { id: true, text: true, insight: { select: { id: true, statement: true } }, challenges: { select: { id: true }, take: 1 } },
  });
}

/** The challenges opened from an insight's questions (for the insight page). */
export function challengesOfInsight(db: Db, localityId: string, insightId: string): Promise<Array<{ id: string; questionId: string | null }>> {
  return db.challenge.findMany({ where: { localityId, insightId }, select: { id: true, questionId: true }, orderBy: { createdAt: "asc" } });
}

export type OpenChallenge = {
  localityId: string;
  actorId: string;
  question: string;
  closesAt: Date | null;
  languages: string;
  insightId: string | null;
  questionId: string | null;
};

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Opens a challenge: its board (purpose "ideas", titled after the question), the challenge row
 * with a fresh link code, and the audit entries, all in one transaction. A clash of link codes
 * (about one in a trillion) is tried again with another code.
 */
export async function createChallenge(db: Db, input: OpenChallenge): Promise<{ id: string; boardId: string; linkCode: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const title = boardTitleFor(input.question);
        const board = await tx.board.create({
          data: { localityId: input.localityId, title, purpose: "ideas", createdById: input.actorId },
          select: { id: true },
        });
        await recordAudit(tx, {
          localityId: input.localityId,
          actorId: input.actorId,
          action: "board.create",
          targetType: "board",
          targetId: board.id,
          detail: { title },
        });
        const challenge = await tx.challenge.create({
          data: {
            localityId: input.localityId,
            question: input.question,
            insightId: input.insightId,
            questionId: input.questionId,
            boardId: board.id,
            languages: input.languages,
            closesAt: input.closesAt,
            linkCode: newLinkCode(),
            createdById: input.actorId,
          },
          select: { id: true, boardId: true, linkCode: true },
        });
        await recordAudit(tx, {
          localityId: input.localityId,
          actorId: input.actorId,
          action: "challenge.open",
          targetType: "challenge",
          targetId: challenge.id,
          detail: { insightId: input.insightId, questionId: input.questionId },
        });
        return challenge;
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

type Change = { localityId: string; challengeId: string; actorId: string };

/** Changes the closing date and languages; false if there is no such challenge in the locality. */
export async function updateChallengeSettings(db: Db, input: Change & { closesAt: Date | null; languages: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.challenge.updateMany({
      where: { id: input.challengeId, localityId: input.localityId },
      data: { closesAt: input.closesAt, languages: input.languages },
    });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "challenge.update",
        targetType: "challenge",
        targetId: input.challengeId,
        detail: { closesAt: input.closesAt?.toISOString() ?? null, languages: input.languages },
      });
    return count > 0;
  });
}

/** Closes or reopens the public link; audited only when it changed. Returns whether it changed. */
export async function setLinkOpen(db: Db, input: Change & { open: boolean }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.challenge.updateMany({
      where: { id: input.challengeId, localityId: input.localityId, linkOpen: !input.open },
      data: { linkOpen: input.open },
    });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: input.open ? "challenge.link.reopen" : "challenge.link.close",
        targetType: "challenge",
        targetId: input.challengeId,
      });
    return count > 0;
  });
}

/** Gives the challenge a new link code; the old one stops working at once. Returns the new code, or null. */
export async function rotateLink(db: Db, input: Change): Promise<string | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const code = newLinkCode();
        const { count } = await tx.challenge.updateMany({ where: { id: input.challengeId, localityId: input.localityId }, data: { linkCode: code } });
        if (!count) return null;
        await recordAudit(tx, {
          localityId: input.localityId,
          actorId: input.actorId,
          action: "challenge.link.rotate",
          targetType: "challenge",
          targetId: input.challengeId,
        });
        return code;
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** A challenge's public link: its code, whether it is open, its languages and closing date. */
export function findChallengeLink(db: Db, localityId: string, challengeId: string) {
  return db.challenge.findFirst({
    where: { id: challengeId, localityId },
    select: { id: true, question: true, languages: true, linkCode: true, linkOpen: true, closesAt: true },
  });
}

/** A locality's challenges for filters: question and board, newest first. */
export function listChallengeChoices(db: Db, localityId: string) {
  return db.challenge.findMany({ where: { localityId }, orderBy: { createdAt: "desc" }, select: { id: true, question: true, boardId: true } });
}

/** The challenge a board belongs to, if any. */
export function findChallengeOfBoard(db: Db, boardId: string) {
  return db.challenge.findUnique({ where: { boardId }, select: { id: true, localityId: true, languages: true } });
}
