/**
 * Phone contributors' contact details (an idea's `contributorName` and `contributorContact`, given
 * to hear back): the ideas that still hold them, with what says when their challenge closed, and
 * clearing them with one activity-log entry per locality (how many; never the details).
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";

/** Ideas that still hold a contributor's name or contact, with their challenge's closing facts. */
export async function ideasHoldingContact(db: Db) {
  const ideas = await db.idea.findMany({
    where: { OR: [{ contributorName: { not: null } }, { contributorContact: { not: null } }] },
    select: { id: true, localityId: true, challenge: { select: { id: true, closesAt: true, linkOpen: true, updatedAt: true } } },
  });
  const closedLinks = [...new Set(ideas.filter((i) => !i.challenge.linkOpen).map((i) => i.challenge.id))];
  // When a link was closed by hand: the latest `challenge.link.close` entry (else the row's last change).
  const closings = closedLinks.length
    ? await db.auditEntry.findMany({
        where: { action: "challenge.link.close", targetId: { in: closedLinks } },
        select: { targetId: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const closedAt = new Map<string, Date>();
  for (const c of closings) closedAt.set(c.targetId, c.createdAt);
  return ideas.map((i) => ({
    id: i.id,
    localityId: i.localityId,
    challenge: {
      closesAt: i.challenge.closesAt,
      linkOpen: i.challenge.linkOpen,
      linkClosedAt: i.challenge.linkOpen ? null : (closedAt.get(i.challenge.id) ?? i.challenge.updatedAt),
    },
  }));
}

/**
 * Clears the contact details of these ideas and records, per locality, how many were cleared
 * (`ideas.contact.expire`, actor: nobody — the retention job). Returns the counts per locality.
 */
export async function clearContactDetails(
  db: Db,
  ideaIdsByLocality: ReadonlyMap<string, readonly string[]>,
  retentionDays: number,
): Promise<Map<string, number>> {
  const cleared = new Map<string, number>();
  for (const [localityId, ids] of ideaIdsByLocality) {
    const count = await db.$transaction(async (tx) => {
      const { count } = await tx.idea.updateMany({
        where: { id: { in: [...ids] }, localityId, OR: [{ contributorName: { not: null } }, { contributorContact: { not: null } }] },
        data: { contributorName: null, contributorContact: null },
      });
      if (count > 0)
        await recordAudit(tx, {
          localityId,
          actorId: null,
          action: "ideas.contact.expire",
          targetType: "locality",
          targetId: localityId,
          detail: { cleared: count, retentionDays },
        });
      return count;
    });
    if (count > 0) cleared.set(localityId, count);
  }
  return cleared;
}
