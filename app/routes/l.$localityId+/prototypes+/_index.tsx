import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadPrototypeList } from "./prototype-list.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import ideaStyles from "~/styles/ideas.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ideaStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideas.prototypes.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPrototypeList(await requireLocalityAccess(request, params.localityId, "prototypes.view"));
}

/** The locality's prototypes: each with its status and the idea (challenge, insight) it came from. */
export default function Prototypes() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const base = `/l/${page.locality.id}`;
  return (
    <section className="page ideas-page" aria-labelledby="prototypes-title">
      <h1 id="prototypes-title">{t("ideas.prototypes.title")}</h1>
      <p className="lead">{t("ideas.prototypes.lead")}</p>
      <p className="idea-links">
        <Link to={`${base}/ideas`}>{t("ideas.prototypes.ideasLink")}</Link>
      </p>
      {page.prototypes.length ? (
        <ul className="prototype-list">
          {page.prototypes.map((p) => (
            <li key={p.id} id={`prototype-${p.id}`}>
              <article className="card prototype-card" aria-labelledby={`prototype-${p.id}-title`}>
                <h2 id={`prototype-${p.id}-title`} dir="auto">
                  {p.title}
                </h2>
                <p>
                  <span className="visually-hidden">{t("ideas.prototypes.statusLabel")}: </span>
                  <span className={`badge prototype-status status-${p.status}`}>{t(`ideas.prototypes.statuses.${p.status}`, { defaultValue: p.status })}</span>
                </p>
                <dl className="prototype-origin">
                  {p.idea ? (
                    <div>
                      <dt>{t("ideas.prototypes.fromIdea")}</dt>
                      <dd>
                        <Link to={`${base}/ideas/${p.idea.id}`} dir="auto">
                          {p.idea.title}
                        </Link>
                      </dd>
                    </div>
                  ) : (
                    <div>
                      <dt>{t("ideas.prototypes.fromIdea")}</dt>
                      <dd className="muted">{t("ideas.prototypes.ideaGone")}</dd>
                    </div>
                  )}
                  {p.challenge ? (
                    <div>
                      <dt>{t("ideas.prototypes.challenge")}</dt>
                      <dd>
                        <Link to={`${base}/challenges/${p.challenge.id}`} dir="auto">
                          {p.challenge.question}
                        </Link>
                      </dd>
                    </div>
                  ) : null}
                  {p.insight ? (
                    <div>
                      <dt>{t("ideas.prototypes.insight")}</dt>
                      <dd>
                        <Link to={`${base}/insights/${p.insight.id}`} dir="auto">
                          {p.insight.statement}
                        </Link>
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card notice">{t("ideas.prototypes.none")}</p>
      )}
    </section>
  );
}
