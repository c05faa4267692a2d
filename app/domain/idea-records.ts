/**
 * Ideas as records: the rules the idea list and the idea page share — how an idea's status may
 * change, when it can become a prototype, who may remove a translation or a comment, what a
 * title made from a note's text looks like, which language and direction an original text has,
 * and the forms' schemas. Pure: no database, no I/O.
 */
import { z } from "zod";
import { can, type LocalityRole } from "~/domain/access/policy";
import { IDEA_STATUSES, type IdeaStatus } from "~/domain/ideas";
import { LIMITS } from "~/domain/limits";
import { PERSON_LANGUAGES } from "~/domain/person-fields";

// --- status --------------------------------------------------------------------------------

/**
 * The status changes a facilitator makes with the status form: new → shortlisted, either →
 * parked, parked → back to new or shortlisted, shortlisted → back to new, and a prototyping idea
 * may be parked. "prototyping" is reached only by promotion (which creates the prototype).
 */
export const STATUS_CHANGES: Readonly<Record<IdeaStatus, readonly IdeaStatus[]>> = {
  new: ["shortlisted", "parked"],
  shortlisted: ["new", "parked"],
  prototyping: ["parked"],
  parked: ["new", "shortlisted"],
};

export function canChangeStatus(from: IdeaStatus, to: IdeaStatus): boolean {
  return STATUS_CHANGES[from].includes(to);
}

/** Facilitators promote a shortlisted idea to a prototype ("Facilitators shortlist, and promote"). */
export function canPromote(status: IdeaStatus): boolean {
  return status === "shortlisted";
}

export function asIdeaStatus(value: string): IdeaStatus {
  return (IDEA_STATUSES as readonly string[]).includes(value) ? (value as IdeaStatus) : "new";
}

// --- who may remove what -------------------------------------------------------------------

/** A translation can be removed by its translator or a facilitator. */
export function mayRemoveTranslation(role: LocalityRole, userId: string, translation: { translatorId: string | null }): boolean {
  return can(role, "ideas.moderate") || (can(role, "ideas.contribute") && translation.translatorId === userId);
}

/** A comment can be deleted by its author or a facilitator. */
export function mayDeleteComment(role: LocalityRole, userId: string, comment: { authorId: string | null }): boolean {
  return can(role, "ideas.moderate") || (can(role, "ideas.contribute") && comment.authorId === userId);
}

/** Members report others' published ideas (not their own: they can edit or remove their note). */
export function mayReport(role: LocalityRole, userId: string, idea: { createdById: string | null; moderation: string }): boolean {
  return can(role, "ideas.contribute") && idea.moderation === "published" && idea.createdById !== userId;
}

// --- titles, languages, direction ----------------------------------------------------------

/** How long an automatic title may be before it is cut at a word (well under LIMITS.ideaTitle). */
export const AUTO_TITLE_LENGTH = 80;

/** The first words of an idea's text, on one line: the whole text if short, else cut at a word with "…". */
export function titleFromText(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= AUTO_TITLE_LENGTH) return flat;
  const cut = flat.slice(0, AUTO_TITLE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > AUTO_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const LATIN_LETTERS = /[A-Za-z\u00C0-\u024F]/gu;

/**
 * The language a note's text is probably in, among the challenge's languages: mostly Arabic
 * script → Arabic, mostly Latin letters → English, when the challenge offers them; otherwise the
 * challenge's first language.
 */
export function guessLanguage(text: string, offered: readonly string[]): string {
  const first = offered[0] ?? "en";
  const arabic = text.match(ARABIC_SCRIPT)?.length ?? 0;
  const latin = text.match(LATIN_LETTERS)?.length ?? 0;
  if (arabic > latin && offered.includes("ar")) return "ar";
  if (latin > arabic && offered.includes("en")) return "en";
  return first;
}

const RTL_LANGUAGES = new Set(["ar", "ur", "fa", "ps", "he", "ckb", "yi"]);

/** The `dir` of a text in a language: Kurdish is written in either script, so the browser decides. */
export function textDirection(language: string): "ltr" | "rtl" | "auto" {
  if (RTL_LANGUAGES.has(language)) return "rtl";
  if (language === "ku") return "auto";
  return "ltr";
}

/** Languages a translation can be in (the languages people in the group speak). */
export const TRANSLATION_LANGUAGES = PERSON_LANGUAGES;

// --- forms ---------------------------------------------------------------------------------

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const field = (message: string) => z.string().trim().max(LIMITS.ideaField, message).default("");

/** Edit details: title (required), description, who would use it, who could deliver it, insights answered. */
export const ideaDetailsInput = z.object({
  title: z.string({ required_error: "ideas.errors.title" }).trim().min(1, "ideas.errors.title").max(LIMITS.ideaTitle, "ideas.errors.titleLong"),
  description: field("ideas.errors.fieldLong"),
  whoWouldUse: field("ideas.errors.fieldLong"),
  whoCouldDeliver: field("ideas.errors.fieldLong"),
  insights: z.array(z.string().regex(ID, "ideas.errors.unknown")).max(200, "ideas.errors.unknown").default([]),
});
export type IdeaDetailsInput = z.output<typeof ideaDetailsInput>;

/** A human translation: its language (not the original's — checked where the idea is known) and text. */
export const translationInput = z.object({
  language: z.enum(TRANSLATION_LANGUAGES, { errorMap: () => ({ message: "ideas.errors.language" }) }),
  text: z.string({ required_error: "ideas.errors.translation" }).trim().min(1, "ideas.errors.translation").max(LIMITS.ideaText, "ideas.errors.translationLong"),
});

export const commentInput = z.object({
  body: z.string({ required_error: "ideas.errors.comment" }).trim().min(1, "ideas.errors.comment").max(LIMITS.ideaComment, "ideas.errors.commentLong"),
});

export const reportInput = z.object({
  reason: z.string().trim().max(LIMITS.reportReason, "ideas.errors.reasonLong").default(""),
});

export const statusInput = z.object({
  status: z.enum(IDEA_STATUSES, { errorMap: () => ({ message: "ideas.errors.status" }) }),
});

/** The list's filters, read leniently from the URL (an unknown value means "all"). */
export function listFilters(url: URL): { challengeId: string | null; status: IdeaStatus | null } {
  const challenge = url.searchParams.get("challenge");
  const status = url.searchParams.get("status");
  return {
    challengeId: challenge && ID.test(challenge) ? challenge : null,
    status: status && (IDEA_STATUSES as readonly string[]).includes(status) ? (status as IdeaStatus) : null,
  };
}
