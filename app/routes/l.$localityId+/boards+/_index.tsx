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
import { createBoard, listBoards } from "~/data/boards.server";
import { BOARD_PURPOSES, boardInput } from "~/domain/documents";
import { can } from "~/domain/access/policy";
import { CsrfField } from "~/components/ui/csrf-field";
import { SelectField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { pageTitle } from "~/components/ui/page-title";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "boards.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role } = await requireLocalityAccess(request, params.localityId, "documents.view");
  const boards = await listBoards(await getDb(), locality.id);
  return { locality, boards, mayCreate: can(role, "documents.create") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "documents.create");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: boardInput });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const db = await getDb();
  const boardId = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () =>
    kept((await createBoard(db, { localityId: locality.id, actorId: user.id, ...submission.value })).id),
  );
  return redirect(`/l/${locality.id}/boards/${boardId}`);
}

/** A locality's boards: open one, or start a new one for an exercise. */
export default function Boards() {
  const { t } = useTranslation();
  const { locality, boards, mayCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof boardInput>>({
    lastResult: result?.reply,
    defaultValue: { purpose: "exercise" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: boardInput }),
  });
  const dateFormat = dateFormatter(useRootData()?.locale ?? "en", { dateStyle: "medium" });
  return (
    <section className="page" aria-labelledby="boards-title">
      <h1 id="boards-title">{t("boards.title")}</h1>
      <p className="lead">{t("boards.lead", { locality: locality.name })}</p>
      {boards.length ? (
        <ul className="record-list">
          {boards.map((b) => (
            <li key={b.id} className="card record">
              <h2 className="record-title">
                <Link to={`/l/${locality.id}/boards/${b.id}`} dir="auto">
                  {b.title}
                </Link>
              </h2>
              <p className="muted">
                {t(`boards.purposes.${b.purpose}`, { defaultValue: b.purpose })} · {dateFormat.format(new Date(b.createdAt))}
                {b.locked ? (
                  <>
                    {" "}
                    · <span className="badge">{t("boards.locked")}</span>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("boards.none")}</p>
      )}
      {mayCreate ? (
        <Form method="post" {...getFormProps(form)} className="card stack">
          <h2>{t("boards.newTitle")}</h2>
          <CsrfField />
          <TextField meta={fields.title} label={t("boards.fields.title")} hint={t("boards.fields.titleHint")} maxLength={120} />
          <SelectField
            meta={fields.purpose}
            label={t("boards.fields.purpose")}
            options={BOARD_PURPOSES.map((p) => ({ value: p, label: t(`boards.purposes.${p}`) }))}
          />
          <button type="submit" className="button primary">
            {t("boards.create")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
