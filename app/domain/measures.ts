/**
 * A prototype's measures: indicators (name, unit, baseline, target, which way is better, the range
 * a reading must fall in), their readings (a number in the measure's unit, a date not after today,
 * a source, optionally one of the prototype's test cycles), what each cycle cost per person reached,
 * and the chart of a measure across dates and cycles. Pure: no database, no I/O.
 */
import { z } from "zod";
import { MEASURE_DIRECTIONS, costPerPerson, readingImproves, type MeasureDirection } from "~/domain/prototypes";

export const MEASURE_LIMITS = {
  name: 120,
  unit: 40,
  source: 200,
  /** Measures per prototype, readings per measure: more is a mistake, not a use. */
  measures: 30,
  readings: 500,
  /** The largest size a figure may have (a reading, a baseline…), either way. */
  magnitude: 1e12,
} as const;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The measures page's forms: add, edit and remove measures and readings. */
export const MEASURE_INTENTS = ["add-measure", "edit-measure", "remove-measure", "add-reading", "edit-reading", "remove-reading"] as const;
export type MeasureIntent = (typeof MEASURE_INTENTS)[number];

// --- numbers typed by people ----------------------------------------------------------------

/** Eastern Arabic and Persian digits, the Arabic decimal, thousands and percent marks, the minus sign → ASCII. */
function asciiDigits(raw: string): string {
  return raw
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".")
    .replace(/\u066C/g, ",")
    .replace(/\u066A/g, "%")
    .replace(/\u2212/g, "-")
    .replace(/[\u00A0\u202F\u200E\u200F\u061C]/g, " ");
}

/** A number with optional thousands commas, optionally with words or a sign around it. */
const QUANTITY = /^(?<before>[^\d+\-.]*?)\s*(?<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(?<after>.*?)$/su;

const squash = (text: string) => asciiDigits(text).toLocaleLowerCase("en").replace(/\s+/g, " ").trim();

/** Whether what was typed around a number names the unit (exactly, or in the singular: "1 session" for "sessions"). */
export function namesUnit(typed: string, unit: string): boolean {
  const a = squash(typed);
  const b = squash(unit);
  if (!a) return true;
  if (!b) return false;
  return a === b || (b.endsWith("s") && a === b.slice(0, -1)) || (b.endsWith("es") && a === b.slice(0, -2));
}

export type Quantity = { ok: true; value: number } | { ok: false; error: "number" | "unit" | "size" };

/**
 * A figure as someone typed it: "12", "4.5", "1,200", "١٢", or with the measure's own unit ("12
 * sessions", "45%", "£30"). Words that are not the unit ("12%" for a measure in sessions) → "unit";
 * no number at all, or a number inside other text → "number". A null unit takes any words (the
 * measure form, before its unit is known).
 */
export function parseQuantity(raw: string, unit: string | null): Quantity {
  const text = asciiDigits(raw).trim();
  const match = QUANTITY.exec(text);
  if (!match?.groups) return { ok: false, error: "number" };
  const { before = "", number = "", after = "" } = match.groups;
  // More digits after the number ("12 to 15", "3/4") is not one figure.
  if (/\d/.test(after) || /\d/.test(before)) return { ok: false, error: "number" };
  const around = `${before} ${after}`.trim();
  if (around && unit !== null && !namesUnit(around, unit)) return { ok: false, error: /[\p{L}%£$€]/u.test(around) ? "unit" : "number" };
  const value = Number(number.replace(/,/g, ""));
  if (!Number.isFinite(value)) return { ok: false, error: "number" };
  if (Math.abs(value) > MEASURE_LIMITS.magnitude) return { ok: false, error: "size" };
  return { ok: true, value };
}

/** Whether a value lies in a measure's range (either end may be open). */
export function inRange(value: number, range: { minValue: number | null; maxValue: number | null }): boolean {
  return (range.minValue === null || value >= range.minValue) && (range.maxValue === null || value <= range.maxValue);
}

// --- dates ----------------------------------------------------------------------------------

/** Today's date where the groups meet (UK time), as YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A calendar date YYYY-MM-DD (a real day: not 2026-02-30), or null. */
export function parseDay(raw: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1900) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** A stored day (midnight UTC) as YYYY-MM-DD. */
export function dayOf(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 10);
}

// --- forms ----------------------------------------------------------------------------------

/** An optional figure of the measure form, checked for its unit once the unit is known. */
const optionalFigure = z
  .string()
  .trim()
  .max(60, "measures.errors.number")
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return null;
    // The unit is checked with the whole form (below); here: is there one number at all?
    const parsed = parseQuantity(raw, null);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error === "size" ? "measures.errors.size" : "measures.errors.number" });
      return z.NEVER;
    }
    return raw;
  });

const FIGURES = ["minValue", "maxValue", "baseline", "target"] as const;

/**
 * Add or edit a measure: a name and a unit (required), which way is better, and optional figures
 * — the range every reading must fall in (lowest below highest), a baseline and a target inside
 * it, and a target on the better side of the baseline (or equal: keep it there). A figure may
 * carry the measure's unit ("45%"), no other.
 */
export const measureInput = z
  .object({
    name: z.string({ required_error: "measures.errors.name" }).trim().min(1, "measures.errors.name").max(MEASURE_LIMITS.name, "measures.errors.nameLong"),
    unit: z.string({ required_error: "measures.errors.unit" }).trim().min(1, "measures.errors.unit").max(MEASURE_LIMITS.unit, "measures.errors.unitLong"),
    betterWhen: z.enum(MEASURE_DIRECTIONS, { errorMap: () => ({ message: "measures.errors.betterWhen" }) }),
    minValue: optionalFigure,
    maxValue: optionalFigure,
    baseline: optionalFigure,
    target: optionalFigure,
  })
  .transform((input, ctx) => {
    const figures: Record<(typeof FIGURES)[number], number | null> = { minValue: null, maxValue: null, baseline: null, target: null };
    for (const key of FIGURES) {
      const raw = input[key];
      if (raw === null) continue;
      const parsed = parseQuantity(raw, input.unit);
      if (parsed.ok) figures[key] = parsed.value;
      else
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: parsed.error === "unit" ? "measures.errors.figureUnit" : "measures.errors.number" });
    }
    const { minValue, maxValue, baseline, target } = figures;
    // One message per field: the first thing wrong with it.
    let placed = true;
    if (minValue !== null && maxValue !== null && minValue >= maxValue) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maxValue"], message: "measures.errors.rangeOrder" });
    } else {
      const range = { minValue, maxValue };
      if (baseline !== null && !inRange(baseline, range)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["baseline"], message: "measures.errors.baselineOutside" });
        placed = false;
      }
      if (target !== null && !inRange(target, range)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["target"], message: "measures.errors.targetOutside" });
        placed = false;
      }
    }
    if (placed && baseline !== null && target !== null && (input.betterWhen === "up" ? target < baseline : target > baseline))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["target"],
        message: input.betterWhen === "up" ? "measures.errors.targetBelowBaseline" : "measures.errors.targetAboveBaseline",
      });
    return { name: input.name, unit: input.unit, betterWhen: input.betterWhen as MeasureDirection, ...figures };
  });
export type MeasureInput = z.output<typeof measureInput>;

export type MeasureRule = { unit: string; minValue: number | null; maxValue: number | null };

/**
 * Add or edit a reading of one measure: a number in its unit and inside its range, the day it was
 * taken (a real date, not after `today`), where it came from, and optionally the test cycle it
 * belongs to (checked against the prototype's cycles where they are known).
 */
export function readingInput(measure: MeasureRule, today: string) {
  return z.object({
    value: z
      .string({ required_error: "measures.errors.value" })
      .trim()
      .min(1, "measures.errors.value")
      .max(60, "measures.errors.valueNumber")
      .transform((raw, ctx) => {
        const parsed = parseQuantity(raw, measure.unit);
        if (!parsed.ok) {
          const message = { number: "measures.errors.valueNumber", unit: "measures.errors.valueUnit", size: "measures.errors.size" }[parsed.error];
          ctx.addIssue({ code: z.ZodIssueCode.custom, message });
          return z.NEVER;
        }
        if (!inRange(parsed.value, measure)) {
          const message =
            measure.minValue !== null && measure.maxValue !== null
              ? "measures.errors.valueRange"
              : measure.minValue !== null
                ? "measures.errors.valueMin"
                : "measures.errors.valueMax";
          ctx.addIssue({ code: z.ZodIssueCode.custom, message });
          return z.NEVER;
        }
        return parsed.value;
      }),
    takenOn: z
      .string({ required_error: "measures.errors.date" })
      .trim()
      .min(1, "measures.errors.date")
      .transform((raw, ctx) => {
        const day = parseDay(raw);
        if (!day) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "measures.errors.dateInvalid" });
          return z.NEVER;
        }
        if (dayOf(day) > today) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "measures.errors.dateFuture" });
          return z.NEVER;
        }
        return day;
      }),
    source: z.string().trim().max(MEASURE_LIMITS.source, "measures.errors.sourceLong").default(""),
    cycleId: z
      .string()
      .trim()
      .regex(ID, "measures.errors.cycle")
      .optional()
      .transform((v) => v ?? null),
  });
}
export type ReadingInput = z.output<ReturnType<typeof readingInput>>;

// --- costs ----------------------------------------------------------------------------------

export type CycleCostInput = { id: string; number: number; costPence: number | null; peopleReached: number | null };

export type CostRow = CycleCostInput & { costPerPerson: number | null };

export type CostSummary = {
  rows: CostRow[];
  /** Sums of what is known (null: nothing known). */
  costPence: number | null;
  peopleReached: number | null;
  /** Over the cycles that have both figures (so a cycle without its reach does not cheapen the rest). */
  costPerPerson: number | null;
  /** Cycles still missing a cost or a reach. */
  incomplete: number;
  /** The first and the latest cycle with a cost per person, when there are two or more: "lower cost", argued. */
  trend: { from: { number: number; pence: number }; to: { number: number; pence: number }; change: "lower" | "higher" | "same" } | null;
};

/** Each cycle's cost and reach with its cost per person, the totals, and the change from the first cycle to the latest. */
export function summariseCosts(cycles: readonly CycleCostInput[]): CostSummary {
  const rows = [...cycles].sort((a, b) => a.number - b.number).map((c) => ({ ...c, costPerPerson: costPerPerson(c.costPence, c.peopleReached) }));
  const sum = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length ? known.reduce((a, b) => a + b, 0) : null;
  };
  const both = rows.filter((r) => r.costPerPerson !== null);
  const priced = rows.filter((r): r is CostRow & { costPerPerson: number } => r.costPerPerson !== null);
  const first = priced[0];
  const last = priced[priced.length - 1];
  return {
    rows,
    costPence: sum(rows.map((r) => r.costPence)),
    peopleReached: sum(rows.map((r) => r.peopleReached)),
    costPerPerson: costPerPerson(sum(both.map((r) => r.costPence)), sum(both.map((r) => r.peopleReached))),
    incomplete: rows.filter((r) => r.costPence === null || r.peopleReached === null).length,
    trend:
      first && last && first !== last
        ? {
            from: { number: first.number, pence: first.costPerPerson },
            to: { number: last.number, pence: last.costPerPerson },
            change: last.costPerPerson < first.costPerPerson ? "lower" : last.costPerPerson > first.costPerPerson ? "higher" : "same",
          }
        : null,
  };
}

// --- the chart ------------------------------------------------------------------------------

export type ChartMeasure = {
  baseline: number | null;
  target: number | null;
  betterWhen: string;
  minValue: number | null;
  maxValue: number | null;
};
export type ChartReading = { id: string; value: number; takenOn: string; cycleNumber: number | null };
export type ChartCycle = { number: number; startsOn: string | null; endsOn: string | null };

export type Chart = {
  width: number;
  height: number;
  /** The plot area (x1 < x2, y1 top < y2 bottom). */
  plot: { x1: number; x2: number; y1: number; y2: number };
  /** Where the value axis and its labels are: the start side (left in English, right in Arabic). */
  axisX: number;
  /** Where the baseline's and target's labels go: the end side of the plot. */
  endX: number;
  yTicks: { value: number; y: number }[];
  points: (ChartReading & { x: number; y: number })[];
  /** The readings' line, "x,y x,y …" in date order. */
  line: string;
  baseline: { value: number; y: number } | null;
  target: { value: number; y: number } | null;
  /** The test cycles readings were taken in, as bands across their dates. */
  bands: { number: number; x1: number; x2: number }[];
  /** The first and the latest reading's date under the axis (one if they would collide). */
  xLabels: { x: number; takenOn: string; anchor: "start" | "middle" | "end" }[];
  /** Whether every reading shows its value (few enough to fit). */
  valueLabels: boolean;
  rtl: boolean;
};

const WIDTH = 400;
const HEIGHT = 240;
const MARGIN = { start: 52, end: 14, top: 20, bottom: 48 };
const DAY = 86_400_000;

/** A tick step of 1, 2 or 5 × 10ⁿ near `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

const time = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);

/**
 * A measure's chart as geometry, for an inline SVG drawn on the server: dates run along the x axis
 * (left to right, or right to left when `rtl`), values up the y axis (nice ticks that include the
 * readings, the baseline and the target, kept inside the measure's range), the baseline and target
 * as lines, and each test cycle that readings were taken in as a band over its dates.
 */
export function buildChart(measure: ChartMeasure, readings: readonly ChartReading[], cycles: readonly ChartCycle[], options: { rtl: boolean }): Chart {
  const sorted = [...readings].sort((a, b) => time(a.takenOn) - time(b.takenOn));
  const plotStart = MARGIN.start;
  const plotEnd = WIDTH - MARGIN.end;
  const y1 = MARGIN.top;
  const y2 = HEIGHT - MARGIN.bottom;

  // Dates: the readings' days and the days of the cycles they were taken in.
  const used = new Set(sorted.map((r) => r.cycleNumber).filter((n): n is number => n !== null));
  const shown = cycles.filter((c) => used.has(c.number) && c.startsOn);
  const times = [...sorted.map((r) => time(r.takenOn)), ...shown.flatMap((c) => [time(c.startsOn!), time(c.endsOn ?? c.startsOn!)])];
  let t0 = times.length ? Math.min(...times) : 0;
  let t1 = times.length ? Math.max(...times) : DAY;
  if (t1 - t0 < DAY) {
    t0 -= DAY;
    t1 += DAY;
  }
  const pad = (t1 - t0) * 0.06;
  t0 -= pad;
  t1 += pad;
  const logicalX = (t: number) => plotStart + ((t - t0) / (t1 - t0)) * (plotEnd - plotStart);
  const flip = (x: number) => (options.rtl ? WIDTH - x : x);
  const xOf = (t: number) => round(flip(logicalX(t)));

  // Values: the readings, the baseline and the target, with nice ticks, kept inside the range.
  const values = [
    ...sorted.map((r) => r.value),
    ...(measure.baseline !== null ? [measure.baseline] : []),
    ...(measure.target !== null ? [measure.target] : []),
  ];
  let lo = values.length ? Math.min(...values) : (measure.minValue ?? 0);
  let hi = values.length ? Math.max(...values) : (measure.maxValue ?? 1);
  if (hi - lo < 1e-9) {
    const spread = Math.max(1, Math.abs(lo) * 0.1);
    lo -= spread;
    hi += spread;
  }
  const step = niceStep((hi - lo) / 4);
  const low = lo;
  const high = hi;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  // Room above and below: no line or point on the plot's edge (unless the range ends there).
  if (lo === low) lo -= step;
  if (hi === high) hi += step;
  if (measure.minValue !== null && lo < measure.minValue) lo = measure.minValue;
  if (measure.maxValue !== null && hi > measure.maxValue) hi = measure.maxValue;
  const yOf = (v: number) => round(y2 - ((v - lo) / (hi - lo)) * (y2 - y1));
  const yTicks: Chart["yTicks"] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) yTicks.push({ value: round(v, 6), y: yOf(v) });

  const points = sorted.map((r) => ({ ...r, x: xOf(time(r.takenOn)), y: yOf(r.value) }));
  const bands = shown.map((c) => {
    const a = xOf(time(c.startsOn!));
    const b = xOf(time(c.endsOn ?? c.startsOn!));
    const [x1, x2] = a <= b ? [a, b] : [b, a];
    // A one-day cycle still shows as a narrow band.
    return x2 - x1 < 6 ? { number: c.number, x1: round((x1 + x2) / 2 - 3), x2: round((x1 + x2) / 2 + 3) } : { number: c.number, x1, x2 };
  });

  const first = points[0];
  const last = points[points.length - 1];
  const xLabels: Chart["xLabels"] = [];
  if (first && last && first !== last && Math.abs(last.x - first.x) >= 120) {
    xLabels.push({ x: first.x, takenOn: first.takenOn, anchor: "start" }, { x: last.x, takenOn: last.takenOn, anchor: "end" });
  } else if (last) {
    xLabels.push({ x: last.x, takenOn: last.takenOn, anchor: "middle" });
  }

  return {
    width: WIDTH,
    height: HEIGHT,
    plot: { x1: options.rtl ? MARGIN.end : MARGIN.start, x2: options.rtl ? WIDTH - MARGIN.start : WIDTH - MARGIN.end, y1, y2 },
    axisX: flip(plotStart - 6),
    endX: flip(plotEnd - 4),
    yTicks,
    points,
    line: points.map((p) => `${p.x},${p.y}`).join(" "),
    baseline: measure.baseline !== null ? { value: measure.baseline, y: yOf(measure.baseline) } : null,
    target: measure.target !== null ? { value: measure.target, y: yOf(measure.target) } : null,
    bands,
    xLabels,
    valueLabels: points.length <= 10,
    rtl: options.rtl,
  };
}

function round(n: number, places = 1): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

/** What a chart's summary says: first and latest readings, how many, the target, which way is better, and whether the latest beats the baseline. */
export type ChartSummary = {
  count: number;
  first: { value: number; takenOn: string } | null;
  last: { value: number; takenOn: string } | null;
  baseline: number | null;
  target: number | null;
  betterWhen: MeasureDirection;
  /** The latest reading against the baseline (null: no baseline or no reading). */
  improves: boolean | null;
  /** The latest reading has reached the target (null: no target or no reading). */
  reachedTarget: boolean | null;
};

export function summariseChart(measure: ChartMeasure, readings: readonly ChartReading[]): ChartSummary {
  const sorted = [...readings].sort((a, b) => time(a.takenOn) - time(b.takenOn));
  const first = sorted[0] ?? null;
  const last = sorted[sorted.length - 1] ?? null;
  const betterWhen: MeasureDirection = measure.betterWhen === "down" ? "down" : "up";
  return {
    count: sorted.length,
    first: first ? { value: first.value, takenOn: first.takenOn } : null,
    last: last ? { value: last.value, takenOn: last.takenOn } : null,
    baseline: measure.baseline,
    target: measure.target,
    betterWhen,
    improves: last ? readingImproves({ baseline: measure.baseline, betterWhen }, last.value) : null,
    reachedTarget: last && measure.target !== null ? (betterWhen === "down" ? last.value <= measure.target : last.value >= measure.target) : null,
  };
}
