import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CostSummary } from "~/domain/measures";
import type { MeasureFormat } from "./measure-format";

/**
 * What each test cycle cost, how many people it reached and the cost per person, with the totals
 * and — when two or more cycles have both figures — how the cost per person changed, so "lower
 * cost" can be argued with figures. The figures are entered on each cycle's page.
 */
export function MeasureCosts({ costs, cyclesPath, format: f }: { costs: CostSummary; cyclesPath: string; format: MeasureFormat }) {
  const { t } = useTranslation();
  const money = (pence: number | null) => (pence === null ? <span className="muted">{t("measures.costs.unknown")}</span> : f.money(pence));
  const count = (n: number | null) => (n === null ? <span className="muted">{t("measures.costs.unknown")}</span> : f.number(n));
  return (
    <section className="measure-costs" aria-labelledby="costs-title" id="costs">
      <h2 id="costs-title">{t("measures.costs.heading")}</h2>
      <p className="lead">{t("measures.costs.lead")}</p>
      {costs.rows.length ? (
        <>
          <div className="table-scroll" role="region" aria-labelledby="costs-caption" tabIndex={0}>
            <table className="data-table costs-table">
              <caption id="costs-caption">{t("measures.costs.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("measures.costs.cycle")}</th>
                  <th scope="col">{t("measures.costs.cost")}</th>
                  <th scope="col">{t("measures.costs.reached")}</th>
                  <th scope="col">{t("measures.costs.perPerson")}</th>
                </tr>
              </thead>
              <tbody>
                {costs.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{t("measures.costs.cycleName", { number: r.number })}</th>
                    <td>{money(r.costPence)}</td>
                    <td>{count(r.peopleReached)}</td>
                    <td>{money(r.costPerPerson)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("measures.costs.total")}</th>
                  <td>{money(costs.costPence)}</td>
                  <td>{count(costs.peopleReached)}</td>
                  <td>{money(costs.costPerPerson)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {costs.trend ? (
            <p className="card next-step cost-trend">
              {t(`measures.costs.trend.${costs.trend.change}`, {
                from: f.money(costs.trend.from.pence),
                fromCycle: costs.trend.from.number,
                to: f.money(costs.trend.to.pence),
                toCycle: costs.trend.to.number,
              })}
            </p>
          ) : null}
          {costs.incomplete ? (
            <p className="muted">
              {t("measures.costs.incomplete", { count: costs.incomplete })} <Link to={cyclesPath}>{t("measures.costs.enterLink")}</Link>
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("measures.costs.none")}</p>
      )}
    </section>
  );
}
