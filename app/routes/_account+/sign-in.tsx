import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { signInSchema } from "~/domain/accounts";
import { readForm } from "~/http/read-form.server";
import { getSessionUser } from "~/auth/session.server";
import { safeRedirectPath } from "~/http/safe-redirect";
import { signIn } from "~/auth/sign-in.server";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, TextField } from "~/components/ui/field";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signIn.title");

// Remix sends only Set-Cookie from an action's headers unless the route passes the rest on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: signInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signIn(submission.value.email, submission.value.password, request, context.clientAddress);
  if (result.outcome === "throttled") {
    return data(submission.reply({ formErrors: ["signIn.throttled"], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (result.outcome === "invalid") {
    return data(submission.reply({ formErrors: ["signIn.invalid"], hideFields: ["password"] }), { status: 400 });
  }
  return redirect(safeRedirectPath(submission.value.redirectTo), { headers: { "Set-Cookie": result.cookie } });
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function SignIn() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm<z.input<typeof signInSchema>>({
    lastResult,
    constraint: getZodConstraint(signInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="page narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("signIn.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FormError errors={form.errors} />
        <TextField meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <TextField meta={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="button primary">
          {t("signIn.submit")}
        </button>
      </Form>
      <p className="muted">{t("signIn.noAccount")}</p>
    </section>
  );
}
