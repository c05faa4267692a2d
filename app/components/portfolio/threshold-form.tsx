import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { STALLED_WEEKS_MAX, STALLED_WEEKS_MIN, type ThresholdReply } from "~/domain/portfolio";

/**
 * After how many weeks without a test cycle a prototype is flagged stalled: organisation
 * facilitators change it here (1 to 26 weeks); others read it. A refused value stays in the field
 * with the message beside it. Works without JavaScript.
 */
export function ThresholdForm({ weeks, mayConfigure, reply }: { weeks: number; mayConfigure: boolean; reply: ThresholdReply | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (!mayConfigure) return <p className="muted">{t("portfolio.threshold.readOnly", { count: weeks })}</p>;
  const error = reply && !reply.ok ? reply.error : null;
  return (
    <Form method="post" className="portfolio-threshold card" aria-labelledby="threshold-legend">
      <CsrfField />
      <input type="hidden" name="intent" value="threshold" />
      <h2 id="threshold-legend" className="threshold-title">
        {t("portfolio.threshold.title")}
      </h2>
      <div className="field">
        <label htmlFor="stalled-weeks">{t("portfolio.threshold.label")}</label>
        <p id="stalled-weeks-hint" className="muted">
          {t("portfolio.threshold.hint", { min: STALLED_WEEKS_MIN, max: STALLED_WEEKS_MAX })}
        </p>
        <div className="inline-form">
          <input
            id="stalled-weeks"
            name="stalledAfterWeeks"
            inputMode="numeric"
            autoComplete="off"
            className="threshold-input"
            defaultValue={error ? reply!.value : String(weeks)}
            key={error ? `e-${reply!.value}` : `w-${weeks}`}
            aria-describedby={error ? "stalled-weeks-hint stalled-weeks-error" : "stalled-weeks-hint"}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("portfolio.threshold.save")}
          </button>
        </div>
        {error ? (
          <p id="stalled-weeks-error" className="field-errors" role="alert">
            {t(error, { min: STALLED_WEEKS_MIN, max: STALLED_WEEKS_MAX })}
          </p>
        ) : null}
        {reply?.ok ? (
          <p className="muted" role="status">
            {t("portfolio.threshold.saved", { count: weeks })}
          </p>
        ) : null}
      </div>
    </Form>
  );
}
