/**
 * Withdrawing a story: as easy as giving consent, and complete. In one go it
 *
 * - deletes the story's excerpts (their codes cascade; insight evidence keeps a link to the
 *   tombstone and loses the excerpt, so an insight shows the source as withdrawn), the
 *   storyteller's identity, the consent record, the marked identifiers and the photos;
 * - turns the Story row into a tombstone (no title, pseudonym, place or interviewer) and
 *   deletes its shared document (versions cascade);
 * - erases the document's stored Yjs data (the text) from the collab store;
 * - removes every board note linked to one of its excerpts, and compacts those boards so the
 *   deleted notes' text leaves the stored log too;
 * - records `story.withdraw` in the activity log (no personal content), and tells open pages.
 */
import { richTextDocName } from "~/collab/names";
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { eraseDocument } from "~/collab/backend.server";
import type { Db } from "~/data/db.server";
import { analysisTopic, publishLive, storyTopic } from "~/http/live-events.server";

import { removeExcerptNotes } from "./excerpt-notes.server";
import { eraseStoryRecords, findStoryToWithdraw } from "~/data/stories.server";

export type WithdrawalSummary = { excerpts: number; notes: number };

export async function withdrawStory(db: Db, access: Pick<LocalityAccess, "locality" | "user">, storyId: string): Promise<WithdrawalSummary> {
  const localityId = access.locality.id;
  const story = await findStoryToWithdraw(db, localityId, storyId);
  if (!story) throw notFound();
  const excerptIds = story.excerpts.map((e) => e.id);

  await eraseStoryRecords(db, { localityId, actorId: access.user.id, storyId, documentId: story.documentId, excerpts: excerptIds.length });

  // The record is gone first (no new token can be issued for it), then its stored text.
  if (story.documentId) await eraseDocument(richTextDocName(localityId, story.documentId));
  const notes = await removeExcerptNotes(db, localityId, excerptIds);

  publishLive(storyTopic(storyId), "withdrawn");
  publishLive(analysisTopic(localityId), "changed");
  return { excerpts: excerptIds.length, notes };
}
