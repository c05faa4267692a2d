/**
 * Challenges: an insight's "How might we…?" question opened for ideas, with its own board, an
 * optional closing date, the languages its public page and poster offer, and a short public link
 * a facilitator can close, reopen or rotate. Plain rules shared by the server and the browser:
 * the forms' schemas (the closing date must lie ahead; at least one language), what the link's
 * state is now, and how a question becomes a board title.
 */
import { z } from "zod";
import { LIMITS } from "~/domain/limits";
import { parseSessionDateTime, toSessionDateTimeInput } from "~/domain/workshops";

/** The interface languages a challenge can offer (its public page and poster). */
export const CHALLENGE_LANGUAGES = ["en", "ar"] as const;
export type ChallengeLanguage = (typeof CHALLENGE_LANGUAGES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The moment a closing date means: the end of that day in UK time (where the groups meet), so
 * "closes on the 14th" still takes ideas all through the 14th. Null for something that is not
 * a real calendar date (2026-02-30, text) or lies outside the years 2000–2100.
 */
export function closingMoment(date: string): Date | null {
  if (!DATE.test(date)) return null;
  const lastMinute = parseSessionDateTime(`${date}T23:59`);
  return lastMinute ? new Date(lastMinute.getTime() + 59_999) : null;
}

/** The closing moment a valid form's closesOn stands for (null: no closing date). */
export function closingFromForm(closesOn: string | undefined): Date | null {
  return closesOn ? closingMoment(closesOn) : null;
}

/** A stored closing moment as the date field's value ("YYYY-MM-DD", its UK date), or "" for none. */
export function closingDateValue(closesAt: Date | string | null | undefined): string {
  if (!closesAt) return "";
  const d = typeof closesAt === "string" ? new Date(closesAt) : closesAt;
  return Number.isNaN(d.getTime()) ? "" : toSessionDateTimeInput(d).slice(0, 10);
}

/** The languages as stored on the challenge ("en,ar"), in a fixed order, no repeats. */
export function formatLanguages(languages: readonly ChallengeLanguage[]): string {
  return CHALLENGE_LANGUAGES.filter((l) => languages.includes(l)).join(",");
}

/**
 * Closing date (optional; blank for none; a "YYYY-MM-DD" that is not over yet — read it with
 * `closingMoment`) and languages (at least one): the settings both forms share.
 */
function settingsShape(now: () => Date) {
  return {
    closesOn: z
      .string()
      .trim()
      .optional()
      .superRefine((v, ctx) => {
        if (!v) return;
        const moment = closingMoment(v);
        if (!moment) ctx.addIssue({ code: "custom", message: "challenges.errors.closesOnInvalid" });
        else if (moment.getTime() <= now().getTime()) ctx.addIssue({ code: "custom", message: "challenges.errors.closesOnPast" });
      }),
    languages: z
      .array(z.enum(CHALLENGE_LANGUAGES, { errorMap: () => ({ message: "challenges.errors.languageUnknown" }) }), {
        errorMap: () => ({ message: "challenges.errors.languagesNone" }),
      })
      .min(1, "challenges.errors.languagesNone")
      .default([]),
  };
}

/** Opening a challenge: the question (prefilled from the insight's), closing date, languages. */
export function openChallengeInput(now: () => Date = () => new Date()) {
  return z.object({
    question: z
      .string({ required_error: "challenges.errors.questionRequired" })
      .trim()
      .min(1, "challenges.errors.questionRequired")
      .max(LIMITS.challengeQuestion, "challenges.errors.questionLong"),
    ...settingsShape(now),
  });
}
export type OpenChallengeInput = z.output<ReturnType<typeof openChallengeInput>>;

/** Changing an open challenge's closing date and languages. */
export function challengeSettingsInput(now: () => Date = () => new Date()) {
  return z.object(settingsShape(now));
}
export type ChallengeSettingsInput = z.output<ReturnType<typeof challengeSettingsInput>>;

/**
 * The public link's state now: open; closed by a facilitator; or expired (its closing date has
 * passed). A closed link that has also expired reads as closed (reopening would not help).
 */
export type LinkState = "open" | "closed" | "expired";
export function linkState(challenge: { linkOpen: boolean; closesAt: Date | string | null }, now: Date = new Date()): LinkState {
  if (!challenge.linkOpen) return "closed";
  if (challenge.closesAt !== null && new Date(challenge.closesAt).getTime() <= now.getTime()) return "expired";
  return "open";
}

/** A board title for a question (board titles are shorter than questions). */
export function boardTitleFor(question: string): string {
  const q = question.trim().replace(/\s+/g, " ");
  return q.length <= LIMITS.boardTitle ? q : `${q.slice(0, LIMITS.boardTitle - 1).trimEnd()}…`;
}

/** The absolute public link of a code, from the site's origin ("https://example.org" + "/i/<code>"). */
export function publicLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/i/${code}`;
}

/** Which questions of a set are not yet opened as challenges (by question id), in their order. */
export function unopenedQuestions<Q extends { id: string }>(questions: readonly Q[], openedQuestionIds: Iterable<string | null>): Q[] {
  const opened = new Set([...openedQuestionIds].filter((id): id is string => id !== null));
  return questions.filter((q) => !opened.has(q.id));
}
