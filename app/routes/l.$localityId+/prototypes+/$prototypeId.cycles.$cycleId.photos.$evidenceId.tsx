import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadCyclePhoto } from "./cycle-photo.server";

/** A photo of a test cycle's evidence, for everyone who may view the prototype (viewers too). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCyclePhoto(await requireLocalityAccess(request, params.localityId, "prototypes.view"), params);
}
