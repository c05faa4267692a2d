import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadReport } from "./insight-report.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { pageTitle } from "~/components/ui/page-title";
import { ConfidenceBadge, EvidenceSummary } from "~/components/insights/excerpt-view";
import insightStyles from "~/styles/insights.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.report.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.view");
  return loadReport(access, await i18nServer.getLocale(request));
}

/** Every insight with its questions, confidence, counts and the quotes consent allows: made to print. */
export default function InsightReport() {
  const { t } = useTranslation();
  const { locality, generatedAt, insights, may } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const date = dateFormatter(locale, { dateStyle: "long" }).format(new Date(generatedAt));
  const base = `/l/${locality.id}`;
  return (
    <article className="page insights-page insight-report" aria-labelledby="report-title">
      <p className="breadcrumbs no-print">
        <Link to={`${base}/insights`}>{t("insights.back")}</Link>
      </p>
      <h1 id="report-title">{t("insights.report.title")}</h1>
      <p className="lead">{t("insights.report.lead", { locality: locality.name, date })}</p>
      <p className="hint">{t("insights.report.consentNote")}</p>
      <p className="insight-actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("insights.report.print")}
        </button>
        {may.export ? (
          <a href={`${base}/insights/export`} className="button" download>
            {t("insights.exportCsv")}
          </a>
        ) : null}
      </p>
      {insights.length ? null : <p>{t("insights.report.none")}</p>}
      {insights.map((i, n) => (
        <section key={i.id} className="report-insight" aria-labelledby={`report-${i.id}`}>
          <h2 id={`report-${i.id}`} dir="auto">
            {n + 1}. {i.statement}
          </h2>
          <ConfidenceBadge level={i.confidence} />
          <EvidenceSummary counts={i.counts} />
          <h3>{t("insights.questionsHeading")}</h3>
          <ol>
            {i.questions.map((q) => (
              <li key={q.id}>
                <span dir="auto">{q.text}</span>
              </li>
            ))}
          </ol>
          {i.evidence.length ? (
            <>
              <h3>{t("insights.evidenceHeading")}</h3>
              <ul className="report-evidence">
                {i.evidence.map((e) => (
                  <li key={e.id}>
                    {e.quote !== null ? (
                      <blockquote dir="auto">{e.quote}</blockquote>
                    ) : (
                      <p className="muted quote-not-shared">{t("insights.report.quoteNotShared")}</p>
                    )}
                    <p className="excerpt-meta">
                      <span dir="auto">{t("insights.storyBy", { title: e.storyTitle, pseudonym: e.pseudonym })}</span>
                      {e.codes.length ? (
                        <>
                          <span aria-hidden="true"> · </span>
                          <span dir="auto">{e.codes.join(", ")}</span>
                        </>
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </article>
  );
}
