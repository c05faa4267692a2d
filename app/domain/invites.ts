import { z } from "zod";
import { LIMITS } from "./limits";
import { LOCALITY_ROLES } from "./access/policy";

export const createInviteSchema = z.object({
  intent: z.literal("create-invite"),
  role: z.enum(LOCALITY_ROLES, { errorMap: () => ({ message: "validation.role" }) }),
  usage: z.enum(["single", "multi"], { errorMap: () => ({ message: "validation.required" }) }),
  days: z.coerce
    .number({ invalid_type_error: "validation.number" })
    .int("validation.number")
    .min(1, "validation.inviteDays")
    .max(LIMITS.inviteMaxDays, "validation.inviteDays"),
  note: z.string().trim().max(LIMITS.inviteNote, "validation.tooLong").optional().default(""),
});

export type InviteState = "valid" | "revoked" | "expired" | "used";

/** Whether an invitation can still be accepted. */
export function inviteState(invite: { revokedAt: Date | null; expiresAt: Date; singleUse: boolean; uses: number }, now: Date = new Date()): InviteState {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  if (invite.singleUse && invite.uses > 0) return "used";
  return "valid";
}

/** Invite links carry 32 random bytes, base64url. */
export const inviteTokenParam = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
