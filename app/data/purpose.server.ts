import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import type { SharedDocumentRecord } from "./shared-documents.server";
import { docFromState, plainText, readRichText, type RichBlock } from "~/collab/rich-text";
import type { EndorsementRow } from "~/domain/purpose";
import { isUniqueViolation } from "./unique-violation.server";

const documentFields = { id: true, localityId: true, title: true, kind: true, createdAt: true } as const;

/**
 * The locality's purpose document: its shared document of kind "purpose". There is one per
 * locality; should two ever be started at the same moment, the oldest is the one everybody
 * sees (the same answer for every request).
 */
export function findPurposeDocument(db: Db, localityId: string): Promise<SharedDocumentRecord | null> {
  return db.sharedDocument.findFirst({
    where: { localityId, kind: "purpose", archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: documentFields,
  });
}

/** Starts the purpose document, unless the locality has one already (then returns that one). */
export async function startPurposeDocument(
  db: Db,
  input: { localityId: string; actorId: string; title: string },
): Promise<{ document: SharedDocumentRecord; created: boolean }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.sharedDocument.findFirst({
      where: { localityId: input.localityId, kind: "purpose", archivedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: documentFields,
    });
    if (existing) return { document: existing, created: false };
    const document = await tx.sharedDocument.create({
      data: { localityId: input.localityId, title: input.title, kind: "purpose", createdById: input.actorId },
      select: documentFields,
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "purpose.start",
      targetType: "document",
      targetId: document.id,
      detail: { title: input.title },
    });
    return { document, created: true };
  });
}

export type AgreedPurpose = {
  versionId: string;
  documentId: string;
  name: string;
  savedAt: Date;
  savedBy: string | null;
  /** When and by whom it was agreed (from the activity log; null if that entry is gone). */
  agreedAt: Date | null;
  agreedBy: string | null;
  state: Uint8Array;
};

/** The version the locality agreed as its purpose, with its stored text, or null. */
export async function findAgreedPurpose(db: Db, localityId: string): Promise<AgreedPurpose | null> {
  const locality = await db.locality.findUnique({
    where: { id: localityId },
    select: {
      agreedPurposeVersion: {
        select: {
          id: true,
          documentId: true,
          name: true,
          createdAt: true,
          state: true,
          createdBy: { select: { name: true } },
          document: { select: { localityId: true } },
        },
      },
    },
  });
  const version = locality?.agreedPurposeVersion;
  if (!version || version.document.localityId !== localityId) return null;
  const agreed = await db.auditEntry.findFirst({
    where: { localityId, action: "purpose.agree", targetId: version.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, actor: { select: { name: true } } },
  });
  return {
    versionId: version.id,
    documentId: version.documentId,
    name: version.name,
    savedAt: version.createdAt,
    savedBy: version.createdBy?.name ?? null,
    agreedAt: agreed?.createdAt ?? null,
    agreedBy: agreed?.actor?.name ?? null,
    state: new Uint8Array(version.state),
  };
}

/** A stored version's text: the safe tree to render, and plain text for summaries. */
export function purposeText(state: Uint8Array): { blocks: RichBlock[]; text: string } {
  const doc = docFromState(state);
  try {
    return { blocks: readRichText(doc), text: plainText(doc) };
  } finally {
    doc.destroy();
  }
}

/** Every endorsement in the locality (any version), with the endorser's name. */
export async function listEndorsements(db: Db, localityId: string): Promise<EndorsementRow[]> {
  const rows = await db.purposeEndorsement.findMany({
    where: { localityId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { userId: true, versionId: true, createdAt: true, user: { select: { name: true } } },
  });
  return rows.map((r) => ({ userId: r.userId, userName: r.user.name, versionId: r.versionId, createdAt: r.createdAt }));
}

/** How many people endorsed the agreed version (0 when nothing is agreed). */
export async function countCurrentEndorsements(db: Db, localityId: string, agreedVersionId: string | null): Promise<number> {
  if (!agreedVersionId) return 0;
  return db.purposeEndorsement.count({ where: { localityId, versionId: agreedVersionId } });
}

/**
 * Marks a named version of this locality's purpose document as the agreed purpose. Null when
 * the version is not one of this locality's purpose document (another locality's, another
 * kind of document, or no such id): nothing changes.
 */
export async function agreePurposeVersion(
  db: Db,
  input: { localityId: string; actorId: string; versionId: string },
): Promise<{ versionId: string; name: string; changed: boolean } | null> {
  return db.$transaction(async (tx) => {
    const version = await tx.documentVersion.findFirst({
      where: { id: input.versionId, document: { localityId: input.localityId, kind: "purpose", archivedAt: null } },
      select: { id: true, name: true, documentId: true },
    });
    if (!version) return null;
    const locality = await tx.locality.findUniqueOrThrow({ where: { id: input.localityId }, select: { agreedPurposeVersionId: true } });
    if (locality.agreedPurposeVersionId === version.id) return { versionId: version.id, name: version.name, changed: false };
    await tx.locality.update({ where: { id: input.localityId }, data: { agreedPurposeVersionId: version.id } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "purpose.agree",
      targetType: "documentVersion",
      targetId: version.id,
      detail: { documentId: version.documentId, name: version.name, previousVersionId: locality.agreedPurposeVersionId },
    });
    return { versionId: version.id, name: version.name, changed: true };
  });
}

export type EndorseOutcome = "endorsed" | "already" | "stale";

/**
 * Endorses the agreed purpose. `versionId` is the version the person read: if another
 * version has been agreed since (or none is), nothing is recorded ("stale"), so nobody
 * endorses a text they have not seen.
 */
export async function endorsePurpose(db: Db, input: { localityId: string; userId: string; versionId: string }): Promise<EndorseOutcome> {
  try {
    return await db.$transaction(async (tx) => {
      const locality = await tx.locality.findUniqueOrThrow({ where: { id: input.localityId }, select: { agreedPurposeVersionId: true } });
      if (!locality.agreedPurposeVersionId || locality.agreedPurposeVersionId !== input.versionId) return "stale" as const;
      const existing = await tx.purposeEndorsement.findUnique({
        where: { versionId_userId: { versionId: input.versionId, userId: input.userId } },
        select: { id: true },
      });
      if (existing) return "already" as const;
      const created = await tx.purposeEndorsement.create({
        data: { localityId: input.localityId, versionId: input.versionId, userId: input.userId },
        select: { id: true },
      });
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.userId,
        action: "purpose.endorse",
        targetType: "documentVersion",
        targetId: input.versionId,
        detail: { endorsementId: created.id },
      });
      return "endorsed" as const;
    });
  } catch (error) {
    // The same person endorsing twice at the same moment (a double click): the first one counts.
    if (isUniqueViolation(error)) return "already";
    throw error;
  }
}

/** Withdraws one's endorsement of the agreed version (earlier versions' endorsements stay as history). */
export async function withdrawEndorsement(db: Db, input: { localityId: string; userId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const locality = await tx.locality.findUniqueOrThrow({ where: { id: input.localityId }, select: { agreedPurposeVersionId: true } });
    const versionId = locality.agreedPurposeVersionId;
    if (!versionId) return false;
    const { count } = await tx.purposeEndorsement.deleteMany({ where: { localityId: input.localityId, versionId, userId: input.userId } });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.userId,
      action: "purpose.withdraw",
      targetType: "documentVersion",
      targetId: versionId,
    });
    return true;
  });
}
