import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import { createSharedDocument, listSharedDocuments } from "~/data/shared-documents.server";
import { documentInput } from "~/domain/documents";
import { can } from "~/domain/access/policy";
import { CsrfField } from "~/components/ui/csrf-field";
import { TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { pageTitle } from "~/components/ui/page-title";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "documents.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role } = await requireLocalityAccess(request, params.localityId, "documents.view");
  const documents = await listSharedDocuments(await getDb(), locality.id);
  return { locality, documents, mayCreate: can(role, "documents.create") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "documents.create");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: documentInput });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const db = await getDb();
  const documentId = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () =>
    kept((await createSharedDocument(db, { localityId: locality.id, actorId: user.id, title: submission.value.title })).id),
  );
  return redirect(`/l/${locality.id}/documents/${documentId}`);
}

/** A locality's shared documents: open one, or start a new one. */
export default function Documents() {
  const { t } = useTranslation();
  const { locality, documents, mayCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof documentInput>>({
    lastResult: result?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: documentInput }),
  });
  const dateFormat = dateFormatter(useRootData()?.locale ?? "en", { dateStyle: "medium" });
  return (
    <section className="page" aria-labelledby="documents-title">
      <h1 id="documents-title">{t("documents.title")}</h1>
      <p className="lead">{t("documents.lead", { locality: locality.name })}</p>
      {documents.length ? (
        <ul className="record-list">
          {documents.map((d) => (
            <li key={d.id} className="card record">
              <h2 className="record-title">
                <Link to={`/l/${locality.id}/documents/${d.id}`} dir="auto">
                  {d.title}
                </Link>
              </h2>
              <p className="muted">{dateFormat.format(new Date(d.createdAt))}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("documents.none")}</p>
      )}
      {mayCreate ? (
        <Form method="post" {...getFormProps(form)} className="card stack">
          <h2>{t("documents.newTitle")}</h2>
          <CsrfField />
          <TextField meta={fields.title} label={t("documents.fields.title")} maxLength={120} />
          <button type="submit" className="button primary">
            {t("documents.create")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
