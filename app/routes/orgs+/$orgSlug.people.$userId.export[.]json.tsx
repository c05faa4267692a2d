import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrganisationAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { i18nServer } from "~/i18n/i18next.server";
import { buildPersonExport } from "./data-rights.server";

/** Everything held about a person, as one JSON file with a section per kind of record (organisation facilitators). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, params.orgSlug, "people.dataRights");
  const found = await buildPersonExport(await getDb(), organisation, params.userId, user, "json", await i18nServer.getLocale(request));
  const date = found.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(found, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="personal-data-${params.userId}-${date}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
