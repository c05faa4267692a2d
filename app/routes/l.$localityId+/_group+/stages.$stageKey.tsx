import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadStagePage } from "./stage-page.server";
import { pageTitle } from "~/components/ui/page-title";
import { MoveOnForm, StageChecklist } from "~/components/stages/stage-checklist";
import { translator } from "~/i18n/translate";
import { withStrings } from "~/i18n/strings";
import stagesStyles from "~/styles/stages.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stagesStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  return pageTitle(matches, "stagePage.title", { stage: data ? translator(locale)(`stages.${data.stage.key}.name`) : "" });
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadStagePage(await requireLocalityAccess(request, params.localityId, "stage.view"), params.stageKey);
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

const GUIDE_POINTS = [1, 2, 3] as const;

/** A stage's page: what is done and what comes next from the group's own records, guidance, and the pages that hold its work. */
export default function StagePage() {
  const { t } = useTranslation();
  const { locality, stage, status, items, summary, moveOn } = useLoaderData<typeof loader>();
  return (
    <section className="page stage-page" aria-labelledby="stage-title">
      <p className="stage-number">
        {t("locality.stageNumber", { number: stage.number })} · {t(`locality.status.${status}`)}
      </p>
      <h1 id="stage-title">{t(`stages.${stage.key}.name`)}</h1>
      <p className="lead">{t(`stages.${stage.key}.summary`)}</p>

      <section className="card stage-progress" aria-labelledby="stage-progress-title">
        <h2 id="stage-progress-title">{t("stageGuide.checklistTitle")}</h2>
        <p className="stage-summary">{t("stageGuide.summary", { done: summary.done, total: summary.total })}</p>
        <StageChecklist localityId={locality.id} items={items} />
      </section>

      {moveOn ? <MoveOnForm localityId={locality.id} next={moveOn} openCount={summary.open} /> : null}

      <section className="card stage-guide" aria-labelledby="stage-guide-title">
        <h2 id="stage-guide-title">{t("stageGuide.guideTitle")}</h2>
        <h3>{t("stageGuide.why")}</h3>
        <p>{t(`stageGuide.guide.${stage.key}.why`)}</p>
        <h3>{t("stageGuide.good")}</h3>
        <ul>
          {GUIDE_POINTS.map((n) => (
            <li key={n}>{t(`stageGuide.guide.${stage.key}.good${n}`)}</li>
          ))}
        </ul>
        <h3>{t("stageGuide.pitfalls")}</h3>
        <ul>
          {GUIDE_POINTS.map((n) => (
            <li key={n}>{t(`stageGuide.guide.${stage.key}.pitfall${n}`)}</li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="stage-holds-title">
        <h2 id="stage-holds-title">{t("stagePage.holdsTitle")}</h2>
        <p>{t(`stages.${stage.key}.holds`)}</p>
        <ul className="stage-tools">
          {stage.tools.map((tool) => (
            <li key={tool.path}>
              <Link to={`/l/${locality.id}/${tool.path}`}>{t(tool.label)}</Link>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
