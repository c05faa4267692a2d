/**
 * Test cycles of a prototype (plan → try → learn → decide): what a cycle's forms accept (the same
 * schemas run in the browser and on the server), money in pounds read into pence, dates as UK
 * calendar days, the prototype's status as the cycles leave it, the group's confidence before and
 * after, and the amendments a correction of a closed cycle makes. Pure: no database, no I/O.
 *
 * When a cycle starts: on its start date (UK time), or earlier when a member marks it started
 * (which sets its start date to today). A prototype is "testing" while a cycle that has started
 * waits for its decision, unless its last decision left it adopted, stopped or scaled.
 */
import { z } from "zod";
import {
  CONFIDENCE_MAX,
  CONFIDENCE_MIN,
  CONFIDENCE_MOMENTS,
  CYCLE_DECISIONS,
  CYCLE_METHODS,
  PARTICIPANT_ROLES,
  STATUS_AFTER_DECISION,
  type ConfidenceMoment,
  type CycleDecision,
  type PrototypeStatus,
} from "./prototypes";
import { PERSON_LANGUAGES, parseLanguages } from "./person-fields";
import { parseSessionDateTime, toSessionDateTimeInput } from "./workshops";

export const CYCLE_LIMITS = {
  hypothesis: 500,
  place: 200,
  interpreting: 200,
  learned: 5000,
  decisionReason: 1000,
  amendReason: 500,
  countLabel: 80,
  /** The largest count of others who took part ("12 parents"). */
  countMax: 100_000,
  note: 2000,
  figure: 300,
  photoAlt: 300,
  photosPerCycle: 20,
  participants: 200,
  counts: 30,
  evidence: 200,
  /** The largest cost a cycle can record: ten million pounds, in pence. */
  costPenceMax: 1_000_000_000,
  reachedMax: 10_000_000,
} as const;

/** The languages a cycle can be held in: those the app names (English and Arabic first). */
export const CYCLE_LANGUAGES = PERSON_LANGUAGES;

/** Fields of a cycle as the forms and amendments name them. */
export const PLAN_FIELDS = ["believe", "willResult", "knowWhen", "method", "startsOn", "endsOn", "place", "languages", "interpreting"] as const;
export const RESULT_FIELDS = ["learned", "costPence", "peopleReached"] as const;
/** What a correction of a closed cycle can change (not the decision itself: a new decision is a new cycle). */
export const AMENDABLE_FIELDS = [...PLAN_FIELDS, ...RESULT_FIELDS, "decisionReason"] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

// --- digits, money, counts, dates ------------------------------------------------------------

/** Arabic-Indic and Persian digits, and the Arabic decimal and thousands signs, as Western ones. */
export function westernDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".")
    .replace(/\u066C/g, ",");
}

/**
 * An amount in pounds as typed ("12", "12.5", "£1,200.00", "١٢٫٥٠") in pence; null when it is not
 * an amount of money (letters, three decimals, a negative sign, more than ten million pounds).
 */
export function parsePounds(raw: string): number | null {
  const value = westernDigits(raw)
    .trim()
    .replace(/^£\s*/, "")
    .replace(/\s*(?:GBP|£)$/i, "");
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  const pounds = Number(m[1]!.replace(/,/g, ""));
  const pence = pounds * 100 + Number((m[2] ?? "").padEnd(2, "0") || "0");
  return Number.isSafeInteger(pence) && pence <= CYCLE_LIMITS.costPenceMax ? pence : null;
}

/** Pence as the form shows them again ("1250" → "12.50"). */
export function penceToPoundsInput(pence: number | null): string {
  if (pence === null) return "";
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
}

/** A whole number of people as typed ("12", "1,200", "١٢"), from `min` to `max`; null otherwise. */
export function parseWholeNumber(raw: string, min: number, max: number): number | null {
  const value = westernDigits(raw)
    .trim()
    .replace(/,(?=\d{3}(?:\D|$))/g, "");
  if (!/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** "YYYY-MM-DD" (an <input type="date">) as the start of that day in UK time; null if not a real day. */
export function parseCycleDate(value: string): Date | null {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  return parseSessionDateTime(`${v}T00:00`);
}

/** The "YYYY-MM-DD" an <input type="date"> shows for a stored day (UK time); "" for none. */
export function toCycleDateInput(date: Date | string | null): string {
  return date ? toSessionDateTimeInput(new Date(date)).slice(0, 10) : "";
}

/** Today, as the start of the day in UK time. */
export function startOfToday(now: Date = new Date()): Date {
  return parseCycleDate(toCycleDateInput(now))!;
}

// --- forms ---------------------------------------------------------------------------------

const E = "cycles.errors";
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const text = (max: number) => z.string().trim().max(max, `${E}.tooLong`).default("");
const required = (max: number, message: string) => z.string({ required_error: message }).trim().min(1, message).max(max, `${E}.tooLong`);
const many = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const dateField = z
  .string()
  .trim()
  .max(20, `${E}.date`)
  .refine((v) => parseCycleDate(v) !== null, `${E}.date`)
  .optional();

const planFields = z.object({
  believe: required(CYCLE_LIMITS.hypothesis, `${E}.believe`),
  willResult: required(CYCLE_LIMITS.hypothesis, `${E}.willResult`),
  knowWhen: required(CYCLE_LIMITS.hypothesis, `${E}.knowWhen`),
  method: z.enum(CYCLE_METHODS, { errorMap: () => ({ message: `${E}.method` }) }),
  startsOn: dateField,
  endsOn: dateField,
  place: text(CYCLE_LIMITS.place),
  languages: many(z.enum(CYCLE_LANGUAGES, { errorMap: () => ({ message: `${E}.language` }) })).pipe(
    z.array(z.string()).min(1, `${E}.languages`).max(CYCLE_LANGUAGES.length, `${E}.language`),
  ),
  interpreting: text(CYCLE_LIMITS.interpreting),
});

const resultFields = z.object({
  learned: text(CYCLE_LIMITS.learned),
  cost: z
    .string()
    .trim()
    .max(40, `${E}.cost`)
    .refine((v) => parsePounds(v) !== null, `${E}.cost`)
    .optional(),
  reached: z
    .string()
    .trim()
    .max(20, `${E}.reached`)
    .refine((v) => parseWholeNumber(v, 0, CYCLE_LIMITS.reachedMax) !== null, `${E}.reached`)
    .optional(),
});

/** A cycle that ends before it starts is refused, at its end date. */
function datesInOrder(v: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx) {
  const start = v.startsOn ? parseCycleDate(v.startsOn) : null;
  const end = v.endsOn ? parseCycleDate(v.endsOn) : null;
  if (start && end && end.getTime() < start.getTime()) ctx.addIssue({ code: "custom", path: ["endsOn"], message: `${E}.endsBeforeStarts` });
}

/** Plan a cycle, or change an open cycle's plan. */
export const planInput = planFields.superRefine(datesInOrder);
export type PlanInput = z.output<typeof planInput>;

/** What was learned, what it cost (pounds) and how many people it reached. */
export const resultsInput = resultFields;
export type ResultsInput = z.output<typeof resultsInput>;

/** Correct a closed cycle: every field, the decision's reason, and why it is corrected. */
export const amendInput = planFields
  .merge(resultFields)
  .extend({
    decisionReason: required(CYCLE_LIMITS.decisionReason, `${E}.reason`),
    reason: required(CYCLE_LIMITS.amendReason, `${E}.amendReason`),
  })
  .superRefine(datesInOrder);
export type AmendInput = z.output<typeof amendInput>;

export const participantInput = z.object({
  personId: z.string({ required_error: `${E}.person` }).regex(ID, `${E}.person`),
  role: z.enum(PARTICIPANT_ROLES, { errorMap: () => ({ message: `${E}.role` }) }),
});

export const countInput = z.object({
  label: required(CYCLE_LIMITS.countLabel, `${E}.countLabel`),
  count: z
    .string({ required_error: `${E}.count` })
    .trim()
    .refine((v) => parseWholeNumber(v, 1, CYCLE_LIMITS.countMax) !== null, `${E}.count`),
});

export const noteInput = z.object({ text: required(CYCLE_LIMITS.note, `${E}.note`) });
export const figureInput = z.object({ text: required(CYCLE_LIMITS.figure, `${E}.figure`) });
export const photoInput = z.object({ alt: required(CYCLE_LIMITS.photoAlt, `${E}.photoAlt`) });

const rating = z.enum(["1", "2", "3", "4", "5"], { errorMap: () => ({ message: `${E}.rating` }) }).optional();
/** This person's confidence before and/or after (at least one). */
export const ratingInput = z.object({ before: rating, after: rating }).superRefine((v, ctx) => {
  if (!v.before && !v.after) ctx.addIssue({ code: "custom", path: [], message: `${E}.ratingNone` });
});

export const decisionInput = z.object({
  decision: z.enum(CYCLE_DECISIONS, { errorMap: () => ({ message: `${E}.decision` }) }),
  reason: required(CYCLE_LIMITS.decisionReason, `${E}.reason`),
});

export const idInput = z.object({ id: z.string().regex(ID) });

/** The cycle page's forms, as its `intent` field names them. */
export const CYCLE_INTENTS = [
  "plan",
  "results",
  "start",
  "participant",
  "remove-participant",
  "count",
  "remove-count",
  "note",
  "figure",
  "photo",
  "remove-evidence",
  "board",
  "rate",
  "decide",
  "amend",
] as const;
export type CycleIntent = (typeof CYCLE_INTENTS)[number];

// --- what the database stores ------------------------------------------------------------------

export type CycleValues = {
  believe: string;
  willResult: string;
  knowWhen: string;
  method: string;
  startsOn: Date | null;
  endsOn: Date | null;
  place: string;
  languages: string;
  interpreting: string;
  learned: string;
  costPence: number | null;
  peopleReached: number | null;
  decisionReason: string | null;
};

/** Languages in the order the app lists them, each once. */
export function joinCycleLanguages(codes: readonly string[]): string {
  const chosen = new Set(codes);
  return CYCLE_LANGUAGES.filter((c) => chosen.has(c)).join(",");
}

export function planRecord(v: PlanInput) {
  return {
    believe: v.believe,
    willResult: v.willResult,
    knowWhen: v.knowWhen,
    method: v.method,
    startsOn: v.startsOn ? parseCycleDate(v.startsOn) : null,
    endsOn: v.endsOn ? parseCycleDate(v.endsOn) : null,
    place: v.place,
    languages: joinCycleLanguages(v.languages),
    interpreting: v.interpreting,
  };
}

export function resultsRecord(v: ResultsInput) {
  return {
    learned: v.learned,
    costPence: v.cost ? parsePounds(v.cost) : null,
    peopleReached: v.reached ? parseWholeNumber(v.reached, 0, CYCLE_LIMITS.reachedMax) : null,
  };
}

/** A field's value as an amendment stores it: text as is, days as YYYY-MM-DD, numbers as digits, none as "". */
export function storedFieldValue(field: AmendableField, values: CycleValues): string {
  const v = values[field];
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return toCycleDateInput(v);
  return String(v);
}

/** The fields a correction changes, each with its value before and after (as amendments store them). */
export function amendmentChanges(current: CycleValues, input: AmendInput): Array<{ field: AmendableField; before: string; after: string }> {
  const next: CycleValues = { ...planRecord(input), ...resultsRecord(input), decisionReason: input.decisionReason };
  return AMENDABLE_FIELDS.map((field) => ({ field, before: storedFieldValue(field, current), after: storedFieldValue(field, next) })).filter(
    (c) => c.before !== c.after,
  );
}

/** The database values of the fields a correction changes. */
export function amendedValues(changes: ReadonlyArray<{ field: AmendableField; after: string }>): Partial<CycleValues> {
  const out: Record<string, unknown> = {};
  for (const { field, after } of changes) {
    if (field === "startsOn" || field === "endsOn") out[field] = after ? parseCycleDate(after) : null;
    else if (field === "costPence" || field === "peopleReached") out[field] = after === "" ? null : Number(after);
    else out[field] = after;
  }
  return out as Partial<CycleValues>;
}

// --- a cycle's life ----------------------------------------------------------------------------

/** Whether a cycle has started: its start day has come (UK time). */
export function cycleStarted(cycle: { startsOn: Date | string | null }, now: Date = new Date()): boolean {
  return cycle.startsOn !== null && new Date(cycle.startsOn).getTime() <= now.getTime();
}

export type CycleForStatus = { number: number; decision: string | null; decidedAt: Date | string | null; startsOn: Date | string | null };

/**
 * The status a prototype's cycles leave it in: its last decision's (continue → adopted, adapt →
 * adapted, stop → stopped, scale → scaled), or planned before any; then "testing" while a cycle
 * that has started waits for its decision — from planned, or from adapted (the next cycle).
 */
export function prototypeStatusFrom(cycles: readonly CycleForStatus[], now: Date = new Date()): PrototypeStatus {
  const decided = cycles
    .filter((c) => c.decision !== null && (CYCLE_DECISIONS as readonly string[]).includes(c.decision))
    .sort((a, b) => new Date(a.decidedAt ?? 0).getTime() - new Date(b.decidedAt ?? 0).getTime() || a.number - b.number);
  const last = decided.at(-1);
  const status: PrototypeStatus = last ? STATUS_AFTER_DECISION[last.decision as CycleDecision] : "planned";
  const running = cycles.some((c) => c.decision === null && cycleStarted(c, now));
  return running && (status === "planned" || status === "adapted") ? "testing" : status;
}

/** Marking a cycle started is refused when its end date has already passed (correct the dates instead). */
export function mayMarkStarted(cycle: { startsOn: Date | string | null; endsOn: Date | string | null; decision: string | null }, now: Date = new Date()) {
  if (cycle.decision !== null || cycleStarted(cycle, now)) return false;
  return !cycle.endsOn || new Date(cycle.endsOn).getTime() >= startOfToday(now).getTime();
}

// --- confidence --------------------------------------------------------------------------------

export type ConfidenceSide = { count: number; average: number | null; distribution: number[] };
export type ConfidenceSummary = Record<ConfidenceMoment, ConfidenceSide> & { change: "rose" | "fell" | "same" | null };

/** The group's confidence before and after: how many rated, the average (one decimal) and how many gave each rating. */
export function confidenceSummary(ratings: ReadonlyArray<{ moment: string; rating: number }>): ConfidenceSummary {
  const side = (moment: ConfidenceMoment): ConfidenceSide => {
    const values = ratings.filter((r) => r.moment === moment && r.rating >= CONFIDENCE_MIN && r.rating <= CONFIDENCE_MAX).map((r) => r.rating);
    const distribution = Array.from({ length: CONFIDENCE_MAX - CONFIDENCE_MIN + 1 }, (_, i) => values.filter((v) => v === i + CONFIDENCE_MIN).length);
    const average = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
    return { count: values.length, average, distribution };
  };
  const before = side("before");
  const after = side("after");
  const change =
    before.average === null || after.average === null ? null : after.average > before.average ? "rose" : after.average < before.average ? "fell" : "same";
  return { before, after, change };
}

export function isConfidenceMoment(value: string): value is ConfidenceMoment {
  return (CONFIDENCE_MOMENTS as readonly string[]).includes(value);
}

/** A cycle's languages, read back (unknown codes kept: they are shown by code). */
export const cycleLanguages = parseLanguages;
