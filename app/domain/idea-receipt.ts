/**
 * What a phone contributor's receipt says about their idea: how far it has come (received → on
 * the board → voted on → being prototyped) or what else happened to it (not taken forward, joined
 * with a similar idea, under review). Pure: the server gathers the facts, this decides.
 */
import type { IdeaStatus, ModerationState } from "./ideas";

export const RECEIPT_STEPS = ["received", "onBoard", "votedOn", "prototyping"] as const;
export type ReceiptStep = (typeof RECEIPT_STEPS)[number];

export type IdeaFacts = {
  moderation: ModerationState | string;
  status: IdeaStatus | string;
  rejectionReason: string | null;
  /** A Prototype row exists for this idea. */
  hasPrototype: boolean;
  /** Dots on its note, or null when the board hides voting results right now. */
  dots: number | null;
};

export type ReceiptView =
  /** Moving along the steps: `reached` is the furthest step it has reached. */
  | { kind: "progress"; reached: ReceiptStep; dots: number | null; shortlisted: boolean; parked: boolean }
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
  return {
    kind: "progress",
    reached,
    dots: voted ? facts.dots : null,
    shortlisted: facts.status === "shortlisted",
    parked: facts.status === "parked",
  };
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
