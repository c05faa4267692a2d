/**
 * Stories (Stage 2) as records: what a facilitator captures (metadata, the storyteller's real
 * identity, consent, marked identifiers, photos), how their input is checked, the default
 * pseudonym, and what a consent scope allows in plain words. Pure and browser-safe: the data
 * layer stores rows, the server reads text through app/use-cases/read-story.server.ts.
 */
import { z } from "zod";
import type { RichTextInput } from "~/collab/rich-text";
import { LIMITS } from "./limits";
import { STORY_LANGUAGES, STORY_METHODS } from "./story-fields";
import { IDENTIFIER_KINDS, redact } from "./redaction";

// How a story was told and in which language live apart (story-fields.ts, no zod); they are part
// of this module's API too.
export { STORY_LANGUAGES, STORY_METHODS, type StoryMethod } from "./story-fields";

export const CONSENT_METHODS = ["signed_form", "verbal_recorded"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Each scope includes the ones before it. */
export const CONSENT_SCOPES = ["core_group", "quotes", "other_localities"] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** File types a story's text can be imported from. */
export const IMPORT_EXTENSIONS = ["txt", "md", "docx"] as const;
export type ImportKind = (typeof IMPORT_EXTENSIONS)[number];

/** Photo types accepted (each is re-encoded in its own format, without metadata). */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

const S = "stories.validation";
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const required = (max: number) =>
  z
    .string({ required_error: "validation.required", invalid_type_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v ?? "");

/** A calendar date typed in a date field (yyyy-mm-dd), not in the future by more than a day. */
const day = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .refine((v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getUTCFullYear() >= 1900 && d.getTime() <= Date.now() + 86_400_000;
  }, `${S}.date`);

/** The metadata every story has (capture and edit). */
export const storyMetaInput = z.object({
  title: required(LIMITS.storyTitle),
  storytellerPseudonym: required(LIMITS.storyField),
  interviewer: optional(LIMITS.storyField),
  occurredOn: day,
  place: optional(LIMITS.storyField),
  language: z.enum(STORY_LANGUAGES, { errorMap: () => ({ message: "validation.language" }) }),
  method: z.enum(STORY_METHODS, { errorMap: () => ({ message: `${S}.method` }) }),
});
export type StoryMeta = z.infer<typeof storyMetaInput>;

/** The storyteller's real identity (facilitators only): all optional; no name means no identity kept. */
export const identityInput = z.object({
  realName: optional(LIMITS.name),
  contact: optional(LIMITS.storyField),
  personId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || ID.test(v), `${S}.person`),
});
export type IdentityValues = z.infer<typeof identityInput>;

/** The text typed or pasted when capturing (a file may come instead, checked on the server). */
const storyTextField = z
  .string()
  .optional()
  .transform((v) => (v ?? "").replace(/\r\n?/g, "\n"))
  .refine((v) => v.length <= LIMITS.storyText, `${S}.textTooLong`);

export const captureInput = storyMetaInput.merge(identityInput).extend({ text: storyTextField });
export type CaptureValues = z.infer<typeof captureInput>;

export const editInput = storyMetaInput.merge(identityInput);

export const consentInput = z.object({
  givenBy: required(LIMITS.name),
  givenAt: day,
  method: z.enum(CONSENT_METHODS, { errorMap: () => ({ message: `${S}.consentMethod` }) }),
  infoSheetVersion: required(LIMITS.storyField),
  scope: z.enum(CONSENT_SCOPES, { errorMap: () => ({ message: `${S}.scope` }) }),
});
export type ConsentValues = z.infer<typeof consentInput>;

/** "Withdraw": only with the box ticked that says what it removes. */
export const withdrawInput = z.object({
  understood: z.literal("yes", { errorMap: () => ({ message: `${S}.understood` }) }),
});

/** Whether redaction can hide this text (it builds a pattern from it; one it refuses would leave the text readable). */
export function redactable(text: string): boolean {
  try {
    redact("", [{ text, kind: "other" }]);
    return true;
  } catch {
    return false;
  }
}

export const identifierInput = z.object({
  text: required(LIMITS.identifier).refine(redactable, `${S}.identifierUnsupported`),
  kind: z.enum(IDENTIFIER_KINDS, { errorMap: () => ({ message: `${S}.kind` }) }),
});

export const photoInput = z.object({ alt: required(LIMITS.photoAlt) });

export const idInput = z.object({ id: z.string().regex(ID, "validation.required") });

// ---- pseudonyms ------------------------------------------------------------------------------

const LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const ARABIC = ["أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي"];

/**
 * The next free pseudonym "Storyteller A", "Storyteller B"… (in the words `label` gives for a
 * letter, e.g. "راوٍ أ"), skipping any already used in the locality; after the alphabet, letters
 * get a number ("Storyteller A2").
 */
export function nextPseudonym(used: readonly string[], label: (letter: string) => string, language: string): string {
  const taken = new Set(used.map((u) => u.trim().toLocaleLowerCase()));
  const letters = language === "ar" ? ARABIC : LATIN;
  for (let round = 1; round < 1000; round++) {
    for (const letter of letters) {
      const candidate = label(round === 1 ? letter : `${letter}${round}`);
      if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
    }
  }
  return label(String(used.length + 1));
}

// ---- consent ---------------------------------------------------------------------------------

/** What a scope allows, cumulatively: core_group → [core_group]; quotes → [core_group, quotes]… */
export function scopeIncludes(scope: string): ConsentScope[] {
  const i = (CONSENT_SCOPES as readonly string[]).indexOf(scope);
  return i < 0 ? [] : CONSENT_SCOPES.slice(0, i + 1);
}

/** Whether consent allows a use (e.g. quotes in reports). */
export function consentAllows(scope: string | null | undefined, use: ConsentScope): boolean {
  return scope ? scopeIncludes(scope).includes(use) : false;
}

/** The translation keys that say, in plain words, what the storyteller agreed to. */
export function scopeSentences(scope: string): string[] {
  return scopeIncludes(scope).map((s) => `stories.consent.allows.${s}`);
}

// ---- text ------------------------------------------------------------------------------------

/** Typed or pasted text as paragraphs: one per non-empty line (the shape plainText reads back). */
export function textToBlocks(text: string): RichTextInput[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[\t ]+$/g, ""))
    .filter((line) => line.trim().length > 0)
    .map((line) => ({ type: "paragraph" as const, text: line }));
}

/** How many characters blocks become as plain text (one line per block, list items one each). */
export function blocksLength(blocks: readonly RichTextInput[]): number {
  const lines = blocks.flatMap((b) => ("items" in b ? b.items : [b.text]));
  return lines.reduce((n, l) => n + l.length, 0) + Math.max(0, lines.length - 1);
}

/** A file's kind from its name; null for anything else. */
export function importKindOf(fileName: string): ImportKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext && (IMPORT_EXTENSIONS as readonly string[]).includes(ext) ? (ext as ImportKind) : null;
}

/** A date as the yyyy-mm-dd a date field holds. */
export function dateField(value: Date | string): string {
  return (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);
}
