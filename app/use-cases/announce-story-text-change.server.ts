/**
 * Called by server.ts after the collab server stored changes to a document: when it is a story's
 * text, pages showing that story (members' story and coding pages) hear "changed" and read it
 * again. Kept apart from story-reading.server.ts so server.ts loads nothing else of the app.
 */
import type { Db } from "~/data/db.server";
import { parseDocumentName } from "~/collab/names";
import { publishLive, storyTopic } from "~/http/live-events.server";
import { findStoryByDocument } from "~/data/stories.server";

export async function announceStoryTextChange(database: Db | Promise<Db>, docName: string): Promise<void> {
  const name = parseDocumentName(docName);
  if (name?.kind !== "doc") return;
  const db = await database;
  const story = await findStoryByDocument(db, name.localityId, name.documentId);
  if (story) publishLive(storyTopic(story.id), "changed");
}
