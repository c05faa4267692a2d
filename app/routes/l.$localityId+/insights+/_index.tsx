import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadInsightList } from "./insight-page.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { InsightCard } from "~/components/insights/insight-card";
import { useLiveUpdates } from "~/components/ui/use-live-updates";
import insightStyles from "~/styles/insights.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadInsightList(await requireLocalityAccess(request, params.localityId, "insights.view"));
}

/** The locality's insights as cards: statement, questions, confidence and what stands behind each. */
export default function Insights() {
  const { t } = useTranslation();
  const { locality, insights, may } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/l/${locality.id}`;
  // Coding, sending and withdrawals change what stands behind an insight: reload when they happen.
  useLiveUpdates(`${base}/analysis/events`);
  return (
    <section className="page insights-page" aria-labelledby="insights-title">
      <h1 id="insights-title">{t("insights.title")}</h1>
      <p className="lead">{t("insights.lead")}</p>
      <div role="status">{params.get("deleted") === "1" ? <p className="card success">{t("insights.deleted")}</p> : null}</div>
      <p className="insight-actions">
        {may.edit ? (
          <>
            <Link to={`${base}/insights/new`} className="button primary">
              {t("insights.newInsight")}
            </Link>
            <Link to={`${base}/analysis/send`} className="button">
              {t("insights.sendExcerpts")}
            </Link>
          </>
        ) : null}
        <Link to={`${base}/insights/report`} className="button">
          {t("insights.reportLink")}
        </Link>
        {may.export ? (
          <a href={`${base}/insights/export`} className="button" download>
            {t("insights.exportCsv")}
          </a>
        ) : null}
      </p>
      {insights.length ? (
        <ul className="insight-list">
          {insights.map((i) => (
            <li key={i.id}>
              <InsightCard insight={i} href={`${base}/insights/${i.id}`} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="card notice">{t("insights.none")}</p>
      )}
    </section>
  );
}
