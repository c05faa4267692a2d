/** The erasure form, validated with zod (apart from data-rights.ts, which pages use in the browser). */
import { z } from "zod";

/** The erasure form: the person's name typed again, as it is shown, to confirm. */
export const eraseSchema = z.object({
  intent: z.literal("erase"),
  confirmName: z
    .string({ required_error: "dataRights.erase.confirmRequired" })
    .trim()
    .min(1, "dataRights.erase.confirmRequired")
    .max(200, "dataRights.erase.confirmMismatch"),
});
