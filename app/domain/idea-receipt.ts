/**
 * What a phone contributor's receipt says about their idea: how far it has come (received → on
 * the board → voted on → being tried out → tested → adopted, adapted, scaled or stopped) or what
 * else happened to it (not taken forward, joined with a similar idea, under review). Pure: the
 * server gathers the facts, this decides.
 */
import type { IdeaStatus, ModerationState } from "./ideas";

export const RECEIPT_STEPS = ["received", "onBoard", "votedOn", "prototyping", "tested", "decided"] as const;
export type ReceiptStep = (typeof RECEIPT_STEPS)[number];

/** What a decision left the prototype as (the last step's name once reached). */
export const RECEIPT_OUTCOMES = ["adopted", "adapted", "stopped", "scaled"] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/** The prototype an idea became, as far as its receipt tells: its status, the public summary a facilitator wrote, its latest decision. */
export type PrototypeFacts = {
  status: string;
  publicSummary: string;
  /** The latest decided test cycle's decision and reason (null: no cycle decided yet). */
  latestDecision: { decision: string; reason: string | null } | null;
};

/** The receipt's account of the prototype: what was learned (public summary), the outcome and its reason. */
export type PrototypeProgress = {
  /** The outcome of the latest decision while the prototype stands by it (null: not decided, or being tried again). */
  outcome: ReceiptOutcome | null;
  /** What was learned, as a facilitator wrote it for the public (null: not written yet). */
  summary: string | null;
  /** The latest decision's reason (null: none given, or no decision). */
  reason: string | null;
  /** Changed after a decision and being tried out again. */
  again: boolean;
};

export type IdeaFacts = {
  moderation: ModerationState | string;
  status: IdeaStatus | string;
  rejectionReason: string | null;
  /** A Prototype row exists for this idea. */
  hasPrototype: boolean;
  /** Dots on its note, or null when the board hides voting results right now. */
  dots: number | null;
  /** The prototype's own facts, when it has one (and they were read). */
  prototype?: PrototypeFacts | null;
};

export type ReceiptView =
  /** Moving along the steps: `reached` is the furthest step it has reached. */
  | { kind: "progress"; reached: ReceiptStep; dots: number | null; shortlisted: boolean; parked: boolean; prototype?: PrototypeProgress }
  | { kind: "notTakenForward"; reason: string | null }
  | { kind: "underReview" }
  /** Joined with a similar idea: `into` is that idea's own progress (never another "merged"). */
  | { kind: "merged"; into: Exclude<ReceiptView, { kind: "merged" }> | null };

/** One idea's own state (a merged idea's target is followed by receiptView). */
export function ideaProgress(facts: IdeaFacts): Exclude<ReceiptView, { kind: "merged" }> {
  if (facts.moderation === "rejected") return { kind: "notTakenForward", reason: facts.rejectionReason?.trim() || null };
  if (facts.moderation === "hidden") return { kind: "underReview" };
  if (facts.moderation !== "published") return { kind: "progress", reached: "received", dots: null, shortlisted: false, parked: false };
  const prototyping = facts.status === "prototyping" || facts.hasPrototype;
  const voted = facts.dots !== null && facts.dots > 0;
  const reached: ReceiptStep = prototyping ? "prototyping" : voted ? "votedOn" : "onBoard";
  const view: ReceiptView = {
    kind: "progress",
    reached,
    dots: voted ? facts.dots : null,
    shortlisted: facts.status === "shortlisted",
    parked: facts.status === "parked",
  };
  if (!facts.hasPrototype || !facts.prototype) return view;
  const prototype = prototypeProgress(facts.prototype);
  return { ...view, reached: prototypeStep(prototype), prototype };
}

/**
 * A prototype's part of the receipt. Its status follows decisions only, so a status of adopted,
 * adapted, stopped or scaled with a decided cycle is the outcome (with that decision's reason); a
 * prototype tested again after being adapted is being tried out again; the public summary, once a
 * facilitator has written it, says what was learned.
 */
export function prototypeProgress(facts: PrototypeFacts): PrototypeProgress {
  const summary = facts.publicSummary.trim() || null;
  const decided = facts.latestDecision;
  const outcome = decided && (RECEIPT_OUTCOMES as readonly string[]).includes(facts.status) ? (facts.status as ReceiptOutcome) : null;
  return {
    outcome,
    summary,
    reason: outcome ? decided?.reason?.trim() || null : null,
    again: decided !== null && outcome === null,
  };
}

/** How far a prototype has come: decided, tested (a summary written, or tried again after a decision), or being tried out. */
function prototypeStep(p: PrototypeProgress): ReceiptStep {
  if (p.outcome) return "decided";
  if (p.summary || p.again) return "tested";
  return "prototyping";
}

/**
 * The receipt for an idea, following merges: `chain` is the idea itself and then each idea it
 * was merged into, in order (the server stops at a cycle or a missing target).
 */
export function receiptView(chain: readonly IdeaFacts[]): ReceiptView {
  const [first] = chain;
  if (!first) return { kind: "underReview" };
  if (first.moderation !== "merged") return ideaProgress(first);
  const target = chain.slice(1).find((f) => f.moderation !== "merged");
  return { kind: "merged", into: target ? ideaProgress(target) : null };
}

/** Each step's state for display: done, the current one, or still to come. */
export function stepStates(reached: ReceiptStep): { step: ReceiptStep; state: "done" | "current" | "upcoming" }[] {
  const at = RECEIPT_STEPS.indexOf(reached);
  return RECEIPT_STEPS.map((step, i) => ({ step, state: i < at ? "done" : i === at ? "current" : "upcoming" }));
}
