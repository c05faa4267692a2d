/**
 * The organisation's portfolio across localities: each prototype's row (status, latest cycle,
 * next decision due, people who took part, cost) with its flags — stalled (no cycle for N weeks)
 * and decision due — the rows grouped by locality, each locality's progress through the four
 * stages month by month (and its chart), the committee report's sections and the CSV's rows.
 * Pure: no database, no I/O. Status, cycle states, turnout and costs come from the Stage 4
 * modules (cycles.ts, prototypes.ts, prototype-records.ts, measures.ts), never re-derived here.
 *
 * When is a prototype stalled? When it is still being worked on (planned, testing or adapted)
 * and nothing has happened in its test cycles for N weeks or more: the clock runs from the
 * latest of the prototype's creation and, for each cycle, its creation, its start and end (once
 * they have passed) and its decision. A cycle running now (started, not decided, its end not yet
 * passed) stops the clock. N is the organisation's setting, 1 to 26 weeks.
 *
 * When is a decision due? When a cycle has started, its end date has come and nobody has recorded
 * its decision yet. "Next decision due" is the earliest end date of the cycles still waiting for
 * a decision (in the past when overdue).
 */
import { z } from "zod";
import { confidenceSummary, cycleStarted, parseWholeNumber, prototypeStatusFrom, toCycleDateInput } from "./cycles";
import { FACETS, isFacet, type Facet } from "./golden-thread";
import { cycleState, type PrototypeStatus } from "./prototypes";
import { peopleTookPart } from "./prototype-records";
import { summariseCosts } from "./measures";
import { STAGES, type StageKey } from "./stages";

export const STALLED_WEEKS_MIN = 1;
export const STALLED_WEEKS_MAX = 26;
/** Until an organisation sets its own. */
export const DEFAULT_STALLED_WEEKS = 6;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Statuses in which a prototype is still being worked on (and so can stall). */
export const ACTIVE_STATUSES: readonly PrototypeStatus[] = ["planned", "testing", "adapted"];

// --- the threshold's form ---------------------------------------------------------------------

/** The stalled threshold as typed: a whole number of weeks from 1 to 26 ("٦" too); zero or a year is refused. */
export const thresholdInput = z.object({
  stalledAfterWeeks: z
    .string({ required_error: "portfolio.errors.weeks" })
    .max(12, "portfolio.errors.weeks")
    .transform((v, ctx) => {
      const n = parseWholeNumber(v, STALLED_WEEKS_MIN, STALLED_WEEKS_MAX);
      if (n === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "portfolio.errors.weeks" });
        return z.NEVER;
      }
      return n;
    }),
});
export type ThresholdInput = z.output<typeof thresholdInput>;
/** What saving the threshold answers: the value as typed, and the message's key when it was refused. */
export type ThresholdReply = { intent: "threshold"; ok: boolean; value: string; error: string | null };

/** A stored threshold read back: the organisation's when it is in range, else the default. */
export function stalledWeeksOf(stored: number | null | undefined): number {
  return typeof stored === "number" && Number.isInteger(stored) && stored >= STALLED_WEEKS_MIN && stored <= STALLED_WEEKS_MAX ? stored : DEFAULT_STALLED_WEEKS;
}

// --- one prototype's row -----------------------------------------------------------------------

type When = Date | string;
const time = (d: When) => new Date(d).getTime();
const iso = (d: When) => new Date(d).toISOString();

export type PortfolioCycle = {
  number: number;
  createdAt: When;
  startsOn: When | null;
  endsOn: When | null;
  decision: string | null;
  decidedAt: When | null;
  costPence: number | null;
  peopleReached: number | null;
  participantIds: readonly string[];
  counts: readonly number[];
};

/** A priority outcome a prototype is linked to (golden thread), with its priority. */
export type RowOutcome = { id: string; title: string; priorityId: string | null; priorityTitle: string | null; older: boolean; archived: boolean };

export type PortfolioPrototype = {
  id: string;
  localityId: string;
  title: string;
  createdAt: When;
  cycles: readonly PortfolioCycle[];
  /** The OECD facet it was tagged with (null: not said). */
  facet?: string | null;
  outcomes?: readonly RowOutcome[];
};

export type PortfolioRow = {
  id: string;
  localityId: string;
  title: string;
  status: PrototypeStatus;
  cycles: number;
  lastCycle: { number: number; state: "planned" | "running" | "closed"; decision: string | null; date: string | null } | null;
  /** The earliest end date of the cycles waiting for a decision (ISO), or null. */
  nextDecisionDue: string | null;
  people: number;
  /** Sum of the cycles' known costs, in pence (null: none known). */
  costPence: number | null;
  costPerPerson: number | null;
  /** When something last happened in its cycles (ISO; see the module's comment). */
  lastActivity: string;
  /** Whole weeks since then (0 while a cycle runs). */
  weeksQuiet: number;
  stalled: boolean;
  decisionDue: boolean;
  facet: Facet | null;
  outcomes: RowOutcome[];
};

function isRunning(c: PortfolioCycle, now: Date): boolean {
  return c.decision === null && cycleStarted(c, now) && (c.endsOn === null || time(c.endsOn) > now.getTime());
}

/** When something last happened in a prototype's cycles: see the module's comment. */
export function lastActivityOf(p: Pick<PortfolioPrototype, "createdAt" | "cycles">, now: Date): Date {
  if (p.cycles.some((c) => isRunning(c, now))) return now;
  let latest = time(p.createdAt);
  for (const c of p.cycles) {
    for (const moment of [c.createdAt, c.startsOn, c.endsOn, c.decidedAt]) {
      if (moment === null) continue;
      const t = time(moment);
      if (t <= now.getTime() && t > latest) latest = t;
    }
  }
  return new Date(Math.min(latest, now.getTime()));
}

/** Whether a prototype in this status, quiet since `lastActivity`, is stalled under a threshold of `weeks`. */
export function isStalled(status: PrototypeStatus, lastActivity: Date, weeks: number, now: Date): boolean {
  return ACTIVE_STATUSES.includes(status) && now.getTime() - lastActivity.getTime() >= weeks * WEEK_MS;
}

/** A cycle waits for its decision once it has started and its end date has come. */
export function decisionIsDue(c: Pick<PortfolioCycle, "decision" | "startsOn" | "endsOn">, now: Date): boolean {
  return c.decision === null && cycleStarted(c, now) && c.endsOn !== null && time(c.endsOn) <= now.getTime();
}

export function portfolioRow(p: PortfolioPrototype, weeks: number, now: Date): PortfolioRow {
  const cycles = [...p.cycles].sort((a, b) => a.number - b.number);
  const status = prototypeStatusFrom(cycles, now);
  const last = cycles.at(-1);
  const open = cycles.filter((c) => c.decision === null && c.endsOn !== null).map((c) => time(c.endsOn!));
  const costs = summariseCosts(cycles.map((c) => ({ id: String(c.number), number: c.number, costPence: c.costPence, peopleReached: c.peopleReached })));
  const lastActivity = lastActivityOf({ createdAt: p.createdAt, cycles }, now);
  return {
    id: p.id,
    localityId: p.localityId,
    title: p.title,
    status,
    cycles: cycles.length,
    lastCycle: last
      ? {
          number: last.number,
          state: cycleState(last, now),
          decision: last.decision,
          date: last.decidedAt ? iso(last.decidedAt) : last.startsOn ? iso(last.startsOn) : null,
        }
      : null,
    nextDecisionDue: open.length ? new Date(Math.min(...open)).toISOString() : null,
    people: peopleTookPart(
      cycles.flatMap((c) => c.participantIds),
      cycles.flatMap((c) => c.counts),
    ),
    costPence: costs.costPence,
    costPerPerson: costs.costPerPerson,
    lastActivity: lastActivity.toISOString(),
    weeksQuiet: Math.floor((now.getTime() - lastActivity.getTime()) / WEEK_MS),
    stalled: isStalled(status, lastActivity, weeks, now),
    decisionDue: cycles.some((c) => decisionIsDue(c, now)),
    facet: isFacet(p.facet) ? p.facet : null,
    outcomes: [...(p.outcomes ?? [])],
  };
}

// --- grouping ------------------------------------------------------------------------------------

export type GroupTotals = { prototypes: number; stalled: number; decisionDue: number; people: number; costPence: number | null };

export function totalsOf(rows: readonly PortfolioRow[]): GroupTotals {
  const costs = rows.map((r) => r.costPence).filter((c): c is number => c !== null);
  return {
    prototypes: rows.length,
    stalled: rows.filter((r) => r.stalled).length,
    decisionDue: rows.filter((r) => r.decisionDue).length,
    people: rows.reduce((sum, r) => sum + r.people, 0),
    costPence: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
  };
}

/** Rows in the order a committee reads them: decision due first, then stalled, then by title. */
export function byAttention(a: PortfolioRow, b: PortfolioRow): number {
  const rank = (r: PortfolioRow) => (r.decisionDue ? 0 : r.stalled ? 1 : 2);
  return rank(a) - rank(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

export type LocalityGroup<L> = { locality: L; rows: PortfolioRow[]; totals: GroupTotals };

/** One group per locality (in the order given, localities without prototypes too), rows by attention. */
export function groupByLocality<L extends { id: string }>(localities: readonly L[], rows: readonly PortfolioRow[]): LocalityGroup<L>[] {
  return localities.map((locality) => {
    const mine = rows.filter((r) => r.localityId === locality.id).sort(byAttention);
    return { locality, rows: mine, totals: totalsOf(mine) };
  });
}

// --- priorities, facets and outcomes (the golden thread) ---------------------------------------------

export type PriorityRef = { id: string; title: string; archived: boolean };
export type FacetKey = Facet | "none";
export const FACET_KEYS: readonly FacetKey[] = [...FACETS, "none"];
export type FacetBalance = Record<FacetKey, number>;

/** How many prototypes carry each OECD facet (and how many say none). */
export function facetBalance(rows: readonly PortfolioRow[]): FacetBalance {
  const balance = Object.fromEntries(FACET_KEYS.map((k) => [k, 0])) as FacetBalance;
  for (const r of rows) balance[r.facet ?? "none"] += 1;
  return balance;
}

export type PriorityGroup = { priority: PriorityRef | null; rows: PortfolioRow[]; totals: GroupTotals; facets: FacetBalance };

/**
 * One group per priority, in the thread's order (an archived priority only while prototypes are
 * still linked to it), then the prototypes linked to no priority outcome (`priority: null`). A
 * prototype linked to outcomes of two priorities is in both.
 */
export function groupByPriority(priorities: readonly PriorityRef[], rows: readonly PortfolioRow[]): PriorityGroup[] {
  const group = (priority: PriorityRef | null, mine: PortfolioRow[]): PriorityGroup => {
    const sorted = [...mine].sort(byAttention);
    return { priority, rows: sorted, totals: totalsOf(sorted), facets: facetBalance(sorted) };
  };
  const groups = priorities
    .map((p) =>
      group(
        p,
        rows.filter((r) => r.outcomes.some((o) => o.priorityId === p.id)),
      ),
    )
    .filter((g) => !g.priority!.archived || g.rows.length > 0);
  const known = new Set(priorities.map((p) => p.id));
  const unlinked = rows.filter((r) => !r.outcomes.some((o) => o.priorityId !== null && known.has(o.priorityId)));
  return unlinked.length ? [...groups, group(null, unlinked)] : groups;
}

export type ConfidenceCycle = {
  number: number;
  believe: string;
  willResult: string;
  knowWhen: string;
  ratings: ReadonlyArray<{ moment: string; rating: number }>;
};

export type ConfidenceStep = {
  number: number;
  hypothesis: { believe: string; willResult: string; knowWhen: string };
  before: number | null;
  after: number | null;
  raters: number;
  change: "rose" | "fell" | "same" | null;
};

/** A prototype's hypotheses cycle by cycle with the group's average confidence before and after each (Stage 4's ratings). */
export function confidenceTrail(cycles: readonly ConfidenceCycle[]): ConfidenceStep[] {
  return [...cycles]
    .sort((a, b) => a.number - b.number)
    .map((c) => {
      const s = confidenceSummary(c.ratings);
      return {
        number: c.number,
        hypothesis: { believe: c.believe, willResult: c.willResult, knowWhen: c.knowWhen },
        before: s.before.average,
        after: s.after.average,
        raters: Math.max(s.before.count, s.after.count),
        change: s.change,
      };
    });
}

/**
 * Where evidence is building and where it is stalling, from a trail: "building" when the latest
 * rated cycle's confidence rose (or ended higher than the first rated cycle began), "weakening"
 * when it fell, "flat" when it stayed, null when nobody has rated both sides of any cycle.
 */
export function evidenceTrend(trail: readonly ConfidenceStep[]): "building" | "weakening" | "flat" | null {
  const rated = trail.filter((s) => s.before !== null && s.after !== null);
  if (rated.length === 0) return null;
  const first = rated[0]!.before!;
  const last = rated.at(-1)!.after!;
  return last > first ? "building" : last < first ? "weakening" : "flat";
}

// --- progress through the four stages ---------------------------------------------------------------

/** What each stage's line counts: people and ties; stories and insights; ideas; prototypes and decisions. */
export type StageDates = Record<StageKey, readonly When[]>;
export const STAGE_KEYS: readonly StageKey[] = STAGES.map((s) => s.key);
/** The chart and table show at most this many months (the first holds everything before it). */
export const PROGRESS_MONTHS_MAX = 24;

export type StageProgress = {
  /** "YYYY-MM", oldest first. */
  months: string[];
  /** For each stage, how many of its records existed by the end of each month. */
  series: Array<{ stage: StageKey; counts: number[] }>;
};

const monthOf = (d: When) => iso(d).slice(0, 7);
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Running totals by month (UTC) from the first record's month to `now`'s, at most PROGRESS_MONTHS_MAX months. */
export function stageProgress(dates: StageDates, now: Date): StageProgress {
  const all = STAGE_KEYS.flatMap((k) => dates[k].map(monthOf));
  const end = monthOf(now);
  if (all.length === 0) return { months: [], series: [] };
  let start = [...all].sort()[0]!;
  const months: string[] = [];
  for (let m = start; m <= end; m = nextMonth(m)) months.push(m);
  if (months.length > PROGRESS_MONTHS_MAX) months.splice(0, months.length - PROGRESS_MONTHS_MAX);
  start = months[0]!;
  const series = STAGE_KEYS.map((stage) => {
    const seen = dates[stage].map(monthOf).sort();
    let i = 0;
    const counts = months.map((m) => {
      while (i < seen.length && seen[i]! <= m) i++;
      return i;
    });
    return { stage, counts };
  });
  return { months, series };
}

export type StageChart = {
  width: number;
  height: number;
  plot: { x1: number; x2: number; y1: number; y2: number };
  lines: Array<{ stage: StageKey; points: string; dots: Array<{ x: number; y: number; value: number; month: string }> }>;
  yTicks: Array<{ value: number; y: number }>;
  xLabels: Array<{ month: string; x: number; anchor: "start" | "middle" | "end" }>;
  axisX: number;
};

/** The progress chart's geometry: a line per stage, months along (right to left in Arabic), counts up. */
export function stageChart(progress: StageProgress, options: { rtl: boolean }): StageChart {
  const width = 640;
  const height = 260;
  const plot = options.rtl ? { x1: 16, x2: 588, y1: 14, y2: 224 } : { x1: 52, x2: 624, y1: 14, y2: 224 };
  const max = Math.max(1, ...progress.series.flatMap((s) => s.counts));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const n = progress.months.length;
  const xAt = (i: number) => {
    const f = n <= 1 ? 0.5 : i / (n - 1);
    return options.rtl ? plot.x2 - f * (plot.x2 - plot.x1) : plot.x1 + f * (plot.x2 - plot.x1);
  };
  const yAt = (v: number) => plot.y2 - (v / top) * (plot.y2 - plot.y1);
  const lines = progress.series.map((s) => {
    const dots = s.counts.map((value, i) => ({ x: round(xAt(i)), y: round(yAt(value)), value, month: progress.months[i]! }));
    return { stage: s.stage, points: dots.map((d) => `${d.x},${d.y}`).join(" "), dots };
  });
  const yTicks: StageChart["yTicks"] = [];
  for (let v = 0; v <= top; v += step) yTicks.push({ value: v, y: round(yAt(v)) });
  // Month labels: the first, the last and about four between.
  const every = Math.max(1, Math.ceil(n / 6));
  const xLabels: StageChart["xLabels"] = progress.months
    .map((month, i) => ({ month, i }))
    .filter(({ i }) => i === 0 || i === n - 1 || (i % every === 0 && n - 1 - i >= every / 2))
    .map(({ month, i }) => ({
      month,
      x: round(xAt(i)),
      anchor: n === 1 ? "middle" : i === 0 ? (options.rtl ? "end" : "start") : i === n - 1 ? (options.rtl ? "start" : "end") : "middle",
    }));
  return { width, height, plot, lines, yTicks, xLabels, axisX: options.rtl ? plot.x2 + 30 : plot.x1 - 8 };
}

function niceStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const f = raw / power;
  return Math.max(1, (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power);
}
const round = (v: number) => Math.round(v * 10) / 10;

// --- the committee report ---------------------------------------------------------------------------

export type ReportCycle = {
  number: number;
  learned: string;
  decision: string | null;
  decisionReason: string | null;
  decidedAt: When | null;
};
export type ReportPrototype = { id: string; title: string; summary: string; forWhom: string; cycles: readonly ReportCycle[]; locality?: string };

export type ReportSection = {
  tried: Array<{ id: string; title: string; locality: string | null; summary: string; forWhom: string; status: PrototypeStatus; cycles: number }>;
  learned: Array<{ prototypeId: string; title: string; locality: string | null; cycle: number; learned: string }>;
  decided: Array<{ prototypeId: string; title: string; locality: string | null; cycle: number; decision: string; reason: string; decidedAt: string | null }>;
};

/** What is being tried, what was learned and what was decided, for one page of the report. */
export function reportSection(prototypes: readonly ReportPrototype[], rows: ReadonlyMap<string, PortfolioRow>): ReportSection {
  const section: ReportSection = { tried: [], learned: [], decided: [] };
  const ordered = [...prototypes].sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  for (const p of ordered) {
    const row = rows.get(p.id);
    if (!row) continue;
    const locality = p.locality ?? null;
    section.tried.push({ id: p.id, title: p.title, locality, summary: p.summary, forWhom: p.forWhom, status: row.status, cycles: row.cycles });
    for (const c of [...p.cycles].sort((a, b) => a.number - b.number)) {
      if (c.learned.trim()) section.learned.push({ prototypeId: p.id, title: p.title, locality, cycle: c.number, learned: c.learned.trim() });
      if (c.decision)
        section.decided.push({
          prototypeId: p.id,
          title: p.title,
          locality,
          cycle: c.number,
          decision: c.decision,
          reason: (c.decisionReason ?? "").trim(),
          decidedAt: c.decidedAt ? iso(c.decidedAt) : null,
        });
    }
  }
  return section;
}

// --- the CSV ----------------------------------------------------------------------------------------

export const CSV_COLUMNS = [
  "locality",
  "prototype",
  "status",
  "cycles",
  "lastCycle",
  "lastCycleState",
  "lastDecision",
  "nextDecisionDue",
  "people",
  "costPounds",
  "stalled",
  "decisionDue",
  "weeksQuiet",
  "priorities",
  "outcomes",
  "facet",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One record per prototype, by column (values as text; the page module translates and quotes them). */
export function csvRecord(localityName: string, r: PortfolioRow): Record<CsvColumn, string | number> {
  return {
    locality: localityName,
    prototype: r.title,
    status: r.status,
    cycles: r.cycles,
    lastCycle: r.lastCycle?.number ?? "",
    lastCycleState: r.lastCycle?.state ?? "",
    lastDecision: r.lastCycle?.decision ?? "",
    nextDecisionDue: toCycleDateInput(r.nextDecisionDue),
    people: r.people,
    costPounds: r.costPence === null ? "" : (r.costPence / 100).toFixed(2),
    stalled: r.stalled ? "yes" : "no",
    decisionDue: r.decisionDue ? "yes" : "no",
    weeksQuiet: r.weeksQuiet,
    priorities: [...new Set(r.outcomes.map((o) => o.priorityTitle).filter((t): t is string => t !== null))].join("; "),
    outcomes: r.outcomes.map((o) => o.title).join("; "),
    facet: r.facet ?? "",
  };
}
