// The public feedback form (/f/<code>): a plain form that works without JavaScript. Faces and
// yes/no are radio buttons (native, large labels), a sentence is a text box. Every choice and
// every word typed comes back after a refused send; a message sits next to its question.
// /feedback-offline.js (when it runs) keeps a send made offline (see the data-* attributes).
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FACES, FEEDBACK_LIMITS, answerField, type AnswerError } from "~/domain/feedback";
import { HONEYPOT_FIELD } from "~/domain/idea-submission";

export type FeedbackQuestionView = { id: string; kind: string; prompt: string };

export type FeedbackFormState = {
  values: Record<string, string>;
  errors: Record<string, AnswerError>;
  /** Nothing was answered. */
  empty: boolean;
  submissionKey: string;
  /** Minutes to wait when the rate limit answered. */
  limitedMinutes: number | null;
  /** The form token was stale: nothing wrong with the answers, send them again. */
  sendAgain: boolean;
};

/** The mouth of each face, 1 (very unhappy) to 5 (very happy), drawn on the shared head. */
const MOUTHS = ["M12 29q8-9 16 0", "M13 28q7-4 14 0", "M13 27h14", "M13 25q7 4 14 0", "M12 24q8 9 16 0"];

function FaceIcon({ face }: { face: number }) {
  return (
    <svg viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <use href="#fb-head" />
      <path d={MOUTHS[face - 1]} />
    </svg>
  );
}

function QuestionError({ id, error }: { id: string; error: AnswerError | undefined }) {
  const { t } = useTranslation();
  return error ? (
    <p className="phone-error" id={`err-${id}`}>
      {t(`feedback.phone.errors.${error}`, { max: FEEDBACK_LIMITS.sentence })}
    </p>
  ) : null;
}

function Question({ q, n, value, error }: { q: FeedbackQuestionView; n: number; value: string; error: AnswerError | undefined }) {
  const { t } = useTranslation();
  const name = answerField(q.id);
  const describedBy = error ? `err-${q.id}` : undefined;
  if (q.kind === "sentence") {
    return (
      <div className="phone-field fb-q">
        <label htmlFor={`fb-${n}`} dir="auto">
          {q.prompt}
        </label>
        <p className="phone-hint" id={`fb-${n}-hint`}>
          {t("feedback.phone.sentenceHint", { max: FEEDBACK_LIMITS.sentence })}
        </p>
        <textarea
          id={`fb-${n}`}
          name={name}
          rows={4}
          maxLength={FEEDBACK_LIMITS.sentence}
          defaultValue={value}
          dir="auto"
          aria-invalid={error ? true : undefined}
          aria-describedby={[`fb-${n}-hint`, describedBy].filter(Boolean).join(" ")}
        />
        <QuestionError id={q.id} error={error} />
      </div>
    );
  }
  const choices =
    q.kind === "faces"
      ? FACES.map((f) => ({ value: String(f), label: t(`feedback.faces.${f}`), icon: <FaceIcon face={f} /> }))
      : [
          { value: "yes", label: t("feedback.yes"), icon: null },
          { value: "no", label: t("feedback.no"), icon: null },
        ];
  return (
    <fieldset className="fb-q" aria-describedby={describedBy}>
      <legend dir="auto">{q.prompt}</legend>
      <div className={q.kind === "faces" ? "fb-faces" : "fb-yesno"}>
        {choices.map((c) => (
          <label key={c.value} className="fb-choice">
            <input type="radio" name={name} value={c.value} defaultChecked={value === c.value} />
            {c.icon}
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <QuestionError id={q.id} error={error} />
    </fieldset>
  );
}

export function FeedbackForm({ questions, state }: { questions: FeedbackQuestionView[]; state: FeedbackFormState }) {
  const { t } = useTranslation();
  const failed = Object.keys(state.errors).length > 0 || state.empty;
  return (
    <form
      method="post"
      className="phone-form"
      data-feedback-form=""
      data-msg-saved={t("feedback.phone.offline.saved")}
      data-msg-sending={t("feedback.phone.offline.sending")}
      data-msg-sent={t("feedback.phone.offline.sent")}
      data-msg-retry={t("feedback.phone.offline.retry")}
    >
      {failed || state.limitedMinutes !== null || state.sendAgain ? (
        <div className="phone-alert" role="alert">
          {state.limitedMinutes !== null ? (
            <>
              <h2>{t("feedback.phone.limited.title")}</h2>
              <p>{t("feedback.phone.limited.body", { count: state.limitedMinutes })}</p>
            </>
          ) : state.sendAgain ? (
            <p>{t("feedback.phone.sendAgain")}</p>
          ) : (
            <p>{t(state.empty ? "feedback.phone.errors.empty" : "feedback.phone.errors.summary")}</p>
          )}
          {state.empty ? null : <p>{t("feedback.phone.kept")}</p>}
        </div>
      ) : null}
      <div id="phone-status" className="phone-status" role="status" aria-live="polite" />
      <CsrfField />
      <input type="hidden" name="submissionKey" value={state.submissionKey} />
      <svg className="fb-defs" aria-hidden="true" focusable="false">
        <symbol id="fb-head" viewBox="0 0 40 40">
          <circle cx="20" cy="20" r="17" />
          <circle cx="14" cy="16" r="2" className="fb-eye" />
          <circle cx="26" cy="16" r="2" className="fb-eye" />
        </symbol>
      </svg>
      {questions.map((q, i) => (
        <Question key={q.id} q={q} n={i + 1} value={state.values[q.id] ?? ""} error={state.errors[q.id]} />
      ))}
      <div className="phone-trap" aria-hidden="true">
        <label htmlFor="fb-website">{t("feedback.phone.trap")}</label>
        <input id="fb-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <button type="submit" className="phone-send">
        {t("feedback.phone.send")}
      </button>
    </form>
  );
}
