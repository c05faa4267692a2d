import { getFormProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { CONFIDENCES, insightInput } from "~/domain/insights";
import { LIMITS } from "~/domain/limits";
import { ExcerptChecklist } from "./excerpt-checklist";
import type { ExcerptViewData } from "./excerpt-view";

/** The form's fields as typed (the schema's output: blank questions are undefined). */
export type InsightFormValues = z.output<typeof insightInput>;

type Slot = { key: number; id: string; text: string };

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : "")) : typeof v === "string" ? [v] : []);

/**
 * The "How might we…?" questions. Without JavaScript: five inputs, the first required. With it:
 * as many as are filled (at least one), "Add another question" up to five, and "Remove".
 * Each input carries the id of the question it edits, so edits keep question ids.
 */
function QuestionFields({
  formId,
  initial,
  initialIds,
  errorsFor,
}: {
  formId: string;
  initial: string[];
  initialIds: string[];
  errorsFor: (i: number) => string[] | undefined;
}) {
  const { t } = useTranslation();
  const max = LIMITS.insightQuestions;
  const next = useRef(max);
  const [slots, setSlots] = useState<Slot[]>(() => Array.from({ length: max }, (_, i) => ({ key: i, id: initialIds[i] ?? "", text: initial[i] ?? "" })));
  const [enhanced, setEnhanced] = useState(false);
  const focusKey = useRef<number | null>(null);
  const inputs = useRef(new Map<number, HTMLInputElement>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: only once, on hydration
  useEffect(() => {
    setEnhanced(true);
    setSlots((all) => {
      const lastFilled = all.reduce((last, s, i) => (s.text || s.id || errorsFor(i)?.length ? i : last), -1);
      return all.slice(0, Math.max(1, lastFilled + 1));
    });
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focuses the new slot after the slots change
  useEffect(() => {
    if (focusKey.current !== null) inputs.current.get(focusKey.current)?.focus();
    focusKey.current = null;
  }, [slots]);

  const update = (key: number, text: string) => setSlots((all) => all.map((s) => (s.key === key ? { ...s, text } : s)));
  const remove = (index: number) =>
    setSlots((all) => {
      const rest = all.filter((_, i) => i !== index);
      focusKey.current = rest[Math.min(index, rest.length - 1)]?.key ?? null;
      return rest;
    });
  const add = () =>
    setSlots((all) => {
      const key = next.current++;
      focusKey.current = key;
      return [...all, { key, id: "", text: "" }];
    });

  return (
    <fieldset className="field insight-questions" aria-describedby={`${formId}-questions-hint`}>
      <legend>{t("insights.form.questions")}</legend>
      <p id={`${formId}-questions-hint`} className="hint">
        {t("insights.form.questionsHint")}
      </p>
      <ol className="question-list">
        {slots.map((slot, i) => {
          const id = `${formId}-question-${i}`;
          const errors = errorsFor(i);
          const errorId = `${id}-error`;
          return (
            <li key={slot.key} className="question-slot">
              <label htmlFor={id}>{t("insights.form.question", { n: i + 1 })}</label>
              <div className="question-row">
                <input
                  ref={(el) => {
                    if (el) inputs.current.set(slot.key, el);
                    else inputs.current.delete(slot.key);
                  }}
                  id={id}
                  name={`questions[${i}]`}
                  value={slot.text}
                  onChange={(e) => update(slot.key, e.target.value)}
                  placeholder={t("insights.form.questionPlaceholder")}
                  maxLength={LIMITS.insightQuestion}
                  required={i === 0}
                  aria-invalid={errors?.length ? true : undefined}
                  aria-describedby={errors?.length ? errorId : undefined}
                  dir="auto"
                />
                {enhanced && slots.length > 1 ? (
                  <button type="button" className="button" onClick={() => remove(i)}>
                    {t("insights.form.removeQuestion", { n: i + 1 })}
                  </button>
                ) : null}
              </div>
              <input type="hidden" name={`questionIds[${i}]`} value={slot.id} />
              <FieldErrors id={errorId} errors={errors} />
            </li>
          );
        })}
      </ol>
      {enhanced && slots.length < max ? (
        <p>
          <button type="button" className="button" onClick={add}>
            {t("insights.form.addQuestion")}
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}

/** Write or change an insight: statement, questions, confidence, evidence. Same validation as the server. */
export function InsightForm({
  id,
  lastResult,
  defaultValue,
  excerpts,
  submitLabel,
  children,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Partial<InsightFormValues>;
  excerpts: readonly ExcerptViewData[];
  submitLabel: string;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<InsightFormValues>({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: insightInput }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const statement = getTextareaProps(fields.statement, { ariaAttributes: true });
  const initialQuestions = asList(fields.questions.initialValue);
  const initialIds = asList(fields.questionIds.initialValue);
  const chosen = new Set(asList(fields.evidence.initialValue));
  const confidence = typeof fields.confidence.initialValue === "string" ? fields.confidence.initialValue : "";
  const errorsFor = (i: number) => form.allErrors[`questions[${i}]`] ?? (i === 0 ? form.allErrors.questions : undefined);
  return (
    <Form method="post" {...getFormProps(form)} className="stack insight-form">
      <CsrfField />
      {defaultValue.boardId ? <input type="hidden" name="boardId" value={defaultValue.boardId} /> : null}
      {defaultValue.clusterId ? <input type="hidden" name="clusterId" value={defaultValue.clusterId} /> : null}
      <div className="field">
        <label htmlFor={fields.statement.id}>{t("insights.form.statement")}</label>
        <p id={`${fields.statement.id}-hint`} className="hint">
          {t("insights.form.statementHint")}
        </p>
        <textarea
          {...statement}
          key={statement.key}
          rows={3}
          maxLength={LIMITS.insightStatement}
          placeholder={t("insights.form.statementPlaceholder")}
          aria-describedby={[statement["aria-describedby"], `${fields.statement.id}-hint`].filter(Boolean).join(" ")}
          dir="auto"
        />
        <FieldErrors id={fields.statement.errorId} errors={fields.statement.errors} />
      </div>
      <QuestionFields key={`${form.key ?? ""}`} formId={id} initial={initialQuestions} initialIds={initialIds} errorsFor={errorsFor} />
      <fieldset className="field confidence-choice" aria-describedby={fields.confidence.errors?.length ? fields.confidence.errorId : undefined}>
        <legend>{t("insights.form.confidence")}</legend>
        {CONFIDENCES.map((level) => (
          <label key={level} className="radio-choice">
            <input type="radio" name={fields.confidence.name} value={level} defaultChecked={confidence === level} required />
            <span>{t(`insights.confidenceHelp.${level}`)}</span>
          </label>
        ))}
        <FieldErrors id={fields.confidence.errorId} errors={fields.confidence.errors} />
      </fieldset>
      {children}
      {excerpts.length ? (
        <ExcerptChecklist
          id={`${id}-evidence`}
          name={fields.evidence.name}
          legend={t("insights.form.evidence")}
          hint={t("insights.form.evidenceHint")}
          excerpts={excerpts}
          chosen={chosen}
          errors={fields.evidence.errors}
          errorId={fields.evidence.errorId}
        />
      ) : (
        <div className="field">
          <p className="card notice">{t("insights.form.noExcerpts")}</p>
          <FieldErrors id={fields.evidence.errorId} errors={fields.evidence.errors} />
        </div>
      )}
      <div>
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
