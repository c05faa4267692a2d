/**
 * Starts a locality's purpose document, or finds the one it has: a new one gets a short starter
 * text in the starter's language, written through the collab server like any edit (if that
 * fails the document simply starts empty). Used by the purpose page and by session plans whose
 * step works on the purpose.
 */
import { applyServerChange } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { appendRichText } from "~/collab/rich-text";
import type { Db } from "~/data/db.server";
import { startPurposeDocument } from "~/data/purpose.server";
import { purposeStarter } from "~/domain/purpose";
import { translator } from "~/i18n/translate";

export async function startPurpose(db: Db, input: { localityId: string; actorId: string; locale: string }): Promise<{ documentId: string; created: boolean }> {
  const t = translator(input.locale);
  const { document, created } = await startPurposeDocument(db, { localityId: input.localityId, actorId: input.actorId, title: t("purpose.documentTitle") });
  if (created) {
    const docName = richTextDocName(input.localityId, document.id);
    try {
      await applyServerChange(docName, (doc) =>
        appendRichText(
          doc,
          purposeStarter((key) => t(key)),
        ),
      );
    } catch (error) {
      console.warn(`purpose: the starter text of ${docName} was not written`, error);
    }
  }
  return { documentId: document.id, created };
}
