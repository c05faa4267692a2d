import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listPeople } from "~/data/localities.server";
import { pageTitle } from "~/components/ui/page-title";
import { parseLanguages } from "~/domain/people";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "people.view");
  return { locality, people: await listPeople(await getDb(), locality.id) };
}

/** The core group (read-only here; profiles, ties and sessions arrive with Stage 1). */
export default function People() {
  const { t } = useTranslation();
  const { locality, people } = useLoaderData<typeof loader>();
  const languageName = (code: string) => t(`languageNames.${code}`, { defaultValue: code });
  return (
    <section className="page" aria-labelledby="people-title">
      <h1 id="people-title">{t("people.title")}</h1>
      <p className="lead">{t("people.lead", { count: people.length, locality: locality.name })}</p>
      <ul className="people-list">
        {people.map((p) => (
          <li key={p.id} className="card person">
            <h2 className="person-name" dir="auto">{p.displayName}</h2>
            <p className="badge">{t(`sectors.${p.sector}`, { defaultValue: p.sector })}</p>
            {p.roleTitle || p.organisation ? (
              <p dir="auto">{[p.roleTitle, p.organisation].filter(Boolean).join(", ")}</p>
            ) : null}
            {p.brings ? (
              <p>
                <span className="label">{t("people.brings")}</span> <span dir="auto">{p.brings}</span>
              </p>
            ) : null}
            <p className="muted">
              {t("people.languages")} {parseLanguages(p.languages).map(languageName).join(t("people.listSeparator"))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
