import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganisationAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { confirmsName } from "~/domain/data-rights";
import { eraseSchema } from "~/domain/data-rights-input";
import { readForm } from "~/http/read-form.server";
import { CsrfField } from "~/components/ui/csrf-field";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";
import { erasePerson, loadPersonRights, type ErasureOutcome } from "./data-rights.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dataRights.person.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, params.orgSlug, "people.dataRights");
  return { organisation, person: await loadPersonRights(await getDb(), organisation, params.userId, user.id) };
}

type ActionResult = { error: "confirmRequired" | "confirmMismatch" | "self" | "lastFacilitator"; localities?: string[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, params.orgSlug, "people.dataRights");
  const form = await readForm(request, context);
  const parsed = eraseSchema.safeParse(Object.fromEntries(form));
  const db = await getDb();
  if (!parsed.success) {
    if (form.get("intent") !== "erase") throw new Response("Bad Request", { status: 400 });
    return data<ActionResult>({ error: "confirmRequired" }, { status: 400 });
  }
  const person = await loadPersonRights(db, organisation, params.userId, user.id);
  if (!confirmsName(parsed.data.confirmName, person.account.name)) return data<ActionResult>({ error: "confirmMismatch" }, { status: 400 });
  // A double submit erases once; the repeat gets the first one's answer.
  const outcome = await oncePerFormLoad<ErasureOutcome>(db, formLoadOf(request, form, user.id), async () => {
    const result = await erasePerson(db, organisation, person.account.id, user);
    return { kept: result.status === "erased", value: result };
  });
  if (outcome.status === "erased") return redirect(`/orgs/${organisation.slug}/people?erased=1`);
  if (outcome.status === "self") return data<ActionResult>({ error: "self" }, { status: 409 });
  return data<ActionResult>({ error: "lastFacilitator", localities: outcome.localities }, { status: 409 });
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function PersonDataRights() {
  const { t } = useTranslation();
  const { organisation, person } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const blocked = person.isSelf || person.lastFacilitatorOf.length > 0;
  const errorText =
    result?.error === "lastFacilitator"
      ? t("dataRights.erase.lastFacilitator", { localities: (result.localities ?? []).join(", ") })
      : result?.error
        ? t(`dataRights.erase.${result.error}`)
        : null;
  return (
    <section className="page narrow" aria-labelledby="person-rights-title">
      <p>
        <Link to={`/orgs/${organisation.slug}/people`}>{t("dataRights.person.back")}</Link>
      </p>
      <h1 id="person-rights-title" dir="auto">
        {person.account.name}
      </h1>
      <p className="muted" dir="ltr">
        {person.account.email}
      </p>
      <p>
        {person.localities.length === 0
          ? t("dataRights.person.noLocalities")
          : t("dataRights.person.localities", { localities: person.localities.map((l) => l.name).join(", ") })}
      </p>

      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title">{t("dataRights.export.title")}</h2>
        <p>{t("dataRights.export.lead")}</p>
        <p className="actions">
          <Link className="button" to="export">
            {t("dataRights.export.page")}
          </Link>
          <a className="button" href={`/orgs/${organisation.slug}/people/${person.account.id}/export.json`} download>
            {t("dataRights.export.json")}
          </a>
        </p>
      </section>

      <section className="card stack" aria-labelledby="erase-title">
        <h2 id="erase-title">{t("dataRights.erase.title")}</h2>
        <p>{t("dataRights.erase.lead")}</p>
        {person.isSelf ? <p className="notice">{t("dataRights.erase.self")}</p> : null}
        {person.lastFacilitatorOf.length > 0 ? (
          <p className="notice">{t("dataRights.erase.lastFacilitator", { localities: person.lastFacilitatorOf.map((l) => l.name).join(", ") })}</p>
        ) : null}
        {blocked ? null : (
          <Form method="post" className="stack">
            <CsrfField />
            <input type="hidden" name="intent" value="erase" />
            <div className="field">
              <label htmlFor="confirm-name">{t("dataRights.erase.confirmLabel", { name: person.account.name })}</label>
              <input
                id="confirm-name"
                name="confirmName"
                type="text"
                autoComplete="off"
                required
                maxLength={200}
                dir="auto"
                aria-invalid={errorText ? true : undefined}
                aria-describedby={errorText ? "confirm-name-error" : undefined}
              />
              {errorText ? (
                <p id="confirm-name-error" className="field-errors" role="alert">
                  {errorText}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button danger">
              {t("dataRights.erase.submit")}
            </button>
          </Form>
        )}
      </section>
    </section>
  );
}
