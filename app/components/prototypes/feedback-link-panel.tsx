import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError } from "~/components/ui/field";
import type { FeedbackLinkState } from "~/domain/feedback";

/** Copies the link once JavaScript runs; without it the field can be selected and copied by hand. */
function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [enhanced, setEnhanced] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setEnhanced(true), []);
  if (!enhanced || typeof navigator === "undefined" || !navigator.clipboard) return null;
  return (
    <>
      <button
        type="button"
        className="button"
        aria-describedby="feedback-link-url"
        onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}
      >
        {t("feedback.link.copy")}
      </button>
      <span role="status" className="muted">
        {copied ? t("feedback.link.copied") : ""}
      </span>
    </>
  );
}

/**
 * The cycle's public link: its state, the address to share and the poster; for facilitators,
 * open it (the first time: a new code), close it, open it again, or replace it (after a warning
 * that printed posters stop working). After the cycle's decision it stays closed.
 */
export function FeedbackLinkPanel({
  state,
  url,
  manage,
  confirmRotate,
  selfPath,
  errors,
}: {
  state: FeedbackLinkState;
  url: string | null;
  manage: boolean;
  confirmRotate: boolean;
  selfPath: string;
  errors?: string[];
}) {
  const { t } = useTranslation();
  return (
    <section className="card feedback-link" aria-labelledby="feedback-link-title">
      <h2 id="feedback-link-title">{t("feedback.link.heading")}</h2>
      <p className="feedback-facts">
        <span className={`badge feedback-state state-${state}`}>{t(`feedback.link.states.${state}`)}</span>
        <span>{t(`feedback.link.explain.${state}`)}</span>
      </p>
      <FormError errors={errors} />
      {url ? (
        <div className="field">
          <label htmlFor="feedback-link-url">{t("feedback.link.label")}</label>
          <p id="feedback-link-hint" className="hint">
            {t("feedback.link.hint")}
          </p>
          <div className="copy-row">
            <input id="feedback-link-url" readOnly value={url} dir="ltr" className="copy-field" aria-describedby="feedback-link-hint" />
            <CopyButton text={url} />
          </div>
          <p>
            <Link to={`${selfPath}/poster`}>{t("feedback.link.poster")}</Link>
          </p>
        </div>
      ) : null}
      {manage && state !== "ended" ? (
        <div className="link-actions">
          <Form method="post" className="inline-form">
            <CsrfField />
            {state === "open" ? (
              <button type="submit" name="intent" value="close" className="button danger">
                {t("feedback.link.close")}
              </button>
            ) : (
              <button type="submit" name="intent" value="open" className="button primary">
                {t(state === "none" ? "feedback.link.open" : "feedback.link.reopen")}
              </button>
            )}
          </Form>
          {state !== "none" && !confirmRotate ? (
            <Link to={`${selfPath}?confirm=rotate#rotate`} className="button" preventScrollReset>
              {t("feedback.link.rotate")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {manage && confirmRotate && state !== "none" && state !== "ended" ? (
        <div id="rotate" className="card notice rotate-confirm" role="region" aria-labelledby="rotate-title">
          <h3 id="rotate-title">{t("feedback.link.rotateTitle")}</h3>
          <p>{t("feedback.link.rotateWarning")}</p>
          <Form method="post" action={selfPath} className="inline-form">
            <CsrfField />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" name="intent" value="rotate" className="button danger">
              {t("feedback.link.rotateConfirm")}
            </button>
            <Link to={selfPath} className="button">
              {t("feedback.link.rotateCancel")}
            </Link>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
