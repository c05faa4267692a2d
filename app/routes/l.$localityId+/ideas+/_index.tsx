import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadIdeaList } from "./idea-list.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { IdeaCard } from "~/components/ideas/idea-card";
import { PageLinks } from "~/components/ui/page-links";
import ideaStyles from "~/styles/ideas.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ideaStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideas.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadIdeaList(await requireLocalityAccess(request, params.localityId, "ideas.view"), new URL(request.url));
}

/** The locality's published ideas, by challenge and status: texts side by side, votes, comments, where they came from. */
export default function Ideas() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/l/${page.locality.id}`;
  return (
    <section className="page ideas-page" aria-labelledby="ideas-title">
      <h1 id="ideas-title">{t("ideas.title")}</h1>
      <p className="lead">{t("ideas.lead")}</p>
      <p className="idea-links">
        <Link to={`${base}/challenges`}>{t("ideas.challengesLink")}</Link>
        {page.may.prototypes ? <Link to={`${base}/prototypes`}>{t("ideas.prototypesLink")}</Link> : null}
      </p>
      <div role="status">{params.get("reported") === "1" ? <p className="card success">{t("ideas.reportedThanks")}</p> : null}</div>

      <Form method="get" className="card idea-filters">
        <fieldset>
          <legend>{t("ideas.filters.legend")}</legend>
          <div className="idea-filter-fields">
            <div className="field">
              <label htmlFor="filter-challenge">{t("ideas.filters.challenge")}</label>
              <select id="filter-challenge" name="challenge" defaultValue={page.filters.challengeId ?? ""}>
                <option value="">{t("ideas.filters.allChallenges")}</option>
                {page.challenges.map((c) => (
                  <option key={c.id} value={c.id} dir="auto">
                    {c.question}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-status">{t("ideas.filters.status")}</label>
              <select id="filter-status" name="status" defaultValue={page.filters.status ?? ""}>
                <option value="">{t("ideas.filters.allStatuses")}</option>
                {page.statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`ideas.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("ideas.filters.apply")}
            </button>
          </div>
        </fieldset>
      </Form>

      {page.silentNow ? <p className="card notice">{t("ideas.silentNow")}</p> : null}
      {page.ideas.length ? (
        <>
          <ul className="idea-list">
            {page.ideas.map((idea) => (
              <li key={idea.id}>
                <IdeaCard idea={idea} comments={idea.comments} base={base} showChallenge={!page.filters.challengeId} />
              </li>
            ))}
          </ul>
          <PageLinks info={page.ideasPage} label={t("ideas.pages")} anchor="ideas-title" />
        </>
      ) : (
        <p className="card notice">{t("ideas.none")}</p>
      )}
    </section>
  );
}
