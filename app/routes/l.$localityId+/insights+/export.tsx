import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { exportInsightsCsv } from "./insight-report.server";
import { i18nServer } from "~/i18n/i18next.server";

/** The insights × evidence CSV (facilitators): quotes only where consent allows, always redacted. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "reports.export");
  return exportInsightsCsv(access, await i18nServer.getLocale(request));
}
