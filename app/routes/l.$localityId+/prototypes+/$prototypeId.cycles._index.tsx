import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadCycleList, runCycleListAction } from "./cycle-list.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { PrototypeNav } from "~/components/prototypes/prototype-nav";
import { PlanForm } from "~/components/prototypes/cycle-forms";
import { CycleCard } from "~/components/prototypes/cycle-card";
import prototypeStyles from "~/styles/prototypes.css";
import cycleStyles from "~/styles/cycles.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: prototypeStyles },
  { rel: "stylesheet", href: cycleStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? `${t("cycles.title")} · ${d.prototype.title}` : t("cycles.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCycleList(await requireLocalityAccess(request, params.localityId, "prototypes.view"), params.prototypeId);
}

/** Plans a new test cycle (members and facilitators). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await runCycleListAction(request, params, context);
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  return data({ reply: outcome.reply }, { status: 400 });
}

/** A prototype's test cycles (plan → try → learn → decide), newest first, and planning the next. */
export default function PrototypeCycles() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/l/${page.locality.id}/prototypes/${page.prototype.id}/cycles`;
  return (
    <section className="page prototype-page cycles-page" aria-labelledby="prototype-title">
      <PrototypeNav localityId={page.locality.id} prototype={page.prototype} headingId="prototype-title" />
      <h2 id="cycles-title">{t("cycles.title")}</h2>
      <p className="lead">{t("cycles.lead")}</p>
      {page.cycles.length ? (
        <ol className="cycle-list" aria-labelledby="cycles-title">
          {page.cycles.map((c) => (
            <li key={c.id}>
              <CycleCard cycle={c} href={`${base}/${c.id}`} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="card notice">{t("cycles.none")}</p>
      )}
      {page.mayPlan ? (
        <section className="card cycle-new" aria-labelledby="cycle-new-title" id="plan-new">
          <h2 id="cycle-new-title">{t("cycles.new.title")}</h2>
          <p className="hint">{t("cycles.new.lead")}</p>
          <PlanForm
            id="cycle-new"
            intent="create"
            lastResult={result?.reply}
            defaults={{ languages: ["en"] }}
            languageOptions={page.languageOptions}
            submitLabel={t("cycles.new.submit")}
          />
        </section>
      ) : null}
    </section>
  );
}
