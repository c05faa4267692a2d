import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadChallengeList } from "./challenge-page.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { ChallengeCard } from "~/components/challenges/challenge-card";
import challengeStyles from "~/styles/challenges.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: challengeStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "challenges.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadChallengeList(await requireLocalityAccess(request, params.localityId, "ideas.view"));
}

/** The locality's challenges (with their counts and links), and the insights' questions not yet opened. */
export default function Challenges() {
  const { t } = useTranslation();
  const { locality, challenges, questions, may } = useLoaderData<typeof loader>();
  const base = `/l/${locality.id}`;
  return (
    <section className="page challenges-page" aria-labelledby="challenges-title">
      <h1 id="challenges-title">{t("challenges.title")}</h1>
      <p className="lead">{t("challenges.lead")}</p>
      {challenges.length ? (
        <ul className="challenge-list" aria-label={t("challenges.listLabel")}>
          {challenges.map((c) => (
            <li key={c.id}>
              <ChallengeCard base={base} challenge={c} may={may} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="card notice">{t("challenges.empty")}</p>
      )}

      <h2 id="questions-title">{t("challenges.questionsHeading")}</h2>
      <p className="hint">{t("challenges.questionsHint")}</p>
      {questions.length ? (
        <ul className="question-cards" aria-labelledby="questions-title">
          {questions.map((q) => (
            <li key={q.id} className="card question-card">
              <p className="question-text" dir="auto">
                {q.text}
              </p>
              <p className="muted">
                {t("challenges.fromInsight")}{" "}
                <Link to={`${base}/insights/${q.insight.id}`} dir="auto">
                  {q.insight.statement}
                </Link>
              </p>
              {may.manage ? (
                <p>
                  <Link
                    to={`${base}/challenges/new?question=${q.id}`}
                    className="button primary"
                    aria-label={t("challenges.openThisLabel", { question: q.text })}
                  >
                    {t("challenges.openAsChallenge")}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("challenges.noQuestions")}</p>
      )}
      {may.manage ? (
        <p>
          <Link to={`${base}/challenges/new`}>{t("challenges.openWithoutQuestion")}</Link>
        </p>
      ) : null}
    </section>
  );
}
