/**
 * Likely identifiers in a story's original text, for a facilitator to mark with one click:
 * names of the locality's people (whole names, and first or last names of three letters or
 * more), the storyteller's real name, UK phone numbers, email addresses, UK postcodes and
 * street addresses. Only what occurs in the text (matched as redaction matches it, so Arabic
 * names after a proclitic count) and is not marked yet. Pure and browser-safe.
 */
import { normaliseIdentifier, redact, type Identifier, type IdentifierKind } from "./redaction";

export type Suggestion = { text: string; kind: IdentifierKind; reason: SuggestionReason };
export type SuggestionReason = "person" | "storyteller" | "phone" | "email" | "postcode" | "address";

export type SuggestionSources = {
  /** Display names of the locality's people. */
  people: readonly string[];
  /** The storyteller's real name, when recorded. */
  realName?: string | null;
  /** Identifiers already marked in the story. */
  marked: readonly string[];
};

/** UK numbers: +44 or 0 and an area code (maybe in brackets), then 6–8 more digits with optional spaces or dashes. */
const PHONE = /(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?\d{2,4}|\(0\d{2,4}\)\s?|0\d{2,4})(?:[\s-]?\d){6,8}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** UK postcodes, e.g. "B11 1AA", "B31 2PQ", "SW1A 1AA" (upper case, as written on letters). */
const POSTCODE = /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/g;
const STREET_WORDS = "Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Grove|Place|Gardens|Terrace|Court|Rise|Walk|Square|Row|Mews|Parade|Hill";
/** "14 Ladypool Road", "3a Mill Lane", "Coleman Close" — a number is optional, the street word is not. */
const SENTENCE_WORDS = "(?:The|A|An|In|On|At|To|From|Near|By|Of|Off|And|But|We|I|My|Our|Your|She|He|They|It|Down|Up|Along|Round|Behind)\\s";
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:\\d{1,4}[A-Za-z]?,?\\s+)?(?:(?!${SENTENCE_WORDS})\\p{Lu}[\\p{L}'’-]+\\s+){1,3}(?:${STREET_WORDS})(?![\\p{L}\\p{N}])`,
  "gu",
);

const key = (text: string) => normaliseIdentifier(text).toLocaleLowerCase();

/** Where a candidate first occurs in the text as redaction would find it; -1 when it does not. */
function firstOccurrence(text: string, candidate: string, kind: IdentifierKind): number {
  try {
    const segment = redact(text, [{ text: candidate, kind }]).segments.find((s) => s.type === "placeholder");
    return segment ? segment.start : -1;
  } catch {
    // A candidate redaction cannot match (its pattern is refused) is not offered: marking it would not hide it.
    return -1;
  }
}

/** A display name's parts worth suggesting alone: words of three letters or more. */
function nameParts(name: string): string[] {
  return normaliseIdentifier(name)
    .split(" ")
    .filter((w) => [...w.matchAll(/\p{L}/gu)].length >= 3);
}

export function suggestIdentifiers(text: string, sources: SuggestionSources): Suggestion[] {
  if (!text.trim()) return [];
  const seen = new Set(sources.marked.map(key));
  const found: Array<Suggestion & { at: number }> = [];
  const consider = (raw: string, kind: IdentifierKind, reason: SuggestionReason) => {
    const candidate = normaliseIdentifier(raw);
    if (!candidate || seen.has(key(candidate))) return;
    const at = firstOccurrence(text, candidate, kind);
    if (at < 0) return;
    seen.add(key(candidate));
    found.push({ text: candidate, kind, reason, at });
  };

  const names: Array<[string, SuggestionReason]> = [];
  if (sources.realName?.trim()) names.push([sources.realName, "storyteller"]);
  for (const person of sources.people) if (person.trim()) names.push([person, "person"]);
  // Whole names first, so "Karen Whitcombe" is offered before "Karen" alone.
  for (const [name, reason] of names) consider(name, "name", reason);
  for (const [name, reason] of names) for (const part of nameParts(name)) consider(part, "name", reason);

  for (const m of text.matchAll(EMAIL)) consider(m[0], "contact", "email");
  for (const m of text.matchAll(PHONE)) consider(m[0], "contact", "phone");
  for (const m of text.matchAll(POSTCODE)) consider(m[0], "place", "postcode");
  for (const m of text.matchAll(ADDRESS)) consider(m[0], "place", "address");

  return found.sort((a, b) => a.at - b.at || b.text.length - a.text.length).map(({ at: _at, ...s }) => s);
}

/** The suggestions as identifiers to mark (e.g. "Mark all"). */
export function asIdentifiers(suggestions: readonly Suggestion[]): Identifier[] {
  return suggestions.map((s) => ({ text: s.text, kind: s.kind }));
}
