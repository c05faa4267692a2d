// The blank card's phone form (/card/<code>): one text box, a plain form that works without
// JavaScript. What was typed comes back after a refused send, with the reason next to the box.
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { CONTENT_LIMITS } from "~/collab/limits";
import { HONEYPOT_FIELD } from "~/domain/idea-submission";
import type { CardTextError } from "~/domain/paper-cards";

export type CardFormState = {
  text: string;
  error: CardTextError | "unreachable" | null;
  submissionKey: string;
  /** Minutes to wait when the rate limit answered. */
  limitedMinutes: number | null;
  /** The form token was stale: nothing wrong with the card, send it again. */
  sendAgain: boolean;
  /** The board holds as many notes as it may. */
  full: boolean;
  /** A signed-in member's name: their card goes straight onto the board as theirs. */
  writer: string | null;
};

export function CardForm({ state }: { state: CardFormState }) {
  const { t } = useTranslation();
  const textError = state.error && state.error !== "unreachable" ? state.error : null;
  const alert =
    state.limitedMinutes !== null
      ? t("paper.phone.limited", { count: state.limitedMinutes })
      : state.full
        ? t("paper.phone.full")
        : state.error === "unreachable"
          ? t("paper.phone.unreachable")
          : textError
            ? t("paper.phone.errors.summary")
            : state.sendAgain
              ? t("paper.phone.sendAgain")
              : null;
  return (
    <form method="post" className="phone-form">
      {alert ? (
        <div className="phone-alert" role="alert">
          <p>{alert}</p>
          <p>{t("paper.phone.textKept")}</p>
        </div>
      ) : null}
      <CsrfField />
      <input type="hidden" name="submissionKey" value={state.submissionKey} />
      {state.writer ? (
        <p className="phone-hint">{t("paper.phone.asMember", { name: state.writer })}</p>
      ) : (
        <p className="phone-hint">{t("paper.phone.moderated")}</p>
      )}
      <div className="phone-field">
        <label htmlFor="card-text">{t("paper.phone.text")}</label>
        <p className="phone-hint" id="card-text-hint">
          {t("paper.phone.textHint", { max: CONTENT_LIMITS.noteText })}
        </p>
        <textarea
          id="card-text"
          name="text"
          rows={5}
          required
          maxLength={CONTENT_LIMITS.noteText}
          defaultValue={state.text}
          dir="auto"
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? "card-text-hint card-text-error" : "card-text-hint"}
        />
        {textError ? (
          <p className="phone-error" id="card-text-error">
            {t(`paper.phone.errors.${textError}`, { max: CONTENT_LIMITS.noteText })}
          </p>
        ) : null}
      </div>
      <div className="phone-trap" aria-hidden="true">
        <label htmlFor="card-website">{t("phone.form.trap")}</label>
        <input id="card-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <button type="submit" className="phone-send">
        {state.writer ? t("paper.phone.submitMember") : t("paper.phone.submit")}
      </button>
    </form>
  );
}
