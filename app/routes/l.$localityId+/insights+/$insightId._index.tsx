import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest } from "~/http/http-errors.server";
import { challengesByQuestion, deleteInsightAs, loadInsight, prototypesOfInsight } from "./insight-page.server";
import { can } from "~/domain/access/policy";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { CsrfField } from "~/components/ui/csrf-field";
import { pageTitle } from "~/components/ui/page-title";
import { ConfidenceBadge, EvidenceSummary, ExcerptView } from "~/components/insights/excerpt-view";
import { useLiveUpdates } from "~/components/ui/use-live-updates";
import insightStyles from "~/styles/insights.css";
import exchangeStyles from "~/styles/exchange.css";
import { ExchangeSection } from "~/components/exchange/exchange-section";
import { loadExchangeSection } from "../exchange-section.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: insightStyles },
  { rel: "stylesheet", href: exchangeStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.title");
export const handle = { strings: ["stories", "ideas"] };
export const clientLoader = withStrings(["stories", "ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.view");
  const page = await loadInsight(access, params.insightId, await i18nServer.getLocale(request));
  // Stage 3: which questions are open as challenges, and whether this person may open one; Stage 4: the prototypes that came from it.
  const [challenges, prototypes, exchange] = await Promise.all([
    challengesByQuestion(access, params.insightId),
    prototypesOfInsight(access, params.insightId),
    loadExchangeSection(access, { kind: "insight", id: page.insight.id }),
  ]);
  return { ...page, challenges, mayOpenChallenge: can(access.role, "challenges.manage"), prototypes, exchange };
}

/** POST intent=delete (facilitators, or the insight's author). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  const form = await readForm(request, context);
  if (form.get("intent") !== "delete") throw badRequest();
  await deleteInsightAs(access, params.insightId);
  return redirect(`/l/${access.locality.id}/insights?deleted=1`, { status: 303 });
}

/** One insight: statement, questions, confidence, and its evidence (a withdrawn source shows as gone). */
export default function InsightPage() {
  const { t } = useTranslation();
  const { locality, insight, author, board, evidence, may, challenges, mayOpenChallenge, prototypes, exchange } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/l/${locality.id}`;
  // Coding, sending and withdrawals change what stands behind an insight: reload when they happen.
  useLiveUpdates(`${base}/analysis/events`);
  return (
    <article className="page insights-page insight-page" aria-labelledby="insight-title">
      <p className="breadcrumbs">
        <Link to={`${base}/insights`}>{t("insights.back")}</Link>
      </p>
      <div role="status">{params.get("saved") === "1" ? <p className="card success">{t("insights.saved")}</p> : null}</div>
      <h1 id="insight-title" className="insight-statement" dir="auto">
        {insight.statement}
      </h1>
      <ConfidenceBadge level={insight.confidence} />
      <EvidenceSummary counts={insight.counts} />
      {author ? <p className="muted">{t("insights.by", { name: author })}</p> : null}
      {board ? (
        <p className="muted">
          <Link to={`${base}/boards/${board.id}`}>{t("insights.fromBoard", { board: board.title })}</Link>
        </p>
      ) : null}

      <h2>{t("insights.questionsHeading")}</h2>
      <ol className="insight-questions-list">
        {insight.questions.map((q) => (
          <li key={q.id}>
            <span dir="auto">{q.text}</span>{" "}
            {challenges[q.id] ? (
              <Link to={`${base}/challenges/${challenges[q.id]}`} className="question-challenge">
                {t("challenges.openedAsChallenge")}
              </Link>
            ) : mayOpenChallenge ? (
              <Link
                to={`${base}/challenges/new?question=${q.id}`}
                className="button question-challenge"
                aria-label={t("challenges.openThisLabel", { question: q.text })}
              >
                {t("challenges.openAsChallenge")}
              </Link>
            ) : null}
          </li>
        ))}
      </ol>

      {prototypes.length ? (
        <section aria-labelledby="insight-prototypes-title">
          <h2 id="insight-prototypes-title">{t("ideas.prototypes.cameFrom")}</h2>
          <ul className="insight-prototypes">
            {prototypes.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/prototypes/${p.id}`} dir="auto">
                  {p.title}
                </Link>{" "}
                <span className="badge">{t(`ideas.prototypes.statuses.${p.status}`, { defaultValue: p.status })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2>{t("insights.evidenceHeading")}</h2>
      {evidence.length ? (
        <ul className="evidence-list">
          {evidence.map((e) => (
            <li key={e.id} className={e.gone ? "card evidence-gone" : "card"}>
              {e.gone === null ? (
                <ExcerptView excerpt={e.excerpt} />
              ) : (
                <p className="muted">{t(e.gone === "withdrawn" ? "insights.withdrawnSource" : "insights.removedSource")}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("insights.noEvidence")}</p>
      )}

      <ExchangeSection localityId={locality.id} section={exchange} />

      {may.edit || may.delete ? (
        <div className="insight-actions">
          {may.edit ? (
            <Link to={`${base}/insights/${insight.id}/edit`} className="button primary">
              {t("insights.edit")}
            </Link>
          ) : null}
          {may.delete ? (
            <Form method="post" className="inline-form">
              <CsrfField />
              <p className="hint" id="delete-hint">
                {t("insights.deleteHint")}
              </p>
              <button type="submit" name="intent" value="delete" className="button danger" aria-describedby="delete-hint">
                {t("insights.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
