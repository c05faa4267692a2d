import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { leavesNoFacilitator } from "~/domain/localities";
import type { LocalityRole } from "~/domain/access/policy";

export async function listMembers(db: Db, localityId: string) {
  const members = await db.membership.findMany({
    where: { localityId },
    orderBy: { createdAt: "asc" },
    include: { user: { select: { id: true, name: true, email: true } } },
  });
  return members.map((m) => ({ id: m.id, role: m.role, userId: m.user.id, name: m.user.name, email: m.user.email, since: m.createdAt.toISOString() }));
}

export type MemberChangeResult = "ok" | "not-found" | "last-facilitator";

/** Changes a member's role, or removes them (newRole null). Never leaves a locality without a facilitator. */
export async function changeMembership(
  db: Db,
  input: { localityId: string; actorId: string; membershipId: string; newRole: LocalityRole | null },
): Promise<MemberChangeResult> {
  return db.$transaction(async (tx) => {
    const members = await tx.membership.findMany({ where: { localityId: input.localityId }, select: { id: true, role: true, userId: true } });
    const target = members.find((m) => m.id === input.membershipId);
    if (!target) return "not-found";
    if (leavesNoFacilitator(members, { membershipId: target.id, newRole: input.newRole })) return "last-facilitator";
    if (input.newRole === null) {
      await tx.membership.delete({ where: { id: target.id } });
    } else {
      await tx.membership.update({ where: { id: target.id }, data: { role: input.newRole } });
    }
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.newRole === null ? "membership.remove" : "membership.role",
      targetType: "Membership",
      targetId: target.id,
      detail: { userId: target.userId, from: target.role, to: input.newRole },
    });
    return "ok";
  });
}
