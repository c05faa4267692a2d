import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCycleDay } from "./cycle-facts";

export type CycleCardData = {
  id: string;
  number: number;
  believe: string;
  willResult: string;
  method: string;
  startsOn: string | null;
  endsOn: string | null;
  place: string;
  state: "planned" | "running" | "closed";
  decision: string | null;
  participants: number;
  others: number;
  evidence: number;
  answers: number;
};

/** The dates of a cycle in words: "3 Mar 2026 – 10 Mar 2026", "from 3 Mar 2026", or "dates not set". */
export function useCycleDates() {
  const { t } = useTranslation();
  const day = useCycleDay();
  return (startsOn: string | null, endsOn: string | null) => {
    if (startsOn && endsOn) return t("cycles.dates.range", { from: day(startsOn), to: day(endsOn) });
    if (startsOn) return t("cycles.dates.from", { from: day(startsOn) });
    if (endsOn) return t("cycles.dates.until", { to: day(endsOn) });
    return t("cycles.dates.none");
  };
}

/** A cycle in the list: its number and method, state or decision, dates, hypothesis and what it holds. */
export function CycleCard({ cycle, href }: { cycle: CycleCardData; href: string }) {
  const { t } = useTranslation();
  const dates = useCycleDates();
  const titleId = `cycle-${cycle.id}-title`;
  return (
    <article className="card cycle-card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <Link to={href}>{t("cycles.cycleTitle", { number: cycle.number, method: t(`cycles.methods.${cycle.method}`, { defaultValue: cycle.method }) })}</Link>
      </h3>
      <p>
        <span className="visually-hidden">{t("cycles.stateLabel")}: </span>
        <span className={`badge cycle-state state-${cycle.state}`}>
          {cycle.decision ? t("cycles.decidedBadge", { decision: t(`cycles.decisions.${cycle.decision}`) }) : t(`cycles.states.${cycle.state}`)}
        </span>
      </p>
      <p className="muted">
        {dates(cycle.startsOn, cycle.endsOn)}
        {cycle.place ? (
          <>
            {" · "}
            <span dir="auto">{cycle.place}</span>
          </>
        ) : null}
      </p>
      <p className="cycle-card-hypothesis">
        <span className="muted">{t("cycles.fields.believe")} </span>
        <span dir="auto">{cycle.believe}</span>
        <br />
        <span className="muted">{t("cycles.fields.willResult")} </span>
        <span dir="auto">{cycle.willResult}</span>
      </p>
      <p className="muted">
        {[
          t("cycles.card.people", { count: cycle.participants }),
          t("cycles.card.others", { count: cycle.others }),
          t("cycles.card.evidence", { count: cycle.evidence }),
          t("cycles.card.answers", { count: cycle.answers }),
        ].join(t("cycles.listSeparator"))}
      </p>
    </article>
  );
}
