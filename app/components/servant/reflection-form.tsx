import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, SelectField, TextAreaField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { cardKeys, PUBLIC_SERVANT_DECK } from "~/domain/public-servant-deck";
import { REFLECTION_LIMITS, reflectionInput } from "~/domain/reflections";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";

type Values = { body: string; workshopId: string; theme: string; intent: string };

/**
 * Write or edit a reflection: the text, and optionally the session and the theme card it is
 * about. Works without JavaScript; a refused submission comes back with the text kept.
 */
export function ReflectionForm({
  id,
  title,
  lastResult,
  defaults,
  workshops,
  intent,
  submitLabel,
  cancelTo,
}: {
  id: string;
  title: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaults: { body?: string; workshopId?: string; theme?: string };
  workshops: ReadonlyArray<{ id: string; title: string; startsAt: string }>;
  intent?: string;
  submitLabel: string;
  cancelTo?: string;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const date = dateFormatter(locale, { dateStyle: "medium" });
  const [form, fields] = useValidatedForm<Values>({
    id,
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reflectionInput }) as never,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card stack reflection-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <CsrfField />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError errors={form.errors} />
      <TextAreaField
        meta={fields.body}
        label={t("servant.reflections.fields.body")}
        hint={t("servant.reflections.fields.bodyHint")}
        maxLength={REFLECTION_LIMITS.body}
        rows={6}
      />
      <SelectField
        meta={fields.workshopId}
        label={t("servant.reflections.fields.workshop")}
        options={[
          { value: "", label: t("servant.reflections.fields.noWorkshop") },
          ...workshops.map((w) => ({ value: w.id, label: `${w.title} (${date.format(new Date(w.startsAt))})` })),
        ]}
      />
      <SelectField
        meta={fields.theme}
        label={t("servant.reflections.fields.theme")}
        options={[
          { value: "", label: t("servant.reflections.fields.noTheme") },
          ...PUBLIC_SERVANT_DECK.map((c) => ({
            value: String(c.number),
            label: t("servant.deck.noteTitle", { number: c.number, title: t(cardKeys(c.number).title) }),
          })),
        ]}
      />
      <div className="button-row">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} className="button">
            {t("servant.reflections.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
