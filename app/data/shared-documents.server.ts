import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import type { SharedDocumentKind } from "~/domain/documents";

export type SharedDocumentRecord = { id: string; localityId: string; title: string; kind: string; createdAt: Date };
export type VersionSummary = { id: string; name: string; createdAt: Date; createdBy: string | null };

const fields = { id: true, localityId: true, title: true, kind: true, createdAt: true } as const;

/** A locality's shared documents of one kind, newest first. */
export function listSharedDocuments(db: Db, localityId: string, kind: SharedDocumentKind = "document"): Promise<SharedDocumentRecord[]> {
  return db.sharedDocument.findMany({ where: { localityId, kind, archivedAt: null }, orderBy: { createdAt: "desc" }, select: fields });
}

export function findSharedDocument(db: Db, localityId: string, documentId: string): Promise<SharedDocumentRecord | null> {
  return db.sharedDocument.findFirst({ where: { id: documentId, localityId, archivedAt: null }, select: fields });
}

export async function createSharedDocument(
  db: Db,
  input: { localityId: string; actorId: string; title: string; kind?: SharedDocumentKind },
): Promise<SharedDocumentRecord> {
  return db.$transaction(async (tx) => {
    const doc = await tx.sharedDocument.create({
      data: { localityId: input.localityId, title: input.title, kind: input.kind ?? "document", createdById: input.actorId },
      select: fields,
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "document.create",
      targetType: "document",
      targetId: doc.id,
      detail: { title: input.title },
    });
    return doc;
  });
}

/** Stores a named version: the document's whole stored Yjs state at this moment. */
export async function saveVersion(
  db: Db,
  input: { localityId: string; documentId: string; actorId: string; name: string; state: Uint8Array },
): Promise<VersionSummary> {
  return db.$transaction(async (tx) => {
    const version = await tx.documentVersion.create({
      data: { documentId: input.documentId, name: input.name, state: Buffer.from(input.state), createdById: input.actorId },
      select: { id: true, name: true, createdAt: true, createdBy: { select: { name: true } } },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "document.version.save",
      targetType: "document",
      targetId: input.documentId,
      detail: { versionId: version.id, name: input.name },
    });
    return { id: version.id, name: version.name, createdAt: version.createdAt, createdBy: version.createdBy?.name ?? null };
  });
}

export async function listVersions(db: Db, documentId: string): Promise<VersionSummary[]> {
  const rows = await db.documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt, createdBy: r.createdBy?.name ?? null }));
}

/** One version's stored state, only if it belongs to this document. */
export async function findVersion(db: Db, documentId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | null> {
  const row = await db.documentVersion.findFirst({
    where: { id: versionId, documentId },
    select: { id: true, name: true, createdAt: true, state: true, createdBy: { select: { name: true } } },
  });
  return row ? { id: row.id, name: row.name, createdAt: row.createdAt, createdBy: row.createdBy?.name ?? null, state: new Uint8Array(row.state) } : null;
}
