import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePortfolioAccess } from "~/auth/portfolio-access.server";
import { getDb } from "~/data/db.server";
import { readForm } from "~/http/read-form.server";
import { pageTitle } from "~/components/ui/page-title";
import { PortfolioTable } from "~/components/portfolio/portfolio-table";
import { StageProgressChart } from "~/components/portfolio/stage-progress-chart";
import { FacetBalanceTable, OutcomeConfidence } from "~/components/portfolio/thread-views";
import { ThresholdForm } from "~/components/portfolio/threshold-form";
import type { ThresholdReply } from "~/domain/portfolio";
import { portfolioFormat } from "~/components/portfolio/portfolio-format";
import { withStrings } from "~/i18n/strings";
import { STAGES } from "~/domain/stages";
import { loadPortfolio, saveStalledWeeks } from "./portfolio.server";
import portfolioStyles from "~/styles/portfolio.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "portfolio.title", { organisation: data?.organisation.name ?? "" });

/** Every prototype of every locality in scope, with its flags, and each locality's progress through the stages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePortfolioAccess(request, params.orgSlug);
  return loadPortfolio(await getDb(), access, new URL(request.url));
}

/** Organisation facilitators set after how many weeks without a cycle a prototype is stalled (1–26). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requirePortfolioAccess(request, params.orgSlug, "portfolio.configure");
  const form = await readForm(request, context);
  const reply: ThresholdReply = await saveStalledWeeks(await getDb(), access, form);
  return data(reply, { status: reply.ok ? 200 : 400 });
}

export const headers = () => ({ "Cache-Control": "no-store" });

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages", "prototypes"] };
export const clientLoader = withStrings(["pages", "prototypes"]);

export default function PortfolioPage() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const f = portfolioFormat(i18n.language);
  const rtl = i18n.dir(i18n.language) === "rtl";
  const progressOf = new Map(d.progress.map((p) => [p.localityId, p.progress]));
  return (
    <section className="page portfolio" aria-labelledby="portfolio-title">
      <div className="page-heading">
        <h1 id="portfolio-title">{t("portfolio.heading")}</h1>
        <ul className="portfolio-actions">
          <li>
            <Link to={`/orgs/${d.organisation.slug}/portfolio/report`} className="button">
              {t("portfolio.reportLink")}
            </Link>
          </li>
          <li>
            <a href={`/orgs/${d.organisation.slug}/portfolio.csv`} className="button" download>
              {t("portfolio.csvLink")}
            </a>
          </li>
        </ul>
      </div>
      <p className="lead">{t("portfolio.lead", { organisation: d.organisation.name })}</p>
      {d.scope === "own" ? <p className="notice card">{t("portfolio.ownOnly")}</p> : null}
      <dl className="portfolio-totals" aria-label={t("portfolio.totals.label")}>
        <div>
          <dt>{t("portfolio.totals.localities")}</dt>
          <dd>{f.number(d.localityGroups.length)}</dd>
        </div>
        <div>
          <dt>{t("portfolio.totals.prototypes")}</dt>
          <dd>{f.number(d.totals.prototypes)}</dd>
        </div>
        <div>
          <dt>{t("portfolio.totals.decisionDue")}</dt>
          <dd>{f.number(d.totals.decisionDue)}</dd>
        </div>
        <div>
          <dt>{t("portfolio.totals.stalled")}</dt>
          <dd>{f.number(d.totals.stalled)}</dd>
        </div>
        <div>
          <dt>{t("portfolio.totals.people")}</dt>
          <dd>{f.number(d.totals.people)}</dd>
        </div>
        <div>
          <dt>{t("portfolio.totals.cost")}</dt>
          <dd>{d.totals.costPence === null ? t("portfolio.notSet") : f.money(d.totals.costPence)}</dd>
        </div>
      </dl>
      <ThresholdForm weeks={d.stalledAfterWeeks} mayConfigure={d.mayConfigure} reply={reply} />
      {d.hasPriorities ? (
        <nav className="portfolio-grouping" aria-label={t("portfolio.grouping.label")}>
          <ul>
            {(["priority", "locality"] as const).map((g) => (
              <li key={g}>
                <Link to={`?group=${g}`} aria-current={d.grouping === g ? "page" : undefined} preventScrollReset>
                  {t(`portfolio.grouping.${g}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p className="muted">{t("portfolio.noPriorities")}</p>
      )}
      {d.grouping === "priority" ? (
        <section aria-labelledby="by-priority">
          <h2 id="by-priority">{t("portfolio.byPriority")}</h2>
          {d.priorityGroups.map((g) => {
            const id = `priority-${g.priority?.id ?? "none"}`;
            const title = g.priority ? g.priority.title : t("portfolio.unlinked");
            return (
              <section key={id} className="portfolio-group" aria-labelledby={id} data-priority={title}>
                <h3 id={id} dir="auto">
                  {title}
                  {g.priority?.archived ? <span className="badge outcome-badge">{t("portfolio.archived")}</span> : null}
                </h3>
                <p className="muted">
                  {t("portfolio.priorityTotals", { prototypes: g.totals.prototypes, due: g.totals.decisionDue, stalled: g.totals.stalled })}
                </p>
                {g.rows.length === 0 ? (
                  <p>{t("portfolio.noPrototypes")}</p>
                ) : (
                  <div className="portfolio-group-body">
                    <PortfolioTable
                      caption={t("portfolio.tableCaption", { locality: title })}
                      rows={g.rows}
                      weeks={d.stalledAfterWeeks}
                      format={f}
                      localityNames={d.localityNames}
                    />
                    <FacetBalanceTable caption={t("portfolio.facetCaption", { priority: title })} balance={g.facets} format={f} />
                  </div>
                )}
              </section>
            );
          })}
        </section>
      ) : null}
      {d.hasPriorities ? (
        <section aria-labelledby="outcomes-title" className="portfolio-outcomes">
          <h2 id="outcomes-title">{t("portfolio.outcomes.title")}</h2>
          <p className="muted">{t("portfolio.outcomes.lead", { count: d.nobodyCount })}</p>
          {d.outcomes.map((p) => (
            <section key={p.priority.id} aria-labelledby={`outcomes-${p.priority.id}`}>
              <h3 id={`outcomes-${p.priority.id}`} dir="auto">
                {p.priority.title}
                {p.priority.underReview ? <span className="badge outcome-badge">{t("portfolio.outcomes.underReview")}</span> : null}
              </h3>
              {p.outcomes.length === 0 ? (
                <p className="muted">{t("portfolio.outcomes.none")}</p>
              ) : (
                <ul className="outcome-list">
                  {p.outcomes.map((o) => (
                    <OutcomeConfidence key={o.id} outcome={o} format={f} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="by-locality">
        <h2 id="by-locality">{t("portfolio.byLocality")}</h2>
        {d.localityGroups.length === 0 ? <p>{t("portfolio.noLocalities")}</p> : null}
        {d.localityGroups.map((g) => {
          const headingId = `locality-${g.locality.id}`;
          const progress = progressOf.get(g.locality.id);
          return (
            <section key={g.locality.id} className="portfolio-locality" aria-labelledby={headingId} data-locality={g.locality.name}>
              <div className="portfolio-locality-heading">
                <h3 id={headingId} dir="auto">
                  {g.locality.name}
                </h3>
                <ul className="portfolio-drill">
                  <li>
                    <Link to={`/l/${g.locality.id}`}>{t("portfolio.drill.home", { locality: g.locality.name })}</Link>
                  </li>
                  <li>
                    <Link to={`/l/${g.locality.id}/prototypes?view=table`}>{t("portfolio.drill.prototypes", { locality: g.locality.name })}</Link>
                  </li>
                </ul>
              </div>
              <p className="muted">
                {t("portfolio.groupTotals", {
                  stage: t(`stages.${(STAGES.find((s) => s.number === g.locality.currentStage) ?? STAGES[0]).key}.name`),
                  prototypes: g.totals.prototypes,
                  due: g.totals.decisionDue,
                  stalled: g.totals.stalled,
                })}
              </p>
              {d.grouping === "locality" ? (
                g.rows.length === 0 ? (
                  <p>{t("portfolio.noPrototypes")}</p>
                ) : (
                  <PortfolioTable caption={t("portfolio.tableCaption", { locality: g.locality.name })} rows={g.rows} weeks={d.stalledAfterWeeks} format={f} />
                )
              ) : null}
              <h4>{t("portfolio.progress.title", { locality: g.locality.name })}</h4>
              {progress ? <StageProgressChart id={`progress-${g.locality.id}`} name={g.locality.name} progress={progress} format={f} rtl={rtl} /> : null}
            </section>
          );
        })}
      </section>
    </section>
  );
}
