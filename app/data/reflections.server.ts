/**
 * Reflections (a private reflective log per person, Reflection): written, read, changed and
 * deleted by their author only; shared with the group when the author chooses. Every query that
 * reads one names its author or asks for shared ones: a private reflection never leaves here for
 * anyone else. The activity log records sharing and unsharing, never the text.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";

const FIELDS = {
  id: true,
  authorId: true,
  workshopId: true,
  theme: true,
  body: true,
  sharedAt: true,
  createdAt: true,
  updatedAt: true,
  workshop: { select: { id: true, title: true, startsAt: true } },
} as const;

/** The author's own reflections in a locality, newest first. */
export function listMyReflections(db: Db, localityId: string, authorId: string) {
  return db.reflection.findMany({ where: { localityId, authorId }, select: FIELDS, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** The reflections shared with the locality's group, most recently shared first, with their authors' names. */
export function listSharedReflections(db: Db, localityId: string) {
  return db.reflection.findMany({
    where: { localityId, sharedAt: { not: null } },
    select: { ...FIELDS, author: { select: { name: true } } },
    orderBy: [{ sharedAt: "desc" }, { id: "desc" }],
  });
}

/** One of the author's own reflections (null for someone else's, another locality's or no such id). */
export function findOwnReflection(db: Db, localityId: string, authorId: string, reflectionId: string) {
  return db.reflection.findFirst({ where: { id: reflectionId, localityId, authorId }, select: FIELDS });
}

/** Whether a session is one of this locality's. */
export async function isWorkshopOf(db: Db, localityId: string, workshopId: string): Promise<boolean> {
  return (await db.workshop.count({ where: { id: workshopId, localityId } })) > 0;
}

export type ReflectionValues = { body: string; workshopId: string | null; theme: number | null };

export function createReflection(db: Db, input: { localityId: string; authorId: string } & ReflectionValues) {
  return db.reflection.create({
    data: { localityId: input.localityId, authorId: input.authorId, workshopId: input.workshopId, theme: input.theme, body: input.body },
    select: { id: true },
  });
}

/** Changes the author's own reflection; false when it is not theirs (or not there). */
export async function updateReflection(db: Db, input: { localityId: string; authorId: string; reflectionId: string } & ReflectionValues): Promise<boolean> {
  const { count } = await db.reflection.updateMany({
    where: { id: input.reflectionId, localityId: input.localityId, authorId: input.authorId },
    data: { body: input.body, workshopId: input.workshopId, theme: input.theme },
  });
  return count > 0;
}

/** Deletes the author's own reflection; a shared one leaves an "unshared" entry in the activity log. */
export async function deleteReflection(db: Db, input: { localityId: string; authorId: string; reflectionId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const found = await tx.reflection.findFirst({
      where: { id: input.reflectionId, localityId: input.localityId, authorId: input.authorId },
      select: { id: true, sharedAt: true },
    });
    if (!found) return false;
    await tx.reflection.delete({ where: { id: found.id } });
    if (found.sharedAt) {
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.authorId,
        action: "reflection.unshare",
        targetType: "Reflection",
        targetId: found.id,
      });
    }
    return true;
  });
}

/**
 * Shares the author's own reflection with the group, or takes it back. "notFound" when it is not
 * theirs; "unchanged" when it already was so (nothing logged again).
 */
export async function setReflectionShared(
  db: Db,
  input: { localityId: string; authorId: string; reflectionId: string; shared: boolean; now?: Date },
): Promise<"notFound" | "unchanged" | "changed"> {
  return db.$transaction(async (tx) => {
    const found = await tx.reflection.findFirst({
      where: { id: input.reflectionId, localityId: input.localityId, authorId: input.authorId },
      select: { id: true, sharedAt: true },
    });
    if (!found) return "notFound";
    if ((found.sharedAt !== null) === input.shared) return "unchanged";
    await tx.reflection.update({ where: { id: found.id }, data: { sharedAt: input.shared ? (input.now ?? new Date()) : null } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.authorId,
      action: input.shared ? "reflection.share" : "reflection.unshare",
      targetType: "Reflection",
      targetId: found.id,
    });
    return "changed";
  });
}
