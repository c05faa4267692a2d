import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePortfolioAccess } from "~/auth/portfolio-access.server";
import { getDb } from "~/data/db.server";
import { pageTitle } from "~/components/ui/page-title";
import { ReportPage } from "~/components/portfolio/report-section";
import { portfolioFormat } from "~/components/portfolio/portfolio-format";
import { withStrings } from "~/i18n/strings";
import { loadPortfolioReport } from "./portfolio.server";
import portfolioStyles from "~/styles/portfolio.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "portfolio.report.title", { organisation: data?.organisation.name ?? "" });

/** The committee report: a page per locality (what is being tried, what was learned, what was decided), to print. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePortfolioAccess(request, params.orgSlug);
  return loadPortfolioReport(await getDb(), access);
}

export const headers = () => ({ "Cache-Control": "no-store" });

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages", "prototypes"] };
export const clientLoader = withStrings(["pages", "prototypes"]);

export default function PortfolioReport() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const f = portfolioFormat(i18n.language);
  return (
    <article className="page portfolio-report" aria-labelledby="report-title">
      <p className="no-print">
        <Link to={`/orgs/${d.organisation.slug}/portfolio`}>{t("portfolio.report.back")}</Link>
      </p>
      <div className="report-cover">
        <h1 id="report-title">{t("portfolio.report.heading", { organisation: d.organisation.name })}</h1>
        <p className="muted">
          {t("portfolio.report.madeAt", { date: f.day(d.madeAt) })} {t("portfolio.report.threshold", { count: d.stalledAfterWeeks })}
        </p>
        <p className="no-print muted">{t(d.by === "priority" ? "portfolio.report.printHintPriority" : "portfolio.report.printHint")}</p>
      </div>
      {d.sections.length === 0 ? <p>{t("portfolio.noLocalities")}</p> : null}
      {d.sections.map((s) => (
        <ReportPage
          key={s.key}
          id={`report-${s.key}`}
          title={s.kind === "unlinked" ? t("portfolio.unlinked") : s.title}
          href={s.href}
          totals={s.totals}
          section={s}
          format={f}
        />
      ))}
    </article>
  );
}
