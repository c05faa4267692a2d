import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { clockOffset } from "~/domain/session-plans";

/** A step of the agenda as the session's page shows it (from app/routes/l.$localityId+/workshops+/session-plan.server.ts loadAgenda). */
export type AgendaStepView = {
  index: number;
  title: string;
  minutes: number;
  prompt: string;
  tool: "none" | "board" | "purpose" | "challenge";
  from: number;
  to: number;
  board: { id: string; title: string } | null;
  document: { id: string; title: string } | null;
  challenge: { id: string; question: string; boardId: string } | null;
};

export type AgendaView = {
  planRef: string | null;
  durationMinutes: number | null;
  totalMinutes: number;
  overBy: number;
  current: number | null;
  steps: AgendaStepView[];
};

/** "The steps take 75 min: 15 min more than the session's 60 min", or their total. */
export function AgendaTime({ agenda }: { agenda: Pick<AgendaView, "totalMinutes" | "overBy" | "durationMinutes"> }) {
  const { t } = useTranslation();
  if (agenda.overBy > 0 && agenda.durationMinutes)
    return (
      <p className="card notice plan-overtime" role="status">
        {t("plans.agenda.overTime", { total: agenda.totalMinutes, over: agenda.overBy, duration: agenda.durationMinutes })}
      </p>
    );
  return <p className="muted">{t("plans.agenda.total", { minutes: agenda.totalMinutes })}</p>;
}

/** The item a step works on, as a link (or why it has none). */
function StepItem({ step, localityId }: { step: AgendaStepView; localityId: string }) {
  const { t } = useTranslation();
  const base = `/l/${localityId}`;
  if (step.tool === "board") {
    return step.board ? (
      <Link to={`${base}/boards/${step.board.id}`}>{t("plans.agenda.openBoard", { title: step.board.title })}</Link>
    ) : (
      <span className="muted">{t("plans.agenda.itemGone")}</span>
    );
  }
  if (step.tool === "purpose") {
    return step.document ? <Link to={`${base}/purpose`}>{t("plans.agenda.openDocument")}</Link> : <span className="muted">{t("plans.agenda.itemGone")}</span>;
  }
  if (step.tool === "challenge") {
    return step.challenge ? (
      <>
        <Link to={`${base}/challenges/${step.challenge.id}`}>{t("plans.agenda.openChallenge", { question: step.challenge.question })}</Link>
        {" · "}
        <Link to={`${base}/boards/${step.challenge.boardId}`}>{t("plans.tools.board")}</Link>
      </>
    ) : (
      <span className="muted">{t("plans.agenda.noQuestion")}</span>
    );
  }
  return null;
}

/** The session's agenda: each step's times from the start, title, prompt and the item it works on; the current step marked. */
export function AgendaList({ agenda, localityId }: { agenda: AgendaView; localityId: string }) {
  const { t } = useTranslation();
  return (
    <ol className="plan-agenda" aria-labelledby="section-plan">
      {agenda.steps.map((step) => {
        const current = agenda.current === step.index;
        return (
          <li key={step.index} className={current ? "plan-step card is-current" : "plan-step card"} aria-current={current ? "step" : undefined}>
            <p className="plan-step-head">
              <span className="plan-step-time" dir="ltr">
                {t("plans.agenda.times", { from: clockOffset(step.from), to: clockOffset(step.to) })}
              </span>{" "}
              <strong dir="auto">{step.title}</strong> <span className="muted">({t("plans.agenda.minutes", { minutes: step.minutes })})</span>
              {current ? <span className="plan-now"> {t("plans.agenda.now")}</span> : null}
            </p>
            {step.prompt ? (
              <p className="plan-step-prompt" dir="auto">
                {step.prompt}
              </p>
            ) : null}
            {step.tool !== "none" ? (
              <p className="plan-step-item">
                <StepItem step={step} localityId={localityId} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Start / Previous / Next / End (facilitators): plain forms, so they work without JavaScript too. */
export function RunControls({ agenda, message }: { agenda: AgendaView; message: string | null }) {
  const { t } = useTranslation();
  const count = agenda.steps.length;
  const current = agenda.current;
  const step = current === null ? null : agenda.steps[current];
  return (
    <div className="card plan-run">
      <h3 id="plan-run-title">{t("plans.run.title")}</h3>
      <p className="hint">{t("plans.run.hint")}</p>
      <p role="status" className="plan-run-state">
        {step ? t("plans.run.at", { number: step.index + 1, count, title: step.title }) : t("plans.run.notRunning")}
      </p>
      {message ? (
        <p className="card notice" role="alert">
          {message}
        </p>
      ) : null}
      <Form method="post" className="plan-run-buttons" aria-labelledby="plan-run-title">
        <CsrfField />
        <input type="hidden" name="intent" value="run" />
        {current === null ? (
          <button type="submit" name="move" value="start" className="button primary" disabled={count === 0}>
            {t("plans.run.start")}
          </button>
        ) : (
          <>
            <button type="submit" name="move" value="previous" className="button" disabled={current === 0}>
              {t("plans.run.previous")}
            </button>
            <button type="submit" name="move" value="next" className="button primary" disabled={current >= count - 1}>
              {t("plans.run.next")}
            </button>
            <button type="submit" name="move" value="end" className="button">
              {t("plans.run.end")}
            </button>
          </>
        )}
      </Form>
    </div>
  );
}
