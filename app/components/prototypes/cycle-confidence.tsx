import { useTranslation } from "react-i18next";
import type { ConfidenceSummary } from "~/domain/cycles";
import { CONFIDENCE_MIN } from "~/domain/prototypes";

/**
 * The group's confidence in the hypothesis before and after the cycle: the two averages, a
 * sentence saying whether it grew or fell, and how many gave each rating — a table (the text
 * alternative) whose cells carry bars drawn to scale, so the shift can be seen at a glance.
 */
export function CycleConfidence({ summary, headingId }: { summary: ConfidenceSummary; headingId: string }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...summary.before.distribution, ...summary.after.distribution);
  const average = (v: number | null) => (v === null ? t("cycles.confidence.noAverage") : v.toFixed(1));
  const sentence =
    summary.change === null
      ? t("cycles.confidence.notBoth")
      : t(`cycles.confidence.change.${summary.change}`, { before: average(summary.before.average), after: average(summary.after.average) });
  return (
    <div className="cycle-confidence">
      <dl className="cycle-confidence-averages">
        {(["before", "after"] as const).map((moment) => (
          <div key={moment} className={`confidence-${moment}`}>
            <dt>{t(`cycles.confidence.${moment}`)}</dt>
            <dd>
              <span className="confidence-average">{average(summary[moment].average)}</span>
              <span className="muted"> {t("cycles.confidence.outOf")}</span>
              <br />
              <span className="muted">{t("cycles.confidence.ratings", { count: summary[moment].count })}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="cycle-confidence-change">{sentence}</p>
      <div className="table-scroll" role="region" aria-labelledby={`${headingId}-table`} tabIndex={0}>
        <table className="data-table cycle-confidence-table">
          <caption id={`${headingId}-table`}>{t("cycles.confidence.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cycles.confidence.rating")}</th>
              <th scope="col">{t("cycles.confidence.before")}</th>
              <th scope="col">{t("cycles.confidence.after")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.before.distribution.map((_, i) => {
              const n = i + CONFIDENCE_MIN;
              return (
                <tr key={n}>
                  <th scope="row">{t(`cycles.confidence.scale.${n}`)}</th>
                  {(["before", "after"] as const).map((moment) => {
                    const count = summary[moment].distribution[i] ?? 0;
                    return (
                      <td key={moment}>
                        <span className="confidence-cell">
                          <span className="confidence-count">{count}</span>
                          <svg
                            className={`confidence-bar confidence-bar-${moment}`}
                            viewBox="0 0 100 10"
                            preserveAspectRatio="none"
                            aria-hidden="true"
                            focusable="false"
                          >
                            <rect x="0" y="0" width={(count / most) * 100} height="10" />
                          </svg>
                        </span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("cycles.confidence.average")}</th>
              <td>{average(summary.before.average)}</td>
              <td>{average(summary.after.average)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
