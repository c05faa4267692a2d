/**
 * Session plans: a timed agenda of steps that sets up the room. The built-in plans (one or two
 * per stage, their words in the interface strings under "plans.builtin"), the shape of a step as
 * a session and a saved plan keep it (JSON), the forms' schemas and limits, which items a step
 * needs (a board laid out with columns, the purpose document, a challenge), how a plan applied
 * again keeps the items the session already has, the run of a session (start, next, previous,
 * end) and the times a run sheet shows. Pure: no database, unit-tested.
 */
import { z } from "zod";
import { CONTENT_LIMITS } from "~/collab/limits";

export const PLAN_TOOLS = ["none", "board", "purpose", "challenge"] as const;
export type PlanTool = (typeof PLAN_TOOLS)[number];

export const PLAN_LIMITS = {
  /** Steps in one plan or agenda. */
  steps: 20,
  stepTitle: 120,
  /** A step's prompt is what its board shows: the board's limit. */
  prompt: CONTENT_LIMITS.boardPrompt,
  /** Minutes of one step (a board's timer runs at most four hours). */
  minutes: 240,
  /** Columns (clusters) a board step lays out, and each one's name (a cluster's name). */
  columns: 8,
  columnName: CONTENT_LIMITS.clusterName,
  planTitle: 120,
  description: 1000,
} as const;

/** A step of a plan: what it is called, how long it takes, what the room is asked, the tool it uses. */
export type PlanStep = {
  /** A built-in plan's step key ("ideas_day.silent"): a plan applied again finds its step by it in any language. */
  key?: string;
  title: string;
  minutes: number;
  prompt: string;
  tool: PlanTool;
  /** A board step's columns (the board's clusters). */
  columns: string[];
  /** A board step that goes on working on the board of the board step before it. */
  sameBoard?: boolean;
};

/** A step of a session's agenda: a plan step and the items made for it. */
export type SessionStep = PlanStep & {
  /** The board the step works on (a board step's, or the challenge's board). */
  boardId?: string;
  documentId?: string;
  challengeId?: string;
};

// ---------------------------------------------------------------------------------------------
// The built-in plans. Words are interface strings: plans.builtin.<plan>.title / .description,
// plans.builtin.<plan>.steps.<step>.title / .prompt, and plans.columns.<column>.

type BuiltinStep = { step: string; minutes: number; tool: PlanTool; columns?: string[]; sameBoard?: boolean };
export type BuiltinPlan = { key: string; stage: 1 | 2 | 3 | 4; steps: BuiltinStep[] };

export const BUILTIN_PLANS: readonly BuiltinPlan[] = [
  {
    key: "getting_to_know",
    stage: 1,
    steps: [
      { step: "welcome", minutes: 10, tool: "none" },
      { step: "pairs", minutes: 15, tool: "none" },
      { step: "hopes_fears", minutes: 25, tool: "board", columns: ["hopes", "fears"] },
      { step: "agreements", minutes: 15, tool: "purpose" },
      { step: "close", minutes: 5, tool: "none" },
    ],
  },
  {
    key: "strong_round_here",
    stage: 1,
    steps: [
      { step: "welcome", minutes: 5, tool: "none" },
      { step: "strengths", minutes: 25, tool: "board", columns: ["people", "places", "groups", "skills"] },
      { step: "connections", minutes: 15, tool: "board", sameBoard: true },
      { step: "purpose", minutes: 20, tool: "purpose" },
      { step: "close", minutes: 5, tool: "none" },
    ],
  },
  {
    key: "story_sharing",
    stage: 2,
    steps: [
      { step: "welcome", minutes: 10, tool: "none" },
      { step: "read", minutes: 20, tool: "none" },
      { step: "share", minutes: 25, tool: "board", columns: ["surprised", "do", "in_the_way", "helps"] },
      { step: "cluster", minutes: 20, tool: "board", sameBoard: true },
      { step: "insights", minutes: 15, tool: "none" },
    ],
  },
  {
    key: "ideas_day",
    stage: 3,
    steps: [
      { step: "welcome", minutes: 10, tool: "none" },
      { step: "silent", minutes: 10, tool: "challenge" },
      { step: "build", minutes: 20, tool: "challenge" },
      { step: "vote", minutes: 10, tool: "challenge" },
      { step: "next", minutes: 10, tool: "none" },
    ],
  },
  {
    key: "test_learn",
    stage: 4,
    steps: [
      { step: "welcome", minutes: 5, tool: "none" },
      { step: "what_happened", minutes: 20, tool: "board", columns: ["tried", "worked", "did_not", "surprised"] },
      { step: "learned", minutes: 15, tool: "board", sameBoard: true },
      { step: "decide", minutes: 15, tool: "none" },
      { step: "next", minutes: 5, tool: "none" },
    ],
  },
];

export function findBuiltinPlan(key: string): BuiltinPlan | null {
  return BUILTIN_PLANS.find((p) => p.key === key) ?? null;
}

type Translate = (key: string) => string;

/** A built-in plan in one language: its title, description and steps with their words. */
export function resolveBuiltinPlan(plan: BuiltinPlan, t: Translate): { stage: number; title: string; description: string; steps: PlanStep[] } {
  const base = `plans.builtin.${plan.key}`;
  return {
    stage: plan.stage,
    title: t(`${base}.title`),
    description: t(`${base}.description`),
    steps: plan.steps.map((s) => ({
      key: `${plan.key}.${s.step}`,
      title: t(`${base}.steps.${s.step}.title`),
      minutes: s.minutes,
      prompt: t(`${base}.steps.${s.step}.prompt`),
      tool: s.tool,
      columns: (s.columns ?? []).map((c) => t(`plans.columns.${c}`)),
      ...(s.sameBoard ? { sameBoard: true } : {}),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Plan references: "builtin:<key>" or "saved:<SessionPlan id>".

export type PlanRef = { kind: "builtin"; key: string } | { kind: "saved"; id: string };
const REF = /^(builtin|saved):([A-Za-z0-9_-]{1,64})$/;

export function parsePlanRef(value: unknown): PlanRef | null {
  if (typeof value !== "string") return null;
  const m = REF.exec(value);
  if (!m) return null;
  if (m[1] === "builtin") return findBuiltinPlan(m[2]!) ? { kind: "builtin", key: m[2]! } : null;
  return { kind: "saved", id: m[2]! };
}

export function formatPlanRef(ref: PlanRef): string {
  return ref.kind === "builtin" ? `builtin:${ref.key}` : `saved:${ref.id}`;
}

// ---------------------------------------------------------------------------------------------
// Stored steps (JSON): read leniently (a step that is not of the shape is dropped), written whole.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const optionalId = (v: unknown) => (typeof v === "string" && ID.test(v) ? v : undefined);
const clip = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");

function readStep(value: unknown): SessionStep | null {
  if (!value || typeof value !== "object") return null;
  const s = value as Record<string, unknown>;
  const title = clip(s.title, PLAN_LIMITS.stepTitle).trim();
  const minutes = typeof s.minutes === "number" && Number.isInteger(s.minutes) ? s.minutes : NaN;
  if (!title || !(minutes >= 1 && minutes <= PLAN_LIMITS.minutes)) return null;
  const tool = (PLAN_TOOLS as readonly unknown[]).includes(s.tool) ? (s.tool as PlanTool) : "none";
  const columns = Array.isArray(s.columns)
    ? s.columns
        .filter((c): c is string => typeof c === "string" && c.trim() !== "")
        .map((c) => c.slice(0, PLAN_LIMITS.columnName))
        .slice(0, PLAN_LIMITS.columns)
    : [];
  const step: SessionStep = { title, minutes, prompt: clip(s.prompt, PLAN_LIMITS.prompt), tool, columns };
  if (typeof s.key === "string" && s.key.length <= 64) step.key = s.key;
  if (s.sameBoard === true && tool === "board") step.sameBoard = true;
  for (const field of ["boardId", "documentId", "challengeId"] as const) {
    const id = optionalId(s[field]);
    if (id) step[field] = id;
  }
  return step;
}

/** A stored agenda or plan (JSON) as steps; anything unreadable reads as no steps. */
export function parseSteps(json: string | null | undefined): SessionStep[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value
      .slice(0, PLAN_LIMITS.steps)
      .map(readStep)
      .filter((s): s is SessionStep => s !== null);
  } catch {
    return [];
  }
}

/** A session's steps as a plan keeps them: the words and tools, without the session's items. */
export function planStepsOf(steps: readonly SessionStep[]): PlanStep[] {
  return steps.map(({ key, title, minutes, prompt, tool, columns, sameBoard }) => ({
    ...(key ? { key } : {}),
    title,
    minutes,
    prompt,
    tool,
    columns: tool === "board" && !sameBoard ? columns : [],
    ...(sameBoard && tool === "board" ? { sameBoard: true } : {}),
  }));
}

// ---------------------------------------------------------------------------------------------
// Time

export function totalMinutes(steps: readonly Pick<PlanStep, "minutes">[]): number {
  return steps.reduce((sum, s) => sum + s.minutes, 0);
}

/** How many minutes the steps run over the session's planned length (0: they fit, or no length is set). */
export function minutesOver(steps: readonly Pick<PlanStep, "minutes">[], durationMinutes: number | null | undefined): number {
  if (!durationMinutes) return 0;
  return Math.max(0, totalMinutes(steps) - durationMinutes);
}

/** When each step starts and ends, in minutes from the session's start (a run sheet's times). */
export function schedule(steps: readonly Pick<PlanStep, "minutes">[]): Array<{ from: number; to: number }> {
  let at = 0;
  return steps.map((s) => {
    const from = at;
    at += s.minutes;
    return { from, to: at };
  });
}

/** "0:00", "1:05": minutes from the start as hours and minutes. */
export function clockOffset(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Items a step needs

/** What to get ready for a step (the run sheet's "prepare" column and the agenda's links). */
export type Preparation = { kind: "board"; columns: string[]; sameBoard: boolean } | { kind: "purpose" } | { kind: "challenge" } | { kind: "none" };

export function preparationOf(step: PlanStep): Preparation {
  switch (step.tool) {
    case "board":
      return { kind: "board", columns: step.sameBoard ? [] : step.columns, sameBoard: step.sameBoard === true };
    case "purpose":
      return { kind: "purpose" };
    case "challenge":
      return { kind: "challenge" };
    default:
      return { kind: "none" };
  }
}

const sameStep = (a: PlanStep, b: PlanStep) => a.tool === b.tool && (a.key && b.key ? a.key === b.key : a.title === b.title);

/**
 * The new steps with the items the session already has: a step keeps the board, document or
 * challenge of an earlier step that is the same step (same built-in key, or the same title, and
 * the same tool), each earlier item used once; every challenge step shares the session's one
 * challenge; a board step on the same board as the step before takes that board. What is still
 * missing afterwards has to be made (`missingItems`). Applying a plan twice therefore makes
 * nothing the second time.
 */
export function carryItems(previous: readonly SessionStep[], next: readonly PlanStep[]): SessionStep[] {
  const unused = previous.filter((s) => s.boardId || s.documentId || s.challengeId);
  const challenge = previous.find((s) => s.tool === "challenge" && s.challengeId);
  const out: SessionStep[] = [];
  for (const step of next) {
    const kept: SessionStep = { ...step };
    delete kept.boardId;
    delete kept.documentId;
    delete kept.challengeId;
    if (step.tool === "challenge") {
      if (challenge) Object.assign(kept, { challengeId: challenge.challengeId, ...(challenge.boardId ? { boardId: challenge.boardId } : {}) });
    } else if (step.tool === "board" && step.sameBoard) {
      const before = [...out].reverse().find((s) => s.tool === "board" && s.boardId);
      if (before) kept.boardId = before.boardId;
    } else if (step.tool === "board" || step.tool === "purpose") {
      const at = unused.findIndex((s) => sameStep(s, step));
      if (at >= 0) {
        const found = unused.splice(at, 1)[0]!;
        if (step.tool === "board" && found.boardId) kept.boardId = found.boardId;
        if (step.tool === "purpose" && found.documentId) kept.documentId = found.documentId;
      }
    }
    out.push(kept);
  }
  return out;
}

/** The first step (in order) whose board is the board step before it: its board is that step's. */
export function boardSource(steps: readonly SessionStep[], index: number): number | null {
  const step = steps[index];
  if (step?.tool !== "board" || !step.sameBoard) return null;
  for (let i = index - 1; i >= 0; i--) if (steps[i]!.tool === "board") return steps[i]!.sameBoard ? boardSource(steps, i) : i;
  return null;
}

/** Steps still missing their item: boards to make, whether the purpose document and a challenge are needed. */
export function missingItems(steps: readonly SessionStep[]): { boards: number[]; purpose: boolean; challenge: boolean } {
  const boards: number[] = [];
  steps.forEach((s, i) => {
    if (s.tool === "board" && !s.boardId && boardSource(steps, i) === null) boards.push(i);
  });
  return {
    boards,
    purpose: steps.some((s) => s.tool === "purpose" && !s.documentId),
    challenge: steps.some((s) => s.tool === "challenge" && !s.challengeId),
  };
}

/** Fills in the items made: a board per step index, the purpose document, the challenge (and its board); same-board steps follow their board. */
export function withItems(
  steps: readonly SessionStep[],
  made: { boards: ReadonlyMap<number, string>; documentId: string | null; challenge: { id: string; boardId: string } | null },
): SessionStep[] {
  const out = steps.map((s, i) => {
    const step = { ...s };
    const board = made.boards.get(i);
    if (board && step.tool === "board" && !step.boardId) step.boardId = board;
    if (step.tool === "purpose" && !step.documentId && made.documentId) step.documentId = made.documentId;
    if (step.tool === "challenge" && !step.challengeId && made.challenge)
      Object.assign(step, { challengeId: made.challenge.id, boardId: made.challenge.boardId });
    return step;
  });
  return out.map((s, i) => {
    if (s.tool !== "board" || !s.sameBoard || s.boardId) return s;
    const source = boardSource(out, i);
    const boardId = source === null ? undefined : out[source]!.boardId;
    return boardId ? { ...s, boardId } : s;
  });
}

// ---------------------------------------------------------------------------------------------
// Running a session

export const RUN_MOVES = ["start", "next", "previous", "end"] as const;
export type RunMove = (typeof RUN_MOVES)[number];

/** The step after a move (null: not running). Start begins at the first step; next and previous stay within the agenda. */
export function moveStep(current: number | null, move: RunMove, count: number): number | null {
  if (count === 0 || move === "end") return null;
  const at = current === null ? null : Math.min(Math.max(current, 0), count - 1);
  switch (move) {
    case "start":
      return 0;
    case "next":
      return at === null ? 0 : Math.min(at + 1, count - 1);
    case "previous":
      return at === null ? 0 : Math.max(at - 1, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Forms (the same schemas run in the browser and on the server)

const text = (max: number) => z.string().trim().max(max, "validation.tooLong").default("");
const required = (max: number) => z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

/** Columns typed one per line: blank lines dropped, at most PLAN_LIMITS.columns, each at most a cluster name long. */
export function splitColumns(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const columnsField = z
  .string()
  .max(PLAN_LIMITS.columns * (PLAN_LIMITS.columnName + 2), "validation.tooLong")
  .default("")
  .transform((v) => splitColumns(v))
  .refine((cols) => cols.length <= PLAN_LIMITS.columns, "plans.errors.columns")
  .refine((cols) => cols.every((c) => c.length <= PLAN_LIMITS.columnName), "plans.errors.columnName");

const minutesField = z.coerce
  .number({ invalid_type_error: "plans.errors.minutes", required_error: "validation.required" })
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= PLAN_LIMITS.minutes, "plans.errors.minutes");

/** One row of the agenda form; `from` is the row's place in the stored agenda (its items stay with it), `remove` drops it. */
export const agendaStepInput = z.object({
  from: z.coerce.number().int().min(0).max(PLAN_LIMITS.steps).optional(),
  remove: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
  title: text(PLAN_LIMITS.stepTitle),
  minutes: z.preprocess((v) => (v === "" ? undefined : v), minutesField.optional()),
  prompt: text(PLAN_LIMITS.prompt),
  tool: z.enum(PLAN_TOOLS, { errorMap: () => ({ message: "plans.errors.tool" }) }).default("none"),
  columns: columnsField,
  sameBoard: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
});

export const agendaInput = z
  .object({
    steps: z
      .array(agendaStepInput)
      .max(PLAN_LIMITS.steps + 1, "plans.errors.tooManySteps")
      .default([]),
  })
  .superRefine((v, ctx) => {
    let kept = 0;
    v.steps.forEach((s, i) => {
      // A blank row (the empty one at the end) is no step.
      const blank = !s.title && s.minutes === undefined && !s.prompt && s.columns.length === 0;
      if (s.remove || blank) return;
      kept++;
      if (!s.title) ctx.addIssue({ code: "custom", path: ["steps", i, "title"], message: "validation.required" });
      if (s.minutes === undefined) ctx.addIssue({ code: "custom", path: ["steps", i, "minutes"], message: "validation.required" });
    });
    if (kept > PLAN_LIMITS.steps) ctx.addIssue({ code: "custom", path: ["steps"], message: "plans.errors.tooManySteps" });
  });
export type AgendaInput = z.output<typeof agendaInput>;

/**
 * The agenda a valid form describes, with each kept row's items carried from the stored step it
 * came from (when its tool is unchanged). Rows marked to remove, and blank rows, are dropped.
 */
export function agendaFromForm(input: AgendaInput, stored: readonly SessionStep[]): SessionStep[] {
  const out: SessionStep[] = [];
  for (const row of input.steps) {
    const blank = !row.title && row.minutes === undefined && !row.prompt && row.columns.length === 0;
    if (row.remove || blank || row.minutes === undefined) continue;
    const sameBoard = row.tool === "board" && row.sameBoard;
    const step: SessionStep = {
      title: row.title,
      minutes: row.minutes,
      prompt: row.prompt,
      tool: row.tool,
      columns: row.tool === "board" && !sameBoard ? row.columns : [],
      ...(sameBoard ? { sameBoard: true } : {}),
    };
    const from = row.from === undefined ? undefined : stored[row.from];
    if (from) {
      if (from.key) step.key = from.key;
      if (from.tool === row.tool) {
        if (row.tool === "board" && !sameBoard && from.boardId && !from.sameBoard) step.boardId = from.boardId;
        if (row.tool === "purpose" && from.documentId) step.documentId = from.documentId;
        if (row.tool === "challenge" && from.challengeId) Object.assign(step, { challengeId: from.challengeId, boardId: from.boardId });
      }
    }
    out.push(step);
  }
  return out;
}

export const applyPlanInput = z.object({
  plan: z.string({ required_error: "plans.errors.plan" }).refine((v) => parsePlanRef(v) !== null, "plans.errors.plan"),
  /** The insight question a challenge step opens (blank: the newest not opened yet). */
  questionId: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional(),
});

export const savePlanInput = z.object({
  title: required(PLAN_LIMITS.planTitle),
  description: text(PLAN_LIMITS.description),
  stage: z.coerce.number({ invalid_type_error: "plans.errors.stage" }).refine((n) => Number.isInteger(n) && n >= 1 && n <= 4, "plans.errors.stage"),
});

export const runInput = z.object({ move: z.enum(RUN_MOVES) });
