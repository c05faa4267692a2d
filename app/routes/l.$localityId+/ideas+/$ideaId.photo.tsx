import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadIdeaPhoto } from "./idea-photo.server";

/** An idea's photo: facilitators while it waits for moderation (or is hidden), everyone who sees ideas once published. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "ideas.view");
  return loadIdeaPhoto(access, params.ideaId);
}
