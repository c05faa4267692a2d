import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError } from "~/components/ui/field";
import { FEEDBACK_LIMITS, promptIn } from "~/domain/feedback";
import { dateFormatter } from "~/i18n/dates";
import type { QuestionView } from "./feedback-questions";
import type { SentenceView } from "./feedback-results";

/** What the last refused decision said, if it was about this sentence. */
export type SentenceRefusal = { answerId: string | null; errors: Record<string, string>; text: string | null } | null;

/**
 * Sentences waiting for review (facilitators), oldest first: each with its question, language
 * and when it came; approve it (its text editable, to take out a name) or reject it.
 */
export function FeedbackModeration({
  pending,
  questions,
  languages,
  refusal,
}: {
  pending: SentenceView[];
  questions: QuestionView[];
  languages: readonly string[];
  refusal: SentenceRefusal;
}) {
  const { t, i18n } = useTranslation();
  const when = dateFormatter(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  if (pending.length === 0) return <p className="card empty">{t("feedback.moderation.none")}</p>;
  return (
    <ol className="feedback-review-list">
      {pending.map((s) => {
        const question = questions.find((q) => q.id === s.questionId);
        const mine = refusal?.answerId === s.id ? refusal : null;
        const textError = mine?.errors.text;
        const fieldId = `sentence-${s.id}`;
        return (
          <li key={s.id} className="card feedback-review">
            <p className="muted" dir="auto">
              {t("feedback.moderation.question", { prompt: question ? promptIn(question.prompts, i18n.language, languages) : "" })}
            </p>
            <blockquote lang={s.language} dir="auto">
              {s.text}
            </blockquote>
            <p className="muted">
              {t("feedback.moderation.received", {
                when: when.format(new Date(s.receivedAt)),
                language: t(`languageNames.${s.language}`, { defaultValue: s.language }),
              })}
            </p>
            <FormError errors={mine?.errors.form ? [mine.errors.form] : undefined} />
            <Form method="post" className="stack">
              <CsrfField />
              <input type="hidden" name="answerId" value={s.id} />
              <div className="field">
                <label htmlFor={fieldId}>{t("feedback.moderation.text")}</label>
                <textarea
                  id={fieldId}
                  name="text"
                  rows={3}
                  lang={s.language}
                  dir="auto"
                  defaultValue={mine?.text ?? s.text}
                  maxLength={FEEDBACK_LIMITS.sentence * 2}
                  aria-invalid={textError ? true : undefined}
                  aria-describedby={textError ? `${fieldId}-error` : undefined}
                />
                {textError ? (
                  <ul id={`${fieldId}-error`} className="field-errors">
                    <li>{t(textError, { max: FEEDBACK_LIMITS.sentence })}</li>
                  </ul>
                ) : null}
              </div>
              <div className="feedback-review-actions">
                <button type="submit" name="intent" value="approve" className="button primary">
                  {t("feedback.moderation.approve")}
                </button>
                <button type="submit" name="intent" value="reject" className="button danger">
                  {t("feedback.moderation.reject")}
                </button>
              </div>
            </Form>
          </li>
        );
      })}
    </ol>
  );
}
