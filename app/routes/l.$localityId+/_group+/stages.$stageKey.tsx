import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { stageByKey, stageStatus, type StageNumber } from "~/domain/stages";
import { pageTitle } from "~/components/ui/page-title";
import { translator } from "~/i18n/translate";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  return pageTitle(matches, "stagePage.title", { stage: data ? translator(locale)(`stages.${data.stage.key}.name`) : "" });
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "stage.view");
  const stage = stageByKey(params.stageKey ?? "");
  if (!stage) throw notFound();
  return { locality, stage, status: stageStatus(stage.number, locality.currentStage as StageNumber) };
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

/** A stage's page: what the stage is, what its pages hold, and links to them. */
export default function StagePage() {
  const { t } = useTranslation();
  const { locality, stage, status } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="stage-title">
      <p className="stage-number">
        {t("locality.stageNumber", { number: stage.number })} · {t(`locality.status.${status}`)}
      </p>
      <h1 id="stage-title">{t(`stages.${stage.key}.name`)}</h1>
      <p className="lead">{t(`stages.${stage.key}.summary`)}</p>
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
