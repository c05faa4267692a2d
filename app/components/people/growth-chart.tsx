import { useTranslation } from "react-i18next";

/** Cumulative ties by month as a small inline SVG line chart (the table beside it says the same). */
export function GrowthChart({ growth, monthLabel }: { growth: { month: string; added: number; total: number }[]; monthLabel: (month: string) => string }) {
  const { t } = useTranslation();
  if (growth.length === 0) return <p className="muted">{t("relationships.map.growthNone")}</p>;
  const width = 560;
  const height = 200;
  const pad = { top: 16, right: 16, bottom: 32, left: 40 };
  const max = Math.max(1, ...growth.map((g) => g.total));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (growth.length === 1 ? innerW / 2 : (i / (growth.length - 1)) * innerW);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const points = growth.map((g, i) => `${x(i).toFixed(1)},${y(g.total).toFixed(1)}`).join(" ");
  const first = growth[0]!;
  const last = growth[growth.length - 1]!;
  const label = t("relationships.map.growthChart", { first: monthLabel(first.month), last: monthLabel(last.month), total: last.total });
  const step = Math.max(1, Math.ceil(growth.length / 6));
  return (
    // The chart is drawn left to right in both languages (time runs that way on a chart); its table is the accessible equivalent.
    <svg className="growth-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} direction="ltr">
      <line x1={pad.left} y1={pad.top + innerH} x2={width - pad.right} y2={pad.top + innerH} className="axis" />
      <line x1={pad.left} y1={pad.top} x2={pad.left} y2={pad.top + innerH} className="axis" />
      <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" className="tick">
        {max}
      </text>
      <text x={pad.left - 6} y={y(0) + 4} textAnchor="end" className="tick">
        0
      </text>
      <polyline points={points} className="line" />
      {growth.map((g, i) => (
        <circle key={g.month} cx={x(i)} cy={y(g.total)} r={3.5} className="dot" />
      ))}
      {growth.map((g, i) =>
        i % step === 0 || i === growth.length - 1 ? (
          <text
            key={`l-${g.month}`}
            x={x(i)}
            y={height - 10}
            textAnchor={growth.length > 1 && i === 0 ? "start" : growth.length > 1 && i === growth.length - 1 ? "end" : "middle"}
            className="tick"
          >
            {monthLabel(g.month)}
          </text>
        ) : null,
      )}
    </svg>
  );
}
