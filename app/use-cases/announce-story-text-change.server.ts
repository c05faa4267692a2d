/**
 * Called by server.ts after the collab server stored changes to a document: when it is a story's
 * text, pages showing that story (members' story and coding pages) hear "changed" and read it
 * again. Kept apart from story-reading.server.ts so server.ts loads nothing else of the app.
 */
import type { Db } from "../data/db.server";
import { parseDocumentName } from "../collab/names";
import { publishLive, storyTopic } from "./live-events.server";

export async function announceStoryTextChange(database: Db | Promise<Db>, docName: string): Promise<void> {
  const name = parseDocumentName(docName);
  if (!name || name.kind !== "doc") return;
  const db = await database;
  const story = await db.story.findFirst({ where: { documentId: name.documentId, localityId: name.localityId, withdrawnAt: null }, select: { id: true } });
  if (story) publishLive(storyTopic(story.id), "changed");
}
