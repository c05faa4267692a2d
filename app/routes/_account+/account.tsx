import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { accountSchema } from "~/domain/accounts";
import { readForm } from "~/http/read-form.server";
import { requireUser } from "~/auth/session.server";
import { getDb } from "~/data/db.server";
import { updateProfile } from "~/data/users.server";
import { LANGUAGE_OPTIONS } from "~/components/ui/language-options";
import { languageCookie } from "~/i18n/i18next.server";
import { CsrfField } from "~/components/ui/csrf-field";
import { SelectField, TextField } from "~/components/ui/field";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, preferredLanguage: user.preferredLanguage };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: accountSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateProfile(await getDb(), user.id, submission.value);
  return redirect("/account?saved=1", {
    headers: { "Set-Cookie": await languageCookie.serialize(submission.value.preferredLanguage) },
  });
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function Account() {
  const { t } = useTranslation();
  const user = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm<z.input<typeof accountSchema>>({
    lastResult,
    defaultValue: { name: user.name, preferredLanguage: user.preferredLanguage },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section className="page narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("account.title")}</h1>
      <p className="muted">{t("account.signedInAs", { email: user.email })}</p>
      {searchParams.get("saved") ? (
        <p role="status" className="card success">
          {t("account.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack card">
        <CsrfField />
        <input type="hidden" name="intent" value="update-profile" />
        <TextField meta={fields.name} label={t("fields.name")} autoComplete="name" />
        <SelectField meta={fields.preferredLanguage} label={t("fields.preferredLanguage")} options={LANGUAGE_OPTIONS} />
        <button type="submit" className="button primary">
          {t("actions.save")}
        </button>
      </Form>
      <div className="card stack">
        <h2>{t("account.sessions")}</h2>
        <p>{t("account.everywhereHelp")}</p>
        <Form method="post" action="/sign-out">
          <CsrfField />
          <input type="hidden" name="scope" value="everywhere" />
          <button type="submit" className="button">
            {t("account.signOutEverywhere")}
          </button>
        </Form>
      </div>
    </section>
  );
}
