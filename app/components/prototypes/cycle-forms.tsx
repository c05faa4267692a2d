import { getFormProps, getInputProps, getSelectProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { CheckboxGroup, FieldErrors, FormError, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import {
  amendInput,
  countInput,
  CYCLE_LIMITS,
  decisionInput,
  figureInput,
  noteInput,
  participantInput,
  photoInput,
  planInput,
  ratingInput,
  resultsInput,
} from "~/domain/cycles";
import { CONFIDENCE_MAX, CONFIDENCE_MIN, CYCLE_DECISIONS, CYCLE_METHODS, PARTICIPANT_ROLES } from "~/domain/prototypes";

type LastResult = SubmissionResult<string[]> | undefined;
type Meta = FieldMetadata<string | undefined>;

export type PlanShape = {
  believe: string;
  willResult: string;
  knowWhen: string;
  method: string;
  startsOn: string;
  endsOn: string;
  place: string;
  languages: string[];
  interpreting: string;
};
export type ResultShape = { learned: string; cost: string; reached: string };
export type AmendShape = PlanShape & ResultShape & { decisionReason: string; reason: string };

function Intent({ value }: { value: string }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={value} />
    </>
  );
}

function Submit({ label, kind = "primary" }: { label: string; kind?: "primary" | "danger" | "plain" }) {
  return (
    <div>
      <button type="submit" className={`button${kind === "plain" ? "" : ` ${kind}`}`}>
        {label}
      </button>
    </div>
  );
}

/** A labelled select with a first "choose" option, its errors beside it. */
function Choice({ meta, label, options, placeholder }: { meta: Meta; label: string; options: Array<{ value: string; label: string }>; placeholder?: string }) {
  const props = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A labelled <input type="date">, its hint and errors beside it. */
function DateField({ meta, label, hint }: { meta: Meta; label: string; hint?: string }) {
  const props = getInputProps(meta, { type: "date", ariaAttributes: true });
  const hintId = hint ? `${meta.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Radio buttons in a fieldset with its legend and errors (large targets, wrap on phones). */
function RadioGroup({
  meta,
  legend,
  options,
  hint,
  current,
}: {
  meta: Meta;
  legend: string;
  options: Array<{ value: string; label: string; description?: string }>;
  hint?: string;
  current?: string | null;
}) {
  const invalid = Boolean(meta.errors?.length);
  const chosen = typeof meta.initialValue === "string" ? meta.initialValue : (current ?? undefined);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  return (
    <fieldset
      className="field checkbox-group cycle-radios"
      aria-describedby={[invalid ? meta.errorId : undefined, hintId].filter(Boolean).join(" ") || undefined}
      aria-invalid={invalid || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={`${meta.key ?? ""}-${o.value}`} className="checkbox">
            <input type="radio" name={meta.name} value={o.value} defaultChecked={chosen === o.value} form={meta.formId} />
            <span>
              {o.label}
              {o.description ? <span className="hint"> {o.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** The plan's fields: the hypothesis in three parts, method, dates, place, languages, interpreting. */
function PlanFields({ fields, languageOptions }: { fields: { [K in keyof PlanShape]: FieldMetadata<PlanShape[K]> }; languageOptions: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="cycle-hypothesis stack">
        <legend>{t("cycles.fields.hypothesis")}</legend>
        <p className="hint">{t("cycles.fields.hypothesisHint")}</p>
        <TextAreaField
          meta={fields.believe}
          label={t("cycles.fields.believe")}
          hint={t("cycles.fields.believeHint")}
          maxLength={CYCLE_LIMITS.hypothesis}
          rows={2}
        />
        <TextAreaField
          meta={fields.willResult}
          label={t("cycles.fields.willResult")}
          hint={t("cycles.fields.willResultHint")}
          maxLength={CYCLE_LIMITS.hypothesis}
          rows={2}
        />
        <TextAreaField
          meta={fields.knowWhen}
          label={t("cycles.fields.knowWhen")}
          hint={t("cycles.fields.knowWhenHint")}
          maxLength={CYCLE_LIMITS.hypothesis}
          rows={2}
        />
      </fieldset>
      <Choice
        meta={fields.method}
        label={t("cycles.fields.method")}
        placeholder={t("cycles.fields.chooseMethod")}
        options={CYCLE_METHODS.map((m) => ({ value: m, label: t(`cycles.methods.${m}`) }))}
      />
      <div className="cycle-dates">
        <DateField meta={fields.startsOn} label={t("cycles.fields.startsOn")} hint={t("cycles.fields.startsOnHint")} />
        <DateField meta={fields.endsOn} label={t("cycles.fields.endsOn")} />
      </div>
      <TextField meta={fields.place} label={t("cycles.fields.place")} maxLength={CYCLE_LIMITS.place} dir="auto" />
      <CheckboxGroup
        meta={fields.languages}
        legend={t("cycles.fields.languages")}
        options={languageOptions.map((code) => ({ value: code, label: t(`languageNames.${code}`, { defaultValue: code }) }))}
      />
      <TextField
        meta={fields.interpreting}
        label={t("cycles.fields.interpreting")}
        hint={t("cycles.fields.interpretingHint")}
        maxLength={CYCLE_LIMITS.interpreting}
        dir="auto"
      />
    </>
  );
}

function ResultFields({ fields }: { fields: { [K in keyof ResultShape]: FieldMetadata<ResultShape[K]> } }) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField meta={fields.learned} label={t("cycles.fields.learned")} hint={t("cycles.fields.learnedHint")} maxLength={CYCLE_LIMITS.learned} rows={5} />
      <div className="cycle-dates">
        <TextField
          meta={fields.cost}
          label={t("cycles.fields.cost")}
          hint={t("cycles.fields.costHint")}
          inputMode="decimal"
          autoComplete="off"
          maxLength={40}
        />
        <TextField
          meta={fields.reached}
          label={t("cycles.fields.reached")}
          hint={t("cycles.fields.reachedHint")}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
        />
      </div>
    </>
  );
}

/** Plan a cycle (intent "create", on the list) or change an open cycle's plan (intent "plan"). */
export function PlanForm({
  id,
  intent,
  lastResult,
  defaults,
  languageOptions,
  submitLabel,
}: {
  id: string;
  intent: "create" | "plan";
  lastResult: LastResult;
  defaults: Partial<PlanShape>;
  languageOptions: readonly string[];
  submitLabel: string;
}) {
  const [form, fields] = useValidatedForm<PlanShape>({
    id,
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planInput }) as never,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value={intent} />
      <FormError errors={form.errors} />
      <PlanFields fields={fields} languageOptions={languageOptions} />
      <Submit label={submitLabel} />
    </Form>
  );
}

/** What was learned, what the cycle cost and how many people it reached. */
export function ResultsForm({ lastResult, defaults }: { lastResult: LastResult; defaults: Partial<ResultShape> }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<ResultShape>({
    id: "cycle-results",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resultsInput }) as never,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="results" />
      <FormError errors={form.errors} />
      <ResultFields fields={fields} />
      <Submit label={t("cycles.learning.save")} />
    </Form>
  );
}

/** Someone of this locality's core group who would use or deliver it. */
export function ParticipantForm({ lastResult, people }: { lastResult: LastResult; people: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<{ personId: string; role: string }>({
    id: "cycle-participant",
    lastResult,
    defaultValue: { role: "use" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: participantInput }) as never,
  });
  if (!people.length) return <p className="muted">{t("cycles.people.noPeople")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="participant" />
      <FormError errors={form.errors} />
      <Choice
        meta={fields.personId}
        label={t("cycles.people.person")}
        placeholder={t("cycles.people.choosePerson")}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
      />
      <RadioGroup meta={fields.role} legend={t("cycles.people.role")} options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`cycles.roles.${r}`) }))} />
      <Submit label={t("cycles.people.add")} />
    </Form>
  );
}

/** A count of others who took part ("12 parents"). */
export function CountForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<{ label: string; count: string }>({
    id: "cycle-count",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: countInput }) as never,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="count" />
      <FormError errors={form.errors} />
      <div className="cycle-dates">
        <TextField meta={fields.count} label={t("cycles.counts.count")} inputMode="numeric" autoComplete="off" maxLength={12} />
        <TextField meta={fields.label} label={t("cycles.counts.label")} hint={t("cycles.counts.labelHint")} maxLength={CYCLE_LIMITS.countLabel} dir="auto" />
      </div>
      <Submit label={t("cycles.counts.add")} />
    </Form>
  );
}

/** A note or a figure of the cycle's evidence. */
export function EvidenceTextForm({ kind, lastResult }: { kind: "note" | "figure"; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<{ text: string }>({
    id: `cycle-${kind}`,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: kind === "note" ? noteInput : figureInput }) as never,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value={kind} />
      <FormError errors={form.errors} />
      <TextAreaField
        meta={fields.text}
        label={t(`cycles.evidence.${kind}Label`)}
        hint={t(`cycles.evidence.${kind}Hint`)}
        maxLength={kind === "note" ? CYCLE_LIMITS.note : CYCLE_LIMITS.figure}
        rows={kind === "note" ? 3 : 2}
      />
      <Submit label={t(`cycles.evidence.${kind}Add`)} kind="plain" />
    </Form>
  );
}

/** A photo (re-encoded on the server, without its metadata) and what it shows. */
export function PhotoForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<{ alt: string; photo: string }>({
    id: "cycle-photo",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: photoInput }) as never,
  });
  const photoHint = `${fields.photo.id}-hint`;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
      <Intent value="photo" />
      <FormError errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.photo.id}>{t("cycles.evidence.photoLabel")}</label>
        <p id={photoHint} className="hint">
          {t("cycles.evidence.photoHint")}
        </p>
        <input
          id={fields.photo.id}
          name={fields.photo.name}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={fields.photo.errors?.length ? true : undefined}
          aria-describedby={[fields.photo.errors?.length ? fields.photo.errorId : undefined, photoHint].filter(Boolean).join(" ")}
        />
        <FieldErrors id={fields.photo.errorId} errors={fields.photo.errors} />
      </div>
      <TextField
        meta={fields.alt}
        label={t("cycles.evidence.photoAlt")}
        hint={t("cycles.evidence.photoAltHint")}
        maxLength={CYCLE_LIMITS.photoAlt}
        dir="auto"
      />
      <Submit label={t("cycles.evidence.photoAdd")} kind="plain" />
    </Form>
  );
}

/** This person's confidence in the hypothesis before and after the cycle (1–5 each; changeable until it closes). */
export function RatingForm({ lastResult, mine }: { lastResult: LastResult; mine: { before: number | null; after: number | null } }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<{ before: string; after: string }>({
    id: "cycle-rating",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ratingInput }) as never,
  });
  const options = Array.from({ length: CONFIDENCE_MAX - CONFIDENCE_MIN + 1 }, (_, i) => {
    const n = i + CONFIDENCE_MIN;
    return { value: String(n), label: t(`cycles.confidence.scale.${n}`) };
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="rate" />
      <FormError errors={form.errors} />
      <RadioGroup
        meta={fields.before}
        legend={t("cycles.confidence.beforeLegend")}
        options={options}
        current={mine.before === null ? null : String(mine.before)}
      />
      <RadioGroup meta={fields.after} legend={t("cycles.confidence.afterLegend")} options={options} current={mine.after === null ? null : String(mine.after)} />
      <Submit label={t("cycles.confidence.save")} />
    </Form>
  );
}

/** The decision that closes the cycle (facilitators): continue, adapt, stop or scale, with its reason. */
export function DecisionForm({ lastResult, learned }: { lastResult: LastResult; learned: boolean }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<{ decision: string; reason: string }>({
    id: "cycle-decision",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionInput }) as never,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="decide" />
      {learned ? null : <p className="card notice">{t("cycles.decision.learnFirst")}</p>}
      <FormError errors={form.errors} />
      <RadioGroup
        meta={fields.decision}
        legend={t("cycles.decision.legend")}
        options={CYCLE_DECISIONS.map((d) => ({ value: d, label: t(`cycles.decisions.${d}`), description: t(`cycles.decisionHints.${d}`) }))}
      />
      <TextAreaField
        meta={fields.reason}
        label={t("cycles.decision.reason")}
        hint={t("cycles.decision.reasonHint")}
        maxLength={CYCLE_LIMITS.decisionReason}
        rows={3}
      />
      <Submit label={t("cycles.decision.submit")} />
    </Form>
  );
}

/** Correct a closed cycle: every changed field becomes an amendment, shown beside the original. */
export function AmendForm({
  lastResult,
  defaults,
  languageOptions,
}: {
  lastResult: LastResult;
  defaults: Partial<AmendShape>;
  languageOptions: readonly string[];
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<AmendShape>({
    id: "cycle-amend",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: amendInput }) as never,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="amend" />
      <p className="hint">{t("cycles.amend.lead")}</p>
      <FormError errors={form.errors} />
      <TextAreaField meta={fields.reason} label={t("cycles.amend.reason")} hint={t("cycles.amend.reasonHint")} maxLength={CYCLE_LIMITS.amendReason} rows={2} />
      <PlanFields fields={fields} languageOptions={languageOptions} />
      <ResultFields fields={fields} />
      <TextAreaField meta={fields.decisionReason} label={t("cycles.fields.decisionReason")} maxLength={CYCLE_LIMITS.decisionReason} rows={3} />
      <Submit label={t("cycles.amend.submit")} />
    </Form>
  );
}

/** A small form with one button that removes a participant, a count or a piece of evidence. */
export function RemoveButton({ intent, id, label }: { intent: "remove-participant" | "remove-count" | "remove-evidence"; id: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form">
      <Intent value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button-link" aria-label={label}>
        {t("cycles.remove")}
      </button>
    </Form>
  );
}

/** Mark a planned cycle started (its start date becomes today; the prototype is then "testing"). */
export function StartForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const errors = lastResult?.error?.[""] ?? undefined;
  return (
    <Form method="post" className="stack" aria-describedby="cycle-start-hint">
      <Intent value="start" />
      <p id="cycle-start-hint" className="hint">
        {t("cycles.start.hint")}
      </p>
      <FormError errors={errors ?? undefined} />
      <Submit label={t("cycles.start.submit")} kind="plain" />
    </Form>
  );
}
