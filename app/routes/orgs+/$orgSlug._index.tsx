import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganisationAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listOrganisationLocalities } from "~/data/localities.server";
import { STAGES } from "~/domain/stages";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";
import threadStyles from "~/styles/thread.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "org.title", { organisation: data?.organisation.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisationAccess(request, params.orgSlug, "organisation.view");
  const localities = await listOrganisationLocalities(await getDb(), organisation.id);
  return { organisation, localities };
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function OrganisationHome() {
  const { t } = useTranslation();
  const { organisation, localities } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="org-title">
      <div className="page-heading">
        <h1 id="org-title">{organisation.name}</h1>
        <Link to="localities/new" className="button primary">
          {t("org.newLocality")}
        </Link>
      </div>
      <ul className="org-links">
        <li>
          <Link to={`/orgs/${organisation.slug}/thread`}>{t("thread.orgLink")}</Link>
        </li>
        <li>
          <Link to={`/orgs/${organisation.slug}/exchange`}>{t("exchangeLink.org")}</Link>
        </li>
        <li>
          <Link to="people">{t("dataRights.list.link")}</Link>
        </li>
      </ul>
      <p>
        <Link to={`/orgs/${organisation.slug}/portfolio`}>{t("portfolio.orgLink")}</Link>
      </p>
      <h2 id="org-localities-title">{t("org.localities")}</h2>
      {localities.length === 0 ? (
        <p>{t("org.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="org-localities-title" tabIndex={0}>
          <table className="data-table org-localities">
            <caption className="visually-hidden">{t("org.localities")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("org.colLocality")}</th>
                <th scope="col">{t("org.colStage")}</th>
                <th scope="col">{t("org.colPeople")}</th>
                <th scope="col">{t("org.colMembers")}</th>
              </tr>
            </thead>
            <tbody>
              {localities.map((l) => {
                const stage = STAGES.find((s) => s.number === l.currentStage) ?? STAGES[0];
                return (
                  <tr key={l.id}>
                    <th scope="row">
                      <Link to={`/l/${l.id}`}>{l.name}</Link>
                    </th>
                    <td>{t("org.stageCell", { number: stage.number, stage: t(`stages.${stage.key}.name`) })}</td>
                    <td>{l.people}</td>
                    <td>{l.members}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
