import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { createInsightFromForm, loadNewInsight } from "./insight-page.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { InsightForm } from "~/components/insights/insight-form";
import insightStyles from "~/styles/insights.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.new.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  return loadNewInsight(access, new URL(request.url), await i18nServer.getLocale(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  const form = await readForm(request, context);
  const outcome = await createInsightFromForm(access, form, formLoadOf(request, form, access.user.id));
  if (!outcome.ok) return data({ reply: outcome.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/insights/${outcome.insightId}?saved=1`, { status: 303 });
}

/** A new insight: pick a board and one of its clusters (or use all excerpts), then write it. */
export default function NewInsight() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/l/${page.locality.id}`;
  const showForm = page.board === null || page.cluster !== null;
  return (
    <section className="page insights-page new-insight-page" aria-labelledby="new-insight-title">
      <p className="breadcrumbs">
        <Link to={`${base}/insights`}>{t("insights.title")}</Link>
      </p>
      <h1 id="new-insight-title">{t("insights.new.title")}</h1>
      <p className="lead">{t("insights.new.lead")}</p>

      <Form method="get" className="card insight-step" aria-labelledby="pick-board">
        <h2 id="pick-board">{t("insights.new.pickBoard")}</h2>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="pick-board-select">{t("insights.new.board")}</label>
            <select id="pick-board-select" name="board" defaultValue={page.board?.id ?? page.boards[0]?.id ?? ""}>
              {page.boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button" disabled={!page.boards.length}>
              {t("insights.new.chooseBoard")}
            </button>
          </div>
        </div>
        {page.board ? (
          <p>
            <Link to={`${base}/insights/new`}>{t("insights.new.withoutBoard")}</Link>
          </p>
        ) : null}
      </Form>

      {page.board ? (
        <Form method="get" className="card insight-step" aria-labelledby="pick-cluster">
          <h2 id="pick-cluster">{t("insights.new.pickCluster")}</h2>
          <input type="hidden" name="board" value={page.board.id} />
          {page.clusters.length ? (
            <div className="filter-row">
              <div className="field">
                <label htmlFor="pick-cluster-select">{t("insights.new.cluster")}</label>
                <select id="pick-cluster-select" name="cluster" defaultValue={page.cluster?.id ?? page.clusters[0]?.id}>
                  {page.clusters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {t("insights.new.clusterOption", { name: c.name || t("insights.new.unnamed"), count: c.excerpts })}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <button type="submit" className="button">
                  {t("insights.new.chooseCluster")}
                </button>
              </div>
            </div>
          ) : (
            <p>
              {t("insights.new.noClusters")} <Link to={`${base}/boards/${page.board.id}`}>{t("insights.new.openBoard")}</Link>
            </p>
          )}
        </Form>
      ) : null}

      {showForm ? (
        <div className="card insight-step">
          <h2 id="write-insight">{page.board ? t("insights.new.write") : t("insights.new.writeAll")}</h2>
          {page.board && page.cluster ? (
            <p dir="auto">{t("insights.new.fromCluster", { name: page.cluster.name || t("insights.new.unnamed"), board: page.board.title })}</p>
          ) : null}
          {page.board && page.cluster && !page.excerpts.length ? <p className="card notice">{t("insights.new.clusterEmpty")}</p> : null}
          <InsightForm
            key={`${page.board?.id ?? ""}:${page.cluster?.id ?? ""}`}
            id="new-insight"
            lastResult={result?.reply as SubmissionResult<string[]> | undefined}
            defaultValue={{ evidence: page.chosen, boardId: page.board?.id, clusterId: page.cluster?.id }}
            excerpts={page.excerpts}
            submitLabel={t("insights.new.create")}
          />
        </div>
      ) : null}
    </section>
  );
}
