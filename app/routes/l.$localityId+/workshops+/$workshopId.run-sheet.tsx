import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { clockOffset, type Preparation } from "~/domain/session-plans";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { useRootData } from "~/root";
import { loadAgenda, requireWorkshopPlan } from "./session-plan.server";
import planStyles from "~/styles/session-plans.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: planStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? t("plans.runSheet.heading", { title: d.workshop.title }) : t("plans.runSheet.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  const workshop = await requireWorkshopPlan(access, params.workshopId);
  const agenda = await loadAgenda(access, workshop);
  return {
    locality: { id: access.locality.id },
    workshop: {
      id: workshop.id,
      title: workshop.title,
      startsAt: workshop.startsAt.toISOString(),
      place: workshop.place,
      durationMinutes: workshop.durationMinutes,
    },
    agenda,
  };
}

/** What to get ready for a step, in words. */
function prepareText(prepare: Preparation, t: (key: string, values?: Record<string, unknown>) => string): string {
  switch (prepare.kind) {
    case "board":
      if (prepare.sameBoard) return t("plans.runSheet.prepareSameBoard");
      return prepare.columns.length
        ? t("plans.runSheet.prepareBoard", { columns: prepare.columns.join(t("plans.runSheet.listSeparator")) })
        : t("plans.runSheet.prepareBoardPlain");
    case "purpose":
      return t("plans.runSheet.preparePurpose");
    case "challenge":
      return t("plans.runSheet.prepareChallenge");
    default:
      return t("plans.runSheet.prepareNone");
  }
}

/** One printable page for the facilitator: each step's time (clock and from the start), title, prompt and what to prepare. */
export default function RunSheet() {
  const { t } = useTranslation();
  const { locality, workshop, agenda } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "full", timeStyle: "short" });
  const clock = dateFormatter(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const startsAt = new Date(workshop.startsAt);
  const at = (minutes: number) => clock.format(new Date(startsAt.getTime() + minutes * 60_000));
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <section className="page run-sheet" aria-labelledby="run-sheet-title">
      <div className="run-sheet-screen">
        <p className="breadcrumb">
          <Link to={`/l/${locality.id}/workshops/${workshop.id}`}>{t("plans.runSheet.back")}</Link>
        </p>
        <p className="lead">{t("plans.runSheet.lead")}</p>
        {canPrint ? (
          <p>
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t("plans.runSheet.print")}
            </button>
          </p>
        ) : null}
      </div>
      <h1 id="run-sheet-title" dir="auto">
        {t("plans.runSheet.heading", { title: workshop.title })}
      </h1>
      <dl className="run-sheet-facts">
        <div>
          <dt>{t("plans.runSheet.starts")}</dt>
          <dd>
            <time dateTime={startsAt.toISOString()}>{day.format(startsAt)}</time>
          </dd>
        </div>
        {workshop.place ? (
          <div>
            <dt>{t("plans.runSheet.place")}</dt>
            <dd dir="auto">{workshop.place}</dd>
          </div>
        ) : null}
        {workshop.durationMinutes ? (
          <div>
            <dt>{t("plans.runSheet.length")}</dt>
            <dd>{t("plans.runSheet.lengthValue", { minutes: workshop.durationMinutes })}</dd>
          </div>
        ) : null}
      </dl>
      {agenda.overBy > 0 && agenda.durationMinutes ? (
        <p className="run-sheet-warning">{t("plans.agenda.overTime", { total: agenda.totalMinutes, over: agenda.overBy, duration: agenda.durationMinutes })}</p>
      ) : null}
      {agenda.steps.length ? (
        <table className="run-sheet-table">
          <thead>
            <tr>
              <th scope="col">{t("plans.runSheet.time")}</th>
              <th scope="col">{t("plans.runSheet.step")}</th>
              <th scope="col">{t("plans.runSheet.prompt")}</th>
              <th scope="col">{t("plans.runSheet.prepare")}</th>
            </tr>
          </thead>
          <tbody>
            {agenda.steps.map((step) => (
              <tr key={step.index}>
                <td className="run-sheet-time">
                  <span dir="ltr">
                    {at(step.from)}–{at(step.to)}
                  </span>
                  <br />
                  <span className="run-sheet-offset" dir="ltr">
                    {t("plans.agenda.times", { from: clockOffset(step.from), to: clockOffset(step.to) })}
                  </span>
                </td>
                <th scope="row" dir="auto">
                  {step.title}
                  <span className="run-sheet-minutes"> ({t("plans.agenda.minutes", { minutes: step.minutes })})</span>
                </th>
                <td dir="auto">{step.prompt}</td>
                <td dir="auto">{prepareText(step.prepare, t)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>{t("plans.runSheet.total", { minutes: agenda.totalMinutes })}</td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p>{t("plans.runSheet.none")}</p>
      )}
    </section>
  );
}
