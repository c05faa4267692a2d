/**
 * The locality home's data: the group's progress (people, sectors, ties across sectors and
 * levels), the start of the agreed purpose with how many endorsed it, and Stage 4's figures
 * (prototypes, test cycles, adopted, people who took part).
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { loadConnectedness } from "~/data/ties.server";
import { countCurrentEndorsements, findAgreedPurpose, findPurposeDocument, purposeText } from "~/data/purpose.server";
import { can } from "~/domain/access/policy";
import { excerpt, summaryText } from "~/domain/purpose";
import { prototypeFigures } from "~/data/prototypes.server";
import { peopleTookPart } from "~/domain/prototype-records";

export async function loadLocalityHome(access: LocalityAccess) {
  const { locality, role } = access;
  const db = await getDb();
  const [connectedness, purpose, stage4] = await Promise.all([
    loadConnectedness(db, locality.id),
    loadPurposeSummary(locality.id),
    prototypeFigures(db, locality.id),
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
    canSetStage: can(role, "stage.set"),
  };
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
