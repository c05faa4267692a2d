/**
 * Feedback from phones on a test cycle (Stage 4): the one to three short questions a facilitator
 * writes (a 1–5 face scale, yes/no, or a sentence), each in every language of the cycle; whether
 * the cycle's public link takes answers; what a visitor's form may hold; and the answers counted
 * by language and by question. Sentences wait for moderation; only published answers count as
 * evidence. Plain functions: no database, no secrets.
 */
import { FEEDBACK_KINDS, FEEDBACK_QUESTIONS_MAX, cycleClosed, type FeedbackKind } from "~/domain/prototypes";
import { looksBinary, normaliseText } from "~/domain/idea-submission";

export const FEEDBACK_LIMITS = {
  /** A question's prompt, in one language. */
  prompt: 200,
  /** A visitor's sentence. */
  sentence: 500,
} as const;

/** The faces of the 1–5 scale: 1 very unhappy … 5 very happy. */
export const FACES = [1, 2, 3, 4, 5] as const;
export type Face = (typeof FACES)[number];

/** The interface languages a feedback page can be shown in. */
export const FEEDBACK_LANGUAGES = ["en", "ar"] as const;
export type FeedbackLanguage = (typeof FEEDBACK_LANGUAGES)[number];

export function isFeedbackLanguage(value: unknown): value is FeedbackLanguage {
  return typeof value === "string" && (FEEDBACK_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The languages a cycle's feedback is written and answered in: the interface languages among
 * the cycle's (TestCycle.languages, "en,ar"), in the cycle's order, English when none.
 */
export function feedbackLanguages(stored: string): FeedbackLanguage[] {
  const known = stored
    .split(",")
    .map((l) => l.trim())
    .filter(isFeedbackLanguage);
  return known.length > 0 ? [...new Set(known)] : ["en"];
}

export function isFeedbackKind(value: unknown): value is FeedbackKind {
  return typeof value === "string" && (FEEDBACK_KINDS as readonly string[]).includes(value);
}

/** A question's prompts as stored (JSON {"en": "…", "ar": "…"}); bad JSON and non-strings are dropped. */
export function readPrompts(stored: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(stored);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

/** The prompt in `language`, else in the first language that has one. */
export function promptIn(prompts: Record<string, string>, language: string, languages: readonly string[]): string {
  if (prompts[language]) return prompts[language];
  for (const l of languages) if (prompts[l]) return prompts[l];
  return Object.values(prompts)[0] ?? "";
}

// --- the facilitator's questions ------------------------------------------------------------

/** The form's slots: question 1, 2 and 3 (fields q1-kind, q1-en, q1-ar, q1-id, …). */
export const QUESTION_SLOTS = Array.from({ length: FEEDBACK_QUESTIONS_MAX }, (_, i) => i + 1);

export type QuestionSlotValues = { id: string; kind: string; prompts: Record<string, string> };
export type QuestionDraft = { id: string | null; kind: FeedbackKind; prompts: Record<string, string> };
/** Errors by field name (q2-ar, q1-kind, …) or "form"; values are string keys. */
export type QuestionErrors = Record<string, string>;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A prompt on one line, trimmed. */
function cleanPrompt(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

/** The slots as typed (strings only), for reading and for showing back after a refusal. */
export function readQuestionSlots(form: FormData, languages: readonly string[]): QuestionSlotValues[] {
  const str = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  return QUESTION_SLOTS.map((n) => ({
    id: str(`q${n}-id`),
    kind: str(`q${n}-kind`),
    prompts: Object.fromEntries(languages.map((l) => [l, str(`q${n}-${l}`)])),
  }));
}

/**
 * The questions a facilitator wrote: a slot whose prompts are all blank is no question; every
 * other slot needs a kind and its prompt in every language of the cycle (at most
 * FEEDBACK_LIMITS.prompt characters, no control characters). One question at least.
 */
export function parseQuestionSlots(
  slots: readonly QuestionSlotValues[],
  languages: readonly string[],
): { ok: true; questions: QuestionDraft[] } | { ok: false; errors: QuestionErrors } {
  const errors: QuestionErrors = {};
  const questions: QuestionDraft[] = [];
  slots.forEach((slot, index) => {
    const n = index + 1;
    const prompts: Record<string, string> = Object.fromEntries(languages.map((l) => [l, cleanPrompt(slot.prompts[l] ?? "")]));
    if (languages.every((l) => prompts[l] === "")) return;
    for (const l of languages) {
      if (looksBinary(slot.prompts[l] ?? "")) errors[`q${n}-${l}`] = "feedback.errors.promptBinary";
      else if (prompts[l] === "") errors[`q${n}-${l}`] = "feedback.errors.promptRequired";
      else if (prompts[l]!.length > FEEDBACK_LIMITS.prompt) errors[`q${n}-${l}`] = "feedback.errors.promptLong";
    }
    if (!isFeedbackKind(slot.kind)) errors[`q${n}-kind`] = "feedback.errors.kindUnknown";
    questions.push({ id: ID.test(slot.id) ? slot.id : null, kind: isFeedbackKind(slot.kind) ? slot.kind : "faces", prompts });
  });
  if (questions.length === 0 && Object.keys(errors).length === 0) errors.form = "feedback.errors.noQuestions";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, questions };
}

/**
 * Changes the stored questions may not take: a question that has answers keeps its kind (every
 * answer counts against the same question) and cannot be removed. Errors by field name.
 */
export function answeredQuestionErrors(
  drafts: readonly QuestionDraft[],
  stored: readonly { id: string; kind: string; answers: number; position: number }[],
): QuestionErrors {
  const errors: QuestionErrors = {};
  for (const q of stored) {
    if (q.answers === 0) continue;
    const index = drafts.findIndex((d) => d.id === q.id);
    if (index === -1) errors.form = "feedback.errors.answeredRemoved";
    else if (drafts[index]!.kind !== q.kind) errors[`q${index + 1}-kind`] = "feedback.errors.answeredKind";
  }
  return errors;
}

// --- the public link --------------------------------------------------------------------------

export type FeedbackLinkState = "none" | "open" | "closed" | "ended";

/** The link's state: none yet, open (takes answers), closed by a facilitator, or ended with the cycle's decision. */
export function feedbackLinkState(cycle: { feedbackCode: string | null; feedbackOpen: boolean; decision: string | null }): FeedbackLinkState {
  if (!cycle.feedbackCode) return "none";
  if (cycleClosed(cycle)) return "ended";
  return cycle.feedbackOpen ? "open" : "closed";
}

/** Whether the public link takes answers now: it exists, is open, and the cycle has no decision. */
export function acceptsFeedback(cycle: { feedbackCode: string | null; feedbackOpen: boolean; decision: string | null }): boolean {
  return feedbackLinkState(cycle) === "open";
}

// --- a visitor's answers ------------------------------------------------------------------------

export type AnswerError = "face" | "yesno" | "tooLong" | "binary";
export type AnswerValue = { questionId: string; face: Face | null; yes: boolean | null; text: string | null };
export type PublicQuestion = { id: string; kind: string };

/** The field that holds a question's answer. */
export function answerField(questionId: string): string {
  return `a-${questionId}`;
}

/** What the visitor sent for each question, as typed (strings; a file reads as empty). */
export function readAnswerValues(form: FormData, questions: readonly PublicQuestion[]): Record<string, string> {
  return Object.fromEntries(
    questions.map((q) => {
      const v = form.get(answerField(q.id));
      return [q.id, typeof v === "string" ? v : ""];
    }),
  );
}

/**
 * The answers in a submission: a face 1–5, "yes" or "no", a sentence up to
 * FEEDBACK_LIMITS.sentence characters. A question left blank is no answer; nothing answered
 * at all is refused ("empty"). Every bad answer is named at once.
 */
export function parseAnswers(
  values: Record<string, string>,
  questions: readonly PublicQuestion[],
): { ok: true; answers: AnswerValue[] } | { ok: false; errors: Record<string, AnswerError>; empty: boolean } {
  const errors: Record<string, AnswerError> = {};
  const answers: AnswerValue[] = [];
  for (const q of questions) {
    const raw = values[q.id] ?? "";
    if (q.kind === "sentence") {
      const text = normaliseText(raw);
      if (looksBinary(raw)) errors[q.id] = "binary";
      else if (text.length > FEEDBACK_LIMITS.sentence) errors[q.id] = "tooLong";
      else if (text !== "") answers.push({ questionId: q.id, face: null, yes: null, text });
      continue;
    }
    const value = raw.trim();
    if (value === "") continue;
    if (q.kind === "faces") {
      const face = Number(value);
      if (/^[1-5]$/.test(value)) answers.push({ questionId: q.id, face: face as Face, yes: null, text: null });
      else errors[q.id] = "face";
    } else if (q.kind === "yesno") {
      if (value === "yes" || value === "no") answers.push({ questionId: q.id, face: null, yes: value === "yes", text: null });
      else errors[q.id] = "yesno";
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, empty: false };
  if (answers.length === 0) return { ok: false, errors: {}, empty: true };
  return { ok: true, answers };
}

/** Faces and yes/no count at once; a sentence waits for a facilitator. */
export function moderationOf(answer: AnswerValue): "published" | "pending" {
  return answer.text !== null ? "pending" : "published";
}

// --- moderation of sentences ------------------------------------------------------------------

/**
 *   pending   --approve-->  published   (the text as sent, or edited for anonymity)
 *   pending   --reject--->  rejected
 *   published --reject--->  rejected    (taken out of the evidence again)
 */
export const SENTENCE_DECISIONS = ["approve", "reject"] as const;
export type SentenceDecision = (typeof SENTENCE_DECISIONS)[number];

const FROM: Record<SentenceDecision, readonly string[]> = { approve: ["pending"], reject: ["pending", "published"] };

export function isSentenceDecision(value: unknown): value is SentenceDecision {
  return typeof value === "string" && (SENTENCE_DECISIONS as readonly string[]).includes(value);
}

export function maySentenceDecide(decision: SentenceDecision, state: string): boolean {
  return FROM[decision].includes(state);
}

/** The text an approval publishes: the edited text when it differs (whitespace aside), else the text as sent. */
export function approvedSentence(original: string, submitted: string): { ok: true; text: string; edited: boolean } | { ok: false; error: string } {
  const next = normaliseText(submitted);
  if (looksBinary(submitted)) return { ok: false, error: "feedback.errors.sentenceBinary" };
  if (next === "") return { ok: false, error: "feedback.errors.sentenceRequired" };
  if (next.length > FEEDBACK_LIMITS.sentence) return { ok: false, error: "feedback.errors.sentenceLong" };
  return next === original.trim() ? { ok: true, text: original, edited: false } : { ok: true, text: next, edited: true };
}

// --- counts -------------------------------------------------------------------------------------

/** One group of stored answers (a database groupBy row). */
export type AnswerGroup = { questionId: string; language: string; face: number | null; yes: boolean | null; moderation: string; count: number };

export type QuestionTally = {
  id: string;
  kind: FeedbackKind;
  /** Faces: count of each face 1–5, per language and in total; the mean (null without answers). */
  faces: { byLanguage: Record<string, number[]>; total: number[]; mean: number | null } | null;
  yesno: { byLanguage: Record<string, { yes: number; no: number }>; total: { yes: number; no: number } } | null;
  /** Published (evidence) per language and in total, and how many wait or were rejected. */
  published: { byLanguage: Record<string, number>; total: number };
  pending: number;
  rejected: number;
};

/** The answers counted by question and by language (only published answers count; sentences waiting are counted apart). */
export function tallyAnswers(
  questions: readonly { id: string; kind: string }[],
  groups: readonly AnswerGroup[],
  languages: readonly string[],
): QuestionTally[] {
  return questions.map((q) => {
    const kind = isFeedbackKind(q.kind) ? q.kind : "sentence";
    const mine = groups.filter((g) => g.questionId === q.id);
    const langs = [...new Set([...languages, ...mine.map((g) => g.language)])];
    const zero = () => Object.fromEntries(langs.map((l) => [l, 0])) as Record<string, number>;
    const published = { byLanguage: zero(), total: 0 };
    let pending = 0;
    let rejected = 0;
    const faces =
      kind === "faces" ? { byLanguage: Object.fromEntries(langs.map((l) => [l, [0, 0, 0, 0, 0]])), total: [0, 0, 0, 0, 0], mean: null as number | null } : null;
    const yesno = kind === "yesno" ? { byLanguage: Object.fromEntries(langs.map((l) => [l, { yes: 0, no: 0 }])), total: { yes: 0, no: 0 } } : null;
    for (const g of mine) {
      if (g.moderation === "pending") pending += g.count;
      if (g.moderation === "rejected") rejected += g.count;
      if (g.moderation !== "published") continue;
      published.byLanguage[g.language] = (published.byLanguage[g.language] ?? 0) + g.count;
      published.total += g.count;
      if (faces && g.face !== null && g.face >= 1 && g.face <= 5) {
        faces.byLanguage[g.language]![g.face - 1]! += g.count;
        faces.total[g.face - 1]! += g.count;
      }
      if (yesno && g.yes !== null) {
        yesno.byLanguage[g.language]![g.yes ? "yes" : "no"] += g.count;
        yesno.total[g.yes ? "yes" : "no"] += g.count;
      }
    }
    if (faces) {
      const n = faces.total.reduce((a, b) => a + b, 0);
      faces.mean = n ? Math.round((faces.total.reduce((sum, c, i) => sum + c * (i + 1), 0) / n) * 10) / 10 : null;
    }
    return { id: q.id, kind, faces, yesno, published, pending, rejected };
  });
}

/** People who answered (submissions with at least one published answer), per language and in total. */
export function peopleByLanguage(
  submissions: readonly { language: string }[],
  languages: readonly string[],
): { byLanguage: Record<string, number>; total: number } {
  const byLanguage: Record<string, number> = Object.fromEntries(languages.map((l) => [l, 0]));
  for (const s of submissions) byLanguage[s.language] = (byLanguage[s.language] ?? 0) + 1;
  return { byLanguage, total: submissions.length };
}
