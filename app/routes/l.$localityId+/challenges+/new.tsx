import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { loadNewChallenge, openChallengeFromForm } from "./challenge-page.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { OpenChallengeForm } from "~/components/challenges/challenge-form";
import challengeStyles from "~/styles/challenges.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: challengeStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "challenges.new.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "challenges.manage");
  return loadNewChallenge(access, new URL(request.url));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "challenges.manage");
  const form = await readForm(request, context);
  const outcome = await openChallengeFromForm(access, form, formLoadOf(request, form, access.user.id));
  if (!outcome.ok) return data({ reply: outcome.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/challenges/${outcome.challengeId}?done=opened`, { status: 303 });
}

/** Open an insight's "How might we…?" question (or a question of one's own) as a challenge for ideas. */
export default function NewChallenge() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/l/${page.locality.id}`;
  return (
    <section className="page challenges-page" aria-labelledby="new-challenge-title">
      <p className="breadcrumbs">
        <Link to={`${base}/challenges`}>{t("challenges.back")}</Link>
      </p>
      <h1 id="new-challenge-title">{t("challenges.new.title")}</h1>
      <p className="lead">{t("challenges.new.lead")}</p>
      {page.source ? (
        <p className="muted">
          {t("challenges.fromInsight")}{" "}
          <Link to={`${base}/insights/${page.source.insight.id}`} dir="auto">
            {page.source.insight.statement}
          </Link>
        </p>
      ) : null}
      {page.alreadyOpen ? (
        <p className="card notice">
          {t("challenges.new.alreadyOpen")} <Link to={`${base}/challenges/${page.alreadyOpen}`}>{t("challenges.openedAsChallenge")}</Link>
        </p>
      ) : (
        <div className="card">
          <OpenChallengeForm
            lastResult={result?.reply as SubmissionResult<string[]> | undefined}
            defaultValue={page.defaults}
            questionId={page.source?.questionId ?? null}
          />
        </div>
      )}
    </section>
  );
}
