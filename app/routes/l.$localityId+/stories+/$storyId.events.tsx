import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { liveEventStream, storyTopic } from "~/http/live-events.server";
import { requireReadableStory } from "~/use-cases/read-story.server";

/** The story's live signals ("changed", "withdrawn") for the coding view; no content. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  const story = await requireReadableStory(await getDb(), access, params.storyId);
  return liveEventStream(request, [storyTopic(story.id)]);
}
