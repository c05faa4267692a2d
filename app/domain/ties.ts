/**
 * Ties between people (Stage 1): the one definition of their kinds, strengths and how a pair is
 * stored (one row per pair, the smaller id first, so A–B and B–A are the same tie).
 */

export const TIE_KINDS = ["works_with", "neighbours", "family", "friends", "introduced_by", "met_at_session", "other"] as const;
export type TieKind = (typeof TIE_KINDS)[number];

/** 1 weak, 2 medium, 3 strong. */
export const TIE_STRENGTHS = [1, 2, 3] as const;
export type TieStrength = (typeof TIE_STRENGTHS)[number];

export const TIE_STATUSES = ["confirmed", "suggested"] as const;
export type TieStatus = (typeof TIE_STATUSES)[number];

/** Who may see a contact field of a profile. */
export const CONTACT_AUDIENCES = ["facilitators", "members", "everyone"] as const;
export type ContactAudience = (typeof CONTACT_AUDIENCES)[number];

/** The stored order of a pair: `{ personAId, personBId }` with the smaller id first. Throws on a tie to oneself. */
export function orderedPair(one: string, other: string): { personAId: string; personBId: string } {
  if (one === other) throw new RangeError("A tie needs two different people.");
  return one < other ? { personAId: one, personBId: other } : { personAId: other, personBId: one };
}

/** A key for a pair, whatever the order it is given in. */
export function pairKey(one: string, other: string): string {
  const { personAId, personBId } = orderedPair(one, other);
  return `${personAId}|${personBId}`;
}
