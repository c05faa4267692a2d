/**
 * An idea sent from a phone through a challenge's public link: what the form may hold, how a bad
 * value is named (so the page can say so next to the field and keep everything typed), the idea's
 * title, and the spam signals the moderation queue shows. Plain functions: no database, no secrets.
 */
import { LIMITS } from "./limits";
import { PERSON_LANGUAGES } from "./person-fields";
import type { SpamSignal } from "./ideas";

/** Languages an idea can be written in (the story languages; named in core strings `languageNames.*`). */
export const IDEA_LANGUAGES = PERSON_LANGUAGES;
export type IdeaLanguage = (typeof IDEA_LANGUAGES)[number];

export function isIdeaLanguage(value: unknown): value is IdeaLanguage {
  return typeof value === "string" && (IDEA_LANGUAGES as readonly string[]).includes(value);
}

/** A submission key the page hands out (random base64url); anything else is ignored. */
export const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** The honeypot field: a person never sees it, so anything in it came from a robot. */
export const HONEYPOT_FIELD = "website";

export type SubmissionField = "text" | "language" | "name" | "contact" | "photo";
export type SubmissionError = "required" | "tooLong" | "binary" | "notImage" | "tooLarge" | "photoType";

export type SubmissionValues = { text: string; language: string; name: string; contact: string };
export type SubmissionInput = SubmissionValues & { submissionKey: string | null; honeypot: boolean; stamp: string };

export type ParsedSubmission =
  | { ok: true; idea: { text: string; language: IdeaLanguage; name: string | null; contact: string | null } }
  | { ok: false; errors: Partial<Record<SubmissionField, SubmissionError>> };

/**
 * Characters no person types: C0 controls other than tab and line breaks, DEL, C1 controls, the
 * replacement character (what invalid UTF-8 decodes to), lone surrogates and noncharacters.
 */
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function looksBinary(text: string): boolean {
  return BINARY.test(text);
}

/** Line breaks as \n, surrounding space trimmed. */
export function normaliseText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").trim();
}

function str(value: FormDataEntryValue | null | undefined): string {
  return typeof value === "string" ? value : "";
}

/** The form's fields as typed (strings only; a file in a text field reads as empty). */
export function readSubmissionForm(form: FormData, pageLanguage: string): SubmissionInput {
  const key = str(form.get("submissionKey"));
  const language = str(form.get("language"));
  return {
    text: str(form.get("text")),
    language: isIdeaLanguage(language) ? language : isIdeaLanguage(pageLanguage) ? pageLanguage : "en",
    name: str(form.get("name")),
    contact: str(form.get("contact")),
    submissionKey: SUBMISSION_KEY.test(key) ? key : null,
    honeypot: str(form.get(HONEYPOT_FIELD)).trim() !== "",
    stamp: str(form.get("stamp")),
  };
}

/** Checks the text fields; every bad field is named at once. */
export function parseSubmission(values: SubmissionValues): ParsedSubmission {
  const errors: Partial<Record<SubmissionField, SubmissionError>> = {};
  const text = normaliseText(values.text);
  if (looksBinary(values.text)) errors.text = "binary";
  else if (text === "") errors.text = "required";
  else if (text.length > LIMITS.ideaText) errors.text = "tooLong";
  const optional = (field: "name" | "contact", raw: string, max: number): string | null => {
    const value = raw.replace(/\s+/g, " ").trim();
    if (looksBinary(raw)) errors[field] = "binary";
    else if (value.length > max) errors[field] = "tooLong";
    return value === "" ? null : value;
  };
  const name = optional("name", values.name, LIMITS.contributorName);
  const contact = optional("contact", values.contact, LIMITS.contributorContact);
  if (!isIdeaLanguage(values.language)) errors.language = "required";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, idea: { text, language: values.language as IdeaLanguage, name, contact } };
}

/** The photo errors of encodePhoto (app/use-cases/encode-photo.server.ts), as this form names them. */
export function photoErrorOf(encodeError: string): SubmissionError {
  if (encodeError.endsWith(".tooLarge")) return "tooLarge";
  if (encodeError.endsWith(".type")) return "photoType";
  return "notImage";
}

/** The idea's title: its first words, on one line, at most `max` characters (an ellipsis when cut). */
export function ideaTitle(text: string, max: number = LIMITS.ideaTitle): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Text as compared for "the same idea again": case, spacing and punctuation ignored. */
export function comparableText(text: string): string {
  return text
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, " ")
    .trim();
}

/** Seconds after the page opened under which a submission counts as "fast" (a person needs longer). */
export const FAST_SECONDS = 3;
/** The window and counts over which several ideas from one device or address count as a burst. */
export const BURST_MINUTES = 10;
export const BURST_PER_DEVICE = 3;
export const BURST_PER_ADDRESS = 10;

export type SpamFacts = {
  text: string;
  /** Ideas already sent to this challenge with the same comparable text. */
  sameTextBefore: number;
  /** Ideas from this device / this address in the last BURST_MINUTES (before this one). */
  recentFromDevice: number;
  recentFromAddress: number;
  /** Seconds since the page was rendered, or null when the form's timestamp is missing or forged. */
  secondsSincePage: number | null;
};

const LINK = /(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ru|cn|xyz|top|io|co|ly|me|link|click|shop)\b(?:\/\S*)?/i;

/** The spam signals of a submission (SPAM_SIGNALS in app/domain/ideas.ts), in their fixed order. */
export function spamSignals(facts: SpamFacts): SpamSignal[] {
  const out: SpamSignal[] = [];
  if (LINK.test(facts.text)) out.push("links");
  if (facts.sameTextBefore > 0) out.push("repeated");
  if (facts.recentFromDevice + 1 >= BURST_PER_DEVICE || facts.recentFromAddress + 1 >= BURST_PER_ADDRESS) out.push("burst");
  const upper = (facts.text.match(/\p{Lu}/gu) ?? []).length;
  const lower = (facts.text.match(/\p{Ll}/gu) ?? []).length;
  if (upper >= 10 && upper / (upper + lower) >= 0.7) out.push("shouting");
  if (facts.secondsSincePage === null || facts.secondsSincePage < FAST_SECONDS) out.push("fast");
  if (!/\p{L}/u.test(facts.text)) out.push("noLetters");
  return out;
}
