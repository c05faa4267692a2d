// What a receipt says about an idea: its steps (received → on the board → voted on → being tried
// out → tested → adopted, adapted, scaled or stopped) or what else happened to it. Server-rendered
// only (the receipt page is not hydrated).
import { useTranslation } from "react-i18next";
import { stepStates, type ReceiptView } from "~/domain/idea-receipt";

function Progress({ view }: { view: Extract<ReceiptView, { kind: "progress" }> }) {
  const { t } = useTranslation();
  const details: string[] = [];
  if (view.reached === "received") details.push(t("phone.receipt.receivedDetail"));
  else details.push(t("phone.receipt.onBoardDetail"));
  if (view.dots !== null) details.push(t("phone.receipt.dots", { count: view.dots }));
  if (view.shortlisted) details.push(t("phone.receipt.shortlisted"));
  if (view.parked) details.push(t("phone.receipt.parked"));
  if (view.reached === "prototyping") details.push(t("phone.receipt.prototypingDetail"));
  const prototype = view.prototype;
  const outcome = prototype?.outcome ?? null;
  return (
    <>
      <ol className="receipt-steps">
        {stepStates(view.reached).map(({ step, state }) => (
          <li key={step} className={`receipt-step is-${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="receipt-mark" aria-hidden="true" />
            <span className="receipt-step-name">
              {step === "decided" && outcome ? t(`phone.receipt.outcomes.${outcome}`) : t(`phone.receipt.steps.${step}`)}
            </span>
            <span className="receipt-step-state">{t(`phone.receipt.state.${state}`)}</span>
          </li>
        ))}
      </ol>
      {details.map((d) => (
        <p key={d} className="receipt-detail">
          {d}
        </p>
      ))}
      {prototype ? <PrototypeDetails prototype={prototype} /> : null}
    </>
  );
}

/** What was learned (the public summary a facilitator wrote), and what was decided and why. */
function PrototypeDetails({ prototype }: { prototype: NonNullable<Extract<ReceiptView, { kind: "progress" }>["prototype"]> }) {
  const { t } = useTranslation();
  return (
    <>
      {prototype.summary ? (
        <div className="receipt-outcome">
          <p className="receipt-outcome-title">{t("phone.receipt.learned")}</p>
          <p className="receipt-summary" dir="auto">
            {prototype.summary}
          </p>
        </div>
      ) : null}
      {prototype.again ? <p className="receipt-detail">{t("phone.receipt.againDetail")}</p> : null}
      {prototype.outcome ? (
        <div className="receipt-outcome">
          <p className="receipt-outcome-title">{t(`phone.receipt.outcomes.${prototype.outcome}`)}</p>
          <p>{t(`phone.receipt.outcomeDetails.${prototype.outcome}`)}</p>
          {prototype.reason ? <p dir="auto">{t("phone.receipt.because", { reason: prototype.reason })}</p> : null}
        </div>
      ) : null}
    </>
  );
}

function Outcome({ view }: { view: Exclude<ReceiptView, { kind: "merged" }> }) {
  const { t } = useTranslation();
  switch (view.kind) {
    case "progress":
      return <Progress view={view} />;
    case "notTakenForward":
      return (
        <div className="receipt-outcome">
          <p className="receipt-outcome-title">{t("phone.receipt.notTakenForward")}</p>
          <p dir="auto">{view.reason ? t("phone.receipt.reason", { reason: view.reason }) : t("phone.receipt.noReason")}</p>
        </div>
      );
    case "underReview":
      return (
        <div className="receipt-outcome">
          <p className="receipt-outcome-title">{t("phone.receipt.underReview")}</p>
          <p>{t("phone.receipt.underReviewDetail")}</p>
        </div>
      );
  }
}

export function ReceiptStatus({ view }: { view: ReceiptView }) {
  const { t } = useTranslation();
  if (view.kind !== "merged") return <Outcome view={view} />;
  return (
    <>
      <div className="receipt-outcome">
        <p className="receipt-outcome-title">{t("phone.receipt.merged")}</p>
        <p>{view.into ? t("phone.receipt.mergedDetail") : t("phone.receipt.mergedGone")}</p>
      </div>
      {view.into ? <Outcome view={view.into} /> : null}
    </>
  );
}
