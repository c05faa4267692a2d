import { getFormProps, getTextareaProps } from "@conform-to/react";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { createLocalitySchema } from "~/domain/localities";
import { readForm } from "~/http/read-form.server";
import { requireOrganisationAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import { createLocality } from "~/data/localities.server";
import { CsrfField } from "~/components/ui/csrf-field";
import { TextField } from "~/components/ui/field";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "newLocality.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisationAccess(request, params.orgSlug, "locality.create");
  return { organisation };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { organisation, user } = await requireOrganisationAccess(request, params.orgSlug, "locality.create");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: createLocalitySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const db = await getDb();
  const localityId = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () =>
    kept((await createLocality(db, { organisationId: organisation.id, actorId: user.id, ...submission.value })).id),
  );
  return redirect(`/l/${localityId}`);
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function NewLocality() {
  const { t } = useTranslation();
  const { organisation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof createLocalitySchema>>({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createLocalitySchema }),
    shouldValidate: "onBlur",
  });
  const description = getTextareaProps(fields.description, { ariaAttributes: true });
  return (
    <section className="page narrow" aria-labelledby="new-locality-title">
      <h1 id="new-locality-title">{t("newLocality.title")}</h1>
      <p className="muted">{organisation.name}</p>
      <Form method="post" {...getFormProps(form)} className="stack card">
        <CsrfField />
        <TextField meta={fields.name} label={t("fields.localityName")} />
        <div className="field">
          <label htmlFor={fields.description.id}>{t("fields.localityDescription")}</label>
          <textarea {...description} key={description.key} rows={3} />
          {fields.description.errors?.map((e) => (
            <p key={e} id={fields.description.errorId} className="field-errors">
              {t(e)}
            </p>
          ))}
        </div>
        <button type="submit" className="button primary">
          {t("newLocality.submit")}
        </button>
      </Form>
    </section>
  );
}
