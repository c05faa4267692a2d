import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { loadInsightEdit, updateInsightFromForm } from "./insight-page.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { InsightForm } from "~/components/insights/insight-form";
import insightStyles from "~/styles/insights.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.edit");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  return loadInsightEdit(access, params.insightId, await i18nServer.getLocale(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  const form = await readForm(request, context);
  const outcome = await updateInsightFromForm(access, params.insightId, form);
  if (!outcome.ok) return data({ reply: outcome.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/insights/${outcome.insightId}?saved=1`, { status: 303 });
}

/** Change an insight: statement, questions (their ids kept), confidence, evidence. */
export default function EditInsight() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const back = `/l/${page.locality.id}/insights/${page.insight.id}`;
  return (
    <section className="page insights-page" aria-labelledby="edit-insight-title">
      <p className="breadcrumbs">
        <Link to={back}>{t("insights.form.cancel")}</Link>
      </p>
      <h1 id="edit-insight-title">{t("insights.edit")}</h1>
      {page.withdrawn > 0 ? <p className="card notice">{t("insights.form.withdrawnKept", { count: page.withdrawn })}</p> : null}
      <div className="card">
        <InsightForm
          id="edit-insight"
          lastResult={result?.reply as SubmissionResult<string[]> | undefined}
          defaultValue={page.defaults}
          excerpts={page.excerpts}
          submitLabel={t("insights.form.save")}
        />
      </div>
    </section>
  );
}
