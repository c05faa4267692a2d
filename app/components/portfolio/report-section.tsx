import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { GroupTotals, ReportSection } from "~/domain/portfolio";
import type { PortfolioFormat } from "./portfolio-format";

/** One page of the committee report: what is being tried, what was learned, what was decided. */
export function ReportPage({
  id,
  title,
  href,
  totals,
  section,
  format: f,
}: {
  id: string;
  title: string;
  href: string | null;
  totals: GroupTotals;
  section: ReportSection;
  format: PortfolioFormat;
}) {
  const { t } = useTranslation();
  return (
    <section className="report-page" aria-labelledby={id}>
      <h2 id={id} dir="auto">
        {href ? <Link to={href}>{title}</Link> : title}
      </h2>
      <p className="muted">
        {t("portfolio.report.pageTotals", {
          prototypes: totals.prototypes,
          due: totals.decisionDue,
          stalled: totals.stalled,
          people: f.number(totals.people),
          cost: totals.costPence === null ? t("portfolio.notSet") : f.money(totals.costPence),
        })}
      </p>
      <h3>{t("portfolio.report.tried")}</h3>
      {section.tried.length === 0 ? (
        <p className="muted">{t("portfolio.report.nothingTried")}</p>
      ) : (
        <ul className="report-list">
          {section.tried.map((p) => (
            <li key={p.id}>
              <strong dir="auto">{p.title}</strong>
              {p.locality ? <span dir="auto"> ({p.locality})</span> : null} — {t(`prototypes.statuses.${p.status}`)},{" "}
              {t("portfolio.report.cycles", { count: p.cycles })}
              {p.summary ? (
                <p dir="auto" className="report-text">
                  {p.summary}
                </p>
              ) : null}
              {p.forWhom ? (
                <p dir="auto" className="report-text muted">
                  {t("portfolio.report.forWhom", { who: p.forWhom })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("portfolio.report.learned")}</h3>
      {section.learned.length === 0 ? (
        <p className="muted">{t("portfolio.report.nothingLearned")}</p>
      ) : (
        <ul className="report-list">
          {section.learned.map((l) => (
            <li key={`${l.prototypeId}-${l.cycle}`}>
              <strong dir="auto">{l.title}</strong>
              {l.locality ? <span dir="auto"> ({l.locality})</span> : null}, {t("portfolio.report.cycle", { number: l.cycle })}
              <p dir="auto" className="report-text">
                {l.learned}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("portfolio.report.decided")}</h3>
      {section.decided.length === 0 ? (
        <p className="muted">{t("portfolio.report.nothingDecided")}</p>
      ) : (
        <ul className="report-list">
          {section.decided.map((d) => (
            <li key={`${d.prototypeId}-${d.cycle}`}>
              <strong dir="auto">{d.title}</strong>
              {d.locality ? <span dir="auto"> ({d.locality})</span> : null}, {t("portfolio.report.cycle", { number: d.cycle })}:{" "}
              {t("portfolio.decidedTo", { decision: t(`prototypes.decisions.${d.decision}`) })}
              {d.decidedAt ? <span className="muted"> ({f.day(d.decidedAt)})</span> : null}
              {d.reason ? (
                <p dir="auto" className="report-text">
                  {d.reason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
