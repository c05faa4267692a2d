import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireOrganisationAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";
import { loadAccounts } from "./data-rights.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dataRights.list.title");

const query = z.string().trim().max(100).catch("");

/** People's data rights (organisation facilitators): find the person whose data is asked about. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisationAccess(request, params.orgSlug, "people.dataRights");
  const url = new URL(request.url);
  const q = query.parse(url.searchParams.get("q") ?? "");
  return { organisation, q, accounts: await loadAccounts(await getDb(), organisation, q), erased: url.searchParams.get("erased") === "1" };
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function DataRightsPeople() {
  const { t } = useTranslation();
  const { organisation, q, accounts, erased } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="page" aria-labelledby="data-rights-title">
      <h1 id="data-rights-title">{t("dataRights.list.title")}</h1>
      <p className="muted">{organisation.name}</p>
      <p>{t("dataRights.list.lead")}</p>
      {erased ? (
        <p role="status" className="notice">
          {t("dataRights.erase.done")}
        </p>
      ) : null}
      <Form method="get" className="stack card" role="search">
        <div className="field">
          <label htmlFor="data-rights-q">{t("dataRights.list.search")}</label>
          <input id="data-rights-q" name="q" type="search" defaultValue={params.get("q") ?? q} maxLength={100} />
        </div>
        <button type="submit" className="button">
          {t("dataRights.list.find")}
        </button>
      </Form>
      {accounts.length === 0 ? (
        <p>{t("dataRights.list.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("dataRights.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dataRights.list.colName")}</th>
                <th scope="col">{t("dataRights.list.colEmail")}</th>
                <th scope="col">{t("dataRights.list.colLocalities")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={a.id} dir="auto">
                      {a.name}
                    </Link>
                  </th>
                  <td dir="ltr">{a.email}</td>
                  <td>
                    {[
                      ...(a.organisationFacilitator ? [t("dataRights.list.organisationFacilitator")] : []),
                      ...a.localities.map((l) => t("dataRights.list.localityRole", { locality: l.name, role: t(`roles.${l.role}`) })),
                    ].join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
