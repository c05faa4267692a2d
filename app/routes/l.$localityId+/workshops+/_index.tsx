import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import { createWorkshop, listWorkshops, peopleLanguages, type WorkshopSummary } from "~/data/workshops.server";
import { can } from "~/domain/access/policy";
import { commonLanguages, workshopInput } from "~/domain/workshops";
import { parseLanguages } from "~/domain/person-fields";
import { pageTitle } from "~/components/ui/page-title";
import { WorkshopForm } from "~/components/workshops/workshop-form";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import workshopStyles from "~/styles/workshops.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: workshopStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workshops.title");
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role } = await requireLocalityAccess(request, params.localityId, "workshops.view");
  const db = await getDb();
  const [{ upcoming, past }, languages] = await Promise.all([listWorkshops(db, locality.id), peopleLanguages(db, locality.id)]);
  const mayManage = can(role, "workshops.manage");
  return { locality, upcoming, past, mayManage, mayConfirmTies: can(role, "ties.record"), languageOptions: mayManage ? commonLanguages(languages) : [] };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: workshopInput });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const db = await getDb();
  const workshopId = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () =>
    kept((await createWorkshop(db, { localityId: locality.id, actorId: user.id, values: submission.value })).id),
  );
  return redirect(`/l/${locality.id}/workshops/${workshopId}`, { status: 303 });
}

function SessionList({
  sessions,
  localityId,
  labelledBy,
}: {
  sessions: Array<Omit<WorkshopSummary, "startsAt"> & { startsAt: string | Date }>;
  localityId: string;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const when = dateFormatter(useRootData()?.locale ?? "en", { dateStyle: "full", timeStyle: "short" });
  return (
    <ul className="record-list workshop-list" aria-labelledby={labelledBy}>
      {sessions.map((w) => (
        <li key={w.id} className="card record">
          <h3 className="record-title">
            <Link to={`/l/${localityId}/workshops/${w.id}`} dir="auto">
              {w.title}
            </Link>
          </h3>
          <p>
            <time dateTime={new Date(w.startsAt).toISOString()}>{when.format(new Date(w.startsAt))}</time>
          </p>
          {w.place ? <p dir="auto">{w.place}</p> : null}
          <p className="muted">
            {t("workshops.heldIn")}{" "}
            {parseLanguages(w.languages)
              .map((c) => t(`languageNames.${c}`, { defaultValue: c }))
              .join(t("workshops.listSeparator")) || t("workshops.noLanguages")}
          </p>
          <p className="muted">{t("workshops.attended", { count: w.attendees })}</p>
        </li>
      ))}
    </ul>
  );
}

/** A locality's sessions: what is coming up, what happened, and (facilitators) plan a new one. */
export default function Workshops() {
  const { t } = useTranslation();
  const { locality, upcoming, past, mayManage, mayConfirmTies, languageOptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="page workshops-page" aria-labelledby="workshops-title">
      <h1 id="workshops-title">{t("workshops.title")}</h1>
      <p className="lead">{t("workshops.lead", { locality: locality.name })}</p>
      {mayConfirmTies ? (
        <p>
          <Link to={`/l/${locality.id}/ties/suggested`}>{t("workshops.ties.toConfirmLink")}</Link>
        </p>
      ) : null}

      <h2 id="workshops-upcoming">{t("workshops.upcoming")}</h2>
      {upcoming.length ? <SessionList sessions={upcoming} localityId={locality.id} labelledBy="workshops-upcoming" /> : <p>{t("workshops.noneUpcoming")}</p>}

      {mayManage ? (
        <div className="card workshop-plan">
          <h2 id="workshops-plan">{t("workshops.planTitle")}</h2>
          <WorkshopForm
            id="plan-workshop"
            lastResult={result?.reply}
            defaultValue={{ languages: ["en"] }}
            languageOptions={languageOptions}
            submitLabel={t("workshops.plan")}
          />
        </div>
      ) : null}

      <h2 id="workshops-past">{t("workshops.past")}</h2>
      {past.length ? <SessionList sessions={past} localityId={locality.id} labelledBy="workshops-past" /> : <p>{t("workshops.nonePast")}</p>}
    </section>
  );
}
