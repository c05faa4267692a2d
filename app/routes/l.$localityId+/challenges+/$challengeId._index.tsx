import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { changeChallenge, loadChallenge } from "./challenge-page.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { ChallengeLinks, ClosingDate, FromInsight } from "~/components/challenges/challenge-card";
import { ChallengeSettingsForm } from "~/components/challenges/challenge-form";
import { PublicLinkPanel } from "~/components/challenges/public-link-panel";
import challengeStyles from "~/styles/challenges.css";
import { ThreadSection } from "~/components/thread/thread-section";
import threadStyles from "~/styles/thread.css";
import { loadThreadSection } from "../thread-section.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: challengeStyles },
  { rel: "stylesheet", href: threadStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "challenges.page.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "ideas.view");
  const page = await loadChallenge(access, params.challengeId, new URL(request.url).origin);
  return { ...page, thread: await loadThreadSection(access, { challengeId: page.challenge.id }) };
}

/** POST intent=settings | close | reopen | rotate (facilitators). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "challenges.manage");
  const outcome = await changeChallenge(access, params.challengeId, await readForm(request, context));
  if (!outcome.ok) return data({ reply: outcome.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/challenges/${params.challengeId}?done=${outcome.done}`, { status: 303 });
}

const DONE = ["opened", "settings", "closed", "reopened", "rotated"] as const;

/** One challenge: its question, public link (and its state), counts, links, and the facilitator's controls. */
export default function ChallengePage() {
  const { t } = useTranslation();
  const { locality, challenge, settings, may, thread } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const base = `/l/${locality.id}`;
  const self = `${base}/challenges/${challenge.id}`;
  const done = DONE.find((d) => d === params.get("done"));
  return (
    <article className="page challenges-page challenge-page" aria-labelledby="challenge-title">
      <p className="breadcrumbs">
        <Link to={`${base}/challenges`}>{t("challenges.back")}</Link>
      </p>
      <div role="status">{done ? <p className="card success">{t(`challenges.done.${done}`)}</p> : null}</div>
      <p className="eyebrow">{t("challenges.page.eyebrow")}</p>
      <h1 id="challenge-title" className="challenge-question" dir="auto">
        {challenge.question}
      </h1>
      <FromInsight base={base} insight={challenge.insight} />
      <p className="challenge-facts">
        <span>
          <ClosingDate closesAt={challenge.closesAt} passed={challenge.closingPassed} />
        </span>
        <span>
          {t("challenges.page.languages", {
            languages: challenge.languages.map((l) => t(`challenges.languageNames.${l}`)).join(t("challenges.listSeparator")),
          })}
        </span>
      </p>
      {challenge.closingPassed ? <p className="card notice">{t("challenges.page.closingPassed")}</p> : null}
      <p className="challenge-counts">
        <span>{t("challenges.counts.onBoard", { count: challenge.counts.published })}</span>
        <span>{t("challenges.counts.pending", { count: challenge.counts.pending })}</span>
        {challenge.counts.hidden ? <span>{t("challenges.counts.hidden", { count: challenge.counts.hidden })}</span> : null}
      </p>
      <ChallengeLinks base={base} challenge={challenge} moderate={may.moderate} />

      <PublicLinkPanel
        link={challenge.link}
        state={challenge.linkState}
        manage={may.manage}
        confirmRotate={params.get("confirm") === "rotate"}
        selfPath={self}
      />

      <ThreadSection localityId={locality.id} section={thread} />

      {may.manage ? (
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title">{t("challenges.page.settings")}</h2>
          <ChallengeSettingsForm
            key={`${settings.closesOn}/${settings.languages.join(",")}`}
            lastResult={result?.reply as SubmissionResult<string[]> | undefined}
            defaultValue={settings}
          />
        </section>
      ) : null}
    </article>
  );
}
