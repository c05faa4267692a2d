/**
 * The locality home's data: the group's progress (people, sectors, ties across sectors and
 * levels), the start of the agreed purpose with how many endorsed it, and Stage 4's figures
 * (prototypes, test cycles, adopted, people who took part), and how far the current stage's
 * checklist is done; moving the group to another stage (with its warning when items are open).
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { loadConnectedness } from "~/data/ties.server";
import { countCurrentEndorsements, findAgreedPurpose, findPurposeDocument, purposeText } from "~/data/purpose.server";
import { can } from "~/domain/access/policy";
import { excerpt, summaryText } from "~/domain/purpose";
import { prototypeFigures } from "~/data/prototypes.server";
import { peopleTookPart } from "~/domain/prototype-records";
import { setCurrentStage } from "~/data/localities.server";
import type { ChecklistKey, MoveStageInput } from "~/domain/stage-checklist";
import { STAGES, type StageKey, type StageNumber } from "~/domain/stages";
import { readOpenWhenMoving, readStageChecklist } from "~/use-cases/read-stage-checklist.server";

export async function loadLocalityHome(access: LocalityAccess) {
  const { locality, role } = access;
  const db = await getDb();
  const [connectedness, purpose, stage4, checklist] = await Promise.all([
    loadConnectedness(db, locality.id),
    loadPurposeSummary(locality.id),
    prototypeFigures(db, locality.id),
    readStageChecklist(db, locality.id, currentStageOf(locality.currentStage)),
  ]);
  const { people, sectors, ties, crossSectorTies, levelPairs } = connectedness;
  return {
    locality,
    progress: { people, sectors, ties, crossSectorTies, levelPairs, endorsements: purpose.endorsements },
    purpose: { hasDocument: purpose.hasDocument, agreed: purpose.agreed },
    prototypes: {
      prototypes: stage4.prototypes,
      cycles: stage4.cycles,
      adopted: stage4.adopted,
      scaled: stage4.scaled,
      people: peopleTookPart(stage4.participantIds, stage4.counts),
    },
    stageProgress: { key: checklist.key, number: checklist.stage, done: checklist.summary.done, total: checklist.summary.total },
    canSetStage: can(role, "stage.set"),
    /** The organisation's exchange, for everyone who may read it. */
    exchangePath: can(role, "exchange.view") ? `/orgs/${locality.organisation.slug}/exchange` : null,
  };
}

function currentStageOf(stage: number): StageNumber {
  return (STAGES.find((s) => s.number === stage) ?? STAGES[0]).number;
}

/** What the set-stage form answers when the move leaves items open and was not confirmed yet. */
export type StageMoveWarning = {
  from: number;
  to: number;
  stages: Array<{ stage: number; key: StageKey; open: Array<{ key: ChecklistKey; count: number; total: number | null; path: string }> }>;
};

/**
 * Moves the group to another stage. Moving on with checklist items open in the stages it leaves
 * behind answers with those items first (nothing changes); the same form with `confirm=1` moves
 * anyway, and the activity log records how many were open.
 */
export async function moveStage(access: LocalityAccess, input: MoveStageInput): Promise<{ moved: true } | { moved: false; warning: StageMoveWarning }> {
  const db = await getDb();
  const from = access.locality.currentStage;
  const open = await readOpenWhenMoving(db, access.locality.id, from, input.stage);
  const count = open.reduce((n, c) => n + c.summary.open.length, 0);
  if (count > 0 && input.confirm !== "1") {
    return {
      moved: false,
      warning: {
        from,
        to: input.stage,
        stages: open.map((c) => ({
          stage: c.stage,
          key: c.key,
          open: c.summary.open.map((i) => ({ key: i.key, count: i.count, total: i.total, path: i.path })),
        })),
      },
    };
  }
  await setCurrentStage(db, { localityId: access.locality.id, actorId: access.user.id, stage: input.stage, open: count });
  return { moved: true };
}

/** The locality home's view of the purpose: the start of the agreed text, and how many endorsed it. */
async function loadPurposeSummary(localityId: string) {
  const db = await getDb();
  const [agreed, document] = await Promise.all([findAgreedPurpose(db, localityId), findPurposeDocument(db, localityId)]);
  const endorsements = await countCurrentEndorsements(db, localityId, agreed?.versionId ?? null);
  const text = agreed ? purposeText(agreed.state) : null;
  return {
    hasDocument: document !== null,
    agreed: agreed ? { name: agreed.name, ...excerpt(summaryText(text!.blocks) || text!.text) } : null,
    endorsements,
  };
}
