import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ChartCycle, ChartSummary } from "~/domain/measures";
import { MeasureChart } from "./measure-chart";
import type { MeasureFormat } from "./measure-format";
import { MeasureForm, ReadingForm, RemoveMeasureForm, RemoveReadingForm, type ReadingCycle } from "./measure-forms";

export type MeasureView = {
  id: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  betterWhen: "up" | "down";
  minValue: number | null;
  maxValue: number | null;
  readings: { id: string; value: number; takenOn: string; source: string; cycleId: string | null; cycleNumber: number | null }[];
  summary: ChartSummary;
};

/** Which form of this card a failed submission came back to, with its reply. */
export type CardReplies = {
  editMeasure?: SubmissionResult<string[]>;
  addReading?: SubmissionResult<string[]>;
  /** The reading whose edit form failed, and the reply. */
  editReading?: { readingId: string; reply: SubmissionResult<string[]> };
};

/**
 * One measure: its facts (unit, baseline, target, which way is better, the range, the latest
 * reading), its chart beside the table of its readings (the same figures, for screen readers and
 * anyone who prefers numbers), and for members and facilitators the forms to add a reading and
 * to edit or remove the measure or a reading.
 */
export function MeasureCard({
  measure: m,
  pagePath,
  cycles,
  chartCycles,
  today,
  format: f,
  rtl,
  mayEdit,
  editing,
  replies,
}: {
  measure: MeasureView;
  pagePath: string;
  cycles: readonly ReadingCycle[];
  chartCycles: readonly ChartCycle[];
  today: string;
  format: MeasureFormat;
  rtl: boolean;
  mayEdit: boolean;
  editing: { measure: boolean; readingId: string | null };
  replies: CardReplies;
}) {
  const { t } = useTranslation();
  const headingId = `measure-${m.id}-title`;
  const figure = (v: number | null) => (v === null ? <span className="muted">{t("measures.facts.notSet")}</span> : f.number(v));
  const range =
    m.minValue !== null && m.maxValue !== null
      ? t("measures.facts.between", { min: f.number(m.minValue), max: f.number(m.maxValue) })
      : m.minValue !== null
        ? t("measures.facts.atLeast", { min: f.number(m.minValue) })
        : m.maxValue !== null
          ? t("measures.facts.atMost", { max: f.number(m.maxValue) })
          : t("measures.facts.anyValue");
  const last = m.summary.last;
  const editingReading = editing.readingId ? m.readings.find((r) => r.id === editing.readingId) : undefined;
  const rule = { id: m.id, unit: m.unit, minValue: m.minValue, maxValue: m.maxValue };
  return (
    <article className="card measure-card" id={`measure-${m.id}`} aria-labelledby={headingId}>
      <h3 id={headingId} dir="auto">
        {m.name}
      </h3>
      <dl className="measure-facts" aria-label={t("measures.facts.label")}>
        <div>
          <dt>{t("measures.facts.unit")}</dt>
          <dd dir="auto">{m.unit}</dd>
        </div>
        <div>
          <dt>{t("measures.facts.baseline")}</dt>
          <dd>{figure(m.baseline)}</dd>
        </div>
        <div>
          <dt>{t("measures.facts.target")}</dt>
          <dd>{figure(m.target)}</dd>
        </div>
        <div>
          <dt>{t("measures.facts.better")}</dt>
          <dd>
            <span aria-hidden="true">{m.betterWhen === "down" ? "↓ " : "↑ "}</span>
            {t(`measures.better.${m.betterWhen}`)}
          </dd>
        </div>
        <div>
          <dt>{t("measures.facts.range")}</dt>
          <dd>{range}</dd>
        </div>
        {last ? (
          <div>
            <dt>{t("measures.facts.latest")}</dt>
            <dd>
              {t("measures.facts.latestOn", { value: f.quantity(last.value, m.unit), date: f.day(last.takenOn) })}
              {m.summary.improves !== null ? <> · {t(m.summary.improves ? "measures.facts.improves" : "measures.facts.worsens")}</> : null}
              {m.summary.reachedTarget !== null ? <> · {t(m.summary.reachedTarget ? "measures.facts.reached" : "measures.facts.notReached")}</> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {mayEdit && !editing.measure ? (
        <p>
          <Link to={`${pagePath}?measure=${m.id}#measure-${m.id}-edit`} className="edit-link">
            {t("measures.measureForm.edit")}
          </Link>
        </p>
      ) : null}
      {mayEdit && editing.measure ? (
        <section className="measure-edit" id={`measure-${m.id}-edit`} aria-labelledby={`measure-${m.id}-edit-title`}>
          <h4 id={`measure-${m.id}-edit-title`}>{t("measures.measureForm.editHeading")}</h4>
          <MeasureForm lastResult={replies.editMeasure} measureId={m.id} defaults={m} />
          <p>
            <Link to={`${pagePath}#measure-${m.id}`} className="edit-link">
              {t("measures.measureForm.cancel")}
            </Link>
          </p>
          <h4>{t("measures.measureForm.removeHeading")}</h4>
          <RemoveMeasureForm measureId={m.id} readings={m.readings.length} />
        </section>
      ) : null}

      {m.readings.length ? (
        <div className="measure-data">
          <MeasureChart id={`measure-${m.id}-chart`} measure={m} readings={m.readings} cycles={chartCycles} summary={m.summary} format={f} rtl={rtl} />
          <div className="table-scroll measure-table" role="region" aria-labelledby={`measure-${m.id}-caption`} tabIndex={0}>
            <table className="data-table">
              <caption id={`measure-${m.id}-caption`}>
                <span dir="auto">{t("measures.table.caption", { name: m.name })}</span>{" "}
                <span className="muted">({t("measures.table.captionDetail", { unit: m.unit })})</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("measures.table.date")}</th>
                  <th scope="col">{t("measures.table.value", { unit: m.unit })}</th>
                  <th scope="col">{t("measures.table.cycle")}</th>
                  <th scope="col">{t("measures.table.source")}</th>
                  {mayEdit ? <th scope="col">{t("measures.table.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {m.readings.map((r) => (
                  <tr key={r.id} id={`reading-${r.id}`}>
                    <th scope="row">
                      <time dateTime={r.takenOn}>{f.day(r.takenOn)}</time>
                    </th>
                    <td className="reading-value">{f.number(r.value)}</td>
                    <td>{r.cycleNumber !== null ? t("measures.costs.cycleName", { number: r.cycleNumber }) : t("measures.table.noCycle")}</td>
                    <td dir="auto">{r.source || t("measures.table.noSource")}</td>
                    {mayEdit ? (
                      <td>
                        <Link to={`${pagePath}?reading=${r.id}#reading-${r.id}-edit`} className="edit-link">
                          {t("measures.table.edit")}
                          <span className="visually-hidden"> {t("measures.table.editContext", { date: f.day(r.takenOn) })}</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <p className="muted">{t("measures.chart.none")}</p>
      )}

      {mayEdit && editingReading ? (
        <section className="reading-edit" id={`reading-${editingReading.id}-edit`} aria-labelledby={`reading-${editingReading.id}-edit-title`}>
          <h4 id={`reading-${editingReading.id}-edit-title`}>{t("measures.readingForm.editHeading", { date: f.day(editingReading.takenOn) })}</h4>
          <ReadingForm
            lastResult={replies.editReading?.readingId === editingReading.id ? replies.editReading.reply : undefined}
            measure={rule}
            readingId={editingReading.id}
            defaults={editingReading}
            cycles={cycles}
            today={today}
            format={f}
          />
          <p>
            <Link to={`${pagePath}#measure-${m.id}`} className="edit-link">
              {t("measures.readingForm.cancel")}
            </Link>
          </p>
          <RemoveReadingForm readingId={editingReading.id} />
        </section>
      ) : null}

      {mayEdit ? (
        <details className="reading-add" open={Boolean(replies.addReading) || undefined}>
          <summary>{t("measures.readingForm.addHeading")}</summary>
          <ReadingForm lastResult={replies.addReading} measure={rule} cycles={cycles} today={today} format={f} />
        </details>
      ) : null}
    </article>
  );
}
