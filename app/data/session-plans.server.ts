/**
 * Session plans: the plans an organisation saved (SessionPlan), and a session's plan, agenda and
 * the step it is on (Workshop.planRef, planSteps, currentStep). A saved plan of another
 * organisation, or a session of another locality, is "not found" (null / false). Every change is
 * audited without personal data: ids, counts and the plan's reference only.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import type { PlanStep, SessionStep } from "~/domain/session-plans";

export type SavedPlanRow = { id: string; stage: number; title: string; description: string; steps: string; createdAt: Date };

const planFields = { id: true, stage: true, title: true, description: true, steps: true, createdAt: true } as const;

/** The plans an organisation saved, by stage then newest first. */
export function listSavedPlans(db: Db, organisationId: string): Promise<SavedPlanRow[]> {
  return db.sessionPlan.findMany({ where: { organisationId }, orderBy: [{ stage: "asc" }, { createdAt: "desc" }], take: 200, select: planFields });
}

/** One saved plan of this organisation, or null (another organisation's is not found either). */
export function findSavedPlan(db: Db, organisationId: string, planId: string): Promise<SavedPlanRow | null> {
  return db.sessionPlan.findFirst({ where: { id: planId, organisationId }, select: planFields });
}

/** Saves a session's agenda as a plan of the organisation (audited in the session's locality). */
export async function createSavedPlan(
  db: Db,
  input: {
    organisationId: string;
    localityId: string;
    workshopId: string;
    actorId: string;
    stage: number;
    title: string;
    description: string;
    steps: PlanStep[];
  },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const plan = await tx.sessionPlan.create({
      data: {
        organisationId: input.organisationId,
        stage: input.stage,
        title: input.title,
        description: input.description,
        steps: JSON.stringify(input.steps),
        createdById: input.actorId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "workshop.plan.save",
      targetType: "sessionPlan",
      targetId: plan.id,
      detail: { workshopId: input.workshopId, stage: input.stage, steps: input.steps.length },
    });
    return plan;
  });
}

/** A session's plan fields, or null when there is no such session in the locality. */
export function findWorkshopPlan(db: Db, localityId: string, workshopId: string) {
  return db.workshop.findFirst({
    where: { id: workshopId, localityId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      place: true,
      languages: true,
      durationMinutes: true,
      planRef: true,
      planSteps: true,
      currentStep: true,
      boardId: true,
    },
  });
}

/**
 * Stores a session's agenda: from a plan (`planRef`, audited as "workshop.plan.apply" with how
 * many items were made) or edited by hand (planRef kept, audited as "workshop.agenda"). A running
 * session whose agenda got shorter stays on its last step. The session's board, when it has
 * none, becomes the first board of the agenda. False: no such session.
 */
export async function saveWorkshopSteps(
  db: Db,
  input: {
    localityId: string;
    workshopId: string;
    actorId: string;
    steps: SessionStep[];
    planRef?: string;
    made: { boards: number; documents: number; challenges: number };
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const workshop = await tx.workshop.findFirst({
      where: { id: input.workshopId, localityId: input.localityId },
      select: { currentStep: true, boardId: true },
    });
    if (!workshop) return false;
    const current = workshop.currentStep === null ? null : input.steps.length ? Math.min(workshop.currentStep, input.steps.length - 1) : null;
    const firstBoard = input.steps.find((s) => s.tool === "board" && s.boardId)?.boardId;
    // The session's one board (Workshop.boardId is unique): only a board no other session holds.
    const boardFree = !workshop.boardId && firstBoard ? (await tx.workshop.count({ where: { boardId: firstBoard } })) === 0 : false;
    await tx.workshop.update({
      where: { id: input.workshopId },
      data: {
        planSteps: JSON.stringify(input.steps),
        currentStep: current,
        ...(input.planRef !== undefined ? { planRef: input.planRef } : {}),
        ...(boardFree ? { boardId: firstBoard } : {}),
      },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.planRef !== undefined ? "workshop.plan.apply" : "workshop.agenda",
      targetType: "workshop",
      targetId: input.workshopId,
      detail: { ...(input.planRef !== undefined ? { planRef: input.planRef } : {}), steps: input.steps.length, made: input.made },
    });
    return true;
  });
}

/**
 * Moves a running session to a step (null: ends it). Starting and ending are audited; moves in
 * between are not (the board's timer shows them). False: no such session.
 */
export async function setCurrentStep(
  db: Db,
  input: { localityId: string; workshopId: string; actorId: string; step: number | null; was: number | null },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.workshop.updateMany({ where: { id: input.workshopId, localityId: input.localityId }, data: { currentStep: input.step } });
    if (!count) return false;
    const action = input.was === null && input.step !== null ? "workshop.run.start" : input.was !== null && input.step === null ? "workshop.run.end" : null;
    if (action)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action,
        targetType: "workshop",
        targetId: input.workshopId,
        detail: input.step === null ? { lastStep: input.was } : { step: input.step },
      });
    return true;
  });
}

/** The boards of this locality among `ids` (not archived): the ones a step may still use. */
export async function existingBoards(db: Db, localityId: string, ids: readonly string[]): Promise<Map<string, { id: string; title: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.board.findMany({ where: { localityId, id: { in: [...new Set(ids)] }, archivedAt: null }, select: { id: true, title: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

/** The shared documents of this locality among `ids` (not archived). */
export async function existingDocuments(db: Db, localityId: string, ids: readonly string[]): Promise<Map<string, { id: string; title: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.sharedDocument.findMany({ where: { localityId, id: { in: [...new Set(ids)] }, archivedAt: null }, select: { id: true, title: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

/** The challenges of this locality among `ids`, with their board. */
export async function existingChallenges(
  db: Db,
  localityId: string,
  ids: readonly string[],
): Promise<Map<string, { id: string; question: string; boardId: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.challenge.findMany({ where: { localityId, id: { in: [...new Set(ids)] } }, select: { id: true, question: true, boardId: true } });
  return new Map(rows.map((r) => [r.id, r]));
}
