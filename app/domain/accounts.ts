import { z } from "zod";
import { LIMITS } from "./limits";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";

// Messages are i18n keys; the form renders them with t().
export const emailField = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(LIMITS.email, "validation.tooLong")
  .email("validation.email")
  .transform((e) => e.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(LIMITS.passwordMax, "validation.tooLong"),
  redirectTo: z.string().optional(),
});

export const languageField = z.enum(SUPPORTED_LANGUAGES as [string, ...string[]], {
  errorMap: () => ({ message: "validation.language" }),
});

export const nameField = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(LIMITS.name, "validation.tooLong");

/** A new account, created when someone accepts an invitation. */
export const signUpSchema = z.object({
  intent: z.literal("create-account"),
  name: nameField,
  email: emailField,
  password: z
    .string({ required_error: "validation.required" })
    .min(LIMITS.passwordMin, "validation.passwordShort")
    .max(LIMITS.passwordMax, "validation.tooLong"),
  preferredLanguage: languageField,
});

export const accountSchema = z.object({
  intent: z.literal("update-profile"),
  name: nameField,
  preferredLanguage: languageField,
});
