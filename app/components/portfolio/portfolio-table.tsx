import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PortfolioRow } from "~/domain/portfolio";
import type { PortfolioFormat } from "./portfolio-format";

/** The flags of one row, in words (never by colour alone). */
export function RowFlags({ row, weeks }: { row: PortfolioRow; weeks: number }) {
  const { t } = useTranslation();
  if (!row.decisionDue && !row.stalled) return <span className="muted">{t("portfolio.flags.none")}</span>;
  return (
    <ul className="portfolio-flags">
      {row.decisionDue ? <li className="flag flag-due">{t("portfolio.flags.decisionDue")}</li> : null}
      {row.stalled ? <li className="flag flag-stalled">{t("portfolio.flags.stalled", { count: Math.max(row.weeksQuiet, weeks) })}</li> : null}
    </ul>
  );
}

/**
 * One locality's prototypes as a table: status, latest cycle, next decision due, people, cost and
 * flags. On a phone each row becomes a card (the column names come from `data-label`).
 */
export function PortfolioTable({
  caption,
  rows,
  weeks,
  format: f,
  localityNames,
}: {
  caption: string;
  rows: readonly PortfolioRow[];
  weeks: number;
  format: PortfolioFormat;
  /** Given when the rows come from several localities: a column names each row's locality. */
  localityNames?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const col = (key: string) => t(`portfolio.columns.${key}`);
  return (
    <table className="data-table portfolio-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{col("prototype")}</th>
          {localityNames ? <th scope="col">{col("locality")}</th> : null}
          <th scope="col">{col("status")}</th>
          <th scope="col">{col("lastCycle")}</th>
          <th scope="col">{col("nextDecision")}</th>
          <th scope="col">{col("people")}</th>
          <th scope="col">{col("cost")}</th>
          <th scope="col">{col("flags")}</th>
          <th scope="col">{col("thread")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-prototype={r.id}>
            <th scope="row" dir="auto">
              <Link to={`/l/${r.localityId}/prototypes/${r.id}`}>{r.title}</Link>
            </th>
            {localityNames ? (
              <td data-label={col("locality")}>
                <Link to={`/l/${r.localityId}`}>
                  <bdi>{localityNames[r.localityId] ?? ""}</bdi>
                </Link>
              </td>
            ) : null}
            <td data-label={col("status")}>{t(`prototypes.statuses.${r.status}`)}</td>
            <td data-label={col("lastCycle")}>
              {r.lastCycle ? (
                <>
                  {t("portfolio.lastCycle", {
                    number: r.lastCycle.number,
                    state: r.lastCycle.decision
                      ? t("portfolio.decidedTo", { decision: t(`prototypes.decisions.${r.lastCycle.decision}`) })
                      : t(`prototypes.cycleStates.${r.lastCycle.state}`),
                  })}
                  {r.lastCycle.date ? <span className="muted portfolio-date"> {f.day(r.lastCycle.date)}</span> : null}
                </>
              ) : (
                <span className="muted">{t("portfolio.noCycle")}</span>
              )}
            </td>
            <td data-label={col("nextDecision")}>{r.nextDecisionDue ? f.day(r.nextDecisionDue) : <span className="muted">{t("portfolio.notSet")}</span>}</td>
            <td data-label={col("people")}>{f.number(r.people)}</td>
            <td data-label={col("cost")}>{r.costPence === null ? <span className="muted">{t("portfolio.notSet")}</span> : f.money(r.costPence)}</td>
            <td data-label={col("flags")}>
              <RowFlags row={r} weeks={weeks} />
            </td>
            <td data-label={col("thread")}>
              {r.facet ? <span className="facet-tag">{t(`portfolio.facets.${r.facet}`)}</span> : null}
              {r.outcomes.length ? (
                <ul className="row-outcomes">
                  {r.outcomes.map((o) => (
                    <li key={o.id} dir="auto">
                      {o.title}
                      {o.older ? <span className="muted"> {t("portfolio.olderLink")}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">{t("portfolio.noOutcome")}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
