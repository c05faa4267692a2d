/**
 * Joint analysis of stories (Stage 2): highlighting passages as excerpts, finding them again
 * after the text changes, and the figures the analysis views show. Pure and browser-safe: the
 * coding view renders highlights with it, the server validates and counts with it.
 *
 * Coordinates: excerpts are stored in ORIGINAL offsets (the story's plain text); everything a
 * browser sees is in REDACTED offsets (app/domain/redaction.ts: each placeholder counts one).
 */
import { z } from "zod";
import { LIMITS } from "./limits";
import type { IdentifierKind, ReaderSegment } from "./redaction";

/** How many characters of context are kept on each side of an excerpt, to find it again. */
export const CONTEXT_LENGTH = 32;
/** The longest passage one excerpt may hold, in characters (about three pages). */
export const MAX_EXCERPT_LENGTH = 8000;
/** How many characters of a sentence the keyboard picker shows in its options. */
export const SENTENCE_PREVIEW = 60;

// ---------------------------------------------------------------------------------------------
// Highlights: the redacted text cut into runs at every excerpt boundary.

export type HighlightRange = { id: string; rStart: number; rEnd: number };

/** A piece of one line of the coding view: text or a placeholder, and the excerpts covering it. */
export type HighlightPiece =
  | { type: "text"; text: string; r: number; ids: string[] }
  | { type: "placeholder"; kind: IdentifierKind; n: number; r: number; ids: string[] };

/** The excerpts covering each redacted offset's run, as [from, to) boundaries with their ids. */
export function highlightRuns(rLength: number, ranges: readonly HighlightRange[]): Array<{ rStart: number; rEnd: number; ids: string[] }> {
  const cuts = new Set<number>([0, rLength]);
  for (const h of ranges) {
    if (h.rEnd <= h.rStart) continue;
    cuts.add(Math.max(0, Math.min(rLength, h.rStart)));
    cuts.add(Math.max(0, Math.min(rLength, h.rEnd)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const runs: Array<{ rStart: number; rEnd: number; ids: string[] }> = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const rStart = sorted[i]!;
    const rEnd = sorted[i + 1]!;
    if (rEnd <= rStart) continue;
    const ids = ranges.filter((h) => h.rStart <= rStart && h.rEnd >= rEnd && h.rEnd > h.rStart).map((h) => h.id);
    runs.push({ rStart, rEnd, ids });
  }
  return runs;
}

/**
 * The redacted text as lines (one per paragraph, as the story's blocks), each cut into pieces at
 * every excerpt boundary so overlapping highlights render as stacked layers. Line breaks are not
 * pieces (they still count one redacted offset each, as in RedactedText).
 */
export function highlightLines(segments: readonly ReaderSegment[], ranges: readonly HighlightRange[]): HighlightPiece[][] {
  const rLength = segments.reduce((n, s) => n + (s.type === "text" ? s.text.length : 1), 0);
  const runs = highlightRuns(rLength, ranges);
  const cuts = runs.map((r) => r.rStart);
  const idsAt = (r: number): string[] => {
    // The run containing r (runs are sorted and contiguous).
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]!.rStart <= r) lo = mid;
      else hi = mid - 1;
    }
    return runs[lo]?.ids ?? [];
  };
  const lines: HighlightPiece[][] = [[]];
  const pushText = (text: string, r: number) => {
    // Split at run boundaries inside this text.
    let at = 0;
    for (const cut of cuts) {
      if (cut <= r + at || cut >= r + text.length) continue;
      lines[lines.length - 1]!.push({ type: "text", text: text.slice(at, cut - r), r: r + at, ids: idsAt(r + at) });
      at = cut - r;
    }
    if (at < text.length) lines[lines.length - 1]!.push({ type: "text", text: text.slice(at), r: r + at, ids: idsAt(r + at) });
  };
  for (const s of segments) {
    if (s.type === "placeholder") {
      lines[lines.length - 1]!.push({ type: "placeholder", kind: s.kind, n: s.n, r: s.r, ids: idsAt(s.r) });
      continue;
    }
    const parts = s.text.split("\n");
    let r = s.r;
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) pushText(part, r);
      r += part.length + 1;
    });
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The keyboard and no-JavaScript picker: paragraph → sentences.

export type Sentence = { rStart: number; rEnd: number; preview: string };
export type Paragraph = { rStart: number; rEnd: number; sentences: Sentence[] };

/** Ends a sentence: . ! ? … and the Arabic question mark ؟ (the Arabic comma ، does not), plus closing quotes/brackets. */
const SENTENCE_END = /[.!?…؟]+["'”’»)\]]*/gu;

/**
 * The redacted text's paragraphs and their sentences, in redacted offsets, with a short preview
 * of each sentence (placeholders written by `label`). Blank lines are not paragraphs.
 */
export function paragraphsOf(segments: readonly ReaderSegment[], label: (kind: IdentifierKind, n: number) => string): Paragraph[] {
  // One unit per redacted offset: a UTF-16 code unit of the text, or a whole placeholder.
  type Line = { rStart: number; units: string[]; flat: string[] };
  const lines: Line[] = [];
  let current: Line | null = null;
  let r = 0;
  const open = (): Line => (current ??= { rStart: r, units: [], flat: [] });
  for (const s of segments) {
    if (s.type === "placeholder") {
      const line = open();
      line.units.push(label(s.kind, s.n));
      // For finding sentence ends a placeholder reads as a word.
      line.flat.push("x");
      r += 1;
      continue;
    }
    for (let i = 0; i < s.text.length; i++) {
      const unit = s.text[i]!;
      if (unit === "\n") {
        if (current) lines.push(current);
        current = null;
      } else {
        const line = open();
        line.units.push(unit);
        line.flat.push(unit);
      }
      r += 1;
    }
  }
  if (current) lines.push(current);

  const paragraphs: Paragraph[] = [];
  for (const line of lines) {
    const flat = line.flat.join("");
    if (!flat.trim()) continue;
    const sentences: Sentence[] = [];
    let from = 0;
    const addSentence = (start: number, end: number) => {
      // Trim spaces at both ends.
      while (start < end && /\s/u.test(flat[start]!)) start++;
      while (end > start && /\s/u.test(flat[end - 1]!)) end--;
      if (end <= start) return;
      const text = line.units.slice(start, end).join("");
      sentences.push({ rStart: line.rStart + start, rEnd: line.rStart + end, preview: preview(text) });
    };
    for (const m of flat.matchAll(SENTENCE_END)) {
      const end = m.index! + m[0].length;
      // A full stop between digits or letters ("3.5", "e.g") is not a sentence end.
      if (end < flat.length && !/\s/u.test(flat[end]!)) continue;
      addSentence(from, end);
      from = end;
    }
    addSentence(from, flat.length);
    if (sentences.length === 0) continue;
    paragraphs.push({ rStart: sentences[0]!.rStart, rEnd: sentences[sentences.length - 1]!.rEnd, sentences });
  }
  return paragraphs;
}

function preview(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > SENTENCE_PREVIEW ? `${clean.slice(0, SENTENCE_PREVIEW - 1)}…` : clean;
}

/** A picker position "p:s" (paragraph and sentence, counted from 0). */
export const sentenceRef = (p: number, s: number) => `${p}:${s}`;

/**
 * The passage from the start of sentence `from` to the end of sentence `to` (refs "p:s"), in
 * redacted offsets; null when a ref does not exist or `to` comes before `from`.
 */
export function pickedRange(paragraphs: readonly Paragraph[], from: string, to: string): { rStart: number; rEnd: number } | null {
  const find = (ref: string): Sentence | null => {
    const m = /^(\d{1,6}):(\d{1,6})$/.exec(ref);
    if (!m) return null;
    return paragraphs[Number(m[1])]?.sentences[Number(m[2])] ?? null;
  };
  const a = find(from);
  const b = find(to);
  if (!a || !b || b.rEnd <= a.rStart) return null;
  return { rStart: a.rStart, rEnd: b.rEnd };
}

// ---------------------------------------------------------------------------------------------
// Re-anchoring: finding an excerpt again after the story's text was edited.

export type Anchor = { start: number; end: number; quote: string; prefix: string; suffix: string };
export type Anchored = { anchored: true; start: number; end: number } | { anchored: false };

/** The context kept with a new excerpt: up to CONTEXT_LENGTH characters either side. */
export function anchorFor(text: string, start: number, end: number): Anchor {
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/** How many characters of the context match around an occurrence at `at` (prefix from its end, suffix from its start). */
function contextScore(text: string, at: number, anchor: Anchor): number {
  let score = 0;
  for (let i = 1; i <= anchor.prefix.length && at - i >= 0; i++) {
    if (text[at - i] !== anchor.prefix[anchor.prefix.length - i]) break;
    score++;
  }
  const after = at + anchor.quote.length;
  for (let i = 0; i < anchor.suffix.length && after + i < text.length; i++) {
    if (text[after + i] !== anchor.suffix[i]) break;
    score++;
  }
  return score;
}

/**
 * Where an excerpt is in the text now: where it was when the slice still matches; otherwise the
 * quote's occurrence closest to the old start (the better-matching context breaks ties); or not
 * found at all.
 */
export function reanchor(text: string, anchor: Anchor): Anchored {
  if (!anchor.quote) return { anchored: false };
  if (text.slice(anchor.start, anchor.end) === anchor.quote) return { anchored: true, start: anchor.start, end: anchor.end };
  let best: { at: number; distance: number; score: number } | null = null;
  for (let at = text.indexOf(anchor.quote); at !== -1; at = text.indexOf(anchor.quote, at + 1)) {
    const distance = Math.abs(at - anchor.start);
    if (best && distance > best.distance) continue;
    const score = contextScore(text, at, anchor);
    if (!best || distance < best.distance || score > best.score) best = { at, distance, score };
  }
  return best ? { anchored: true, start: best.at, end: best.at + anchor.quote.length } : { anchored: false };
}

// ---------------------------------------------------------------------------------------------
// Figures for the analysis views.

export type CodedExcerpt = { id: string; storyId: string; coderId: string | null; start: number; end: number; anchored: boolean; codeIds: readonly string[] };

const overlaps = (a: CodedExcerpt, b: CodedExcerpt) => a.storyId === b.storyId && a.anchored && b.anchored && a.start < b.end && b.start < a.end;

/** Every pair of overlapping excerpts by different coders (each pair once, the earlier first). */
export function crossCoderPairs<E extends CodedExcerpt>(excerpts: readonly E[]): Array<[E, E]> {
  const byStory = new Map<string, E[]>();
  for (const e of excerpts) {
    if (!e.anchored || e.coderId === null) continue;
    const list = byStory.get(e.storyId) ?? [];
    list.push(e);
    byStory.set(e.storyId, list);
  }
  const pairs: Array<[E, E]> = [];
  for (const list of byStory.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length && list[j]!.start < a.end; j++) {
        const b = list[j]!;
        if (a.coderId !== b.coderId && overlaps(a, b)) pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

export type Disagreement<E extends CodedExcerpt> = { a: E; b: E; onlyA: string[]; onlyB: string[]; shared: string[]; start: number; end: number };

/** Overlapping excerpts by different coders whose code sets differ, with what each side alone applied. */
export function disagreements<E extends CodedExcerpt>(excerpts: readonly E[]): Array<Disagreement<E>> {
  const out: Array<Disagreement<E>> = [];
  for (const [a, b] of crossCoderPairs(excerpts)) {
    const setA = new Set(a.codeIds);
    const setB = new Set(b.codeIds);
    const onlyA = [...setA].filter((c) => !setB.has(c));
    const onlyB = [...setB].filter((c) => !setA.has(c));
    if (onlyA.length === 0 && onlyB.length === 0) continue;
    out.push({ a, b, onlyA, onlyB, shared: [...setA].filter((c) => setB.has(c)), start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
  }
  return out;
}

/**
 * Agreement per code over overlapping excerpts by different coders: pairs where both applied the
 * code ÷ pairs where either did. Codes no such pair carries are absent.
 */
export function agreementByCode(excerpts: readonly CodedExcerpt[]): Map<string, { both: number; either: number }> {
  const out = new Map<string, { both: number; either: number }>();
  for (const [a, b] of crossCoderPairs(excerpts)) {
    const setA = new Set(a.codeIds);
    const setB = new Set(b.codeIds);
    for (const code of new Set([...setA, ...setB])) {
      const entry = out.get(code) ?? { both: 0, either: 0 };
      entry.either += 1;
      if (setA.has(code) && setB.has(code)) entry.both += 1;
      out.set(code, entry);
    }
  }
  return out;
}

/** Excerpts per code and story: counts[codeId][storyId]. */
export function countsByCodeAndStory(excerpts: readonly Pick<CodedExcerpt, "storyId" | "codeIds">[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const e of excerpts) {
    for (const code of new Set(e.codeIds)) {
      const row = out.get(code) ?? new Map<string, number>();
      row.set(e.storyId, (row.get(e.storyId) ?? 0) + 1);
      out.set(code, row);
    }
  }
  return out;
}

/** Per coder: how many excerpts, in how many stories, and which codes they used (sorted ids). */
export function coderSummary(
  excerpts: readonly Pick<CodedExcerpt, "coderId" | "storyId" | "codeIds">[],
): Map<string, { excerpts: number; stories: number; codeIds: string[] }> {
  const acc = new Map<string, { excerpts: number; stories: Set<string>; codes: Set<string> }>();
  for (const e of excerpts) {
    if (e.coderId === null) continue;
    const entry = acc.get(e.coderId) ?? { excerpts: 0, stories: new Set<string>(), codes: new Set<string>() };
    entry.excerpts += 1;
    entry.stories.add(e.storyId);
    for (const c of e.codeIds) entry.codes.add(c);
    acc.set(e.coderId, entry);
  }
  return new Map([...acc].map(([id, e]) => [id, { excerpts: e.excerpts, stories: e.stories.size, codeIds: [...e.codes].sort() }]));
}

/**
 * The passage two overlapping excerpts cover together, from their quotes (no need to read the
 * story): null when the quotes do not fit their offsets.
 */
export function unionQuote(a: Anchor, b: Anchor): string | null {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  if (first.quote.length !== first.end - first.start || second.quote.length !== second.end - second.start) return null;
  if (second.start > first.end) return null;
  if (second.end <= first.end) return first.quote;
  const overlap = first.end - second.start;
  if (first.quote.slice(first.quote.length - overlap) !== second.quote.slice(0, overlap)) return null;
  return first.quote + second.quote.slice(overlap);
}

// ---------------------------------------------------------------------------------------------
// Form input.

const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/);
const offset = z.coerce
  .number()
  .int()
  .min(0)
  .max(LIMITS.storyText + 1);
const codeIds = z.array(id).max(50).default([]);
const newCodeName = z.string().trim().max(LIMITS.codeName, "analysis.errors.codeNameLong").optional().default("");
const comment = z.string().trim().max(LIMITS.excerptComment, "analysis.errors.commentLong").optional().default("");

/** "Code this passage": by a selection (redacted offsets) or by the picker (sentence refs). */
export const excerptInput = z
  .object({
    rStart: offset.optional(),
    rEnd: offset.optional(),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    codeIds,
    newCode: newCodeName,
    comment,
    /** Which text the passage was chosen in (see textVersion in story-reading.server.ts). */
    textVersion: z.string().max(64).optional(),
  })
  .superRefine((v, ctx) => {
    const bySelection = v.rStart !== undefined && v.rEnd !== undefined;
    const byPicker = Boolean(v.from && v.to);
    if (!bySelection && !byPicker) ctx.addIssue({ code: "custom", path: ["from"], message: "analysis.errors.passage" });
    if (v.codeIds.length === 0 && !v.newCode) ctx.addIssue({ code: "custom", path: ["codeIds"], message: "analysis.errors.noCode" });
  });
export type ExcerptInput = z.infer<typeof excerptInput>;

/** Changing an excerpt's codes and comment. */
export const excerptUpdateInput = z
  .object({ excerptId: id, codeIds, newCode: newCodeName, comment })
  .refine((v) => v.codeIds.length > 0 || v.newCode, { path: ["codeIds"], message: "analysis.errors.noCode" });

export const excerptIdInput = z.object({ excerptId: id });

const codeName = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(LIMITS.codeName, "analysis.errors.codeNameLong");
const codeDescription = z.string().trim().max(LIMITS.codeDescription, "analysis.errors.descriptionLong").optional().default("");

export const codeCreateInput = z.object({ name: codeName, description: codeDescription });
export const codeUpdateInput = z.object({ codeId: id, name: codeName, description: codeDescription });
export const codeMergeInput = z.object({
  codeId: id,
  intoId: z
    .string({ required_error: "analysis.errors.mergeTarget" })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "analysis.errors.mergeTarget"),
});
export const codeDeleteInput = z.object({ codeId: id });

/** Two codes are the same name when they differ only in case and spaces. */
export function sameCodeName(a: string, b: string): boolean {
  return a.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase() === b.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();
}
