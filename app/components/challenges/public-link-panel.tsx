import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import type { LinkState } from "~/domain/challenges";
import { LinkStateBadge } from "./challenge-card";

/** Copies the link (only once JavaScript runs; without it the field can be selected and copied by hand). */
function CopyButton({ text, labelledBy }: { text: string; labelledBy: string }) {
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
        aria-describedby={labelledBy}
        onClick={() => {
          void navigator.clipboard.writeText(text).then(() => setCopied(true));
        }}
      >
        {t("challenges.link.copy")}
      </button>
      <span role="status" className="muted">
        {copied ? t("challenges.link.copied") : ""}
      </span>
    </>
  );
}

/**
 * The public link: the address to share (copy-friendly), whether it takes ideas now, and for
 * facilitators: close it now or reopen it, and replace it with a new one (after a warning that
 * printed posters stop working).
 */
export function PublicLinkPanel({
  link,
  state,
  manage,
  confirmRotate,
  selfPath,
}: {
  link: string;
  state: LinkState;
  manage: boolean;
  confirmRotate: boolean;
  selfPath: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card public-link" aria-labelledby="public-link-title">
      <h2 id="public-link-title">{t("challenges.link.heading")}</h2>
      <p className="challenge-facts">
        <LinkStateBadge state={state} />
        <span>{t(`challenges.link.explain.${state}`)}</span>
      </p>
      <div className="field">
        <label htmlFor="public-link-url">{t("challenges.link.label")}</label>
        <p id="public-link-hint" className="hint">
          {t("challenges.link.hint")}
        </p>
        <div className="copy-row">
          <input id="public-link-url" readOnly value={link} dir="ltr" className="copy-field" aria-describedby="public-link-hint" />
          <CopyButton text={link} labelledBy="public-link-url" />
        </div>
      </div>
      {manage ? (
        <div className="link-actions">
          <Form method="post" className="inline-form">
            <CsrfField />
            {state === "closed" ? (
              <button type="submit" name="intent" value="reopen" className="button">
                {t("challenges.link.reopen")}
              </button>
            ) : (
              <button type="submit" name="intent" value="close" className="button danger">
                {t("challenges.link.close")}
              </button>
            )}
          </Form>
          {confirmRotate ? null : (
            <Link to={`${selfPath}?confirm=rotate#rotate`} className="button" preventScrollReset>
              {t("challenges.link.rotate")}
            </Link>
          )}
        </div>
      ) : null}
      {manage && confirmRotate ? (
        <div id="rotate" className="card notice rotate-confirm" role="region" aria-labelledby="rotate-title">
          <h3 id="rotate-title">{t("challenges.link.rotateTitle")}</h3>
          <p>{t("challenges.link.rotateWarning")}</p>
          <Form method="post" action={selfPath} className="inline-form">
            <CsrfField />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" name="intent" value="rotate" className="button danger">
              {t("challenges.link.rotateConfirm")}
            </button>
            <Link to={selfPath} className="button">
              {t("challenges.link.rotateCancel")}
            </Link>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
