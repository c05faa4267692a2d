import { z } from "zod";
import { LIMITS } from "./limits";
import { STAGES } from "./stages";
import { LOCALITY_ROLES } from "./access/policy";

export const createLocalitySchema = z.object({
  name: z.string({ required_error: "validation.required" }).trim().min(2, "validation.required").max(LIMITS.localityName, "validation.tooLong"),
  description: z.string().trim().max(LIMITS.localityDescription, "validation.tooLong").optional().default(""),
});

export const setStageSchema = z.object({
  intent: z.literal("set-stage"),
  stage: z.coerce
    .number()
    .int()
    .refine((n) => STAGES.some((s) => s.number === n), "validation.stage"),
});

export const changeRoleSchema = z.object({
  intent: z.literal("change-role"),
  membershipId: z.string().min(1).max(64),
  role: z.enum(LOCALITY_ROLES, { errorMap: () => ({ message: "validation.role" }) }),
});

export const removeMemberSchema = z.object({
  intent: z.literal("remove-member"),
  membershipId: z.string().min(1).max(64),
});

/** A URL-safe slug from a place name ("Kings Heath" → "kings-heath"); falls back for non-Latin names. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "locality";
}

/** Removing or demoting the last facilitator would leave a locality nobody can run. */
export function leavesNoFacilitator(members: ReadonlyArray<{ id: string; role: string }>, change: { membershipId: string; newRole: string | null }): boolean {
  const after = members.map((m) => (m.id === change.membershipId ? { ...m, role: change.newRole } : m));
  return !after.some((m) => m.role === "facilitator");
}
