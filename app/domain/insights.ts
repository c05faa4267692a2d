/**
 * Synthesis: excerpts sent to a board, and insights made from them (a statement, "How might
 * we…?" questions, the evidence behind it and the group's confidence). Plain rules, shared by
 * the server and the browser: input validation, how evidence is counted, which consent scopes
 * allow quoting in reports, where sent notes go on a board, and a quote's redaction.
 */
import { z } from "zod";
import { NOTE_COLOURS, NOTE_SIZE, type NoteColour } from "~/collab/note-look";
import { can, type LocalityRole } from "~/domain/access/policy";
import { LIMITS } from "~/domain/limits";
import { sliceRedaction, toRedactedRange, type IdentifierKind, type Redaction } from "~/domain/redaction";

export const CONFIDENCES = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export function isConfidence(value: unknown): value is Confidence {
  return typeof value === "string" && (CONFIDENCES as readonly string[]).includes(value);
}

/** Consent scopes under which a story's (redacted) words may be quoted in reports and exports. */
export const QUOTE_SCOPES = ["quotes", "other_localities"] as const;

/** Whether a story's consent lets its words appear in reports and exports (core_group: analysis only). */
export function quotesAllowed(scope: string | null | undefined): boolean {
  return typeof scope === "string" && (QUOTE_SCOPES as readonly string[]).includes(scope);
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = z.string().regex(ID, "insights.errors.unknown");

/** A checkbox list's values (conform's parsing gives an array whether one or many were ticked): at least one. */
const idList = (emptyMessage: string) => z.array(id).min(1, emptyMessage).max(500, "insights.errors.tooMany").default([]);

// ---------------------------------------------------------------------------------------------
// Sending excerpts to a board
// ---------------------------------------------------------------------------------------------

export const SEND_COLOURS = ["byCode", ...NOTE_COLOURS] as const;

export const sendInput = z
  .object({
    excerpts: idList("insights.errors.noExcerpts"),
    target: z.enum(["existing", "new"], {
      errorMap: () => ({ message: "insights.errors.target" }),
    }),
    boardId: z.string().trim().optional(),
    title: z.string().trim().max(LIMITS.boardTitle, "insights.errors.titleLong").optional(),
    colour: z
      .enum(SEND_COLOURS, {
        errorMap: () => ({ message: "insights.errors.colour" }),
      })
      .default("byCode"),
  })
  .superRefine((v, ctx) => {
    if (v.target === "existing" && !(v.boardId && ID.test(v.boardId)))
      ctx.addIssue({
        code: "custom",
        path: ["boardId"],
        message: "insights.errors.board",
      });
    if (v.target === "new" && !v.title)
      ctx.addIssue({
        code: "custom",
        path: ["title"],
        message: "insights.errors.title",
      });
  });
export type SendInput = z.infer<typeof sendInput>;

/** A note's colour for an excerpt: its first code's place in the codebook, or the one colour chosen. */
export function noteColourFor(choice: (typeof SEND_COLOURS)[number], excerptCodeIds: readonly string[], codebook: readonly string[]): NoteColour {
  if (choice !== "byCode") return choice;
  const first = excerptCodeIds
    .map((c) => codebook.indexOf(c))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  return first === undefined ? "yellow" : NOTE_COLOURS[first % NOTE_COLOURS.length]!;
}

/**
 * Where `count` new notes go: a grid starting one row below the lowest note already on the
 * board (so nothing is covered), left to right in rows of `perRow`.
 */
export function gridBelow(existing: readonly { y: number }[], count: number, perRow = 6): { x: number; y: number }[] {
  const gap = 20;
  const top = existing.length ? Math.max(...existing.map((n) => n.y)) + NOTE_SIZE.height + gap * 3 : 40;
  return Array.from({ length: count }, (_, i) => ({
    x: 40 + (i % perRow) * (NOTE_SIZE.width + gap),
    y: top + Math.floor(i / perRow) * (NOTE_SIZE.height + gap),
  }));
}

/** The text of a note made from an excerpt: the redacted quote, then who told it. */
export function excerptNoteText(redactedQuote: string, pseudonym: string, maxLength: number): string {
  const suffix = ` — ${pseudonym}`;
  const room = Math.max(0, maxLength - suffix.length);
  const quote = redactedQuote.length > room ? `${redactedQuote.slice(0, Math.max(0, room - 1))}…` : redactedQuote;
  return `${quote}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// A quote as readers see it
// ---------------------------------------------------------------------------------------------

/**
 * An excerpt's quote, redacted. While the excerpt is anchored (its offsets still hold the
 * quote) the story's own redaction is sliced, so an identifier cut by the quote's edge
 * ("…Khan told me" of "Amira Khan") is still hidden; otherwise the quote itself is redacted
 * with `fallback` (the story's identifiers).
 */
export function redactedQuote(
  story: { text: string; redaction: Redaction },
  excerpt: { start: number; end: number; quote: string; anchored: boolean },
  label: (kind: IdentifierKind, n: number) => string,
  fallback: (quote: string) => string,
): string {
  const { text, redaction } = story;
  if (
    excerpt.anchored &&
    excerpt.start >= 0 &&
    excerpt.end <= text.length &&
    excerpt.start < excerpt.end &&
    text.slice(excerpt.start, excerpt.end) === excerpt.quote
  ) {
    const { rStart, rEnd } = toRedactedRange(redaction, excerpt.start, excerpt.end);
    return sliceRedaction(redaction, rStart, rEnd)
      .map((s) => (s.type === "text" ? s.text : label(s.kind, s.n)))
      .join("");
  }
  return fallback(excerpt.quote);
}

// ---------------------------------------------------------------------------------------------
// Insights
// ---------------------------------------------------------------------------------------------

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional();

export const insightInput = z.object({
  statement: z
    .string({ required_error: "insights.errors.statement" })
    .trim()
    .min(1, "insights.errors.statement")
    .max(LIMITS.insightStatement, "insights.errors.statementLong"),
  questions: z
    .array(optionalText(LIMITS.insightQuestion, "insights.errors.questionLong"))
    .max(LIMITS.insightQuestions, "insights.errors.tooManyQuestions")
    .default([])
    // The first question is the required one: its field shows the message.
    .superRefine((questions, ctx) => {
      if (!questions.some((q) => q && q.length > 0))
        ctx.addIssue({
          code: "custom",
          path: [0],
          message: "insights.errors.question",
        });
    }),
  questionIds: z.array(z.string().regex(ID).optional()).max(LIMITS.insightQuestions).default([]),
  confidence: z.enum(CONFIDENCES, {
    errorMap: () => ({ message: "insights.errors.confidence" }),
  }),
  evidence: idList("insights.errors.noEvidence"),
  boardId: z.string().regex(ID).optional(),
  clusterId: z.string().max(64).optional(),
});
export type InsightInput = z.infer<typeof insightInput>;

export type QuestionDraft = { id: string | null; text: string };

/** The questions typed, in order, blanks dropped, each with the id it had (if any). */
export function questionDrafts(input: Pick<InsightInput, "questions" | "questionIds">): QuestionDraft[] {
  const out: QuestionDraft[] = [];
  input.questions.forEach((text, i) => {
    if (text) out.push({ id: input.questionIds[i] ?? null, text });
  });
  return out;
}

/**
 * How stored questions change for the drafts: a draft carrying the id of an existing question
 * updates it (its id, which Stage 3 links to, is kept); a draft without one (or with an id that
 * is not this insight's, or used twice) is new; existing questions no draft names are removed.
 */
export function planQuestions(existing: readonly { id: string; text: string; position: number }[], drafts: readonly QuestionDraft[]) {
  const known = new Map(existing.map((q) => [q.id, q]));
  const used = new Set<string>();
  const keep: { id: string; text: string; position: number }[] = [];
  const create: { text: string; position: number }[] = [];
  drafts.forEach((d, position) => {
    if (d.id && known.has(d.id) && !used.has(d.id)) {
      used.add(d.id);
      keep.push({ id: d.id, text: d.text, position });
    } else create.push({ text: d.text, position });
  });
  const remove = existing.filter((q) => !used.has(q.id)).map((q) => q.id);
  return { keep, create, remove };
}

/** One evidence row as counted: a live excerpt of a story, or a source that is gone. */
export type EvidenceFact = { excerptId: string | null; storyId: string; withdrawn: boolean; pseudonym: string };

export type EvidenceCounts = { excerpts: number; stories: number; storytellers: number; withdrawn: number };

/**
 * An evidence row as stored, to count: its story is withdrawn when marked so or when the excerpt's
 * story lost its consent (which withdrawal also does); its source is gone when withdrawn or when a
 * coder deleted the excerpt.
 */
export function evidenceFact(row: {
  excerptId: string | null;
  storyId: string;
  storyWithdrawn: boolean;
  storyConsented: boolean;
  pseudonym: string;
}): EvidenceFact {
  const withdrawn = row.storyWithdrawn || (row.excerptId !== null && !row.storyConsented);
  return { excerptId: withdrawn ? null : row.excerptId, storyId: row.storyId, withdrawn, pseudonym: row.pseudonym };
}

/** A pseudonym as compared: the same pseudonym means the same storyteller, whatever the case or spacing. */
export function storytellerKey(pseudonym: string): string {
  return pseudonym.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();
}

/**
 * What stands behind an insight: live excerpts, the stories they come from and the distinct
 * storytellers (pseudonyms) who told them. A row of a withdrawn story counts only as withdrawn;
 * a row whose excerpt a coder deleted (its story still there) counts for nothing.
 */
export function countEvidence(rows: readonly EvidenceFact[]): EvidenceCounts {
  const excerpts = new Set<string>();
  const stories = new Set<string>();
  const storytellers = new Set<string>();
  let withdrawn = 0;
  for (const r of rows) {
    if (r.withdrawn) {
      withdrawn++;
      continue;
    }
    if (r.excerptId === null) continue;
    excerpts.add(r.excerptId);
    stories.add(r.storyId);
    storytellers.add(storytellerKey(r.pseudonym));
  }
  return { excerpts: excerpts.size, stories: stories.size, storytellers: storytellers.size, withdrawn };
}

/** Who may delete an insight: its author (while they may edit insights) and facilitators. */
export function mayDeleteInsight(role: LocalityRole | null, userId: string, insight: { createdById: string | null }): boolean {
  if (!can(role, "insights.edit")) return false;
  return role === "facilitator" || (insight.createdById !== null && insight.createdById === userId);
}
