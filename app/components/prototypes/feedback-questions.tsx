import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FEEDBACK_LIMITS, QUESTION_SLOTS, type QuestionSlotValues } from "~/domain/feedback";
import { FEEDBACK_KINDS } from "~/domain/prototypes";
import { directionOf } from "~/i18n/config";

export type QuestionView = { id: string; position: number; kind: string; prompts: Record<string, string>; answers: number };

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <ul id={id} className="field-errors">
      <li>{t(error, { max: FEEDBACK_LIMITS.prompt })}</li>
    </ul>
  );
}

/**
 * The facilitator's questions: three slots (a kind, and the question in each of the cycle's
 * languages); a slot left blank is no question. A question that has answers keeps its kind.
 * After a refused save, everything typed comes back with each message next to its field.
 */
export function FeedbackQuestionsForm({
  questions,
  languages,
  slots,
  errors,
}: {
  questions: QuestionView[];
  languages: readonly string[];
  /** The slots as typed, after a refused save (else the stored questions). */
  slots: QuestionSlotValues[] | null;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const values: QuestionSlotValues[] =
    slots ??
    QUESTION_SLOTS.map((n) => {
      const q = questions[n - 1];
      return { id: q?.id ?? "", kind: q?.kind ?? "faces", prompts: Object.fromEntries(languages.map((l) => [l, q?.prompts[l] ?? ""])) };
    });
  const failed = Object.keys(errors).length > 0;
  return (
    <Form method="post" className="stack feedback-questions-form" aria-describedby="questions-hint">
      <CsrfField />
      <input type="hidden" name="intent" value="questions" />
      {failed ? (
        <div role="alert" className="form-error">
          <p>{t("feedback.errors.summary")}</p>
          {errors.form ? <p>{t(errors.form)}</p> : null}
        </div>
      ) : null}
      {values.map((slot, index) => {
        const n = index + 1;
        const stored = questions.find((q) => q.id === slot.id);
        const answered = stored ? stored.answers : 0;
        const kindError = errors[`q${n}-kind`];
        return (
          <fieldset key={n} className="feedback-slot">
            <legend>{t("feedback.questions.slot", { n })}</legend>
            <input type="hidden" name={`q${n}-id`} value={slot.id} />
            <div className="field">
              <label htmlFor={`q${n}-kind`}>{t("feedback.questions.kind")}</label>
              {answered > 0 ? (
                <>
                  <input type="hidden" name={`q${n}-kind`} value={stored!.kind} />
                  <select id={`q${n}-kind`} defaultValue={stored!.kind} disabled aria-describedby={`q${n}-kind-hint`}>
                    {FEEDBACK_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`feedback.questions.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                  <p id={`q${n}-kind-hint`} className="hint">
                    {t("feedback.questions.answered", { count: answered })}
                  </p>
                </>
              ) : (
                <select
                  id={`q${n}-kind`}
                  name={`q${n}-kind`}
                  defaultValue={slot.kind || "faces"}
                  aria-invalid={kindError ? true : undefined}
                  aria-describedby={kindError ? `q${n}-kind-error` : undefined}
                >
                  {FEEDBACK_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`feedback.questions.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              )}
              <ErrorText id={`q${n}-kind-error`} error={kindError} />
            </div>
            {languages.map((l) => {
              const name = `q${n}-${l}`;
              const error = errors[name];
              return (
                <div key={l} className="field">
                  <label htmlFor={name}>{t("feedback.questions.prompt", { language: t(`languageNames.${l}`) })}</label>
                  <input
                    id={name}
                    name={name}
                    type="text"
                    lang={l}
                    dir={directionOf(l)}
                    defaultValue={slot.prompts[l] ?? ""}
                    maxLength={FEEDBACK_LIMITS.prompt * 2}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${name}-error` : undefined}
                  />
                  <ErrorText id={`${name}-error`} error={error} />
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <div>
        <button type="submit" className="button primary">
          {t("feedback.questions.save")}
        </button>
      </div>
    </Form>
  );
}

/** The questions as a reader sees them (members, viewers, and everyone once the cycle is closed). */
export function FeedbackQuestionsList({ questions, languages }: { questions: QuestionView[]; languages: readonly string[] }) {
  const { t } = useTranslation();
  if (questions.length === 0) return <p className="muted">{t("feedback.questions.none")}</p>;
  return (
    <ol className="feedback-question-list">
      {questions.map((q) => (
        <li key={q.id}>
          <p className="muted">{t(`feedback.questions.kinds.${q.kind}`, { defaultValue: q.kind })}</p>
          <ul>
            {languages.map((l) => (
              <li key={l}>
                <span className="visually-hidden">{t(`languageNames.${l}`)}: </span>
                <span lang={l} dir={directionOf(l)}>
                  {q.prompts[l] ?? ""}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
