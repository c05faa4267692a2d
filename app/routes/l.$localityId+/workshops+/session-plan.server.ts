/**
 * A session's plan on the server, kept out of the route modules: the agenda as pages show it
 * (each step's time and the items made for it), the plans a facilitator can choose (built-in for
 * each stage, and the ones their organisation saved), and what choosing one does — the agenda is
 * filled in and each step gets what it needs: a board laid out with its columns and prompt
 * (through the collaboration server), the purpose document, a challenge opened from an insight's
 * question. Items the session already has are kept, so applying a plan twice makes nothing new.
 */
import crypto from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { LocalityAccess } from "~/auth/permissions.server";
import { applyServerChange } from "~/collab/backend.server";
import { addCluster, listClusters, nextClusterPosition, setBoardPrompt } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { createBoard } from "~/data/boards.server";
import { createChallenge, findQuestion, listUnopenedQuestions } from "~/data/challenges.server";
import { getDb, type Db } from "~/data/db.server";
import { kept, oncePerFormLoad, type FormLoad, type Once } from "~/data/form-submissions.server";
import {
  createSavedPlan,
  existingBoards,
  existingChallenges,
  existingDocuments,
  findSavedPlan,
  findWorkshopPlan,
  listSavedPlans,
  saveWorkshopSteps,
} from "~/data/session-plans.server";
import { CHALLENGE_LANGUAGES, formatLanguages, type ChallengeLanguage } from "~/domain/challenges";
import { parseLanguages } from "~/domain/people";
import {
  agendaFromForm,
  agendaInput,
  applyPlanInput,
  BUILTIN_PLANS,
  carryItems,
  findBuiltinPlan,
  formatPlanRef,
  minutesOver,
  missingItems,
  parsePlanRef,
  parseSteps,
  planStepsOf,
  preparationOf,
  resolveBuiltinPlan,
  savePlanInput,
  schedule,
  totalMinutes,
  withItems,
  type PlanStep,
  type SessionStep,
} from "~/domain/session-plans";
import { WORKSHOP_LIMITS } from "~/domain/workshops";
import { notFound } from "~/http/http-errors.server";
import { translator } from "~/i18n/translate";
import { startPurpose } from "~/use-cases/start-purpose.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The session of this locality named in the URL, with its plan fields, or 404. */
export async function requireWorkshopPlan(access: LocalityAccess, rawId: string | undefined) {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const workshop = await findWorkshopPlan(await getDb(), access.locality.id, rawId);
  if (!workshop) throw notFound();
  return workshop;
}
type WorkshopPlan = Awaited<ReturnType<typeof requireWorkshopPlan>>;

/** The agenda as a page shows it: each step with its times from the start and the items made for it (those still there). */
export async function loadAgenda(access: LocalityAccess, workshop: WorkshopPlan) {
  const db = await getDb();
  const steps = parseSteps(workshop.planSteps);
  const [boards, documents, challenges] = await Promise.all([
    existingBoards(
      db,
      access.locality.id,
      steps.flatMap((s) => (s.boardId ? [s.boardId] : [])),
    ),
    existingDocuments(
      db,
      access.locality.id,
      steps.flatMap((s) => (s.documentId ? [s.documentId] : [])),
    ),
    existingChallenges(
      db,
      access.locality.id,
      steps.flatMap((s) => (s.challengeId ? [s.challengeId] : [])),
    ),
  ]);
  const times = schedule(steps);
  const current = workshop.currentStep !== null && workshop.currentStep < steps.length ? workshop.currentStep : null;
  return {
    planRef: workshop.planRef,
    durationMinutes: workshop.durationMinutes,
    totalMinutes: totalMinutes(steps),
    overBy: minutesOver(steps, workshop.durationMinutes),
    current,
    steps: steps.map((s, i) => ({
      index: i,
      title: s.title,
      minutes: s.minutes,
      prompt: s.prompt,
      tool: s.tool,
      from: times[i]!.from,
      to: times[i]!.to,
      prepare: preparationOf(s),
      board: s.boardId ? (boards.get(s.boardId) ?? null) : null,
      document: s.documentId ? (documents.get(s.documentId) ?? null) : null,
      challenge: s.challengeId ? (challenges.get(s.challengeId) ?? null) : null,
    })),
  };
}
export type Agenda = Awaited<ReturnType<typeof loadAgenda>>;

/** The plans a facilitator can choose from, in the page's language: built-in, then their organisation's. */
async function planChoices(db: Db, access: LocalityAccess, locale: string) {
  const t = translator(locale);
  const saved = await listSavedPlans(db, access.locality.organisation.id);
  return [
    ...BUILTIN_PLANS.map((p) => {
      const resolved = resolveBuiltinPlan(p, (k) => t(k));
      return {
        ref: formatPlanRef({ kind: "builtin", key: p.key }),
        builtin: true,
        stage: p.stage,
        title: resolved.title,
        description: resolved.description,
        minutes: totalMinutes(resolved.steps),
        steps: resolved.steps.length,
        hasChallenge: resolved.steps.some((s) => s.tool === "challenge"),
      };
    }),
    ...saved.map((p) => {
      const steps = parseSteps(p.steps);
      return {
        ref: formatPlanRef({ kind: "saved", id: p.id }),
        builtin: false,
        stage: p.stage,
        title: p.title,
        description: p.description,
        minutes: totalMinutes(steps),
        steps: steps.length,
        hasChallenge: steps.some((s) => s.tool === "challenge"),
      };
    }),
  ];
}

/** The plan page: the session, its agenda (as the editor's rows), the plans to choose from and the questions a challenge step can open. */
export async function loadPlanPage(access: LocalityAccess, rawId: string | undefined, locale: string) {
  const db = await getDb();
  const workshop = await requireWorkshopPlan(access, rawId);
  const [agenda, plans, questions] = await Promise.all([
    loadAgenda(access, workshop),
    planChoices(db, access, locale),
    listUnopenedQuestions(db, access.locality.id),
  ]);
  const stored = parseSteps(workshop.planSteps);
  return {
    locality: { id: access.locality.id, name: access.locality.name, currentStage: access.locality.currentStage },
    workshop: { id: workshop.id, title: workshop.title, durationMinutes: workshop.durationMinutes, planRef: workshop.planRef },
    agenda,
    rows: stored.map((s, i) => ({
      from: i,
      title: s.title,
      minutes: s.minutes,
      prompt: s.prompt,
      tool: s.tool,
      columns: s.columns.join("\n"),
      sameBoard: s.sameBoard === true,
    })),
    plans,
    questions: questions.slice(0, 50).map((q) => ({ id: q.id, text: q.text })),
  };
}

// ---------------------------------------------------------------------------------------------
// Making what the steps need

const serverId = () => crypto.randomBytes(12).toString("hex");

/** The collaboration server could not be reached: the agenda is kept, the boards' layout is not done yet (503; applying again finishes it). */
export const PLAN_UNREACHABLE = "unreachable";

type Made = { boards: number; documents: number; challenges: number };

/**
 * Lays out a step's board: its columns as clusters (those it lacks; a column already there by
 * name is not added again) and its prompt. Safe to repeat.
 */
async function layOutBoard(localityId: string, boardId: string, step: PlanStep): Promise<void> {
  await applyServerChange(boardDocName(localityId, boardId), (doc) => {
    const names = new Set(listClusters(doc).map((c) => c.name));
    for (const column of step.columns) {
      if (names.has(column)) continue;
      addCluster(doc, { id: serverId(), name: column, ...nextClusterPosition(doc) });
      names.add(column);
    }
    setBoardPrompt(doc, step.prompt);
  });
}

/**
 * Makes what the steps still lack (after `carryItems`) and lays out every board step's board.
 * Items recorded on steps but gone since (an archived board, a deleted challenge) are made again.
 */
async function prepareSteps(
  db: Db,
  access: LocalityAccess,
  workshop: WorkshopPlan,
  input: { steps: SessionStep[]; locale: string; questionId: string | null },
): Promise<{ steps: SessionStep[]; made: Made; noQuestion: boolean; questionGone: boolean }> {
  const localityId = access.locality.id;
  const actorId = access.user.id;
  // Forget links to what is no longer there.
  const [boards, documents, challenges] = await Promise.all([
    existingBoards(
      db,
      localityId,
      input.steps.flatMap((s) => (s.boardId ? [s.boardId] : [])),
    ),
    existingDocuments(
      db,
      localityId,
      input.steps.flatMap((s) => (s.documentId ? [s.documentId] : [])),
    ),
    existingChallenges(
      db,
      localityId,
      input.steps.flatMap((s) => (s.challengeId ? [s.challengeId] : [])),
    ),
  ]);
  let steps = input.steps.map((s) => {
    const step = { ...s };
    if (step.boardId && !boards.has(step.boardId)) delete step.boardId;
    if (step.documentId && !documents.has(step.documentId)) delete step.documentId;
    if (step.challengeId && !challenges.has(step.challengeId)) {
      delete step.challengeId;
      delete step.boardId;
    }
    return step;
  });
  const missing = missingItems(steps);
  const made: Made = { boards: 0, documents: 0, challenges: 0 };
  const newBoards = new Map<number, string>();
  for (const index of missing.boards) {
    const step = steps[index]!;
    const title = `${workshop.title} — ${step.title}`.slice(0, WORKSHOP_LIMITS.boardTitle);
    const board = await createBoard(db, { localityId, actorId, title, purpose: "exercise" });
    newBoards.set(index, board.id);
    made.boards++;
  }
  let documentId: string | null = null;
  if (missing.purpose) {
    const started = await startPurpose(db, { localityId, actorId, locale: input.locale });
    documentId = started.documentId;
    if (started.created) made.documents++;
  }
  let challenge: { id: string; boardId: string } | null = null;
  let noQuestion = false;
  let questionGone = false;
  if (missing.challenge) {
    let question: { id: string; text: string; insightId: string } | null = null;
    if (input.questionId) {
      const found = await findQuestion(db, localityId, input.questionId);
      if (found && !found.challenges.length) question = { id: found.id, text: found.text, insightId: found.insight.id };
      else questionGone = true;
    } else {
      const newest = (await listUnopenedQuestions(db, localityId))[0];
      if (newest) question = { id: newest.id, text: newest.text, insightId: newest.insight.id };
      else noQuestion = true;
    }
    if (question) {
      const languages = parseLanguages(workshop.languages).filter((l): l is ChallengeLanguage => (CHALLENGE_LANGUAGES as readonly string[]).includes(l));
      const opened = await createChallenge(db, {
        localityId,
        actorId,
        question: question.text,
        closesAt: null,
        languages: formatLanguages(languages.length ? languages : ["en"]),
        insightId: question.insightId,
        questionId: question.id,
      });
      challenge = { id: opened.id, boardId: opened.boardId };
      made.challenges++;
    }
  }
  steps = withItems(steps, { boards: newBoards, documentId, challenge });
  return { steps, made, noQuestion, questionGone };
}

/** Lays out every board step's board (its own board, not a same-board step's or a challenge's). */
async function layOutBoards(localityId: string, steps: readonly SessionStep[]): Promise<boolean> {
  try {
    for (const step of steps) if (step.tool === "board" && !step.sameBoard && step.boardId) await layOutBoard(localityId, step.boardId, step);
    return true;
  } catch (error) {
    console.warn("session plan: a board could not be laid out", error);
    return false;
  }
}

export type PlanOutcome = { ok: true; made: Made; overBy: number; noQuestion: boolean; laidOut: boolean } | { ok: false; reply: SubmissionResult<string[]> };

/**
 * Applies a plan to a session: the agenda becomes the plan's steps (in the facilitator's
 * language for a built-in plan), keeping the items the session has for the same steps, and what
 * is missing is made. A saved plan of another organisation is not found (404).
 */
export async function applyPlan(access: LocalityAccess, rawId: string | undefined, form: FormData, locale: string, load: FormLoad): Promise<PlanOutcome> {
  const submission = parseWithZod(form, { schema: applyPlanInput });
  if (submission.status !== "success") return { ok: false, reply: submission.reply() };
  const db = await getDb();
  const workshop = await requireWorkshopPlan(access, rawId);
  const ref = parsePlanRef(submission.value.plan)!;
  let planSteps: PlanStep[];
  if (ref.kind === "builtin") {
    const t = translator(locale);
    planSteps = resolveBuiltinPlan(findBuiltinPlan(ref.key)!, (k) => t(k)).steps;
  } else {
    const saved = await findSavedPlan(db, access.locality.organisation.id, ref.id);
    if (!saved) throw notFound();
    planSteps = parseSteps(saved.steps);
  }
  const questionId = submission.value.questionId || null;
  return oncePerFormLoad(db, load, async (): Promise<Once<PlanOutcome>> => {
    const fresh = (await findWorkshopPlan(db, access.locality.id, workshop.id)) ?? workshop;
    const carried = carryItems(parseSteps(fresh.planSteps), planSteps);
    const prepared = await prepareSteps(db, access, fresh, { steps: carried, locale, questionId });
    if (prepared.questionGone)
      return { kept: false, value: { ok: false, reply: submission.reply({ fieldErrors: { questionId: ["plans.errors.questionGone"] } }) } };
    await saveWorkshopSteps(db, {
      localityId: access.locality.id,
      workshopId: workshop.id,
      actorId: access.user.id,
      steps: prepared.steps,
      planRef: formatPlanRef(ref),
      made: prepared.made,
    });
    const laidOut = await layOutBoards(access.locality.id, prepared.steps);
    return kept({ ok: true, made: prepared.made, overBy: minutesOver(prepared.steps, fresh.durationMinutes), noQuestion: prepared.noQuestion, laidOut });
  });
}

/** Saves the agenda as edited (rows keep their items; new board steps get their boards). */
export async function saveAgenda(access: LocalityAccess, rawId: string | undefined, form: FormData, locale: string): Promise<PlanOutcome> {
  const submission = parseWithZod(form, { schema: agendaInput });
  if (submission.status !== "success") return { ok: false, reply: submission.reply() };
  const db = await getDb();
  const workshop = await requireWorkshopPlan(access, rawId);
  const steps = agendaFromForm(submission.value, parseSteps(workshop.planSteps));
  const prepared = await prepareSteps(db, access, workshop, { steps, locale, questionId: null });
  await saveWorkshopSteps(db, { localityId: access.locality.id, workshopId: workshop.id, actorId: access.user.id, steps: prepared.steps, made: prepared.made });
  const laidOut = await layOutBoards(access.locality.id, prepared.steps);
  return { ok: true, made: prepared.made, overBy: minutesOver(prepared.steps, workshop.durationMinutes), noQuestion: prepared.noQuestion, laidOut };
}

export type SavePlanOutcome = { ok: true; planId: string } | { ok: false; reply: SubmissionResult<string[]> };

/** Saves the session's agenda as a plan of the organisation (the words and tools, not the session's items). */
export async function savePlan(access: LocalityAccess, rawId: string | undefined, form: FormData, load: FormLoad): Promise<SavePlanOutcome> {
  const submission = parseWithZod(form, { schema: savePlanInput });
  if (submission.status !== "success") return { ok: false, reply: submission.reply() };
  const db = await getDb();
  const workshop = await requireWorkshopPlan(access, rawId);
  const steps = planStepsOf(parseSteps(workshop.planSteps));
  if (!steps.length) return { ok: false, reply: submission.reply({ formErrors: ["plans.errors.noSteps"] }) };
  return oncePerFormLoad(db, load, async () => {
    const plan = await createSavedPlan(db, {
      organisationId: access.locality.organisation.id,
      localityId: access.locality.id,
      workshopId: workshop.id,
      actorId: access.user.id,
      stage: submission.value.stage,
      title: submission.value.title,
      description: submission.value.description,
      steps,
    });
    return kept({ ok: true as const, planId: plan.id });
  });
}
