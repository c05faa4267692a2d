/**
 * A prototype as a record (Stage 4): the rules its list and its page share — the list's two views
 * and its columns by status, how many people took part, money in pounds and pence, hours, and the
 * forms' schemas (what it is and who it is for, the people who would use or deliver it, partners
 * and their pledges, the public summary). Pure: no database, no I/O.
 */
import { z } from "zod";
import { LIMITS } from "~/domain/limits";
import { PARTICIPANT_ROLES, PARTNER_ROLES, PLEDGE_KINDS, PROTOTYPE_STATUSES, type PledgeKind, type PrototypeStatus } from "~/domain/prototypes";

export const PROTOTYPE_LIMITS = {
  title: LIMITS.ideaTitle,
  summary: 2000,
  forWhom: 1000,
  partnerName: 120,
  pledge: 300,
  publicSummary: 2000,
  /** The most money a pledge may name: £1,000,000, in pence. */
  maxPence: 100_000_000,
  /** The most hours a pledge of time or staff may name. */
  maxHours: 10_000,
  /** People and partners on one prototype. */
  people: 200,
  partners: 100,
} as const;

// --- the list ------------------------------------------------------------------------------

export const LIST_VIEWS = ["board", "table"] as const;
export type ListView = (typeof LIST_VIEWS)[number];

/** The list's view from the URL (`?view=table`); anything else is the board. */
export function listView(url: URL): ListView {
  return url.searchParams.get("view") === "table" ? "table" : "board";
}

export function asPrototypeStatus(value: string): PrototypeStatus {
  return (PROTOTYPE_STATUSES as readonly string[]).includes(value) ? (value as PrototypeStatus) : "planned";
}

/** The board's columns: one per status, in the order a prototype moves through them, each with its prototypes (in the given order). */
export function columnsByStatus<T extends { status: string }>(prototypes: readonly T[]): { status: PrototypeStatus; prototypes: T[] }[] {
  return PROTOTYPE_STATUSES.map((status) => ({ status, prototypes: prototypes.filter((p) => asPrototypeStatus(p.status) === status) }));
}

/**
 * How many people took part in test cycles: each core-group person once (whatever their role or
 * however many cycles they were in), plus the others counted in each cycle ("12 parents").
 */
export function peopleTookPart(participantIds: readonly string[], counts: readonly number[]): number {
  return new Set(participantIds).size + counts.reduce((sum, n) => sum + Math.max(0, n), 0);
}

// --- money and hours -----------------------------------------------------------------------

/** Arabic-Indic and Persian digits, and the Arabic decimal and thousands separators, as ASCII. */
function asciiNumber(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".")
    .replace(/\u066C/g, ",");
}

/** "£1,250.50", "250", "12.5" → pence; null when it is not an amount of pounds (at most 2 decimals, no sign). */
export function penceFromPounds(text: string): number | null {
  const flat = asciiNumber(text).replace(/\s+/g, "").replace(/^£/, "");
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(flat)) return null;
  const [whole, fraction = ""] = flat.replace(/,/g, "").split(".");
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** Pence as the form shows them: "250" or "12.50". */
export function poundsFromPence(pence: number): string {
  const whole = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

/** Pence as people read them, in either language: "£250", "£12.50", "£1,250.05" (shown left to right). */
export function formatPounds(pence: number): string {
  const pounds = pence / 100;
  const digits = pence % 100 === 0 ? 0 : 2;
  return `£${pounds.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** Whole hours ("12"), or null. */
export function hoursFrom(text: string): number | null {
  const flat = asciiNumber(text).trim();
  return /^\d{1,6}$/.test(flat) ? Number(flat) : null;
}

/** What a pledge's amount counts: pence for money, hours for time and staff, nothing for a room or anything else. */
export function amountKind(kind: PledgeKind | string): "pence" | "hours" | null {
  if (kind === "money") return "pence";
  if (kind === "time" || kind === "staff") return "hours";
  return null;
}

// --- forms ---------------------------------------------------------------------------------

/** The page's forms, by their `intent`. */
export const PROTOTYPE_INTENTS = [
  "about",
  "add-person",
  "remove-person",
  "add-partner",
  "remove-partner",
  "public-summary",
  "open-plan",
  "open-board",
] as const;
export type PrototypeIntent = (typeof PROTOTYPE_INTENTS)[number];

/** The forms whose outcome the page announces after the redirect back (`?done=…`); starting the plan or board goes to it instead. */
export function announcedDone(done: string | null): PrototypeIntent | null {
  return done && (PROTOTYPE_INTENTS as readonly string[]).includes(done) && !done.startsWith("open-") ? (done as PrototypeIntent) : null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = (message: string) => z.string({ required_error: message }).regex(ID, message);

/** What it is and who it is for, and its title. */
export const aboutInput = z.object({
  title: z
    .string({ required_error: "prototypes.errors.title" })
    .trim()
    .min(1, "prototypes.errors.title")
    .max(PROTOTYPE_LIMITS.title, "prototypes.errors.titleLong"),
  summary: z.string().trim().max(PROTOTYPE_LIMITS.summary, "prototypes.errors.summaryLong").default(""),
  forWhom: z.string().trim().max(PROTOTYPE_LIMITS.forWhom, "prototypes.errors.forWhomLong").default(""),
});
export type AboutInput = z.output<typeof aboutInput>;

/** Someone of the core group who would use it or deliver it (whether they are of this locality is checked where the people are known). */
export const personInput = z.object({
  personId: id("prototypes.errors.person"),
  role: z.enum(PARTICIPANT_ROLES, { errorMap: () => ({ message: "prototypes.errors.personRole" }) }),
});

export const removeInput = z.object({ entryId: id("prototypes.errors.gone") });

/**
 * A partner organisation, its role, and what it pledges: a kind, in words, and for money an
 * amount in pounds (stored in pence), for time or staff a number of hours. A room or anything
 * else has no amount.
 */
export const partnerFields = z
  .object({
    name: z
      .string({ required_error: "prototypes.errors.partnerName" })
      .trim()
      .min(1, "prototypes.errors.partnerName")
      .max(PROTOTYPE_LIMITS.partnerName, "prototypes.errors.partnerNameLong"),
    role: z.enum(PARTNER_ROLES, { errorMap: () => ({ message: "prototypes.errors.partnerRole" }) }),
    pledgeKind: z.enum(PLEDGE_KINDS, { errorMap: () => ({ message: "prototypes.errors.pledgeKind" }) }),
    pledge: z
      .string({ required_error: "prototypes.errors.pledge" })
      .trim()
      .min(1, "prototypes.errors.pledge")
      .max(PROTOTYPE_LIMITS.pledge, "prototypes.errors.pledgeLong"),
    amount: z.string().trim().max(40, "prototypes.errors.amountUnreadable").default(""),
  })
  .superRefine((value, ctx) => {
    const kind = amountKind(value.pledgeKind);
    if (!value.amount) return;
    const problem = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["amount"], message });
    if (kind === null) return problem("prototypes.errors.noAmount");
    if (kind === "pence") {
      const pence = penceFromPounds(value.amount);
      if (pence === null || pence > PROTOTYPE_LIMITS.maxPence) problem("prototypes.errors.money");
      return;
    }
    const hours = hoursFrom(value.amount);
    if (hours === null || hours > PROTOTYPE_LIMITS.maxHours) problem("prototypes.errors.hours");
  });

/** The partner form as stored: the amount read as pence (money) or hours (time, staff), or null. */
export const partnerInput = partnerFields.transform(({ amount, ...rest }) => {
  const kind = amountKind(rest.pledgeKind);
  const value = !amount || kind === null ? null : kind === "pence" ? penceFromPounds(amount) : hoursFrom(amount);
  return { ...rest, amount: value };
});
export type PartnerInput = z.output<typeof partnerInput>;

/** What was learned, for the public receipts of the ideas behind it (empty: none yet). */
export const publicSummaryInput = z.object({
  publicSummary: z.string().trim().max(PROTOTYPE_LIMITS.publicSummary, "prototypes.errors.publicSummaryLong").default(""),
});

/** Which of the about fields an edit changes (for the activity log: names, never content). */
export function changedFields(before: AboutInput, after: AboutInput): (keyof AboutInput)[] {
  return (Object.keys(after) as (keyof AboutInput)[]).filter((k) => before[k] !== after[k]);
}
