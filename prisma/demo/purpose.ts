// Demo common purpose for a fresh database: Longbridge's purpose document, written the way the
// editor stores it, saved as a named version, agreed, and endorsed by some demo accounts.
// INVENTED content.
import * as Y from "yjs";
import type { PrismaClient } from "../../app/generated/prisma-sqlite/client.ts";
import { appendRichText, type RichTextInput } from "../../app/collab/rich-text.ts";
import { formatDocumentName } from "../../app/collab/names.ts";
import type { LocalitySlug } from "./people.ts";

type Tx = Pick<PrismaClient, "sharedDocument" | "collabUpdate" | "documentVersion" | "locality" | "purposeEndorsement" | "auditEntry">;

export interface DemoPurpose {
  title: string;
  versionName: string;
  content: RichTextInput[];
  /** Emails of the demo accounts who endorsed the agreed version. */
  endorsedBy: string[];
}

export const DEMO_PURPOSE: Partial<Record<LocalitySlug, DemoPurpose>> = {
  longbridge: {
    title: "Our common purpose",
    versionName: "Agreed at the second session",
    content: [
      { type: "heading", level: 2, text: "Our purpose" },
      {
        type: "paragraph",
        text: "Longbridge is a place where families with young children know where to turn and are never left on their own. Together – parents, local groups, services and councillors – we find out what already works here, listen to the families who are hardest to reach, and try small changes that make it easier for people to help each other.",
      },
      { type: "heading", level: 2, text: "How we work together" },
      {
        type: "bulletList",
        items: [
          "Every voice counts the same: a parent at the school gate and a head of service are both experts in Longbridge.",
          "We speak plainly, without jargon, and make room for people who need an interpreter or more time.",
          "What people share about their lives stays in the group unless they agree otherwise.",
          "We try things small and early, say honestly what did not work, and decide together what to do next.",
        ],
      },
    ],
    endorsedBy: ["facilitator@coproduce.test", "member.longbridge@coproduce.test"],
  },
};

/** A demo purpose as a Yjs document, built with the rich-text shape module like any document. */
export function demoPurposeDocument(demo: DemoPurpose): Y.Doc {
  const doc = new Y.Doc();
  appendRichText(doc, demo.content);
  return doc;
}

/**
 * Stores a locality's demo purpose: the shared document record, its stored Yjs state (what the
 * collab server loads), the named version, the agreement and the endorsements, with the
 * activity-log entries the app would have written.
 */
export async function seedDemoPurpose(
  tx: Tx,
  input: { localityId: string; demo: DemoPurpose; actorId: string | null; userIdFor: (email: string) => string },
): Promise<void> {
  const { localityId, demo, actorId } = input;
  const document = await tx.sharedDocument.create({
    data: { localityId, title: demo.title, kind: "purpose", createdById: actorId },
    select: { id: true },
  });
  const docName = formatDocumentName({ localityId, kind: "doc", documentId: document.id });
  const doc = demoPurposeDocument(demo);
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  await tx.collabUpdate.create({ data: { docName, data: state } });
  const version = await tx.documentVersion.create({
    data: { documentId: document.id, name: demo.versionName, state, createdById: actorId },
    select: { id: true },
  });
  await tx.locality.update({ where: { id: localityId }, data: { agreedPurposeVersionId: version.id } });
  await tx.purposeEndorsement.createMany({
    data: demo.endorsedBy.map((email) => ({ localityId, versionId: version.id, userId: input.userIdFor(email) })),
  });
  await tx.auditEntry.createMany({
    data: [
      { localityId, actorId, action: "purpose.start", targetType: "document", targetId: document.id, detail: JSON.stringify({ source: "demo-seed" }) },
      {
        localityId,
        actorId,
        action: "document.version.save",
        targetType: "document",
        targetId: document.id,
        detail: JSON.stringify({ versionId: version.id, name: demo.versionName, source: "demo-seed" }),
      },
      {
        localityId,
        actorId,
        action: "purpose.agree",
        targetType: "documentVersion",
        targetId: version.id,
        detail: JSON.stringify({ documentId: document.id, name: demo.versionName, source: "demo-seed" }),
      },
      ...demo.endorsedBy.map((email) => ({
        localityId,
        actorId: input.userIdFor(email),
        action: "purpose.endorse",
        targetType: "documentVersion",
        targetId: version.id,
        detail: JSON.stringify({ source: "demo-seed" }),
      })),
    ],
  });
}
