import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { AnalysisHeader } from "~/components/analysis/analysis-nav";
import { Disagreements } from "~/components/analysis/views";
import { loadDisagreements } from "./analysis-page.server";
import analysisStyles from "~/styles/analysis.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: analysisStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "analysis.disagreements.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  return loadDisagreements(access, await i18nServer.getLocale(request));
}

export default function AnalysisView() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <section className="page analysis-page" aria-labelledby="analysis-title">
      <AnalysisHeader localityId={page.locality.id} title={t("analysis.disagreements.title")} />
      <Disagreements page={page} />
    </section>
  );
}
