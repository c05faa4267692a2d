import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CsrfField } from "~/components/ui/csrf-field";
import { CheckboxGroup, FieldErrors, FormError, TextAreaField } from "~/components/ui/field";
import { LANGUAGE_OPTIONS } from "~/components/ui/language-options";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { CHALLENGE_LANGUAGES, challengeSettingsInput, openChallengeInput } from "~/domain/challenges";
import { LIMITS } from "~/domain/limits";

type OpenValues = z.input<ReturnType<typeof openChallengeInput>>;
type SettingsValues = z.input<ReturnType<typeof challengeSettingsInput>>;
type Values = { question?: string; closesOn?: string; languages?: string[] };

/** The languages a challenge can offer, each named in its own language. */
const LANGUAGE_CHOICES = LANGUAGE_OPTIONS.filter((o) => (CHALLENGE_LANGUAGES as readonly string[]).includes(o.value));

/** The closing date (optional, a date ahead) and the languages to offer (at least one). */
function SettingsFields({ closesOn, languages }: { closesOn: FieldMetadata<string | undefined>; languages: FieldMetadata<string[] | undefined> }) {
  const { t } = useTranslation();
  const date = getInputProps(closesOn, { type: "date", ariaAttributes: true });
  return (
    <>
      <div className="field">
        <label htmlFor={closesOn.id}>{t("challenges.form.closesOn")}</label>
        <p id={`${closesOn.id}-hint`} className="hint">
          {t("challenges.form.closesOnHint")}
        </p>
        <input {...date} key={date.key} aria-describedby={[date["aria-describedby"], `${closesOn.id}-hint`].filter(Boolean).join(" ")} />
        <FieldErrors id={closesOn.errorId} errors={closesOn.errors} />
      </div>
      <CheckboxGroup meta={languages} legend={t("challenges.form.languages")} options={LANGUAGE_CHOICES} />
      <p className="hint">{t("challenges.form.languagesHint")}</p>
    </>
  );
}

/** Opening a challenge: the question (prefilled from the insight's; editable), closing date, languages. */
export function OpenChallengeForm({
  lastResult,
  defaultValue,
  questionId,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Values;
  questionId: string | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<OpenValues>({
    id: "open-challenge",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openChallengeInput() }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack challenge-form">
      <CsrfField />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      <FormError errors={form.errors} />
      <TextAreaField
        meta={fields.question}
        label={t("challenges.form.question")}
        hint={t("challenges.form.questionHint")}
        maxLength={LIMITS.challengeQuestion}
        rows={3}
      />
      <SettingsFields closesOn={fields.closesOn} languages={fields.languages} />
      <div>
        <button type="submit" className="button primary">
          {t("challenges.form.open")}
        </button>
      </div>
    </Form>
  );
}

/** A challenge's closing date and languages, on its page (facilitators). */
export function ChallengeSettingsForm({ lastResult, defaultValue }: { lastResult?: SubmissionResult<string[]> | null; defaultValue: Values }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<SettingsValues>({
    id: "challenge-settings",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: challengeSettingsInput() }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack challenge-form">
      <CsrfField />
      <input type="hidden" name="intent" value="settings" />
      <FormError errors={form.errors} />
      <SettingsFields closesOn={fields.closesOn} languages={fields.languages} />
      <div>
        <button type="submit" className="button primary">
          {t("challenges.form.save")}
        </button>
      </div>
    </Form>
  );
}
