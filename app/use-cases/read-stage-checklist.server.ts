/**
 * A stage's checklist from the group's records (the stage pages, the locality home's progress line
 * and the warning before moving the group on share it): the counts read once, the items and their
 * summary worked out by app/domain/stage-checklist.ts.
 */
import type { Db } from "~/data/db.server";
import { loadStageCounts } from "~/data/stage-progress.server";
import { stageChecklist, stagesLeftBehind, summarise, type ChecklistItem, type ChecklistSummary } from "~/domain/stage-checklist";
import { STAGES, type StageKey, type StageNumber } from "~/domain/stages";

export type StageChecklist = { stage: StageNumber; key: StageKey; items: ChecklistItem[]; summary: ChecklistSummary };

export async function readStageChecklist(db: Db, localityId: string, stage: StageNumber, now: Date = new Date()): Promise<StageChecklist> {
  const counts = await loadStageCounts(db, localityId, stage, now);
  // The locality was found by the access gate; one removed since is a locality with nothing done.
  const items = counts ? stageChecklist(counts) : [];
  const key = (STAGES.find((s) => s.number === stage) ?? STAGES[0]).key;
  return { stage, key, items, summary: summarise(items) };
}

/** The open items of every stage a move from `current` to `target` leaves behind (none when staying or going back). */
export async function readOpenWhenMoving(db: Db, localityId: string, current: number, target: number, now: Date = new Date()): Promise<StageChecklist[]> {
  const stages = stagesLeftBehind(current, target);
  const checklists = await Promise.all(stages.map((s) => readStageChecklist(db, localityId, s, now)));
  return checklists.filter((c) => c.summary.open.length > 0);
}
