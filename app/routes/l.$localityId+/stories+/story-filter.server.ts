// The stories list's filter (?method=, ?language=), read on the server only. The route imports it
// from this .server module (empty in the browser build) so that the list does not fetch zod.
import { z } from "zod";
import { STORY_LANGUAGES, STORY_METHODS } from "~/domain/story-fields";

const filterInput = z.object({
  method: z.enum(STORY_METHODS).nullable().catch(null),
  language: z.enum(STORY_LANGUAGES).nullable().catch(null),
});

export function readStoryFilter(url: URL) {
  return filterInput.parse({ method: url.searchParams.get("method") || null, language: url.searchParams.get("language") || null });
}
