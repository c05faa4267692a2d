/** The servant roles form, validated with zod (apart from servant-roles.ts, which pages use in the browser). */
import { z } from "zod";
import { SERVANT_ROLES } from "./servant-roles";

/** The roles form: a group of checkboxes; none ticked is "carries none of them". A role outside the four is refused. */
export const servantRolesInput = z.object({
  servantRoles: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(SERVANT_ROLES, { errorMap: () => ({ message: "servant.roles.errors.unknown" }) })).max(SERVANT_ROLES.length * 2, {
      message: "servant.roles.errors.unknown",
    }),
  ),
});
