import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest } from "~/http/http-errors.server";
import { loadLocalityHome, moveStage } from "./locality-home.server";
import { parseStageMove } from "./stage-move-input.server";
import { STAGES, stageStatus, type StageNumber } from "~/domain/stages";
import { CsrfField } from "~/components/ui/csrf-field";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";
import { ProgressPanel, PurposeSummary } from "~/components/purpose/home-panels";
import { PrototypeFigures } from "~/components/prototypes/prototype-figures";
import { StageMoveWarning } from "~/components/stages/stage-checklist";
import purposeStyles from "~/styles/purpose.css";
import stagesStyles from "~/styles/stages.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: purposeStyles },
  { rel: "stylesheet", href: stagesStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "locality.homeTitle", { locality: data?.locality.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadLocalityHome(await requireLocalityAccess(request, params.localityId, "stage.view"));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stage.set");
  const form = await readForm(request, context);
  const submission = parseStageMove(form);
  if (submission.status !== "success") throw badRequest();
  // Moving on with items open answers with them first (stageGuide.warning); confirm=1 moves anyway.
  const result = await moveStage(access, submission.value);
  if (!result.moved) return { warning: result.warning };
  return redirect(`/l/${access.locality.id}`);
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages", "relationships"] };
export const clientLoader = withStrings(["pages", "relationships"]);

export default function LocalityHome() {
  const { t } = useTranslation();
  const { locality, progress, purpose, prototypes, stageProgress, canSetStage, exchangePath } = useLoaderData<typeof loader>();
  const warning = useActionData<typeof action>()?.warning;
  const current = locality.currentStage as StageNumber;
  const currentStage = STAGES.find((s) => s.number === current) ?? STAGES[0];
  const stageKey = (n: number) => (STAGES.find((s) => s.number === n) ?? STAGES[0]).key;
  return (
    <section className="page" aria-labelledby="locality-title">
      <h1 id="locality-title" dir="auto">
        {locality.name}
      </h1>
      {locality.description ? (
        <p className="lead" dir="auto">
          {locality.description}
        </p>
      ) : null}
      {warning ? <StageMoveWarning localityId={locality.id} warning={warning} fromKey={stageKey(warning.from)} toKey={stageKey(warning.to)} /> : null}
      <PurposeSummary localityId={locality.id} purpose={purpose} />
      <ProgressPanel localityId={locality.id} progress={progress} />
      {prototypes.prototypes > 0 || current === 4 ? <PrototypeFigures localityId={locality.id} figures={prototypes} /> : null}
      {exchangePath ? (
        <p>
          <Link to={exchangePath}>{t("exchangeLink.home")}</Link>
        </p>
      ) : null}

      <section className="card next-step" aria-labelledby="next-step-title">
        <h2 id="next-step-title">{t("locality.whereWeAre")}</h2>
        <p>{t("locality.currentStage", { number: currentStage.number, stage: t(`stages.${currentStage.key}.name`) })}</p>
        {stageProgress.total > 0 ? (
          <p>
            <Link to={`stages/${stageProgress.key}`}>
              {t("stageGuide.homeLine", { number: stageProgress.number, done: stageProgress.done, total: stageProgress.total })}
            </Link>
          </p>
        ) : null}
        <p>
          <strong>{t("locality.nextStep")}</strong> {t(`stages.${currentStage.key}.next`)}
        </p>
      </section>

      <h2>{t("locality.stagesTitle")}</h2>
      <ol className="stage-list">
        {STAGES.map((s) => {
          const status = stageStatus(s.number, current);
          return (
            <li key={s.key} className={`stage stage-${status}`} aria-current={status === "current" ? "step" : undefined}>
              <p className="stage-number">{t("locality.stageNumber", { number: s.number })}</p>
              <h3>
                <Link to={`stages/${s.key}`}>{t(`stages.${s.key}.name`)}</Link>
              </h3>
              <p>{t(`stages.${s.key}.summary`)}</p>
              <p className="badge">{t(`locality.status.${status}`)}</p>
            </li>
          );
        })}
      </ol>

      {canSetStage ? (
        <Form method="post" className="card inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value="set-stage" />
          <label htmlFor="stage-select">{t("locality.moveTo")}</label>
          <select id="stage-select" name="stage" defaultValue={current}>
            {STAGES.map((s) => (
              <option key={s.key} value={s.number}>
                {t("org.stageCell", { number: s.number, stage: t(`stages.${s.key}.name`) })}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t("locality.setStage")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
