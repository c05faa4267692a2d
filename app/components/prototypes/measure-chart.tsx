import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { buildChart, type ChartCycle, type ChartMeasure, type ChartReading, type ChartSummary } from "~/domain/measures";
import type { MeasureFormat } from "./measure-format";

/**
 * A measure's chart in words, in the page's language: "From 4 to 9 sessions a month over 3
 * readings (12 Jan 2026 to 3 Mar 2026); baseline 4; target 10; higher is better."
 */
export function chartSummaryText(t: TFunction, f: MeasureFormat, unit: string, s: ChartSummary): string {
  const sep = t("measures.chart.summary.separator");
  const parts: string[] = [];
  if (!s.first || !s.last) parts.push(t("measures.chart.summary.none"));
  else if (s.count === 1) parts.push(t("measures.chart.summary.one", { value: f.quantity(s.last.value, unit), date: f.day(s.last.takenOn) }));
  else
    parts.push(
      t("measures.chart.summary.from", {
        count: s.count,
        first: f.number(s.first.value),
        last: f.quantity(s.last.value, unit),
        start: f.day(s.first.takenOn),
        end: f.day(s.last.takenOn),
      }),
    );
  if (s.baseline !== null) parts.push(t("measures.chart.summary.baseline", { value: f.number(s.baseline) }));
  if (s.target !== null) parts.push(t("measures.chart.summary.target", { value: f.number(s.target) }));
  parts.push(t(`measures.chart.summary.${s.betterWhen}`));
  return parts.join(sep) + t("measures.chart.summary.end");
}

export type MeasureChartProps = {
  id: string;
  measure: ChartMeasure & { name: string; unit: string };
  readings: readonly ChartReading[];
  cycles: readonly ChartCycle[];
  summary: ChartSummary;
  format: MeasureFormat;
  rtl: boolean;
};

/**
 * A measure's readings across dates as an inline SVG drawn on the server (no script needed):
 * the readings' line, the baseline and target as dashed lines, and a band over the dates of each
 * test cycle a reading belongs to. Right to left in Arabic: the earliest date on the right. The
 * SVG is one image to assistive technology, named by the summary under it; the table beside it
 * holds the same figures.
 */
export function MeasureChart({ id, measure, readings, cycles, summary, format: f, rtl }: MeasureChartProps) {
  const { t } = useTranslation();
  const chart = buildChart(measure, readings, cycles, { rtl });
  const summaryId = `${id}-summary`;
  const text = chartSummaryText(t, f, measure.unit, summary);
  const { plot } = chart;
  // The baseline's and target's labels sit above their lines at the end side; when a reading or
  // the other line's label is in the way, under the line, or at the start side.
  const startX = chart.rtl ? plot.x2 - 4 : plot.x1 + 4;
  const nearEnd = (x: number) => (chart.rtl ? x <= chart.endX + 90 : x >= chart.endX - 90);
  const nearStart = (x: number) => (chart.rtl ? x >= startX - 90 : x <= startX + 90);
  type Spot = { x: number; y: number; anchor: "start" | "end" };
  const taken: Spot[] = [];
  const place = (line: { y: number }): Spot => {
    const above = Math.max(line.y - 5, plot.y1 + 10);
    const below = Math.min(line.y + 14, plot.y2 - 2);
    const spots: Spot[] = [
      { x: chart.endX, y: above, anchor: "end" },
      { x: chart.endX, y: below, anchor: "end" },
      { x: startX, y: above, anchor: "start" },
      { x: startX, y: below, anchor: "start" },
    ];
    const free = (spot: Spot) => {
      const near = spot.anchor === "end" ? nearEnd : nearStart;
      const hitsPoint = chart.points.some((p) => near(p.x) && spot.y > p.y - 26 && spot.y < p.y + 14);
      const hitsLabel = taken.some((other) => other.anchor === spot.anchor && Math.abs(other.y - spot.y) < 15);
      return !hitsPoint && !hitsLabel;
    };
    const spot = spots.find(free) ?? spots[0]!;
    taken.push(spot);
    return spot;
  };
  const targetLabel = chart.target ? place(chart.target) : null;
  const baselineLabel = chart.baseline ? place(chart.baseline) : null;
  return (
    <figure className="measure-chart">
      <svg
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-label={text}
        direction={rtl ? "rtl" : "ltr"}
        className="measure-chart-svg"
        data-measure={measure.name}
      >
        <g className="chart-bands">
          {chart.bands.map((b) => (
            <g key={b.number}>
              <rect x={b.x1} y={plot.y1} width={b.x2 - b.x1} height={plot.y2 - plot.y1} />
              <line x1={b.x1} x2={b.x2} y1={plot.y2 + 25} y2={plot.y2 + 25} />
              <text x={(b.x1 + b.x2) / 2} y={plot.y2 + 40} textAnchor="middle">
                {b.x2 - b.x1 >= 64 ? t("measures.chart.cycle", { number: b.number }) : t("measures.chart.cycleShort", { number: b.number })}
              </text>
            </g>
          ))}
        </g>
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
        {chart.baseline && baselineLabel ? (
          <g className="chart-baseline">
            <line x1={plot.x1} x2={plot.x2} y1={chart.baseline.y} y2={chart.baseline.y} />
            <text x={baselineLabel.x} y={baselineLabel.y} textAnchor={baselineLabel.anchor}>
              {t("measures.chart.baseline", { value: f.number(chart.baseline.value) })}
            </text>
          </g>
        ) : null}
        {chart.target && targetLabel ? (
          <g className="chart-target">
            <line x1={plot.x1} x2={plot.x2} y1={chart.target.y} y2={chart.target.y} />
            <text x={targetLabel.x} y={targetLabel.y} textAnchor={targetLabel.anchor}>
              {t("measures.chart.target", { value: f.number(chart.target.value) })}
            </text>
          </g>
        ) : null}
        <g className="chart-readings">
          {chart.points.length > 1 ? <polyline points={chart.line} /> : null}
          {chart.points.map((p) => (
            <circle key={p.id} cx={p.x} cy={p.y} r={4.5} data-value={p.value} data-date={p.takenOn} />
          ))}
          {chart.valueLabels
            ? chart.points.map((p) => (
                <text key={p.id} x={p.x} y={Math.max(p.y - 9, 11)} textAnchor="middle" className="chart-value">
                  {f.number(p.value)}
                </text>
              ))
            : null}
        </g>
        <g className="chart-dates">
          {chart.xLabels.map((l) => (
            <text key={l.takenOn + l.anchor} x={l.x} y={plot.y2 + 17} textAnchor={l.anchor}>
              {f.day(l.takenOn)}
            </text>
          ))}
        </g>
      </svg>
      <figcaption>
        <p id={summaryId} className="chart-summary">
          {text}
        </p>
        <ul className="chart-legend">
          <li>
            <span className="legend-swatch legend-readings" aria-hidden="true" />
            {t("measures.chart.legendReadings")}
          </li>
          {chart.baseline ? (
            <li>
              <span className="legend-swatch legend-baseline" aria-hidden="true" />
              {t("measures.chart.legendBaseline")}
            </li>
          ) : null}
          {chart.target ? (
            <li>
              <span className="legend-swatch legend-target" aria-hidden="true" />
              {t("measures.chart.legendTarget")}
            </li>
          ) : null}
          {chart.bands.length ? (
            <li>
              <span className="legend-swatch legend-band" aria-hidden="true" />
              {t("measures.chart.legendCycles")}
            </li>
          ) : null}
          <li className="legend-direction">
            <span aria-hidden="true">{measure.betterWhen === "down" ? "↓ " : "↑ "}</span>
            {t(`measures.better.${measure.betterWhen === "down" ? "down" : "up"}`)}
          </li>
        </ul>
        <p className="hint">{t("measures.chart.datesRun")}</p>
      </figcaption>
    </figure>
  );
}
