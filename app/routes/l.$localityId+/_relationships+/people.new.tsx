import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { createPerson, findDuplicatesFor } from "~/data/people.server";
import { newPersonInput, type DuplicateReason } from "~/domain/people";
import { pageTitle } from "~/components/ui/page-title";
import { PersonForm } from "~/components/people/person-form";
import { withStrings } from "~/i18n/strings";
import peopleStyles from "~/styles/people.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "relationships.profile.newTitle");
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "people.manage");
  return { locality };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "people.manage");
  const submission = parseWithZod(form, { schema: newPersonInput });
  if (submission.status !== "success") return data({ reply: submission.reply(), duplicates: [] }, { status: 400 });
  const db = await getDb();
  const { mode, ...person } = submission.value;
  // Once per form load: a double submit adds the person once (a repeat is not warned about the
  // person its first copy added). A duplicate warning gives the key back, for "add anyway".
  type Added = { personId: string } | { duplicates: Array<{ id: string; displayName: string; reasons: DuplicateReason[] }> };
  const outcome = await oncePerFormLoad<Added>(db, formLoadOf(request, form, user.id), async () => {
    if (mode !== "anyway") {
      const duplicates = await findDuplicatesFor(db, locality.id, person);
      if (duplicates.length) {
        return { kept: false, value: { duplicates: duplicates.map((d) => ({ id: d.person.id, displayName: d.person.displayName, reasons: d.reasons })) } };
      }
    }
    const created = await createPerson(db, { localityId: locality.id, actorId: user.id, person });
    return { kept: true, value: { personId: created.id } };
  });
  if ("duplicates" in outcome) {
    // Nothing typed is lost: the reply carries every value back into the form.
    return data({ reply: submission.reply({ formErrors: ["relationships.duplicate.found"] }), duplicates: outcome.duplicates }, { status: 409 });
  }
  return redirect(`/l/${locality.id}/people/${outcome.personId}`, { status: 303 });
}

/** Add someone to the core group, with or without an account. */
export default function NewPerson() {
  const { t } = useTranslation();
  const { locality } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="page person-new" aria-labelledby="new-person-title">
      <p>
        <Link to={`/l/${locality.id}/people`}>{t("relationships.nav.back")}</Link>
      </p>
      <h1 id="new-person-title">{t("relationships.profile.newTitle")}</h1>
      <p className="lead">{t("relationships.profile.newLead")}</p>
      <PersonForm
        id="person-new"
        localityId={locality.id}
        lastResult={result?.reply}
        duplicates={result?.duplicates ?? []}
        submitLabel={t("relationships.profile.create")}
      />
    </section>
  );
}
