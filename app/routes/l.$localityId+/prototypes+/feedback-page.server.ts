/**
 * A cycle's feedback page on the server: its questions, its public link and the answers counted
 * by language and by question (everyone in the locality reads them); for facilitators
 * (prototypes.decide) the questions' editor, the link's controls and the sentences waiting for
 * review. Also the A4 poster's data.
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import {
  answerGroups,
  closeFeedbackLink,
  decideSentence,
  findFeedbackCycle,
  findSentence,
  listSentences,
  openFeedbackLink,
  publishedSubmissions,
  replaceFeedbackLink,
  saveFeedbackQuestions,
  type FeedbackCycle,
} from "~/data/feedback.server";
import { can } from "~/domain/access/policy";
import {
  approvedSentence,
  feedbackLanguages,
  feedbackLinkState,
  isSentenceDecision,
  maySentenceDecide,
  parseQuestionSlots,
  peopleByLanguage,
  readPrompts,
  readQuestionSlots,
  tallyAnswers,
  type QuestionErrors,
  type QuestionSlotValues,
} from "~/domain/feedback";
import { cycleClosed } from "~/domain/prototypes";
import { requirePrototype } from "./prototype-access.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The full public link of a feedback code (with ?lng= for a poster printed in that language). */
export function publicFeedbackUrl(origin: string, code: string, language?: string): string {
  const url = new URL(`/f/${code}`, origin);
  if (language) url.searchParams.set("lng", language);
  return url.toString();
}

/** The link as a person would type it off a poster (no scheme, no language). */
export function shortFeedbackLink(origin: string, code: string): string {
  const url = new URL(`/f/${code}`, origin);
  return `${url.host}${url.pathname}`;
}

async function requireCycle(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string }) {
  const prototype = await requirePrototype(access, params.prototypeId);
  if (!params.cycleId || !ID.test(params.cycleId)) throw notFound();
  const cycle = await findFeedbackCycle(await getDb(), access.locality.id, prototype.id, params.cycleId);
  if (!cycle) throw notFound();
  return { prototype, cycle };
}

function questionViews(cycle: FeedbackCycle) {
  return cycle.questions.map((q) => ({ id: q.id, position: q.position, kind: q.kind, prompts: readPrompts(q.prompts), answers: q._count.answers }));
}

/** The page: the cycle, its link, questions, answers counted, published sentences; pending ones for facilitators. */
export async function loadFeedbackPage(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string }, origin: string) {
  const db = await getDb();
  const { prototype, cycle } = await requireCycle(access, params);
  const manage = can(access.role, "prototypes.decide");
  const languages = feedbackLanguages(cycle.languages);
  const [groups, submissions, published, pending] = await Promise.all([
    answerGroups(db, cycle.id),
    publishedSubmissions(db, cycle.id),
    listSentences(db, cycle.id, "published"),
    manage ? listSentences(db, cycle.id, "pending") : Promise.resolve([]),
  ]);
  const questions = questionViews(cycle);
  const tallies = tallyAnswers(questions, groups, languages);
  const sentence = (s: (typeof published)[number]) => ({
    id: s.id,
    questionId: s.questionId,
    language: s.language,
    text: s.text ?? "",
    receivedAt: s.createdAt.toISOString(),
  });
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototype: { id: prototype.id, title: prototype.title, status: prototype.status },
    cycle: { id: cycle.id, number: cycle.number, closed: cycleClosed(cycle), languages },
    link: {
      state: feedbackLinkState(cycle),
      url: cycle.feedbackCode ? publicFeedbackUrl(origin, cycle.feedbackCode) : null,
    },
    questions,
    tallies,
    people: peopleByLanguage(submissions, languages),
    pendingCount: tallies.reduce((sum, q) => sum + q.pending, 0),
    published: published.map(sentence),
    pending: pending.map(sentence),
    may: { manage },
  };
}

/** The poster: per language of the cycle, the link with ?lng=, written in that language. */
export async function loadFeedbackPoster(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string }) {
  const { prototype, cycle } = await requireCycle(access, params);
  return { prototype, cycle, languages: feedbackLanguages(cycle.languages), state: feedbackLinkState(cycle) };
}

export type FeedbackDone = "questions" | "opened" | "closed" | "rotated" | "approve" | "reject";

export type FeedbackRefusal = {
  intent: string | null;
  answerId: string | null;
  status: number;
  /** Errors by field name (q1-en, q1-kind, text) or "form"; string keys. */
  errors: QuestionErrors;
  /** The question slots as typed (after a refused save). */
  slots: QuestionSlotValues[] | null;
  /** The sentence as edited (after a refused approval). */
  text: string | null;
};

export type FeedbackOutcome = { ok: true; done: FeedbackDone } | ({ ok: false } & FeedbackRefusal);

const decisionInput = z.object({
  answerId: z.string().regex(ID),
  text: z.string().max(20_000).optional(),
});

/** POST on the feedback page (facilitators): intent questions | open | close | rotate (confirm=yes) | approve | reject. */
export async function changeFeedback(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string }, form: FormData): Promise<FeedbackOutcome> {
  const db = await getDb();
  const { cycle } = await requireCycle(access, params);
  const change = { localityId: access.locality.id, cycleId: cycle.id, actorId: access.user.id };
  const intent = form.get("intent");
  const refuse = (status: number, errors: QuestionErrors, extra: Partial<FeedbackRefusal> = {}): FeedbackOutcome => ({
    ok: false,
    intent: typeof intent === "string" ? intent : null,
    answerId: null,
    status,
    errors,
    slots: null,
    text: null,
    ...extra,
  });

  switch (intent) {
    case "questions": {
      const languages = feedbackLanguages(cycle.languages);
      const slots = readQuestionSlots(form, languages);
      if (cycleClosed(cycle)) return refuse(409, { form: "feedback.errors.cycleClosed" }, { slots });
      const parsed = parseQuestionSlots(slots, languages);
      if (!parsed.ok) return refuse(400, parsed.errors, { slots });
      const saved = await saveFeedbackQuestions(db, { ...change, drafts: parsed.questions });
      if (!saved.ok) return refuse(409, saved.errors, { slots });
      return { ok: true, done: "questions" };
    }
    case "open": {
      const outcome = await openFeedbackLink(db, change);
      if (outcome === "no-questions") return refuse(400, { form: "feedback.errors.noQuestionsToOpen" });
      if (outcome === "decided") return refuse(409, { form: "feedback.errors.cycleClosed" });
      return { ok: true, done: "opened" };
    }
    case "close":
      await closeFeedbackLink(db, change);
      return { ok: true, done: "closed" };
    case "rotate": {
      if (form.get("confirm") !== "yes") throw badRequest();
      if ((await replaceFeedbackLink(db, change)) !== "done") return refuse(409, { form: "feedback.errors.cycleClosed" });
      return { ok: true, done: "rotated" };
    }
    case "approve":
    case "reject": {
      const parsed = decisionInput.safeParse({ answerId: form.get("answerId"), text: form.get("text") ?? undefined });
      if (!parsed.success) return refuse(400, { form: "feedback.errors.sentenceUnknown" });
      const { answerId } = parsed.data;
      const typed = parsed.data.text ?? null;
      const sentence = await findSentence(db, cycle.id, answerId);
      if (!sentence) return refuse(404, { form: "feedback.errors.sentenceUnknown" }, { answerId, text: typed });
      if (!isSentenceDecision(intent) || !maySentenceDecide(intent, sentence.moderation)) {
        return refuse(409, { form: "feedback.errors.alreadyDecided" }, { answerId, text: typed });
      }
      let editedText: string | null = null;
      if (intent === "approve") {
        const approved = approvedSentence(sentence.text ?? "", typed ?? sentence.text ?? "");
        if (!approved.ok) return refuse(400, { text: approved.error }, { answerId, text: typed });
        editedText = approved.edited ? approved.text : null;
      }
      const to = intent === "approve" ? "published" : "rejected";
      if (!(await decideSentence(db, { ...change, answerId, from: sentence.moderation, to, editedText }))) {
        return refuse(409, { form: "feedback.errors.alreadyDecided" }, { answerId, text: typed });
      }
      return { ok: true, done: intent };
    }
    default:
      return refuse(400, { form: "feedback.errors.unknownAction" });
  }
}
