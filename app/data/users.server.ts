import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { redeemInvite } from "./invites.server";
import { isUniqueViolation } from "./unique-violation.server";

export function findUserByEmail(db: Db, email: string) {
  return db.user.findUnique({ where: { email: email.toLowerCase() } });
}

/**
 * Creates an account through an invitation, in one transaction with the membership.
 * Returns "email-taken" or "invite-invalid" instead of throwing for the expected failures.
 */
export async function createAccountFromInvite(
  db: Db,
  input: { token: string; name: string; email: string; passwordHash: string; preferredLanguage: string },
): Promise<{ userId: string; localityId: string } | "email-taken" | "invite-invalid"> {
  if (await findUserByEmail(db, input.email)) return "email-taken";
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash: input.passwordHash, preferredLanguage: input.preferredLanguage },
      });
      const redeemed = await redeemInvite(tx, input.token, user.id);
      if (!redeemed) throw new InviteInvalid();
      await recordAudit(tx, { localityId: redeemed.localityId, actorId: user.id, action: "user.create", targetType: "User", targetId: user.id });
      return { userId: user.id, localityId: redeemed.localityId };
    });
  } catch (error) {
    if (error instanceof InviteInvalid) return "invite-invalid";
    // A unique-constraint race on the email: someone registered it a moment ago.
    if (isUniqueViolation(error)) return "email-taken";
    throw error;
  }
}

class InviteInvalid extends Error {}

/** Changes the name and language of an account; nothing else a form carries reaches the database. */
export async function updateProfile(db: Db, userId: string, input: { name: string; preferredLanguage: string }) {
  await db.user.update({ where: { id: userId }, data: { name: input.name, preferredLanguage: input.preferredLanguage } });
}

/** Remembers the interface language chosen with the language switcher. */
export async function setPreferredLanguage(db: Db, userId: string, preferredLanguage: string) {
  await db.user.update({ where: { id: userId }, data: { preferredLanguage } });
}

export function findUserName(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { name: true } });
}

/** How many of these addresses have an account (e.g. whether the demo accounts exist). */
export function countUsersWithEmails(db: Db, emails: readonly string[]): Promise<number> {
  return db.user.count({ where: { email: { in: [...emails] } } });
}
