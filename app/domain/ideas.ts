/**
 * Stage 3's shared vocabulary: the states an idea moves through, where it came from, and the
 * rule that hides a published idea after enough reports. The challenge, submission, moderation
 * and idea-record modules all use these; nothing else defines them.
 */

/** Where an idea came from: the public phone link (moderated first) or the challenge board. */
export const IDEA_SOURCES = ["phone", "board"] as const;
export type IdeaSource = (typeof IDEA_SOURCES)[number];

/**
 * Moderation: a phone idea waits (pending) until a facilitator approves it (published, on the
 * board), merges it into another (merged) or rejects it with a reason. A published idea with
 * REPORTS_TO_HIDE reports is hidden until a facilitator reviews it.
 */
export const MODERATION_STATES = ["pending", "published", "rejected", "merged", "hidden"] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** The group's decision on an idea: new → shortlisted → prototyping, or parked (and back). */
export const IDEA_STATUSES = ["new", "shortlisted", "prototyping", "parked"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** Reports by different members that hide a published idea pending review. */
export const REPORTS_TO_HIDE = 3;

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (IDEA_STATUSES as readonly string[]).includes(value);
}

export function isModerationState(value: unknown): value is ModerationState {
  return typeof value === "string" && (MODERATION_STATES as readonly string[]).includes(value);
}

/** The challenge board's document name prefix is the board's; ideas on it are notes linked `{ type: "idea", id }`. */
export const IDEA_NOTE_LINK = "idea" as const;

/** A challenge's public link code: 8 characters a person can read off a poster and type (no 0/O, 1/I/L). */
export const LINK_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE = /^[23456789abcdefghjkmnpqrstuvwxyz]{8}$/;

/** A fresh random link code (about 40 bits: not guessable by walking the space under the rate limits). */
export function newLinkCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LINK_CODE_LENGTH));
  return [...bytes].map((b) => LINK_CODE_ALPHABET[b % LINK_CODE_ALPHABET.length]).join("");
}

/** Normalises what a person typed as a link code (case, spaces, dashes); null if it cannot be one. */
export function parseLinkCode(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const code = raw.trim().toLowerCase().replace(/[\s-]/g, "");
  return LINK_CODE.test(code) ? code : null;
}
