import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { analysisTopic, liveEventStream } from "~/http/live-events.server";

/** The locality's analysis signals ("changed") for the analysis pages; no content. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  return liveEventStream(request, [analysisTopic(access.locality.id)]);
}
