import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { CheckboxGroup, FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { WORKSHOP_LIMITS, workshopInput } from "~/domain/workshops";

type Meta = FieldMetadata<string | string[] | undefined>;

/** The language checkboxes: the locality's common languages, plus any the session already had. */
function LanguageChoices({ meta, options }: { meta: Meta; options: string[] }) {
  const { t } = useTranslation();
  const initial = meta.initialValue;
  const chosen = Array.isArray(initial) ? initial : initial ? [initial] : [];
  const all = [...options, ...chosen.filter((c): c is string => typeof c === "string" && !options.includes(c))];
  return (
    <CheckboxGroup
      meta={meta as FieldMetadata<string[] | undefined>}
      legend={t("workshops.fields.languages")}
      options={all.map((code) => ({ value: code, label: t(`languageNames.${code}`, { defaultValue: code }) }))}
    />
  );
}

/** The form's fields as typed (languages: the ticked codes). */
export type WorkshopFormValues = {
  title: string;
  startsAt: string;
  place: string;
  agenda: string;
  languages: string[];
  interpreting: string;
  durationMinutes?: number;
};

/** Plan a session, or change one's details: the same fields and the same validation as the server. */
export function WorkshopForm({
  id,
  intent,
  lastResult,
  defaultValue,
  languageOptions,
  submitLabel,
}: {
  id: string;
  intent?: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<WorkshopFormValues>;
  languageOptions: string[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<WorkshopFormValues>({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: workshopInput }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const startsProps = getInputProps(fields.startsAt, { type: "datetime-local", ariaAttributes: true });
  const startsHint = `${fields.startsAt.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="stack workshop-form">
      <CsrfField />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <TextField meta={fields.title} label={t("workshops.fields.title")} hint={t("workshops.fields.titleHint")} maxLength={WORKSHOP_LIMITS.title} dir="auto" />
      <div className="field">
        <label htmlFor={fields.startsAt.id}>{t("workshops.fields.startsAt")}</label>
        <p id={startsHint} className="hint">
          {t("workshops.fields.startsAtHint")}
        </p>
        <input
          {...startsProps}
          key={startsProps.key}
          min="2000-01-01T00:00"
          max="2100-12-31T23:59"
          aria-describedby={[startsProps["aria-describedby"], startsHint].filter(Boolean).join(" ")}
        />
        <FieldErrors id={fields.startsAt.errorId} errors={fields.startsAt.errors} />
      </div>
      <TextField
        meta={fields.durationMinutes}
        type="number"
        label={t("plans.duration.label")}
        hint={t("plans.duration.hint")}
        min={5}
        max={WORKSHOP_LIMITS.duration}
        inputMode="numeric"
      />
      <TextField meta={fields.place} label={t("workshops.fields.place")} hint={t("workshops.fields.placeHint")} maxLength={WORKSHOP_LIMITS.place} dir="auto" />
      <TextAreaField
        meta={fields.agenda}
        label={t("workshops.fields.agenda")}
        hint={t("workshops.fields.agendaHint")}
        rows={5}
        maxLength={WORKSHOP_LIMITS.agenda}
      />
      <LanguageChoices meta={fields.languages as Meta} options={languageOptions} />
      <TextField
        meta={fields.interpreting}
        label={t("workshops.fields.interpreting")}
        hint={t("workshops.fields.interpretingHint")}
        maxLength={WORKSHOP_LIMITS.interpreting}
        dir="auto"
      />
      <div>
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
