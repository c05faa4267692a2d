// The locality home's one form, read on the server only. The route imports it from this .server
// module (empty in the browser build) so that the page does not fetch zod, conform's parser and
// the stage checklist's domain modules, which only the action needs.
import { parseWithZod } from "@conform-to/zod";
import { moveStageInput } from "~/domain/stage-checklist";

export function parseStageMove(form: FormData) {
  return parseWithZod(form, { schema: moveStageInput });
}
