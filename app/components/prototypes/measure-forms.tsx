import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, TextField } from "~/components/ui/field";
import { MEASURE_LIMITS, measureInput, readingInput, type MeasureRule } from "~/domain/measures";
import type { MeasureFormat } from "./measure-format";

type LastResult = SubmissionResult<string[]> | undefined;

/**
 * conform's useForm for a schema whose output differs from its input (figures typed as text come
 * out as numbers), subscribed to every field's errors (see ~/components/ui/use-validated-form).
 */
function useTypedForm<Input extends Record<string, unknown>, Output>(options: Parameters<typeof useForm<Input, Output>>[0]) {
  const result = useForm<Input, Output>(options);
  void result[0].allErrors;
  return result;
}

function Hidden({ intent, fields = {} }: { intent: string; fields?: Record<string, string> }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A field's errors (translation keys), with the values their messages name (the unit, the range, today). */
function Errors({ id, errors, values }: { id: string; errors?: string[]; values?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{t(e, values)}</li>
      ))}
    </ul>
  );
}

/** A text input for a figure ("12", "4.5", "45%"): a decimal keyboard on phones, errors and hint tied to it. */
function FigureField({
  meta,
  label,
  hint,
  values,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  values?: Record<string, string>;
}) {
  const props = getInputProps(meta, { type: "text", ariaAttributes: true });
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const describedBy = [props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} inputMode="decimal" autoComplete="off" maxLength={60} aria-describedby={describedBy} dir="auto" />
      <Errors id={meta.errorId} errors={meta.errors} values={values} />
    </div>
  );
}

export type MeasureDefaults = {
  name: string;
  unit: string;
  betterWhen: "up" | "down";
  minValue: number | null;
  maxValue: number | null;
  baseline: number | null;
  target: number | null;
};

/** Add a measure, or edit one (`measureId`): name, unit, which way is better, the allowed range, baseline and target. */
export function MeasureForm({ lastResult, measureId, defaults }: { lastResult: LastResult; measureId?: string; defaults?: MeasureDefaults }) {
  const { t } = useTranslation();
  const figure = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const [form, fields] = useTypedForm<z.input<typeof measureInput>, z.output<typeof measureInput>>({
    id: measureId ? `measure-edit-${measureId}` : "measure-add",
    lastResult,
    defaultValue: {
      name: defaults?.name ?? "",
      unit: defaults?.unit ?? "",
      betterWhen: defaults?.betterWhen ?? "up",
      minValue: figure(defaults?.minValue),
      maxValue: figure(defaults?.maxValue),
      baseline: figure(defaults?.baseline),
      target: figure(defaults?.target),
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: measureInput }),
  });
  const better = fields.betterWhen;
  const betterInvalid = Boolean(better.errors?.length);
  const rangeHintId = `${form.id}-range-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="stack measure-form">
      <Hidden intent={measureId ? "edit-measure" : "add-measure"} fields={measureId ? { measureId } : {}} />
      <FormError errors={form.errors} />
      <TextField
        meta={fields.name}
        label={t("measures.measureForm.name")}
        hint={t("measures.measureForm.nameHint")}
        maxLength={MEASURE_LIMITS.name}
        dir="auto"
      />
      <TextField
        meta={fields.unit}
        label={t("measures.measureForm.unit")}
        hint={t("measures.measureForm.unitHint")}
        maxLength={MEASURE_LIMITS.unit}
        dir="auto"
      />
      <fieldset className="field choice-row" aria-describedby={betterInvalid ? better.errorId : undefined} aria-invalid={betterInvalid || undefined}>
        <legend>{t("measures.measureForm.better")}</legend>
        {(["up", "down"] as const).map((d) => (
          <label key={`${better.key ?? ""}-${d}`} className="checkbox">
            <input type="radio" name={better.name} value={d} form={form.id} defaultChecked={better.initialValue === d} />
            <span>
              <span aria-hidden="true">{d === "up" ? "↑ " : "↓ "}</span>
              {t(`measures.better.${d}`)}
            </span>
          </label>
        ))}
        <Errors id={better.errorId} errors={better.errors} />
      </fieldset>
      <fieldset className="field measure-range" aria-describedby={rangeHintId}>
        <legend>{t("measures.measureForm.rangeLegend")}</legend>
        <p id={rangeHintId} className="hint">
          {t("measures.measureForm.rangeHint")}
        </p>
        <div className="measure-figures">
          <FigureField meta={fields.minValue} label={t("measures.measureForm.min")} />
          <FigureField meta={fields.maxValue} label={t("measures.measureForm.max")} />
        </div>
      </fieldset>
      <div className="measure-figures">
        <FigureField meta={fields.baseline} label={t("measures.measureForm.baseline")} hint={t("measures.measureForm.baselineHint")} />
        <FigureField meta={fields.target} label={t("measures.measureForm.target")} hint={t("measures.measureForm.targetHint")} />
      </div>
      <div>
        <button type="submit" className="button primary">
          {measureId ? t("measures.measureForm.save") : t("measures.measureForm.add")}
        </button>
      </div>
    </Form>
  );
}

/** Removes a measure with its readings (a plain button: the page says how many go with it). */
export function RemoveMeasureForm({ measureId, readings }: { measureId: string; readings: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack" aria-describedby={`remove-${measureId}-hint`}>
      <Hidden intent="remove-measure" fields={{ measureId }} />
      <p id={`remove-${measureId}-hint`} className="hint">
        {t("measures.measureForm.removeHint", { count: readings })}
      </p>
      <div>
        <button type="submit" className="button danger">
          {t("measures.measureForm.remove")}
        </button>
      </div>
    </Form>
  );
}

export type ReadingCycle = { id: string; number: number; startsOn: string | null; endsOn: string | null };

/** Add a reading to a measure, or edit one (`readingId`): value in the measure's unit and range, date, test cycle, source. */
export function ReadingForm({
  lastResult,
  measure,
  readingId,
  defaults,
  cycles,
  today,
  format: f,
}: {
  lastResult: LastResult;
  measure: MeasureRule & { id: string };
  readingId?: string;
  defaults?: { value: number; takenOn: string; source: string; cycleId: string | null };
  cycles: readonly ReadingCycle[];
  today: string;
  format: MeasureFormat;
}) {
  const { t } = useTranslation();
  const schema = readingInput(measure, today);
  const [form, fields] = useTypedForm<z.input<typeof schema>, z.output<typeof schema>>({
    id: readingId ? `reading-edit-${readingId}` : `reading-add-${measure.id}`,
    lastResult,
    defaultValue: defaults
      ? { value: String(defaults.value), takenOn: defaults.takenOn, source: defaults.source, cycleId: defaults.cycleId ?? "" }
      : { value: "", takenOn: today, source: "", cycleId: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const values = {
    unit: measure.unit,
    min: measure.minValue !== null ? f.number(measure.minValue) : "",
    max: measure.maxValue !== null ? f.number(measure.maxValue) : "",
    today: f.day(today),
  };
  const valueHint =
    measure.minValue !== null && measure.maxValue !== null
      ? t("measures.readingForm.valueHintRange", values)
      : measure.minValue !== null
        ? t("measures.readingForm.valueHintMin", values)
        : measure.maxValue !== null
          ? t("measures.readingForm.valueHintMax", values)
          : t("measures.readingForm.valueHint", values);
  const date = getInputProps(fields.takenOn, { type: "date", ariaAttributes: true });
  const dateHintId = `${fields.takenOn.id}-hint`;
  const cycle = getSelectProps(fields.cycleId, { ariaAttributes: true });
  const cycleLabel = (c: ReadingCycle) =>
    c.startsOn && c.endsOn
      ? t("measures.readingForm.cycleOptionDates", { number: c.number, start: f.day(c.startsOn), end: f.day(c.endsOn) })
      : c.startsOn
        ? t("measures.readingForm.cycleOptionStart", { number: c.number, start: f.day(c.startsOn) })
        : t("measures.readingForm.cycleOption", { number: c.number });
  return (
    <Form method="post" {...getFormProps(form)} className="stack reading-form">
      <Hidden intent={readingId ? "edit-reading" : "add-reading"} fields={readingId ? { readingId } : { measureId: measure.id }} />
      <FormError errors={form.errors} />
      <FigureField meta={fields.value} label={t("measures.readingForm.value", { unit: measure.unit })} hint={valueHint} values={values} />
      <div className="field">
        <label htmlFor={fields.takenOn.id}>{t("measures.readingForm.date")}</label>
        <p id={dateHintId} className="hint">
          {t("measures.readingForm.dateHint")}
        </p>
        <input
          {...date}
          key={date.key}
          max={today}
          aria-describedby={[date["aria-describedby"], dateHintId].filter(Boolean).join(" ")}
          className="measure-date"
        />
        <Errors id={fields.takenOn.errorId} errors={fields.takenOn.errors} values={values} />
      </div>
      {cycles.length ? (
        <div className="field">
          <label htmlFor={fields.cycleId.id}>{t("measures.readingForm.cycle")}</label>
          <select {...cycle} key={cycle.key}>
            <option value="">{t("measures.readingForm.noCycle")}</option>
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {cycleLabel(c)}
              </option>
            ))}
          </select>
          <Errors id={fields.cycleId.errorId} errors={fields.cycleId.errors} />
        </div>
      ) : null}
      <TextField
        meta={fields.source}
        label={t("measures.readingForm.source")}
        hint={t("measures.readingForm.sourceHint")}
        maxLength={MEASURE_LIMITS.source}
        dir="auto"
      />
      <div>
        <button type="submit" className="button primary">
          {readingId ? t("measures.readingForm.save") : t("measures.readingForm.add")}
        </button>
      </div>
    </Form>
  );
}

/** Removes one reading. */
export function RemoveReadingForm({ readingId }: { readingId: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <Hidden intent="remove-reading" fields={{ readingId }} />
      <button type="submit" className="button danger">
        {t("measures.readingForm.remove")}
      </button>
    </Form>
  );
}
