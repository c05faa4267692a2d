// The public idea form: a plain multipart form that works without JavaScript. Every value typed
// comes back after a refused send; errors sit next to their field. /phone-offline.js (when it
// runs) adds the character counter and keeps a send made offline (see data-* attributes).
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { LIMITS } from "~/domain/limits";
import { HONEYPOT_FIELD, IDEA_LANGUAGES, type SubmissionError, type SubmissionField, type SubmissionValues } from "~/domain/idea-submission";

export type IdeaFormState = {
  values: SubmissionValues;
  errors: Partial<Record<SubmissionField, SubmissionError>>;
  submissionKey: string;
  stamp: string;
  /** Minutes to wait when the rate limit answered. */
  limitedMinutes: number | null;
  /** The form token was stale: nothing wrong with the idea, send it again. */
  sendAgain: boolean;
};

function errorText(t: (key: string, values?: Record<string, unknown>) => string, field: SubmissionField, error: SubmissionError): string[] {
  const max = field === "name" ? LIMITS.contributorName : field === "contact" ? LIMITS.contributorContact : LIMITS.ideaText;
  if (field === "language") return [t("phone.errors.language")];
  const main = t(`phone.errors.${error}`, { max });
  return field === "photo" ? [main, t("phone.errors.chooseAgain")] : [main];
}

/** A field's error, next to it (its id is what the field's aria-describedby names). */
function FieldError({ field, error }: { field: SubmissionField; error: SubmissionError | undefined }) {
  const { t } = useTranslation();
  return error ? (
    <p className="phone-error" id={`${field}-error`}>
      {errorText(t, field, error).join(" ")}
    </p>
  ) : null;
}

export function IdeaForm({ state, pageLanguage }: { state: IdeaFormState; pageLanguage: string }) {
  const { t } = useTranslation();
  const { values, errors } = state;
  const failed = Object.keys(errors).length > 0;
  const describe = (field: SubmissionField, hint?: string) => [hint, errors[field] ? `${field}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <form
      method="post"
      encType="multipart/form-data"
      className="phone-form"
      data-phone-form=""
      data-msg-saved={t("phone.offline.saved")}
      data-msg-saved-photo={t("phone.offline.savedPhoto")}
      data-msg-sending={t("phone.offline.sending")}
      data-msg-sent={t("phone.offline.sent")}
      data-msg-receipt={t("phone.offline.receipt")}
      data-msg-retry={t("phone.offline.retry")}
    >
      {failed || state.limitedMinutes !== null || state.sendAgain ? (
        <div className="phone-alert" role="alert">
          {state.limitedMinutes !== null ? (
            <>
              <h2>{t("phone.limited.title")}</h2>
              <p>{t("phone.limited.body", { count: state.limitedMinutes })}</p>
            </>
          ) : failed ? (
            <p>{t("phone.errors.summary")}</p>
          ) : null}
          <p>{t("phone.form.textKept")}</p>
        </div>
      ) : null}
      <div id="phone-status" className="phone-status" role="status" aria-live="polite" />
      <CsrfField />
      <input type="hidden" name="submissionKey" value={state.submissionKey} />
      <input type="hidden" name="stamp" value={state.stamp} />
      <div className="phone-field">
        <label htmlFor="idea-text">{t("phone.form.text")}</label>
        <p className="phone-hint" id="idea-text-hint">
          {t("phone.form.textHint", { max: LIMITS.ideaText })}
        </p>
        <textarea
          id="idea-text"
          name="text"
          rows={5}
          required
          maxLength={LIMITS.ideaText}
          defaultValue={values.text}
          dir="auto"
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={describe("text", "idea-text-hint idea-counter")}
        />
        <p
          className="phone-counter"
          id="idea-counter"
          hidden
          data-template={t("phone.form.counter", { n: "%n", max: LIMITS.ideaText })}
          data-max={LIMITS.ideaText}
        />
        <FieldError field="text" error={errors.text} />
      </div>
      <div className="phone-field">
        <label htmlFor="idea-language">{t("phone.form.language")}</label>
        <select id="idea-language" name="language" defaultValue={values.language || pageLanguage} aria-describedby={describe("language")}>
          {IDEA_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`languageNames.${code}`)}
            </option>
          ))}
        </select>
        <FieldError field="language" error={errors.language} />
      </div>
      <div className="phone-field">
        <label htmlFor="idea-photo">{t("phone.form.photo")}</label>
        <p className="phone-hint" id="idea-photo-hint">
          {t("phone.form.photoHint")}
        </p>
        <input
          id="idea-photo"
          name="photo"
          type="file"
          accept="image/*"
          aria-invalid={errors.photo ? true : undefined}
          aria-describedby={describe("photo", "idea-photo-hint")}
        />
        <FieldError field="photo" error={errors.photo} />
      </div>
      <fieldset className="phone-contact">
        <legend>{t("phone.form.contactLegend")}</legend>
        <p className="phone-hint" id="contact-note">
          {t("phone.form.contactNote")}
        </p>
        <div className="phone-field">
          <label htmlFor="idea-name">{t("phone.form.name")}</label>
          <input
            id="idea-name"
            name="name"
            type="text"
            maxLength={LIMITS.contributorName}
            autoComplete="name"
            defaultValue={values.name}
            dir="auto"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describe("name", "contact-note")}
          />
          <FieldError field="name" error={errors.name} />
        </div>
        <div className="phone-field">
          <label htmlFor="idea-contact">{t("phone.form.contact")}</label>
          <input
            id="idea-contact"
            name="contact"
            type="text"
            maxLength={LIMITS.contributorContact}
            autoComplete="off"
            defaultValue={values.contact}
            dir="auto"
            aria-invalid={errors.contact ? true : undefined}
            aria-describedby={describe("contact", "contact-note")}
          />
          <FieldError field="contact" error={errors.contact} />
        </div>
      </fieldset>
      <div className="phone-trap" aria-hidden="true">
        <label htmlFor="idea-website">{t("phone.form.trap")}</label>
        <input id="idea-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <button type="submit" className="phone-send">
        {t("phone.form.submit")}
      </button>
    </form>
  );
}
