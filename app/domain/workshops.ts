/**
 * Sessions of the group (the Workshop model): what a planned session holds, how its date is
 * read from a form (UK time, where the groups meet), the exercises a board can be opened for,
 * and the ties that attending together suggests. Pure: no database, unit-tested.
 */
import { z } from "zod";
import { orderedPair, pairKey } from "./ties";
import { parseLanguages } from "./person-fields";

export const WORKSHOP_LIMITS = {
  title: 120,
  place: 200,
  agenda: 4000,
  interpreting: 200,
  notes: 20000,
  boardTitle: 120,
  /** A session's planned length in minutes, at most (12 hours). */
  duration: 720,
  languages: 12,
  languageCode: 12,
  filter: 100,
} as const;

/** The time zone the groups meet in; form dates are read and shown in it. */
export const SESSION_TIME_ZONE = "Europe/London";

/** Exercises a session can open a board for ("custom": the facilitator names it). */
export const EXERCISES = ["hopes_fears", "strong_round_here", "custom"] as const;
export type Exercise = (typeof EXERCISES)[number];

// ---------------------------------------------------------------------------------------------
// Dates: <input type="datetime-local"> gives "YYYY-MM-DDTHH:mm" with no zone; it means UK time.

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function zoneParts(date: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: SESSION_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: n("year"), month: n("month"), day: n("day"), hour: n("hour"), minute: n("minute"), second: n("second") };
}

/** How far UK time is ahead of UTC at `date`, in milliseconds. */
function zoneOffset(date: Date): number {
  const p = zoneParts(date);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * Reads "YYYY-MM-DDTHH:mm" as a UK wall-clock time. Returns null for anything that is not a real
 * date and time (2026-02-30, 25:00, text) or lies outside the years 2000–2100.
 */
export function parseSessionDateTime(value: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // 30 February
  // The UTC instant whose UK wall time is `wall`: subtract the offset, then correct once at DST edges.
  let instant = wall - zoneOffset(new Date(wall));
  instant = wall - zoneOffset(new Date(instant));
  return new Date(instant);
}

/** The value an <input type="datetime-local"> shows for a stored instant (UK time). */
export function toSessionDateTimeInput(date: Date): string {
  const p = zoneParts(date);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

// ---------------------------------------------------------------------------------------------
// Forms (the same schemas run in the browser and on the server).

const text = (max: number) => z.string().trim().max(max, "validation.tooLong").default("");
const required = (max: number) => z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

const languageCode = z
  .string()
  .trim()
  .max(WORKSHOP_LIMITS.languageCode, "workshops.errors.language")
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "workshops.errors.language");

export const workshopInput = z.object({
  title: required(WORKSHOP_LIMITS.title),
  startsAt: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine((v) => v.length <= 40 && parseSessionDateTime(v) !== null, "workshops.errors.date"),
  place: text(WORKSHOP_LIMITS.place),
  agenda: text(WORKSHOP_LIMITS.agenda),
  languages: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(languageCode).max(WORKSHOP_LIMITS.languages, "workshops.errors.language"))
    .default([]),
  interpreting: text(WORKSHOP_LIMITS.interpreting),
  /** The planned length in minutes (blank: not set); a plan whose steps take longer is warned about. */
  durationMinutes: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ invalid_type_error: "plans.errors.duration" })
      .refine((n) => Number.isInteger(n) && n >= 5 && n <= WORKSHOP_LIMITS.duration, "plans.errors.duration")
      .optional(),
  ),
});
export type WorkshopInput = z.infer<typeof workshopInput>;

/** What the database stores for a valid form (startsAt as an instant, languages comma separated). */
export function workshopRecord(input: WorkshopInput) {
  return {
    title: input.title,
    startsAt: parseSessionDateTime(input.startsAt)!,
    place: input.place,
    agenda: input.agenda,
    languages: joinLanguages(input.languages),
    interpreting: input.interpreting,
    durationMinutes: input.durationMinutes ?? null,
  };
}

export const notesInput = z.object({ notes: text(WORKSHOP_LIMITS.notes) });

export const exerciseBoardInput = z
  .object({
    exercise: z.enum(EXERCISES, { errorMap: () => ({ message: "workshops.errors.exercise" }) }),
    customTitle: text(WORKSHOP_LIMITS.boardTitle),
  })
  .superRefine((v, ctx) => {
    if (v.exercise === "custom" && !v.customTitle) ctx.addIssue({ code: "custom", path: ["customTitle"], message: "workshops.errors.customTitle" });
  });

/** The title of an exercise board: the exercise's name in the facilitator's language, or theirs. */
export function exerciseBoardTitle(input: z.infer<typeof exerciseBoardInput>, exerciseName: (exercise: Exclude<Exercise, "custom">) => string): string {
  return input.exercise === "custom" ? input.customTitle : exerciseName(input.exercise);
}

// ---------------------------------------------------------------------------------------------
// Languages

/** Unique, in order, without blanks: the stored form of a list of language codes. */
export function joinLanguages(codes: readonly string[]): string {
  return [...new Set(codes.map((c) => c.trim()).filter(Boolean))].join(",");
}

/**
 * The languages a locality has in common: those its people speak, the most spoken first, with
 * English and Arabic (the interface languages) always offered. Ties keep first-seen order.
 */
export function commonLanguages(peopleLanguages: readonly string[], always: readonly string[] = ["en", "ar"]): string[] {
  const counts = new Map<string, number>();
  for (const code of always) counts.set(code, 0);
  for (const stored of peopleLanguages) for (const code of new Set(parseLanguages(stored))) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
}

// ---------------------------------------------------------------------------------------------
// Attendance and the ties it suggests

/** Case- and accent-insensitive match of a filter against a name (for the attendance list). */
export function matchesFilter(name: string, filter: string): boolean {
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const wanted = fold(filter.trim());
  return !wanted || fold(name).includes(wanted);
}

/**
 * The ties attending a session together suggests: every pair of different attendees that is not
 * tied yet (`existingPairKeys` holds `pairKey`s of every existing tie, confirmed or suggested),
 * in the stored order (smaller id first). Repeated ids count once; nobody is tied to themselves.
 */
export function suggestTies(attendeeIds: readonly string[], existingPairKeys: ReadonlySet<string>): Array<{ personAId: string; personBId: string }> {
  const people = [...new Set(attendeeIds)].sort();
  const out: Array<{ personAId: string; personBId: string }> = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      const [one, other] = [people[i]!, people[j]!];
      if (existingPairKeys.has(pairKey(one, other))) continue;
      out.push(orderedPair(one, other));
    }
  }
  return out;
}

export type TieSide = "a" | "b";
export type SuggestedTieState = { personAId: string; personBId: string; confirmedByA: boolean; confirmedByB: boolean };

/** The sides of a tie that belong to any of `personIds` (the people linked to an account). */
export function sidesFor(tie: Pick<SuggestedTieState, "personAId" | "personBId">, personIds: readonly string[]): TieSide[] {
  const sides: TieSide[] = [];
  if (personIds.includes(tie.personAId)) sides.push("a");
  if (personIds.includes(tie.personBId)) sides.push("b");
  return sides;
}

/** A suggested tie after some sides confirm it: confirmed once both sides have. */
export function confirmSides(
  tie: SuggestedTieState,
  sides: readonly TieSide[],
): { confirmedByA: boolean; confirmedByB: boolean; status: "confirmed" | "suggested" } {
  const confirmedByA = tie.confirmedByA || sides.includes("a");
  const confirmedByB = tie.confirmedByB || sides.includes("b");
  return { confirmedByA, confirmedByB, status: confirmedByA && confirmedByB ? "confirmed" : "suggested" };
}
