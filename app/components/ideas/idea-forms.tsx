import { getFormProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CsrfField } from "~/components/ui/csrf-field";
import { CheckboxGroup, FieldErrors, FormError, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { commentInput, ideaDetailsInput, reportInput, statusInput, translationInput } from "~/domain/idea-records";
import { LIMITS } from "~/domain/limits";
import { useLanguageName } from "./idea-texts";

type LastResult = SubmissionResult<string[]> | undefined;

function Intent({ value }: { value: string }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={value} />
    </>
  );
}

/** Title, description, who would use it, who could deliver it, and the insights it answers. */
export function DetailsForm({
  lastResult,
  defaults,
  insights,
}: {
  lastResult: LastResult;
  defaults: { title: string; description: string; whoWouldUse: string; whoCouldDeliver: string; insights: string[] };
  insights: { id: string; statement: string }[];
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof ideaDetailsInput>>({
    id: "idea-details",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ideaDetailsInput }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="details" />
      <TextField meta={fields.title} label={t("ideas.details.title")} hint={t("ideas.details.titleHint")} maxLength={LIMITS.ideaTitle} dir="auto" />
      <TextAreaField meta={fields.description} label={t("ideas.details.description")} maxLength={LIMITS.ideaField} rows={4} />
      <TextAreaField meta={fields.whoWouldUse} label={t("ideas.details.whoWouldUse")} maxLength={LIMITS.ideaField} rows={2} />
      <TextAreaField meta={fields.whoCouldDeliver} label={t("ideas.details.whoCouldDeliver")} maxLength={LIMITS.ideaField} rows={2} />
      {insights.length ? (
        <CheckboxGroup meta={fields.insights} legend={t("ideas.details.insights")} options={insights.map((i) => ({ value: i.id, label: i.statement }))} />
      ) : (
        <p className="muted">{t("ideas.details.noInsights")}</p>
      )}
      <div>
        <button type="submit" className="button primary">
          {t("ideas.details.save")}
        </button>
      </div>
    </Form>
  );
}

/** A human translation into another language (replaces the one in that language, if any). */
export function TranslationForm({ lastResult, languages }: { lastResult: LastResult; languages: readonly string[] }) {
  const { t } = useTranslation();
  const name = useLanguageName();
  const [form, fields] = useValidatedForm<z.input<typeof translationInput>>({
    id: "idea-translation",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: translationInput }),
  });
  const select = getSelectProps(fields.language, { ariaAttributes: true });
  const text = getTextareaProps(fields.text, { ariaAttributes: true });
  return (
    <Form method="post" {...getFormProps(form)} className="stack" aria-describedby="translation-hint">
      <Intent value="translate" />
      <p id="translation-hint" className="hint">
        {t("ideas.translate.hint")}
      </p>
      <div className="field">
        <label htmlFor={fields.language.id}>{t("ideas.translate.language")}</label>
        <select {...select} key={select.key}>
          <option value="">—</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {name(code)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.language.errorId} errors={fields.language.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.text.id}>{t("ideas.translate.text")}</label>
        <textarea {...text} key={text.key} rows={4} maxLength={LIMITS.ideaText} dir="auto" />
        <FieldErrors id={fields.text.errorId} errors={fields.text.errors} />
      </div>
      <div>
        <button type="submit" className="button primary">
          {t("ideas.translate.save")}
        </button>
      </div>
    </Form>
  );
}

export function CommentForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof commentInput>>({
    id: "idea-comment",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentInput }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="comment" />
      <TextAreaField meta={fields.body} label={t("ideas.comments.label")} maxLength={LIMITS.ideaComment} rows={3} />
      <div>
        <button type="submit" className="button primary">
          {t("ideas.comments.add")}
        </button>
      </div>
    </Form>
  );
}

export function ReportForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof reportInput>>({
    id: "idea-report",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportInput }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack" aria-describedby="report-hint">
      <Intent value="report" />
      <p id="report-hint" className="hint">
        {t("ideas.report.hint")}
      </p>
      <FormError errors={form.errors} />
      <TextAreaField meta={fields.reason} label={t("ideas.report.reason")} maxLength={LIMITS.reportReason} rows={2} />
      <div>
        <button type="submit" className="button danger">
          {t("ideas.report.submit")}
        </button>
      </div>
    </Form>
  );
}

export function StatusForm({ lastResult, choices }: { lastResult: LastResult; choices: readonly string[] }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof statusInput>>({
    id: "idea-status",
    lastResult,
    defaultValue: { status: choices[0] },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusInput }),
  });
  const select = getSelectProps(fields.status, { ariaAttributes: true });
  if (!choices.length) return <p className="muted">{t("ideas.status.none")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Intent value="status" />
      <div className="field">
        <label htmlFor={fields.status.id}>{t("ideas.status.label")}</label>
        <select {...select} key={select.key}>
          {choices.map((s) => (
            <option key={s} value={s}>
              {t(`ideas.statuses.${s}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.status.errorId} errors={fields.status.errors} />
      </div>
      <div>
        <button type="submit" className="button primary">
          {t("ideas.status.save")}
        </button>
      </div>
    </Form>
  );
}

export function PromoteForm({ lastResult, allowed }: { lastResult: LastResult; allowed: boolean }) {
  const { t } = useTranslation();
  const errors = lastResult?.error?.[""] ?? undefined;
  return (
    <Form method="post" className="stack" aria-describedby="promote-hint">
      <Intent value="promote" />
      <p id="promote-hint" className="hint">
        {allowed ? t("ideas.promote.hint") : t("ideas.promote.onlyShortlisted")}
      </p>
      <FormError errors={errors ?? undefined} />
      <div>
        <button type="submit" className="button primary" disabled={!allowed}>
          {t("ideas.promote.submit")}
        </button>
      </div>
    </Form>
  );
}
