import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSettledActionData } from "~/components/ui/use-live-updates";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { loadModerationQueue, moderate } from "./moderation-page.server";
import { MODERATION_DECISIONS } from "~/domain/moderation";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { HiddenIdeaCard, PendingIdeaCard, PublishedIdeaCard, type LastResult } from "~/components/challenges/idea-review-card";
import challengeStyles from "~/styles/challenges.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: challengeStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "challenges.queue.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "ideas.moderate");
  return loadModerationQueue(access, params.challengeId);
}

/** POST intent=approve | edit | merge | reject | restore, with ideaId (and text, intoId or reason). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "ideas.moderate");
  const outcome = await moderate(access, params.challengeId, await readForm(request, context));
  if (!outcome.ok) return data({ intent: outcome.intent, ideaId: outcome.ideaId, reply: outcome.reply }, { status: outcome.status });
  return redirect(`/l/${access.locality.id}/challenges/${params.challengeId}/moderation?done=${outcome.intent}`, { status: 303 });
}

/** How often an open queue looks for newly arrived ideas (only while the tab is visible). */
const REFRESH_MS = 20_000;

/** The queue: ideas from the public link waiting for a decision, ideas hidden after reports, and published ones (editable). */
export default function ModerationQueue() {
  const { t } = useTranslation();
  const { locality, challenge, pending, hidden, published, mergeTargets } = useLoaderData<typeof loader>();
  const last = useSettledActionData<typeof action>() as LastResult;
  const [params] = useSearchParams();
  const location = useLocation();
  const revalidator = useRevalidator();
  const base = `/l/${locality.id}`;
  const done = MODERATION_DECISIONS.find((d) => d === params.get("done"));

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [revalidator]);

  return (
    <section className="page challenges-page queue-page" aria-labelledby="queue-title">
      <p className="breadcrumbs">
        <Link to={`${base}/challenges/${challenge.id}`}>{t("challenges.queue.back")}</Link>
      </p>
      <h1 id="queue-title">{t("challenges.queue.title")}</h1>
      <p className="challenge-question lead" dir="auto">
        {challenge.question}
      </p>
      <div role="status">{done ? <p className="card success">{t(`challenges.queue.done.${done}`)}</p> : null}</div>
      <p className="queue-actions">
        <Link to={`${location.pathname}`} className="button" reloadDocument={false}>
          {t("challenges.queue.refresh")}
        </Link>
        <Link to={`${base}/boards/${challenge.boardId}`} className="button">
          {t("challenges.openBoard")}
        </Link>
      </p>

      <h2 id="pending-title">{t("challenges.queue.pendingHeading", { count: pending.length })}</h2>
      {pending.length ? (
        <ol className="review-list" aria-labelledby="pending-title">
          {pending.map((idea) => (
            <li key={idea.id}>
              <PendingIdeaCard idea={idea} last={last} targets={mergeTargets} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="card empty">{t("challenges.queue.pendingEmpty")}</p>
      )}

      <h2 id="hidden-title">{t("challenges.queue.hiddenHeading", { count: hidden.length })}</h2>
      <p className="hint">{t("challenges.queue.hiddenHint")}</p>
      {hidden.length ? (
        <ol className="review-list" aria-labelledby="hidden-title">
          {hidden.map((idea) => (
            <li key={idea.id}>
              <HiddenIdeaCard idea={idea} last={last} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="card empty">{t("challenges.queue.hiddenEmpty")}</p>
      )}

      <h2 id="published-title">{t("challenges.queue.publishedHeading", { count: published.length })}</h2>
      {published.length ? (
        <ol className="review-list" aria-labelledby="published-title">
          {published.map((idea) => (
            <li key={idea.id}>
              <PublishedIdeaCard idea={idea} last={last} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="card empty">{t("challenges.queue.publishedEmpty")}</p>
      )}
    </section>
  );
}
