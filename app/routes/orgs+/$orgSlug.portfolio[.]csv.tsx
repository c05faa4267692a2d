import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePortfolioAccess } from "~/auth/portfolio-access.server";
import { getDb } from "~/data/db.server";
import { i18nServer } from "~/i18n/i18next.server";
import { portfolioCsv } from "./portfolio.server";

/** The portfolio as a CSV file: one line per prototype the person may see (formula-looking cells neutralised). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePortfolioAccess(request, params.orgSlug);
  return portfolioCsv(await getDb(), access, await i18nServer.getLocale(request));
}
