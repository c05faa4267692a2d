/**
 * What is done and what comes next in each of the four stages, computed from the group's own
 * records: each stage's checklist of items (done or not yet, with a count and where to act), the
 * one-line summary the locality home shows, what is still open when a facilitator moves the group
 * on, and the activity log's record of that move. Pure: app/data/stage-progress.server.ts reads
 * the counts (one query per stage) and the definitions below turn them into items. What counts as
 * a tie across levels, an open challenge link, the storytellers behind an insight and a decision
 * due is defined once elsewhere (connectedness.ts, challenges.ts, insights.ts, portfolio.ts) and
 * used here, never re-derived.
 */
import { z } from "zod";
import { levelPairKey, measureConnectedness, type ConnectednessPerson, type ConnectednessTie } from "./connectedness";
import { linkState } from "./challenges";
import { countEvidence, type EvidenceFact } from "./insights";
import { decisionIsDue } from "./portfolio";
import { STAGES, type StageNumber } from "./stages";
import { setStageSchema } from "./localities";

/** The three links between levels of the local system the programme wants: residents ↔ professionals ↔ politicians. */
export const LEVEL_LINKS: readonly string[] = [
  levelPairKey("resident", "professional"),
  levelPairKey("resident", "politician"),
  levelPairKey("professional", "politician"),
];

/** An insight stands on more than one voice when this many storytellers (pseudonyms) are behind it. */
export const STORYTELLERS_PER_INSIGHT = 2;

// --- the counts each stage's checklist reads ------------------------------------------------------

export type Stage1Counts = {
  people: number;
  /** People with no confirmed tie. */
  isolated: number;
  /** How many of LEVEL_LINKS have at least one confirmed tie. */
  levelLinks: number;
  /** Confirmed ties between people of different levels. */
  crossLevelTies: number;
  purposeAgreed: boolean;
  /** Endorsements of the agreed version (0 when none is agreed). */
  endorsements: number;
  /** Sessions whose start has passed. */
  sessionsHeld: number;
};

export type Stage2Counts = {
  /** Stories held (withdrawn ones are gone). */
  stories: number;
  consented: number;
  /** Stories with consent and at least one excerpt. */
  coded: number;
  insights: number;
  /** Insights with at least one live excerpt behind them. */
  insightsWithEvidence: number;
  /** Insights with STORYTELLERS_PER_INSIGHT or more storytellers behind them. */
  insightsWithVoices: number;
  /** Distinct storytellers behind all the insights together. */
  storytellers: number;
};

export type Stage3Counts = {
  challenges: number;
  /** Challenges whose public link takes ideas now (open, and before its closing date). */
  challengesOpen: number;
  /** Published ideas, and those of them sent from phones. */
  ideas: number;
  phoneIdeas: number;
  /** Ideas on the shortlist (status shortlisted) and those already promoted to prototypes. */
  shortlisted: number;
  prototyping: number;
};

export type Stage4Counts = {
  prototypes: number;
  /** Prototypes with at least one test cycle. */
  prototypesWithCycles: number;
  cycles: number;
  /** Cycles waiting for their decision (portfolio.ts's definition). */
  decisionsDue: number;
};

export type StageCounts =
  | { stage: 1; counts: Stage1Counts }
  | { stage: 2; counts: Stage2Counts }
  | { stage: 3; counts: Stage3Counts }
  | { stage: 4; counts: Stage4Counts };

// --- from records to counts (the data layer reads the records, these count them) ----------------

export function stage1Counts(input: {
  people: readonly ConnectednessPerson[];
  ties: readonly ConnectednessTie[];
  purposeAgreed: boolean;
  endorsements: number;
  sessionsHeld: number;
}): Stage1Counts {
  const c = measureConnectedness([...input.people], [...input.ties]);
  return {
    people: c.people,
    isolated: c.isolated.length,
    levelLinks: LEVEL_LINKS.filter((pair) => (c.levelPairs[pair] ?? 0) > 0).length,
    crossLevelTies: c.crossLevelTies,
    purposeAgreed: input.purposeAgreed,
    endorsements: input.purposeAgreed ? input.endorsements : 0,
    sessionsHeld: input.sessionsHeld,
  };
}

/** One evidence row of one insight (see insights.ts's EvidenceFact). */
export type InsightEvidenceFact = EvidenceFact & { insightId: string };

export function stage2Counts(input: {
  /** The stories held (not withdrawn): whether each has consent, and how many excerpts. */
  stories: readonly { consented: boolean; excerpts: number }[];
  insightIds: readonly string[];
  evidence: readonly InsightEvidenceFact[];
}): Stage2Counts {
  const byInsight = new Map<string, EvidenceFact[]>(input.insightIds.map((id) => [id, []]));
  for (const fact of input.evidence) byInsight.get(fact.insightId)?.push(fact);
  let withEvidence = 0;
  let withVoices = 0;
  for (const facts of byInsight.values()) {
    const counts = countEvidence(facts);
    if (counts.excerpts > 0) withEvidence++;
    if (counts.storytellers >= STORYTELLERS_PER_INSIGHT) withVoices++;
  }
  const behindAll = countEvidence(input.evidence.filter((f) => byInsight.has(f.insightId)));
  return {
    stories: input.stories.length,
    consented: input.stories.filter((st) => st.consented).length,
    coded: input.stories.filter((st) => st.consented && st.excerpts > 0).length,
    insights: byInsight.size,
    insightsWithEvidence: withEvidence,
    insightsWithVoices: withVoices,
    storytellers: behindAll.storytellers,
  };
}

export function stage3Counts(input: {
  challenges: readonly { linkOpen: boolean; closesAt: Date | string | null }[];
  /** Published ideas, grouped by source and status. */
  ideas: readonly { source: string; status: string; count: number }[];
  now: Date;
}): Stage3Counts {
  const sum = (keep: (g: { source: string; status: string }) => boolean) => input.ideas.filter(keep).reduce((n, g) => n + g.count, 0);
  return {
    challenges: input.challenges.length,
    challengesOpen: input.challenges.filter((c) => linkState(c, input.now) === "open").length,
    ideas: sum(() => true),
    phoneIdeas: sum((g) => g.source === "phone"),
    shortlisted: sum((g) => g.status === "shortlisted"),
    prototyping: sum((g) => g.status === "prototyping"),
  };
}

export function stage4Counts(input: {
  /** Each prototype: how many test cycles it has, and those still without a decision. */
  prototypes: readonly {
    cycles: number;
    undecided: readonly { decision: string | null; startsOn: Date | string | null; endsOn: Date | string | null }[];
  }[];
  now: Date;
}): Stage4Counts {
  return {
    prototypes: input.prototypes.length,
    prototypesWithCycles: input.prototypes.filter((p) => p.cycles > 0).length,
    cycles: input.prototypes.reduce((n, p) => n + p.cycles, 0),
    decisionsDue: input.prototypes.flatMap((p) => p.undecided).filter((c) => decisionIsDue(c, input.now)).length,
  };
}

// --- the checklist -------------------------------------------------------------------------------

/**
 * One thing to see to in a stage. `count` (and `total`, when the count is "N of M") are what the
 * item's label shows; `path` is where to act, under `/l/<locality>/`. Its strings are
 * `stageGuide.items.<key>.label` (with count and total), `.done` and `.next`.
 */
export type ChecklistItem = {
  key: ChecklistKey;
  done: boolean;
  count: number;
  total: number | null;
  path: string;
};

export const CHECKLIST_KEYS = {
  1: ["purposeAgreed", "endorsed", "levels", "isolated", "sessions"],
  2: ["consent", "coded", "insights", "voices"],
  3: ["challenges", "phoneIdeas", "shortlist"],
  4: ["prototypes", "tested", "decisions"],
} as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[StageNumber][number];

function item(key: ChecklistKey, done: boolean, count: number, total: number | null, path: string): ChecklistItem {
  return { key, done, count, total, path };
}

/** Every item of a stage, in the order the stage page lists them. */
export function stageChecklist(input: StageCounts): ChecklistItem[] {
  switch (input.stage) {
    case 1: {
      const c = input.counts;
      return [
        item("purposeAgreed", c.purposeAgreed, c.purposeAgreed ? 1 : 0, null, "purpose"),
        item("endorsed", c.purposeAgreed && c.endorsements > 0, c.endorsements, null, "purpose"),
        item("levels", c.levelLinks === LEVEL_LINKS.length, c.levelLinks, LEVEL_LINKS.length, "relationships"),
        item("isolated", c.people > 0 && c.isolated === 0, c.isolated, c.people, c.people > 0 ? "relationships" : "people"),
        item("sessions", c.sessionsHeld > 0, c.sessionsHeld, null, "workshops"),
      ];
    }
    case 2: {
      const c = input.counts;
      return [
        item("consent", c.stories > 0 && c.consented === c.stories, c.consented, c.stories, "stories"),
        item("coded", c.consented > 0 && c.coded === c.consented, c.coded, c.consented, "stories"),
        item("insights", c.insights > 0 && c.insightsWithEvidence === c.insights, c.insightsWithEvidence, c.insights, "insights"),
        item("voices", c.insightsWithEvidence > 0 && c.insightsWithVoices === c.insightsWithEvidence, c.storytellers, null, "insights"),
      ];
    }
    case 3: {
      const c = input.counts;
      return [
        item("challenges", c.challenges > 0, c.challengesOpen, c.challenges, "challenges"),
        item("phoneIdeas", c.phoneIdeas > 0, c.phoneIdeas, c.ideas, "challenges"),
        item("shortlist", c.shortlisted + c.prototyping > 0, c.shortlisted + c.prototyping, null, "ideas?status=shortlisted"),
      ];
    }
    case 4: {
      const c = input.counts;
      return [
        item("prototypes", c.prototypes > 0, c.prototypes, null, c.prototypes > 0 ? "prototypes" : "ideas?status=shortlisted"),
        item("tested", c.prototypes > 0 && c.prototypesWithCycles === c.prototypes, c.prototypesWithCycles, c.prototypes, "prototypes"),
        item("decisions", c.cycles > 0 && c.decisionsDue === 0, c.decisionsDue, null, "prototypes?view=table"),
      ];
    }
  }
}

export type ChecklistSummary = { done: number; total: number; open: ChecklistItem[] };

export function summarise(items: readonly ChecklistItem[]): ChecklistSummary {
  const open = items.filter((i) => !i.done);
  return { done: items.length - open.length, total: items.length, open };
}

// --- moving the group on ---------------------------------------------------------------------------

/**
 * The stages a move leaves behind, whose open items a facilitator is warned about: every stage
 * from the current one up to the one before the target. Staying, or going back, leaves none.
 */
export function stagesLeftBehind(current: number, target: number): StageNumber[] {
  return STAGES.map((s) => s.number).filter((n) => n >= current && n < target);
}

export type StageMove = { from: number; to: number; open: number };

/** The activity log's detail of a move (stage numbers and a count: nothing personal). */
export function stageMoveDetail(move: StageMove): Record<string, unknown> {
  return { stage: move.from, to: move.to, open: move.open };
}

const storedMove = z.object({
  stage: z.number().int().min(1).max(4),
  to: z.number().int().min(1).max(4),
  open: z.number().int().min(0),
});

/** A logged move read back (older entries, which hold only the stage moved from, give null). */
export function readStageMove(detail: string): StageMove | null {
  try {
    const parsed = storedMove.safeParse(JSON.parse(detail));
    return parsed.success ? { from: parsed.data.stage, to: parsed.data.to, open: parsed.data.open } : null;
  } catch {
    return null;
  }
}

/** The set-stage form: the stage, and `confirm=1` once the facilitator has seen what is open ("move on anyway"). */
export const moveStageInput = setStageSchema.extend({ confirm: z.literal("1").optional() });
export type MoveStageInput = z.output<typeof moveStageInput>;
