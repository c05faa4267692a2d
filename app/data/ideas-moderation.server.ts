/**
 * Idea rows as the moderation queue sees them, and the state changes it makes. Every change is
 * a conditional update on the state the decision starts from (`where: { id, moderation }`), in a
 * transaction with its audit entries, so two facilitators deciding on the same idea at once
 * cannot both succeed: the second finds nothing to update.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import type { ModerationState } from "~/domain/ideas";

const queueFields = {
  id: true,
  challengeId: true,
  source: true,
  moderation: true,
  text: true,
  language: true,
  noteId: true,
  contributorName: true,
  contributorContact: true,
  spamSignals: true,
  createdAt: true,
  photo: { select: { width: true, height: true } },
  _count: { select: { reports: true } },
} as const;

export type QueueIdea = {
  id: string;
  challengeId: string;
  source: string;
  moderation: string;
  text: string;
  language: string;
  noteId: string | null;
  contributorName: string | null;
  contributorContact: string | null;
  spamSignals: string;
  createdAt: Date;
  photo: { width: number; height: number } | null;
  _count: { reports: number };
};

/** A challenge's ideas in one moderation state, oldest first. */
export function listIdeasIn(db: Db, challengeId: string, moderation: ModerationState, take = 200): Promise<QueueIdea[]> {
  return db.idea.findMany({ where: { challengeId, moderation }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take, select: queueFields });
}

/** Ideas another may be merged into: the challenge's pending and published ones (text only). */
export function listMergeTargets(db: Db, challengeId: string, take = 300) {
  return db.idea.findMany({
    where: { challengeId, moderation: { in: ["pending", "published"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, text: true, moderation: true },
  });
}

export function countIdeasIn(db: Db, challengeId: string, moderation: ModerationState): Promise<number> {
  return db.idea.count({ where: { challengeId, moderation } });
}

/** One idea of this locality with what moderating it needs (its challenge's board). */
export function findIdeaToModerate(db: Db, localityId: string, ideaId: string) {
  return db.idea.findFirst({
    where: { id: ideaId, localityId },
    select: { id: true, localityId: true, challengeId: true, moderation: true, text: true, noteId: true, challenge: { select: { id: true, boardId: true } } },
  });
}

/** An idea's photo with the idea's state (who may see it depends on it). */
export function findIdeaPhoto(db: Db, localityId: string, ideaId: string) {
  return db.idea.findFirst({
    where: { id: ideaId, localityId },
    select: { moderation: true, photo: { select: { mimeType: true, bytes: true } } },
  });
}

type Decision = { localityId: string; ideaId: string; actorId: string };

/**
 * Publishes an idea that is in `from` (pending: approve; hidden: restore) with its note's id,
 * the text (when edited for anonymity) and who decided; restoring also clears its reports.
 * Returns false if the idea was not in `from` any more (someone else decided first).
 */
export async function publishIdea(db: Db, input: Decision & { from: "pending" | "hidden"; noteId: string; editedText: string | null }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({
      where: { id: input.ideaId, localityId: input.localityId, moderation: input.from },
      data: {
        moderation: "published",
        noteId: input.noteId,
        moderatedById: input.actorId,
        moderatedAt: new Date(),
        ...(input.editedText !== null ? { text: input.editedText } : {}),
      },
    });
    if (!count) return false;
    const audit = { localityId: input.localityId, actorId: input.actorId, targetType: "idea", targetId: input.ideaId };
    // The edit's audit entry never holds the text: editing for anonymity is about removing it.
    if (input.editedText !== null) await recordAudit(tx, { ...audit, action: "idea.edit" });
    if (input.from === "hidden") {
      await tx.ideaReport.deleteMany({ where: { ideaId: input.ideaId } });
      await recordAudit(tx, { ...audit, action: "idea.restore" });
    } else {
      await recordAudit(tx, { ...audit, action: "idea.approve" });
    }
    return true;
  });
}

/** Replaces a published idea's text (edit for anonymity). False if it is not published any more. */
export async function editPublishedText(db: Db, input: Decision & { text: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({
      where: { id: input.ideaId, localityId: input.localityId, moderation: "published" },
      data: { text: input.text },
    });
    if (count) await recordAudit(tx, { localityId: input.localityId, actorId: input.actorId, action: "idea.edit", targetType: "idea", targetId: input.ideaId });
    return count > 0;
  });
}

/** Marks a pending idea as a duplicate of another (its text stays on the record). False if it was not pending any more. */
export async function mergeIdea(db: Db, input: Decision & { intoId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({
      where: { id: input.ideaId, localityId: input.localityId, moderation: "pending" },
      data: { moderation: "merged", mergedIntoId: input.intoId, noteId: null, moderatedById: input.actorId, moderatedAt: new Date() },
    });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "idea.merge",
        targetType: "idea",
        targetId: input.ideaId,
        detail: { into: input.intoId },
      });
    return count > 0;
  });
}

/** Rejects an idea that is in `from`, with the reason its contributor will read. False if it was not in `from` any more. */
export async function rejectIdea(db: Db, input: Decision & { from: "pending" | "hidden"; reason: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({
      where: { id: input.ideaId, localityId: input.localityId, moderation: input.from },
      data: { moderation: "rejected", rejectionReason: input.reason, noteId: null, moderatedById: input.actorId, moderatedAt: new Date() },
    });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "idea.reject",
        targetType: "idea",
        targetId: input.ideaId,
        detail: { from: input.from },
      });
    return count > 0;
  });
}

/** The idea's state now (after a conditional update found nothing to change). */
export async function moderationStateOf(db: Db, ideaId: string): Promise<string | null> {
  return (await db.idea.findUnique({ where: { id: ideaId }, select: { moderation: true } }))?.moderation ?? null;
}
