/**
 * What the purpose page does on the server, kept out of the route module: load the purpose
 * document, its named versions, the agreed version's text and the endorsements; start the
 * document (app/use-cases/start-purpose.server.ts); agree, endorse, withdraw.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { kept, oncePerFormLoad, type FormLoad } from "~/data/form-submissions.server";
import { findAgreedPurpose, findPurposeDocument, listEndorsements, purposeText } from "~/data/purpose.server";
import { startPurpose as startPurposeDocument } from "~/use-cases/start-purpose.server";
import { listVersions } from "~/data/shared-documents.server";
import { can } from "~/domain/access/policy";
import { endorsementFor, summariseEndorsements } from "~/domain/purpose";

/** The purpose page's data for this person. */
export async function loadPurposePage(access: LocalityAccess) {
  const db = await getDb();
  const [document, agreed, endorsements] = await Promise.all([
    findPurposeDocument(db, access.locality.id),
    findAgreedPurpose(db, access.locality.id),
    listEndorsements(db, access.locality.id),
  ]);
  const versions = document ? await listVersions(db, document.id) : [];
  const agreedId = agreed?.versionId ?? null;
  const versionNames = new Map(versions.map((v) => [v.id, v.name]));
  const summary = summariseEndorsements(agreedId, endorsements);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    document: document ? { id: document.id, title: document.title } : null,
    versions: versions.map((v) => ({ id: v.id, name: v.name, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy })),
    agreed: agreed
      ? {
          versionId: agreed.versionId,
          documentId: agreed.documentId,
          name: agreed.name,
          savedAt: agreed.savedAt.toISOString(),
          agreedAt: agreed.agreedAt?.toISOString() ?? null,
          agreedBy: agreed.agreedBy,
          blocks: purposeText(agreed.state).blocks,
        }
      : null,
    endorsers: summary.current,
    earlier: summary.earlier.map((e) => ({ ...e, versionName: versionNames.get(e.versionId) ?? null })),
    mine: endorsementFor(
      agreedId,
      endorsements.filter((e) => e.userId === access.user.id),
    ),
    may: {
      start: can(access.role, "documents.create"),
      edit: can(access.role, "documents.edit"),
      endorse: can(access.role, "purpose.endorse"),
      agree: can(access.role, "purpose.agree"),
    },
  };
}

/**
 * Starts the locality's purpose document (or finds the one that exists) and returns its id.
 * A new one gets a short starter text in the starter's language, written through the collab
 * server like any edit; if that fails the document simply starts empty.
 */
export async function startPurpose(access: LocalityAccess, locale: string, load: FormLoad): Promise<string> {
  const db = await getDb();
  // Once per form load: a double press cannot start two purpose documents side by side.
  return oncePerFormLoad(db, load, async () => {
    const { documentId } = await startPurposeDocument(db, { localityId: access.locality.id, actorId: access.user.id, locale });
    return kept(documentId);
  });
}
