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

/** A published phone idea is a note on its challenge's board linked `{ type: "idea", id }`. */
export const IDEA_NOTE_LINK = "idea" as const;

/** The note id a phone idea has on its board (derived, so placing it twice places it once). */
export function ideaNoteId(ideaId: string): string {
  return `idea-${ideaId}`;
}

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

/**
 * Spam signals the moderation queue shows beside a phone idea (computed when it arrives):
 * links: it contains web links; repeated: the same text was already sent to this challenge;
 * burst: the same device or address sent several ideas within minutes; shouting: mostly capitals;
 * fast: sent within seconds of the page opening; noLetters: no letters at all.
 */
export const SPAM_SIGNALS = ["links", "repeated", "burst", "shouting", "fast", "noLetters"] as const;
export type SpamSignal = (typeof SPAM_SIGNALS)[number];

/** Reads a stored spamSignals JSON value (unknown codes and bad JSON are dropped). */
export function readSpamSignals(stored: string): SpamSignal[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is SpamSignal => (SPAM_SIGNALS as readonly string[]).includes(v)) : [];
  } catch {
    return [];
  }
}

/** Whether a challenge's public link takes ideas now: open, and before its closing date if it has one. */
export function challengeAcceptsIdeas(challenge: { linkOpen: boolean; closesAt: Date | null }, now: Date = new Date()): boolean {
  return challenge.linkOpen && (challenge.closesAt === null || challenge.closesAt.getTime() > now.getTime());
}

/** The interface languages a challenge offers ("en,ar" → ["en", "ar"]), known ones only, English if none. */
export function challengeLanguages(stored: string): ("en" | "ar")[] {
  const known = stored
    .split(",")
    .map((l) => l.trim())
    .filter((l): l is "en" | "ar" => l === "en" || l === "ar");
  return known.length > 0 ? [...new Set(known)] : ["en"];
}
