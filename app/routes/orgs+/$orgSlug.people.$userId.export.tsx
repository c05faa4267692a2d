import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganisationAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";
import { buildPersonExport } from "./data-rights.server";
import dataRightsStyles from "~/styles/data-rights.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dataRightsStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dataRights.export.title");

/** Everything held about a person, as a page to read or print (organisation facilitators). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, params.orgSlug, "people.dataRights");
  const found = await buildPersonExport(await getDb(), organisation, params.userId, user, "html", await i18nServer.getLocale(request));
  return { found, back: `/orgs/${organisation.slug}/people/${params.userId}` };
}

export const headers = () => ({ "Cache-Control": "no-store" });

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function PersonExportPage() {
  const { t, i18n } = useTranslation();
  const { found, back } = useLoaderData<typeof loader>();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" });
  return (
    <article className="page data-export" aria-labelledby="data-export-title">
      <p className="no-print">
        <Link to={back}>{t("dataRights.export.back")}</Link>
      </p>
      <h1 id="data-export-title">{t("dataRights.export.heading", { name: found.person.name })}</h1>
      <p className="muted">{t("dataRights.export.madeAt", { organisation: found.organisation, when: when.format(new Date(found.exportedAt)) })}</p>
      {found.sections.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>
            {t(`dataRights.sections.${section.key}`)} ({section.items.length})
          </h2>
          {section.items.length === 0 ? (
            <p className="muted">{t("dataRights.export.nothing")}</p>
          ) : (
            <ol className="stack">
              {section.items.map((item, n) => (
                <li key={n}>
                  <dl className="data-export-item">
                    {Object.entries(item).map(([field, value]) => (
                      <div key={field}>
                        <dt>{field}</dt>
                        <dd dir="auto">{value === null || value === "" ? "—" : String(value)}</dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </article>
  );
}
