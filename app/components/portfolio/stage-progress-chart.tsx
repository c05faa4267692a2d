import { useTranslation } from "react-i18next";
import { stageChart, type StageProgress } from "~/domain/portfolio";
import type { PortfolioFormat } from "./portfolio-format";

/**
 * A locality's progress through the four stages: a line per stage of how many of its records
 * existed by the end of each month, drawn on the server as an inline SVG (months run right to left
 * in Arabic; the labels' anchors are physical, so the SVG is set left to right), named by a
 * one-line summary; the table under it holds the same figures.
 */
export function StageProgressChart({
  id,
  name,
  progress,
  format: f,
  rtl,
}: {
  id: string;
  name: string;
  progress: StageProgress;
  format: PortfolioFormat;
  rtl: boolean;
}) {
  const { t } = useTranslation();
  if (progress.months.length === 0) return <p className="muted">{t("portfolio.progress.none")}</p>;
  const chart = stageChart(progress, { rtl });
  const first = progress.months[0]!;
  const last = progress.months.at(-1)!;
  const latest = progress.series.map((s) => t("portfolio.progress.count", { stage: t(`portfolio.stages.${s.stage}`), count: s.counts.at(-1) ?? 0 }));
  const summary = t("portfolio.progress.summary", {
    locality: name,
    from: f.month(first),
    to: f.month(last),
    latest: latest.join(t("portfolio.progress.separator")),
  });
  const { plot } = chart;
  return (
    <figure className="stage-chart">
      <svg viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-label={summary} direction="ltr" className="stage-chart-svg">
        <g className="chart-grid">
          {chart.yTicks.map((tick) => (
            <g key={tick.value}>
              <line x1={plot.x1} x2={plot.x2} y1={tick.y} y2={tick.y} />
              <text x={chart.axisX} y={tick.y + 4} textAnchor="end">
                {f.number(tick.value)}
              </text>
            </g>
          ))}
          <line className="chart-axis" x1={plot.x1} x2={plot.x2} y1={plot.y2} y2={plot.y2} />
        </g>
        {chart.lines.map((line) => (
          <g key={line.stage} className={`stage-line stage-${line.stage}`} data-stage={line.stage}>
            {line.dots.length > 1 ? <polyline points={line.points} /> : null}
            {line.dots.map((d) => (
              <circle key={d.month} cx={d.x} cy={d.y} r={3.5} data-month={d.month} data-value={d.value} />
            ))}
          </g>
        ))}
        <g className="chart-dates">
          {chart.xLabels.map((l) => (
            <text key={l.month} x={l.x} y={plot.y2 + 20} textAnchor={l.anchor}>
              {f.month(l.month)}
            </text>
          ))}
        </g>
      </svg>
      <figcaption>
        <p id={`${id}-summary`} className="chart-summary">
          {summary}
        </p>
        <ul className="stage-legend">
          {progress.series.map((s) => (
            <li key={s.stage} className={`stage-${s.stage}`}>
              <span className="stage-swatch" aria-hidden="true" />
              {t(`portfolio.stages.${s.stage}`)}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="stage-table">
        <summary>{t("portfolio.progress.tableToggle")}</summary>
        <table className="data-table">
          <caption>{t("portfolio.progress.caption", { locality: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portfolio.progress.month")}</th>
              {progress.series.map((s) => (
                <th key={s.stage} scope="col">
                  {t(`portfolio.stages.${s.stage}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {progress.months.map((m, i) => (
              <tr key={m} data-month={m}>
                <th scope="row">{f.month(m)}</th>
                {progress.series.map((s) => (
                  <td key={s.stage}>{f.number(s.counts[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
