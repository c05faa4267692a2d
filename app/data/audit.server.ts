import type { Db } from "./db.server";

type Tx = Pick<Db, "auditEntry">;

export type AuditInput = {
  localityId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
};

/** Appends one audit entry (inside the caller's transaction when given one). */
export async function recordAudit(db: Tx, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      localityId: entry.localityId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}

export async function listAudit(db: Db, localityId: string, take = 200) {
  return db.auditEntry.findMany({
    where: { localityId },
    orderBy: { createdAt: "desc" },
    take,
    include: { actor: { select: { name: true } } },
  });
}
