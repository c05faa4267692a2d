/**
 * Stage 4's shared vocabulary: a prototype's status, a test cycle's methods and decisions, who
 * takes part, what partners pledge, measures and the public feedback questions. Status follows
 * decisions only: a prototype is planned until its first cycle starts, testing while a cycle runs,
 * and after each decision adopted (continue), adapted (adapt: the next cycle follows), stopped or
 * scaled.
 */

export const PROTOTYPE_STATUSES = ["planned", "testing", "adopted", "adapted", "stopped", "scaled"] as const;
export type PrototypeStatus = (typeof PROTOTYPE_STATUSES)[number];

export const CYCLE_METHODS = ["role-play", "mock-up", "pop-up", "pilot", "walk-through"] as const;
export type CycleMethod = (typeof CYCLE_METHODS)[number];

export const CYCLE_DECISIONS = ["continue", "adapt", "stop", "scale"] as const;
export type CycleDecision = (typeof CYCLE_DECISIONS)[number];

/** The status a decision leaves a prototype in. */
export const STATUS_AFTER_DECISION: Record<CycleDecision, PrototypeStatus> = {
  continue: "adopted",
  adapt: "adapted",
  stop: "stopped",
  scale: "scaled",
};

/** Whether someone of the core group would use a prototype or deliver it. */
export const PARTICIPANT_ROLES = ["use", "deliver"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const PLEDGE_KINDS = ["time", "room", "money", "staff", "other"] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];

export const PARTNER_ROLES = ["use", "deliver", "support"] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Which way is better for a measure. */
export const MEASURE_DIRECTIONS = ["up", "down"] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

export const EVIDENCE_KINDS = ["note", "photo", "figure"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Confidence in a cycle's hypothesis, before and after it: 1 (not at all) to 5 (very). */
export const CONFIDENCE_MOMENTS = ["before", "after"] as const;
export type ConfidenceMoment = (typeof CONFIDENCE_MOMENTS)[number];
export const CONFIDENCE_MIN = 1;
export const CONFIDENCE_MAX = 5;

/** Public feedback questions: a 1–5 face scale, yes or no, or a sentence (moderated). One to three per cycle. */
export const FEEDBACK_KINDS = ["faces", "yesno", "sentence"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_QUESTIONS_MAX = 3;

/** A cycle with a decision is closed: later corrections are amendments, shown beside the original. */
export function cycleClosed(cycle: { decision: string | null }): boolean {
  return cycle.decision !== null;
}

/** A cycle's state as the page shows it. */
export function cycleState(cycle: { decision: string | null; startsOn: Date | string | null }, now: Date = new Date()): "planned" | "running" | "closed" {
  if (cycleClosed(cycle)) return "closed";
  if (cycle.startsOn && new Date(cycle.startsOn).getTime() <= now.getTime()) return "running";
  return "planned";
}

/** Cost per person reached, in pence (null when either is unknown or nobody was reached). */
export function costPerPerson(costPence: number | null, reached: number | null): number | null {
  if (costPence === null || reached === null || reached <= 0) return null;
  return Math.round(costPence / reached);
}

/** Whether a reading moved the right way from the baseline. */
export function readingImproves(measure: { baseline: number | null; betterWhen: string }, value: number): boolean | null {
  if (measure.baseline === null) return null;
  return measure.betterWhen === "down" ? value < measure.baseline : value > measure.baseline;
}
