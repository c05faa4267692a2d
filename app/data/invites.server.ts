import crypto from "node:crypto";
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { inviteState, type InviteState } from "~/domain/invites";
import type { LocalityRole } from "~/domain/access/policy";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createInvite(
  db: Db,
  input: { localityId: string; actorId: string; role: LocalityRole; singleUse: boolean; days: number; note: string },
): Promise<{ token: string; id: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const invite = await db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        localityId: input.localityId,
        tokenHash: hashToken(token),
        role: input.role,
        singleUse: input.singleUse,
        expiresAt: new Date(Date.now() + input.days * 86_400_000),
        note: input.note,
        createdById: input.actorId,
      },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "invite.create",
      targetType: "Invite",
      targetId: created.id,
      detail: { role: input.role, singleUse: input.singleUse, days: input.days },
    });
    return created;
  });
  return { token, id: invite.id };
}

export async function listInvites(db: Db, localityId: string) {
  const invites = await db.invite.findMany({
    where: { localityId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { createdBy: { select: { name: true } } },
  });
  const now = new Date();
  return invites.map((i) => ({
    id: i.id,
    role: i.role,
    singleUse: i.singleUse,
    uses: i.uses,
    note: i.note,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    createdBy: i.createdBy.name,
    state: inviteState(i, now),
  }));
}

export async function revokeInvite(db: Db, input: { localityId: string; inviteId: string; actorId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({
      where: { id: input.inviteId, localityId: input.localityId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 1) {
      await recordAudit(tx, { localityId: input.localityId, actorId: input.actorId, action: "invite.revoke", targetType: "Invite", targetId: input.inviteId });
    }
    return count === 1;
  });
}

export type InviteLookup =
  | { state: "missing" }
  | { state: InviteState; invite: { id: string; role: string; locality: { id: string; name: string; organisation: string } } };

export async function findInvite(db: Db, token: string): Promise<InviteLookup> {
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { locality: { select: { id: true, name: true, organisation: { select: { name: true } } } } },
  });
  if (!invite) return { state: "missing" };
  return {
    state: inviteState(invite),
    invite: {
      id: invite.id,
      role: invite.role,
      locality: { id: invite.locality.id, name: invite.locality.name, organisation: invite.locality.organisation.name },
    },
  };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Uses an invitation for a user inside a transaction: claims it atomically (a single-use
 * link cannot be used twice, even by two requests at once) and adds the membership.
 * Someone already in the locality keeps their role. Returns false if the link is no longer valid.
 */
export async function redeemInvite(tx: Tx, token: string, userId: string): Promise<{ localityId: string } | false> {
  const now = new Date();
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invite || inviteState(invite, now) !== "valid") return false;
  const { count } = await tx.invite.updateMany({
    where: {
      id: invite.id,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(invite.singleUse ? { uses: 0 } : {}),
    },
    data: { uses: { increment: 1 } },
  });
  if (count !== 1) return false;
  const existing = await tx.membership.findUnique({ where: { localityId_userId: { localityId: invite.localityId, userId } } });
  if (!existing) {
    const membership = await tx.membership.create({ data: { localityId: invite.localityId, userId, role: invite.role } });
    await recordAudit(tx, {
      localityId: invite.localityId,
      actorId: userId,
      action: "membership.join",
      targetType: "Membership",
      targetId: membership.id,
      detail: { role: invite.role, inviteId: invite.id },
    });
  }
  return { localityId: invite.localityId };
}

/** A signed-in person joins the invitation's locality (in one transaction with the invitation's use). */
export function joinWithInvite(db: Db, token: string, userId: string): Promise<{ localityId: string } | false> {
  return db.$transaction((tx) => redeemInvite(tx, token, userId));
}
