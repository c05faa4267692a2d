/**
 * What follows every stored change of a document, wherever the collab server runs (in the app's
 * process, or standalone with `npm run collab`): the boards' read model (note texts, clusters,
 * dots), the idea records of challenge boards, the note counts of silent brainstorming's drafts,
 * and the live signal that a story's text changed
 * (through Redis to the app's instances when REDIS_URL is set). The collab server calls it about a
 * second after it stores a room's changes; it reads the document before its first await.
 */
import type * as Y from "yjs";
import { getDb } from "~/data/db.server";
import { refreshProjection } from "./projector.server";
import { syncChallengeIdeas } from "~/use-cases/sync-challenge-ideas.server";
import { announceStoryTextChange } from "~/use-cases/announce-story-text-change.server";
import { countDraftNotes } from "~/use-cases/count-draft-notes.server";

export async function afterDocumentStored(docName: string, doc: Y.Doc): Promise<void> {
  const drafted = countDraftNotes(docName, doc); // reads the draft before its first await
  await refreshProjection(getDb(), docName, doc);
  await syncChallengeIdeas(getDb(), docName, doc);
  await announceStoryTextChange(getDb(), docName);
  await drafted;
}
