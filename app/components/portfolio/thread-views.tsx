import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FACET_KEYS, type ConfidenceStep, type FacetBalance } from "~/domain/portfolio";
import type { PortfolioFormat } from "./portfolio-format";

/**
 * The OECD facet balance of a group of prototypes: a bar per facet (its length the share) in a
 * table that holds the figures, so the bars need no other text alternative.
 */
export function FacetBalanceTable({ caption, balance, format: f }: { caption: string; balance: FacetBalance; format: PortfolioFormat }) {
  const { t } = useTranslation();
  const total = FACET_KEYS.reduce((sum, k) => sum + balance[k], 0);
  return (
    <table className="data-table facet-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("portfolio.facetColumns.facet")}</th>
          <th scope="col">{t("portfolio.facetColumns.prototypes")}</th>
          <th scope="col">
            <span className="visually-hidden">{t("portfolio.facetColumns.share")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {FACET_KEYS.map((k) => {
          const share = total ? Math.round((balance[k] / total) * 20) * 5 : 0;
          return (
            <tr key={k} data-facet={k}>
              <th scope="row">{t(`portfolio.facets.${k}`)}</th>
              <td>{f.number(balance[k])}</td>
              <td>
                <svg className="facet-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y="0" width={share} height="10" />
                </svg>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type OutcomePrototype = {
  id: string;
  title: string;
  localityId: string;
  locality: string;
  status: string;
  trail: ConfidenceStep[];
  trend: "building" | "weakening" | "flat" | null;
};

export type OutcomeView = { id: string; title: string; isExample: boolean; underReview: boolean; nobody: boolean; prototypes: OutcomePrototype[] };

/** One priority outcome: the prototypes working on it and, cycle by cycle, their hypothesis and the group's confidence before and after. */
export function OutcomeConfidence({ outcome, format: f }: { outcome: OutcomeView; format: PortfolioFormat }) {
  const { t } = useTranslation();
  const avg = (v: number | null) => (v === null ? t("portfolio.notSet") : f.number(v));
  return (
    <li className="outcome card" data-outcome={outcome.title}>
      <h4 dir="auto">
        {outcome.title}
        {outcome.isExample ? <span className="badge outcome-badge">{t("portfolio.outcomes.example")}</span> : null}
        {outcome.underReview ? <span className="badge outcome-badge">{t("portfolio.outcomes.underReview")}</span> : null}
      </h4>
      {outcome.nobody ? <p className="flag flag-nobody">{t("portfolio.outcomes.nobody")}</p> : null}
      {!outcome.nobody && outcome.prototypes.length === 0 ? <p className="muted">{t("portfolio.outcomes.elsewhere")}</p> : null}
      {outcome.prototypes.map((p) => (
        <div key={p.id} className="outcome-prototype">
          <p>
            <Link to={`/l/${p.localityId}/prototypes/${p.id}/cycles`} dir="auto">
              {p.title}
            </Link>{" "}
            <span className="muted" dir="auto">
              ({p.locality}, {t(`prototypes.statuses.${p.status}`)})
            </span>{" "}
            {p.trend ? <span className={`trend trend-${p.trend}`}>{t(`portfolio.outcomes.trend.${p.trend}`)}</span> : null}
          </p>
          {p.trail.length === 0 ? (
            <p className="muted">{t("portfolio.noCycle")}</p>
          ) : (
            <table className="data-table confidence-table">
              <caption className="visually-hidden">{t("portfolio.outcomes.caption", { prototype: p.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("portfolio.outcomes.cycle")}</th>
                  <th scope="col">{t("portfolio.outcomes.hypothesis")}</th>
                  <th scope="col">{t("portfolio.outcomes.before")}</th>
                  <th scope="col">{t("portfolio.outcomes.after")}</th>
                  <th scope="col">{t("portfolio.outcomes.change")}</th>
                </tr>
              </thead>
              <tbody>
                {p.trail.map((s) => (
                  <tr key={s.number}>
                    <th scope="row">{f.number(s.number)}</th>
                    <td data-label={t("portfolio.outcomes.hypothesis")}>
                      <span className="muted">{t("cycles.fields.believe")} </span>
                      <span dir="auto">{s.hypothesis.believe}</span> <span className="muted">{t("cycles.fields.willResult")} </span>
                      <span dir="auto">{s.hypothesis.willResult}</span> <span className="muted">{t("cycles.fields.knowWhen")} </span>
                      <span dir="auto">{s.hypothesis.knowWhen}</span>
                    </td>
                    <td data-label={t("portfolio.outcomes.before")}>{avg(s.before)}</td>
                    <td data-label={t("portfolio.outcomes.after")}>{avg(s.after)}</td>
                    <td data-label={t("portfolio.outcomes.change")}>{s.change ? t(`portfolio.outcomes.changes.${s.change}`) : t("portfolio.notSet")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </li>
  );
}
