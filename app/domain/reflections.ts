/**
 * A private reflective log: after a session, each member writes what they make of it, on a
 * theme card of the public servant deck if they like. A reflection is its author's alone until
 * they share it with the group (and again after they unshare it). Pure: who may read what, and
 * the form's rules.
 */
import { z } from "zod";
import { DECK_SIZE } from "./public-servant-deck";

export const REFLECTION_LIMITS = { body: 5000 } as const;

const E = "servant.reflections.errors";
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: `${E}.workshop` });

/** The write and edit form: the text, and optionally the session and the theme card it is about. */
export const reflectionInput = z.object({
  body: z
    .string({ required_error: `${E}.empty`, invalid_type_error: `${E}.empty` })
    .trim()
    .min(1, { message: `${E}.empty` })
    .max(REFLECTION_LIMITS.body, { message: `${E}.tooLong` }),
  workshopId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  theme: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z
      .number({ invalid_type_error: `${E}.theme` })
      .int({ message: `${E}.theme` })
      .min(1, { message: `${E}.theme` })
      .max(DECK_SIZE, { message: `${E}.theme` })
      .optional(),
  ),
});
export type ReflectionInput = z.output<typeof reflectionInput>;

export type ReflectionFacts = { authorId: string; sharedAt: Date | string | null };

/** Its author reads it always; anyone else in the group only while it is shared. */
export function mayReadReflection(reflection: ReflectionFacts, userId: string): boolean {
  return reflection.authorId === userId || reflection.sharedAt !== null;
}

/** Only its author changes, shares, unshares or deletes it (not facilitators either). */
export function mayChangeReflection(reflection: ReflectionFacts, userId: string): boolean {
  return reflection.authorId === userId;
}
