import type { SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest } from "~/http/http-errors.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { AgendaList, AgendaTime } from "~/components/workshops/agenda";
import { AgendaEditor, ChoosePlanForm, SavePlanForm } from "~/components/workshops/plan-forms";
import { applyPlan, loadPlanPage, saveAgenda, savePlan } from "./session-plan.server";
import workshopStyles from "~/styles/workshops.css";
import planStyles from "~/styles/session-plans.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: workshopStyles },
  { rel: "stylesheet", href: planStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? t("plans.page.heading", { title: d.workshop.title }) : t("plans.page.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  return loadPlanPage(access, params.workshopId, await i18nServer.getLocale(request));
}

const INTENTS = z.enum(["apply", "agenda", "save-plan"]);
type Reply = SubmissionResult<string[]>;
type Outcome =
  | {
      intent: "apply" | "agenda";
      ok: true;
      made: { boards: number; documents: number; challenges: number };
      overBy: number;
      noQuestion: boolean;
      laidOut: boolean;
    }
  | { intent: "save-plan"; ok: true }
  | { intent: "apply" | "agenda" | "save-plan"; ok: false; reply: Reply };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  const form = await readForm(request, context);
  const intent = INTENTS.safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  const locale = await i18nServer.getLocale(request);
  const load = formLoadOf(request, form, access.user.id);
  if (intent.data === "save-plan") {
    const saved = await savePlan(access, params.workshopId, form, load);
    if (!saved.ok) return data<Outcome>({ intent: "save-plan", ok: false, reply: saved.reply }, { status: 400 });
    return data<Outcome>({ intent: "save-plan", ok: true });
  }
  const outcome =
    intent.data === "apply" ? await applyPlan(access, params.workshopId, form, locale, load) : await saveAgenda(access, params.workshopId, form, locale);
  if (!outcome.ok) return data<Outcome>({ intent: intent.data, ok: false, reply: outcome.reply }, { status: 400 });
  return data<Outcome>({ intent: intent.data, ...outcome }, { status: outcome.laidOut ? 200 : 503 });
}

/** Plan a session (facilitators): choose a plan, edit the agenda, save it as a plan of the organisation. */
export default function PlanSession() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/l/${page.locality.id}/workshops/${page.workshop.id}`;
  const idle = navigation.state === "idle";
  const reply = (intent: Outcome["intent"]) => (result && result.intent === intent && !result.ok ? result.reply : undefined);
  const done = result?.ok && idle ? result : null;
  return (
    <section className="page plan-page" aria-labelledby="plan-title">
      <p className="breadcrumb">
        <Link to={base}>{t("plans.page.back")}</Link>
      </p>
      <h1 id="plan-title" dir="auto">
        {t("plans.page.heading", { title: page.workshop.title })}
      </h1>
      <p className="lead">{t("plans.page.lead")}</p>

      {done && done.intent !== "save-plan" ? (
        <div className="card success" role="status">
          <p>{done.intent === "apply" ? t("plans.choose.applied") : t("plans.edit.saved")}</p>
          <p>{done.made.boards + done.made.documents + done.made.challenges > 0 ? t("plans.choose.made", { ...done.made }) : t("plans.choose.nothingNew")}</p>
          {done.noQuestion ? <p>{t("plans.agenda.noQuestion")}</p> : null}
          {done.laidOut ? null : <p>{t("plans.choose.notLaidOut")}</p>}
        </div>
      ) : null}
      {done && done.intent === "save-plan" ? (
        <p className="card success" role="status">
          {t("plans.save.saved")}
        </p>
      ) : null}

      <h2 id="section-plan">{t("plans.agenda.title")}</h2>
      {page.agenda.steps.length ? (
        <>
          <AgendaTime agenda={page.agenda} />
          <AgendaList agenda={page.agenda} localityId={page.locality.id} />
          <p>
            <Link to={`${base}/run-sheet`}>{t("plans.agenda.runSheet")}</Link>
          </p>
        </>
      ) : (
        <p className="muted">{t("plans.agenda.none")}</p>
      )}

      <h2 id="plan-choose">{t("plans.choose.title")}</h2>
      <div className="card">
        <ChoosePlanForm
          plans={page.plans}
          questions={page.questions}
          selected={page.workshop.planRef}
          currentStage={page.locality.currentStage}
          reply={reply("apply")}
        />
      </div>

      <h2 id="plan-edit">{t("plans.edit.title")}</h2>
      <p className="hint">{t("plans.edit.lead")}</p>
      <AgendaEditor key={JSON.stringify(page.rows)} rows={page.rows} reply={reply("agenda")} />

      {page.agenda.steps.length ? (
        <>
          <h2 id="plan-save">{t("plans.save.title")}</h2>
          <div className="card">
            <p className="hint">{t("plans.save.lead")}</p>
            <SavePlanForm reply={reply("save-plan")} stage={page.locality.currentStage} defaultTitle={page.workshop.title} />
          </div>
        </>
      ) : null}
    </section>
  );
}
