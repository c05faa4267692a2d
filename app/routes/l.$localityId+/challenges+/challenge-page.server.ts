/**
 * The challenge pages on the server: the list (challenges with their counts, and the insights'
 * questions not yet opened), opening one from a question, and one challenge's page with the
 * facilitator's controls (closing date and languages; the public link closed, reopened or
 * rotated).
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { kept, oncePerFormLoad, type FormLoad, type Once } from "~/data/form-submissions.server";
import {
  createChallenge,
  findChallenge,
  findQuestion,
  ideaCounts,
  listChallenges,
  listUnopenedQuestions,
  rotateLink,
  setLinkOpen,
  updateChallengeSettings,
  type ChallengeRow,
} from "~/data/challenges.server";
import { can } from "~/domain/access/policy";
import {
  challengeSettingsInput,
  closingDateValue,
  closingFromForm,
  formatLanguages,
  linkState,
  openChallengeInput,
  publicLink,
  CHALLENGE_LANGUAGES,
} from "~/domain/challenges";
import { challengeLanguages } from "~/domain/ideas";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function localityOf(access: LocalityAccess) {
  return { id: access.locality.id, name: access.locality.name };
}

function mayOf(access: LocalityAccess) {
  return { manage: can(access.role, "challenges.manage"), moderate: can(access.role, "ideas.moderate") };
}

/** What a page shows of a challenge (the link code only to those who may share it: everyone who sees the challenge). */
function challengeSummary(row: ChallengeRow, counts: { published: number; pending: number; hidden: number }, now: Date) {
  return {
    id: row.id,
    question: row.question,
    insight: row.insight,
    boardId: row.boardId,
    languages: challengeLanguages(row.languages),
    closesAt: row.closesAt?.toISOString() ?? null,
    closingPassed: row.closesAt !== null && row.closesAt.getTime() <= now.getTime(),
    linkState: linkState(row, now),
    counts,
  };
}

export async function loadChallengeList(access: LocalityAccess) {
  const db = await getDb();
  const now = new Date();
  const rows = await listChallenges(db, access.locality.id);
  const counts = await ideaCounts(
    db,
    rows.map((r) => r.id),
  );
  const questions = await listUnopenedQuestions(db, access.locality.id);
  return {
    locality: localityOf(access),
    challenges: rows.map((r) => challengeSummary(r, counts.get(r.id)!, now)),
    questions: questions.map((q) => ({ id: q.id, text: q.text, insight: q.insight })),
    may: mayOf(access),
  };
}

async function requireChallenge(access: LocalityAccess, rawId: string | undefined): Promise<ChallengeRow> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const row = await findChallenge(await getDb(), access.locality.id, rawId);
  if (!row) throw notFound();
  return row;
}

/** The new-challenge page: the question it opens (if any), prefilled; or where it is already open. */
export async function loadNewChallenge(access: LocalityAccess, url: URL) {
  const rawQuestion = url.searchParams.get("question");
  const base = { locality: localityOf(access), languages: [...CHALLENGE_LANGUAGES] };
  if (!rawQuestion)
    return { ...base, source: null, alreadyOpen: null, defaults: { question: "", closesOn: "", languages: [...CHALLENGE_LANGUAGES] as string[] } };
  if (!ID.test(rawQuestion)) throw notFound();
  const question = await findQuestion(await getDb(), access.locality.id, rawQuestion);
  if (!question) throw notFound();
  return {
    ...base,
    source: { questionId: question.id, text: question.text, insight: question.insight },
    alreadyOpen: question.challenges[0]?.id ?? null,
    defaults: { question: question.text, closesOn: "", languages: [...CHALLENGE_LANGUAGES] as string[] },
  };
}

export type FormOutcome = { ok: true; challengeId: string } | { ok: false; reply: SubmissionResult<string[]> };

/**
 * Opens a challenge from the form (its question's id is looked up in this locality, never
 * trusted), once per form load: a double submit opens one challenge and every copy is sent to it.
 */
export async function openChallengeFromForm(access: LocalityAccess, form: FormData, load: FormLoad): Promise<FormOutcome> {
  const submission = parseWithZod(form, { schema: openChallengeInput() });
  if (submission.status !== "success") return { ok: false, reply: submission.reply() };
  const { question, closesOn, languages } = submission.value;
  const db = await getDb();
  return oncePerFormLoad(db, load, async (): Promise<Once<FormOutcome>> => {
    const rawQuestion = form.get("questionId");
    let source: { insightId: string; questionId: string } | null = null;
    if (typeof rawQuestion === "string" && rawQuestion !== "") {
      const found = ID.test(rawQuestion) ? await findQuestion(db, access.locality.id, rawQuestion) : null;
      if (!found) return { kept: false, value: { ok: false, reply: submission.reply({ formErrors: ["challenges.errors.questionGone"] }) } };
      if (found.challenges.length) return { kept: false, value: { ok: false, reply: submission.reply({ formErrors: ["challenges.errors.alreadyOpen"] }) } };
      source = { insightId: found.insight.id, questionId: found.id };
    }
    const created = await createChallenge(db, {
      localityId: access.locality.id,
      actorId: access.user.id,
      question,
      closesAt: closingFromForm(closesOn),
      languages: formatLanguages(languages),
      insightId: source?.insightId ?? null,
      questionId: source?.questionId ?? null,
    });
    return kept({ ok: true, challengeId: created.id });
  });
}

/** One challenge: its question, insight, public link and its state, counts, and (for facilitators) its settings. */
export async function loadChallenge(access: LocalityAccess, rawId: string | undefined, origin: string) {
  const db = await getDb();
  const now = new Date();
  const row = await requireChallenge(access, rawId);
  const counts = (await ideaCounts(db, [row.id])).get(row.id)!;
  return {
    locality: localityOf(access),
    challenge: { ...challengeSummary(row, counts, now), link: publicLink(origin, row.linkCode), linkCode: row.linkCode },
    settings: { closesOn: closingDateValue(row.closesAt), languages: challengeLanguages(row.languages) as string[] },
    languages: [...CHALLENGE_LANGUAGES],
    may: mayOf(access),
  };
}

export type ChallengeActionOutcome = { ok: true; done: "settings" | "closed" | "reopened" | "rotated" } | { ok: false; reply: SubmissionResult<string[]> };

/** POST on a challenge's page: intent settings | close | reopen | rotate (rotate needs confirm=yes). */
export async function changeChallenge(access: LocalityAccess, rawId: string | undefined, form: FormData): Promise<ChallengeActionOutcome> {
  const db = await getDb();
  const row = await requireChallenge(access, rawId);
  const change = { localityId: access.locality.id, challengeId: row.id, actorId: access.user.id };
  switch (form.get("intent")) {
    case "settings": {
      const submission = parseWithZod(form, { schema: challengeSettingsInput() });
      if (submission.status !== "success") return { ok: false, reply: submission.reply() };
      await updateChallengeSettings(db, {
        ...change,
        closesAt: closingFromForm(submission.value.closesOn),
        languages: formatLanguages(submission.value.languages),
      });
      return { ok: true, done: "settings" };
    }
    case "close":
      await setLinkOpen(db, { ...change, open: false });
      return { ok: true, done: "closed" };
    case "reopen":
      await setLinkOpen(db, { ...change, open: true });
      return { ok: true, done: "reopened" };
    case "rotate":
      if (form.get("confirm") !== "yes") throw badRequest();
      if ((await rotateLink(db, change)) === null) throw notFound();
      return { ok: true, done: "rotated" };
    default:
      throw badRequest();
  }
}
