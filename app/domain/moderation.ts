/**
 * Moderation of ideas sent from phones: which decisions a facilitator may take on an idea in
 * which state, where each leads, and the forms' schemas. Plain rules; the server applies them
 * with a conditional update (`where: { id, moderation: <from> }`), so two facilitators acting
 * on the same idea at once cannot both succeed.
 *
 *   pending   --approve-->  published   (its note placed on the challenge board)
 *   pending   --merge---->  merged      (into another pending or published idea of the challenge)
 *   pending   --reject--->  rejected    (with a reason the contributor reads on their receipt)
 *   published --edit----->  published   (text edited for anonymity; the note follows)
 *   hidden    --restore-->  published   (reports cleared, the note placed again)
 *   hidden    --reject--->  rejected
 */
import { z } from "zod";
import { LIMITS } from "~/domain/limits";
import type { ModerationState, SpamSignal } from "~/domain/ideas";

export const MODERATION_DECISIONS = ["approve", "merge", "reject", "edit", "restore"] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

const FROM: Record<ModerationDecision, readonly ModerationState[]> = {
  approve: ["pending"],
  merge: ["pending"],
  reject: ["pending", "hidden"],
  edit: ["published"],
  restore: ["hidden"],
};

const TO: Record<ModerationDecision, ModerationState> = {
  approve: "published",
  merge: "merged",
  reject: "rejected",
  edit: "published",
  restore: "published",
};

/** The states a decision may be taken from. */
export function allowedFrom(decision: ModerationDecision): readonly ModerationState[] {
  return FROM[decision];
}

/** Whether a decision may be taken on an idea in this state. */
export function mayDecide(decision: ModerationDecision, state: string): boolean {
  return (FROM[decision] as readonly string[]).includes(state);
}

/** The state a decision leads to. */
export function stateAfter(decision: ModerationDecision): ModerationState {
  return TO[decision];
}

/** Whether an idea in this state has a note on its challenge board. */
export function isOnBoard(state: string): boolean {
  return state === "published";
}

/** The states an idea may be merged into (the surviving idea): one the group sees or will see. */
export const MERGE_TARGET_STATES: readonly ModerationState[] = ["pending", "published"];

/** Whether `target` can absorb `duplicate`: another idea of the same challenge, pending or published. */
export function mayMergeInto(duplicate: { id: string; challengeId: string }, target: { id: string; challengeId: string; moderation: string }): boolean {
  return target.id !== duplicate.id && target.challengeId === duplicate.challengeId && (MERGE_TARGET_STATES as readonly string[]).includes(target.moderation);
}

/** The string key explaining a spam signal in plain words. */
export function spamSignalKey(signal: SpamSignal): string {
  return `challenges.spam.${signal}`;
}
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ideaId = z.string({ required_error: "challenges.errors.ideaUnknown" }).regex(ID, "challenges.errors.ideaUnknown");

const ideaText = (required: string) => z.string({ required_error: required }).trim().min(1, required).max(LIMITS.ideaText, "challenges.errors.textLong");

/** Approve, with the text as it will be published (prefilled with the text as sent; may be edited for anonymity). */
export const approveInput = z.object({ ideaId, text: ideaText("challenges.errors.textRequired") });

/** Edit a published idea's text for anonymity. */
export const editInput = z.object({ ideaId, text: ideaText("challenges.errors.textRequired") });

/** Merge a duplicate into another idea of the same challenge. */
export const mergeInput = z.object({
  ideaId,
  intoId: z.string({ required_error: "challenges.errors.mergeTarget" }).regex(ID, "challenges.errors.mergeTarget"),
});

/** Reject with a reason (required: the contributor reads it on their receipt). */
export const rejectInput = z.object({
  ideaId,
  reason: z
    .string({ required_error: "challenges.errors.reasonRequired" })
    .trim()
    .min(1, "challenges.errors.reasonRequired")
    .max(LIMITS.rejectionReason, "challenges.errors.reasonLong"),
});

/** Restore a hidden idea to the board. */
export const restoreInput = z.object({ ideaId });

/**
 * The text an approval (or an edit) publishes, and whether it changes the idea's text: an
 * unchanged field keeps the text as sent (whitespace at the ends does not count as a change).
 */
export function approvedText(original: string, submitted: string): { text: string; edited: boolean } {
  const next = submitted.trim();
  if (!next || next === original.trim()) return { text: original, edited: false };
  return { text: next, edited: true };
}
