import { pageInfo, pageOf } from "~/domain/paging";
import { PageLinks } from "~/components/ui/page-links";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listPeopleWithTies } from "~/data/people.server";
import { pageTitle } from "~/components/ui/page-title";
import { SectorBadge } from "~/components/people/sector";
import { can } from "~/domain/access/policy";
import { parseLanguages } from "~/domain/person-fields";
import { withStrings } from "~/i18n/strings";
import peopleStyles from "~/styles/people.css";
import servantStyles from "~/styles/servant.css";
import { ServantRoleBadges } from "~/components/servant/servant-roles";
import { parseServantRoles } from "~/domain/servant-roles";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleStyles },
  { rel: "stylesheet", href: servantStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "relationships.people.title");
export const handle = { strings: ["relationships", "servant"] };
export const clientLoader = withStrings(["relationships", "servant"]);

/** People per page of the list, in alphabetical order. */
const PEOPLE_PER_PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role, user } = await requireLocalityAccess(request, params.localityId, "people.view");
  const everyone = await listPeopleWithTies(await getDb(), locality.id);
  const shown = pageOf(everyone, new URL(request.url).searchParams.get("page"), PEOPLE_PER_PAGE);
  return {
    locality,
    peoplePage: pageInfo(shown),
    people: shown.items.map(({ userId, servantRoles, ...p }) => ({
      ...p,
      servantRoles: parseServantRoles(servantRoles),
      hasAccount: userId !== null,
      isYou: userId === user.id,
    })),
    mayManage: can(role, "people.manage"),
  };
}

/** The core group: everyone's role, what they bring and how many ties they have. */
export default function People() {
  const { t } = useTranslation();
  const { locality, people, peoplePage, mayManage } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const languageName = (code: string) => t(`languageNames.${code}`, { defaultValue: code });
  const base = `/l/${locality.id}/people`;
  return (
    <section className="page people-page" aria-labelledby="people-title">
      <h1 id="people-title">{t("relationships.people.title")}</h1>
      <p className="lead">{t("relationships.people.lead", { locality: locality.name })}</p>
      {search.get("removed") ? (
        <p role="status" className="notice">
          {t("relationships.people.removed")}
        </p>
      ) : null}
      <p className="people-actions">
        <span className="muted">{t("relationships.people.count", { count: peoplePage.total })}</span>
        <Link to={`/l/${locality.id}/relationships`} className="button">
          {t("relationships.people.map")}
        </Link>
        {mayManage ? (
          <>
            <Link to={`${base}/new`} className="button primary">
              {t("relationships.people.add")}
            </Link>
            <Link to={`${base}/duplicates`} className="button">
              {t("relationships.people.duplicates")}
            </Link>
          </>
        ) : null}
      </p>
      {peoplePage.total === 0 ? <p>{t("relationships.people.none")}</p> : null}
      <ul className="people-list">
        {people.map((p) => (
          <li key={p.id} className="card person">
            <h2 className="person-name">
              <Link to={`${base}/${p.id}`} dir="auto">
                {p.displayName}
              </Link>
              {p.isYou ? <span className="badge">{t("relationships.people.you")}</span> : null}
            </h2>
            <p>
              <SectorBadge sector={p.sector} />
            </p>
            <ServantRoleBadges roles={p.servantRoles} />
            {p.roleTitle || p.organisation ? <p dir="auto">{[p.roleTitle, p.organisation].filter(Boolean).join(", ")}</p> : null}
            {p.brings ? (
              <p>
                <span className="label">{t("people.brings")}</span> <span dir="auto">{p.brings}</span>
              </p>
            ) : null}
            <p className="muted">
              {t("people.languages")} {parseLanguages(p.languages).map(languageName).join(t("people.listSeparator"))}
            </p>
            <p className="muted">
              {t("relationships.people.ties", { count: p.ties })} · {p.hasAccount ? t("relationships.people.hasAccount") : t("relationships.people.noAccount")}
            </p>
          </li>
        ))}
      </ul>
      <PageLinks info={peoplePage} label={t("relationships.people.pages")} anchor="people-title" />
    </section>
  );
}
