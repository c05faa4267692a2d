/**
 * People's data rights, the pure part: what an erased person's name becomes, how names are
 * scrubbed from stored text and from the activity log's details, who may not be erased (the last
 * facilitator of a locality), and when a phone contributor's contact details expire. No zod here
 * (the erasure form's schema is in data-rights-input.ts): pages that show a former member's name
 * use this module in the browser.
 */

/**
 * What an erased person's name becomes wherever the app stored it as text (a board note's author,
 * a document comment's author, an idea comment, a translation). Pages show it as "a former
 * member" in the reader's language (`isFormerMember`); it is never shown as it is.
 */
export const FORMER_MEMBER = "@former-member";

export function isFormerMember(name: string | null | undefined): boolean {
  return name === FORMER_MEMBER;
}

/** Names shorter than this are not scrubbed from free text (an initial would eat other words). */
const MIN_NAME_LENGTH = 3;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The distinct strings to look for: trimmed, long enough, longest first (a full name before a part of it). */
export function namesToScrub(names: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const trimmed = (name ?? "").trim();
    if (trimmed.length >= MIN_NAME_LENGTH) out.add(trimmed);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each name (any case) with FORMER_MEMBER. */
export function scrubText(text: string, names: readonly string[]): string {
  let out = text;
  for (const name of names) out = out.replace(new RegExp(escapeRegExp(name), "giu"), FORMER_MEMBER);
  return out;
}

/** Whether a text holds one of the names (any case). */
export function mentionsAny(text: string, names: readonly string[]): boolean {
  const lower = text.toLocaleLowerCase();
  return names.some((n) => lower.includes(n.toLocaleLowerCase()));
}

function scrubValue(value: unknown, names: readonly string[]): unknown {
  if (typeof value === "string") return scrubText(value, names);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, names));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [scrubText(k, names), scrubValue(v, names)]));
  }
  return value;
}

/**
 * An activity-log entry's detail (a JSON object) with the names taken out: the action and the
 * record it names stay, every string that held a name now says FORMER_MEMBER in its place. A
 * detail that is not JSON is replaced by `{}` if it holds a name.
 */
export function scrubDetail(detail: string, names: readonly string[]): string {
  if (!mentionsAny(detail, names)) return detail;
  try {
    return JSON.stringify(scrubValue(JSON.parse(detail), names));
  } catch {
    return "{}";
  }
}

/** A locality the person facilitates, with every facilitator it has (theirs included). */
export type FacilitatedLocality = { id: string; name: string; facilitatorIds: readonly string[] };

/** The localities that would be left without a facilitator if this person went. */
export function lastFacilitatorOf(userId: string, localities: readonly FacilitatedLocality[]): FacilitatedLocality[] {
  return localities.filter((l) => l.facilitatorIds.includes(userId) && l.facilitatorIds.every((id) => id === userId));
}

/** Whether the typed confirmation is the person's name (spaces and case do not matter). */
export function confirmsName(typed: string, name: string): boolean {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();
  return norm(typed) === norm(name) && norm(name).length > 0;
}

/** CONTACT_RETENTION_DAYS: how long a phone contributor's contact details are kept after their challenge closes. */
export const DEFAULT_CONTACT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * When a challenge closed, or null while it is open: its closing date once passed, or the moment
 * its public link was closed (and not reopened), whichever came first.
 */
export function challengeClosedAt(challenge: { closesAt: Date | null; linkOpen: boolean; linkClosedAt: Date | null }, now: Date): Date | null {
  const dates: Date[] = [];
  if (challenge.closesAt && challenge.closesAt.getTime() <= now.getTime()) dates.push(challenge.closesAt);
  if (!challenge.linkOpen && challenge.linkClosedAt) dates.push(challenge.linkClosedAt);
  if (dates.length === 0) return null;
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

/** Whether contact details given on a challenge closed at `closedAt` are past keeping. */
export function contactExpired(closedAt: Date | null, retentionDays: number, now: Date): boolean {
  return closedAt !== null && now.getTime() - closedAt.getTime() >= retentionDays * DAY_MS;
}

/** The calendar day (UTC) a daily job's run belongs to: one run per day across instances. */
export function retentionDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
