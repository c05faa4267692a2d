/**
 * A stage's page on the server: where the stage stands relative to the group's current one, its
 * checklist from the group's records, and for facilitators on the current stage the stage to move
 * on to.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { notFound } from "~/http/http-errors.server";
import { can } from "~/domain/access/policy";
import { STAGES, stageByKey, stageStatus, type StageNumber } from "~/domain/stages";
import { readStageChecklist } from "~/use-cases/read-stage-checklist.server";

export async function loadStagePage(access: LocalityAccess, stageKey: string | undefined) {
  const stage = stageByKey(stageKey ?? "");
  if (!stage) throw notFound();
  const { locality, role } = access;
  const current = locality.currentStage as StageNumber;
  const checklist = await readStageChecklist(await getDb(), locality.id, stage.number);
  const next = STAGES.find((s) => s.number === stage.number + 1);
  return {
    locality: { id: locality.id, name: locality.name },
    stage,
    status: stageStatus(stage.number, current),
    items: checklist.items,
    summary: { done: checklist.summary.done, total: checklist.summary.total, open: checklist.summary.open.length },
    // Moving on is offered on the current stage's page, to facilitators, while there is a next stage.
    moveOn: can(role, "stage.set") && stage.number === current && next ? { number: next.number, key: next.key } : null,
  };
}
