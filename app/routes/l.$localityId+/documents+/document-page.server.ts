/**
 * What the shared-document routes do on the server, kept out of the route modules: load a
 * document (404 unless it belongs to the locality), save a named version from the stored
 * state, view one, and restore one through the collab API.
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { beforeRestoreName, docFromState, readRichText, restoreRichText } from "~/collab/rich-text";
import { getDb } from "~/data/db.server";
import { kept, oncePerFormLoad, type FormLoad } from "~/data/form-submissions.server";
import { findSharedDocument, findVersion, listVersions, saveVersion, type VersionSummary } from "~/data/shared-documents.server";
import { prototypeOfPlan } from "~/data/prototypes.server";
import { can } from "~/domain/access/policy";
import { sharedDocumentAccess } from "~/domain/documents";
import { LIMITS } from "~/domain/limits";
import { translator } from "~/i18n/translate";

const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

function serialiseVersion(v: VersionSummary) {
  return { id: v.id, name: v.name, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy };
}

async function requireDocument(access: LocalityAccess, rawDocumentId: string | undefined) {
  const id = idParam.safeParse(rawDocumentId);
  if (!id.success) throw notFound();
  const document = await findSharedDocument(await getDb(), access.locality.id, id.data);
  // The purpose document (Stage 1) and prototypes' plans (Stage 4) are written in the same editor; stories get their own pages.
  if (!document || (document.kind !== "document" && document.kind !== "purpose" && document.kind !== "prototype-plan")) throw notFound();
  return { document, docName: richTextDocName(access.locality.id, document.id) };
}

/** The document page's data: the record, who is looking and what they may do, its versions. */
export async function loadSharedDocument(access: LocalityAccess, rawDocumentId: string | undefined) {
  const { document, docName } = await requireDocument(access, rawDocumentId);
  const db = await getDb();
  const [versions, prototype] = await Promise.all([
    listVersions(db, document.id),
    // A prototype's plan (Stage 4) leads back to its prototype.
    document.kind === "prototype-plan" ? prototypeOfPlan(db, access.locality.id, document.id) : Promise.resolve(null),
  ]);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    document: { id: document.id, title: document.title },
    prototype,
    docName,
    me: { id: access.user.id, name: access.user.name },
    canEdit: sharedDocumentAccess(access.role) === "read-write",
    mayVersion: can(access.role, "documents.create"),
    versions: versions.map(serialiseVersion),
  };
}

/** Saves what the collab server has stored now as a named version, once per form load (a repeat gets the first one's). */
export async function saveNamedVersion(
  access: LocalityAccess,
  rawDocumentId: string | undefined,
  name: string,
  load: FormLoad,
): Promise<{ id: string; name: string }> {
  const db = await getDb();
  return oncePerFormLoad(db, load, async () => {
    const { document, docName } = await requireDocument(access, rawDocumentId);
    const state = await readDocumentState(docName);
    const version = await saveVersion(db, { localityId: access.locality.id, documentId: document.id, actorId: access.user.id, name, state });
    return kept({ id: version.id, name: version.name });
  });
}

/** One version, decoded into the safe tree the version page renders. */
export async function loadVersion(access: LocalityAccess, rawDocumentId: string | undefined, rawVersionId: string | undefined) {
  const { document } = await requireDocument(access, rawDocumentId);
  const versionId = idParam.safeParse(rawVersionId);
  if (!versionId.success) throw notFound();
  const version = await findVersion(await getDb(), document.id, versionId.data);
  if (!version) throw notFound();
  const doc = docFromState(version.state);
  try {
    return {
      locality: { id: access.locality.id },
      document: { id: document.id, title: document.title },
      version: serialiseVersion(version),
      blocks: readRichText(doc),
      mayRestore: can(access.role, "documents.create"),
    };
  } finally {
    doc.destroy();
  }
}

/**
 * Restores a version for everyone: first saves the current stored state as the version
 * "Before restoring …" (in the restorer's language), then replaces the live body with a copy
 * of the version's, as a new change through the collab server (stored, then broadcast). Once
 * per form load: a double submit saves one "Before restoring" version and restores once.
 */
export async function restoreVersion(access: LocalityAccess, rawDocumentId: string | undefined, rawVersionId: unknown, locale: string, load: FormLoad) {
  const db = await getDb();
  return oncePerFormLoad(db, load, async () => {
    const { document, docName } = await requireDocument(access, rawDocumentId);
    const versionId = idParam.safeParse(rawVersionId);
    if (!versionId.success) throw notFound();
    const version = await findVersion(db, document.id, versionId.data);
    if (!version) throw notFound();
    const t = translator(locale);
    const name = beforeRestoreName((n) => t("document.version.beforeRestoring", { name: n }).replace(/[\u2068\u2069]/g, ""), version.name, LIMITS.versionName);
    const current = await readDocumentState(docName);
    await saveVersion(db, { localityId: access.locality.id, documentId: document.id, actorId: access.user.id, name, state: current });
    await applyServerChange(docName, (doc) => {
      restoreRichText(doc, version.state);
    });
    return kept({ documentId: document.id, versionId: version.id });
  });
}
