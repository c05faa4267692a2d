import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { ServantRolesForm } from "~/components/servant/servant-roles";
import { isServantRole } from "~/domain/servant-roles";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import peopleStyles from "~/styles/people.css";
import servantStyles from "~/styles/servant.css";
import { loadRolesPage, saveRoles } from "./roles-page.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleStyles },
  { rel: "stylesheet", href: servantStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(root?.locale ?? "en");
  return [{ title: `${t("servant.roles.pageTitle", { name: data?.person.displayName ?? "" }).replace(/[\u2066-\u2069]/g, "")} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships", "servant"] };
export const clientLoader = withStrings(["relationships", "servant"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadRolesPage(await requireLocalityAccess(request, params.localityId, "people.editSelf"), params.personId);
}

/** POST servantRoles (any number of storyteller | weaver | architect | navigator): saved, back to the profile. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "people.editSelf");
  const result = await saveRoles(access, params.personId, form);
  if (!result.ok) return data({ error: result.error, chosen: result.chosen }, { status: 400 });
  return redirect(`/l/${access.locality.id}/people/${result.personId}?roles=saved`, { status: 303 });
}

/** A person's public servant roles, on a page of their own (where a refused submission lands). */
export default function ServantRolesPage() {
  const { t } = useTranslation();
  const { locality, person } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const current = refused ? refused.chosen.filter(isServantRole) : person.servantRoles;
  return (
    <section className="page servant-roles-page" aria-labelledby="roles-title">
      <p>
        <Link to={`/l/${locality.id}/people/${person.id}`}>{t("servant.roles.back")}</Link>
      </p>
      <h1 id="roles-title">{t("servant.roles.pageTitle", { name: person.displayName })}</h1>
      <p className="lead">{t("servant.roles.lead")}</p>
      <div className="card">
        <ServantRolesForm action={`/l/${locality.id}/people/${person.id}/roles`} name={person.displayName} current={current} error={refused?.error ?? null} />
      </div>
    </section>
  );
}
