/**
 * Pseudonymisation of story text: the one place that decides what members and viewers may read.
 *
 * A story has marked identifiers (names, places, contact details…). Every occurrence of each one
 * in the text — whole words, any letter case, any run of spaces between its words, and after an
 * Arabic proclitic (و ف ب ل ك, ال) — is replaced by a placeholder such as "[Name 1]". The same
 * identifier always gets the same number within a story, so the redacted text stays readable.
 *
 * Two coordinate systems:
 * - original offsets index the story's plain text (what facilitators see; excerpts store these);
 * - redacted offsets index the redacted text where each placeholder counts as ONE character,
 *   whatever its label's length or language. Browsers of members only ever see redacted
 *   offsets, so not even the length of a hidden name reaches them.
 *
 * Browser-safe: no Node APIs, no dependencies.
 */

export const IDENTIFIER_KINDS = ["name", "place", "contact", "other"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export type Identifier = { text: string; kind: IdentifierKind };

/** A piece of the redacted text: plain text, or a placeholder standing for one occurrence. */
export type RedactedSegment =
  | { type: "text"; text: string; start: number; rStart: number }
  | { type: "placeholder"; kind: IdentifierKind; n: number; start: number; end: number; rStart: number };

export type Redaction = {
  segments: RedactedSegment[];
  /** Length of the original text. */
  length: number;
  /** Length in redacted offsets (each placeholder counts one). */
  rLength: number;
};

const WORD = "[\\p{L}\\p{M}\\p{N}_]";
/** Arabic proclitics that attach to the next word without a space: and, so, with/in, for/to, like, the. */
const PROCLITIC = "(?:[وفبلك]?(?:ال)?|لل)";
const ARABIC = /[\u0600-\u06ff\u0750-\u077f]/;

/** How an identifier is written for comparison: trimmed, spaces collapsed, NFC. */
export function normaliseIdentifier(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The pattern for one identifier: its words, separated by any spaces (never a line break). */
function patternFor(identifier: string): string {
  const words = identifier.split(" ").map(escapeRegExp).join("[^\\S\\n]+");
  const before = ARABIC.test(identifier.charAt(0)) ? `(?<!${WORD})${PROCLITIC}` : `(?<!${WORD})`;
  // The proclitic is matched but kept: only the identifier itself is hidden (see the group).
  const edgeBefore = /^[\p{L}\p{M}\p{N}_]/u.test(identifier) ? before : "";
  const edgeAfter = /[\p{L}\p{M}\p{N}_]$/u.test(identifier) ? `(?!${WORD})` : "";
  return `${edgeBefore}(${words})${edgeAfter}`;
}

type Occurrence = { start: number; end: number; key: string };

/** The compiled patterns of a list of identifiers, kept while the list is (one list per story read). */
const compiled = new WeakMap<readonly Identifier[], Array<{ key: string; re: RegExp }>>();
function patternsOf(identifiers: readonly Identifier[]): Array<{ key: string; re: RegExp }> {
  let patterns = compiled.get(identifiers);
  if (!patterns) {
    patterns = identifiers.flatMap((identifier) => {
      const key = normaliseIdentifier(identifier.text);
      return key ? [{ key, re: new RegExp(patternFor(key), "giu") }] : [];
    });
    compiled.set(identifiers, patterns);
  }
  return patterns;
}

/**
 * Every occurrence of the identifiers in the text, leftmost first; where two overlap, the one
 * that starts first wins, then the longer one.
 */
function occurrences(text: string, identifiers: readonly Identifier[]): Occurrence[] {
  const found: Occurrence[] = [];
  if (!text) return found;
  for (const { key, re } of patternsOf(identifiers)) {
    for (const m of text.matchAll(re)) {
      const matched = m[1]!;
      const start = m.index! + m[0].length - matched.length;
      found.push({ start, end: start + matched.length, key: key.toLocaleLowerCase() });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Occurrence[] = [];
  let reach = 0;
  for (const o of found) {
    if (o.start < reach) {
      // Overlaps the previous choice: widen it instead of leaving part of this one visible.
      const last = chosen[chosen.length - 1]!;
      if (o.end > last.end) last.end = o.end;
      reach = last.end;
      continue;
    }
    chosen.push({ ...o });
    reach = o.end;
  }
  return chosen;
}

/** Placeholder numbers per kind, in the order identifiers were marked (stable as text changes). */
function numbering(identifiers: readonly Identifier[]): Map<string, { kind: IdentifierKind; n: number }> {
  const counts = new Map<IdentifierKind, number>();
  const out = new Map<string, { kind: IdentifierKind; n: number }>();
  for (const identifier of identifiers) {
    const key = normaliseIdentifier(identifier.text).toLocaleLowerCase();
    if (!key || out.has(key)) continue;
    const n = (counts.get(identifier.kind) ?? 0) + 1;
    counts.set(identifier.kind, n);
    out.set(key, { kind: identifier.kind, n });
  }
  return out;
}

/** The text with every marked identifier replaced, as segments (identifiers in marking order). */
export function redact(text: string, identifiers: readonly Identifier[]): Redaction {
  const numbers = numbering(identifiers);
  const segments: RedactedSegment[] = [];
  let at = 0;
  let rAt = 0;
  for (const o of occurrences(text, identifiers)) {
    if (o.start > at) {
      segments.push({ type: "text", text: text.slice(at, o.start), start: at, rStart: rAt });
      rAt += o.start - at;
    }
    const label = numbers.get(o.key) ?? { kind: "other" as const, n: 0 };
    segments.push({ type: "placeholder", kind: label.kind, n: label.n, start: o.start, end: o.end, rStart: rAt });
    rAt += 1;
    at = o.end;
  }
  if (at < text.length) {
    segments.push({ type: "text", text: text.slice(at), start: at, rStart: rAt });
    rAt += text.length - at;
  }
  return { segments, length: text.length, rLength: rAt };
}

/** The redacted text as a string, each placeholder written by `label` (e.g. "[Name 1]"). */
export function redactedString(redaction: Redaction, label: (kind: IdentifierKind, n: number) => string): string {
  return redaction.segments.map((s) => (s.type === "text" ? s.text : label(s.kind, s.n))).join("");
}

/** Redacts any string (a quote, a note) against a story's identifiers. */
export function redactText(text: string, identifiers: readonly Identifier[], label: (kind: IdentifierKind, n: number) => string): string {
  return redactedString(redact(text, identifiers), label);
}

/** The part of the redaction inside [rStart, rEnd) in redacted offsets. */
export function sliceRedaction(redaction: Redaction, rStart: number, rEnd: number): RedactedSegment[] {
  const out: RedactedSegment[] = [];
  for (const s of redaction.segments) {
    if (s.type === "placeholder") {
      if (s.rStart >= rStart && s.rStart < rEnd) out.push(s);
      continue;
    }
    const from = Math.max(rStart, s.rStart);
    const to = Math.min(rEnd, s.rStart + s.text.length);
    if (from < to) out.push({ type: "text", text: s.text.slice(from - s.rStart, to - s.rStart), start: s.start + (from - s.rStart), rStart: from });
  }
  return out;
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(0, Math.trunc(value)), max);
}

/**
 * A range a reader selected in redacted offsets, as original offsets. A placeholder is one
 * character, so it is either wholly inside the range (the hidden identifier is too) or outside.
 */
export function toOriginalRange(redaction: Redaction, rStart: number, rEnd: number): { start: number; end: number } {
  const a = clamp(Math.min(rStart, rEnd), redaction.rLength);
  const b = clamp(Math.max(rStart, rEnd), redaction.rLength);
  const toOriginal = (r: number): number => {
    for (const s of redaction.segments) {
      if (s.type === "placeholder") {
        if (r === s.rStart) return s.start;
        if (r === s.rStart + 1) return s.end;
        continue;
      }
      if (r >= s.rStart && r <= s.rStart + s.text.length) return s.start + (r - s.rStart);
    }
    return redaction.length;
  };
  const start = toOriginal(a);
  return { start, end: Math.max(start, toOriginal(b)) };
}

/**
 * An original range (an excerpt) in redacted offsets. An end inside a hidden identifier moves
 * past its placeholder and a start inside one moves before it, so the placeholder is included.
 */
export function toRedactedRange(redaction: Redaction, start: number, end: number): { rStart: number; rEnd: number } {
  const a = clamp(Math.min(start, end), redaction.length);
  const b = clamp(Math.max(start, end), redaction.length);
  const toRedacted = (o: number, edge: "start" | "end"): number => {
    for (const s of redaction.segments) {
      if (s.type === "placeholder") {
        if (o > s.start && o < s.end) return edge === "start" ? s.rStart : s.rStart + 1;
        if (o === s.start) return s.rStart;
        continue;
      }
      if (o >= s.start && o <= s.start + s.text.length) return s.rStart + (o - s.start);
    }
    return redaction.rLength;
  };
  const rStart = toRedacted(a, "start");
  return { rStart, rEnd: Math.max(rStart, toRedacted(b, "end")) };
}

/**
 * What a reader's browser receives: the redacted text as pieces with redacted offsets only
 * (original offsets would tell the length of every hidden identifier).
 */
export type ReaderSegment = { type: "text"; text: string; r: number } | { type: "placeholder"; kind: IdentifierKind; n: number; r: number };

export function readerSegments(segments: readonly RedactedSegment[]): ReaderSegment[] {
  return segments.map((s) => (s.type === "text" ? { type: "text", text: s.text, r: s.rStart } : { type: "placeholder", kind: s.kind, n: s.n, r: s.rStart }));
}
