import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { signUpSchema } from "~/domain/accounts";
import { inviteTokenParam } from "~/domain/invites";
import { readForm } from "~/http/read-form.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession, getSessionUser } from "~/auth/session.server";
import { notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { findInvite, joinWithInvite } from "~/data/invites.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { createAccountFromInvite, findUserByEmail } from "~/data/users.server";
import { i18nServer, languageCookie } from "~/i18n/i18next.server";
import { LANGUAGE_OPTIONS } from "~/components/ui/language-options";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

function parseToken(raw: string | undefined): string {
  const token = inviteTokenParam.safeParse(raw);
  if (!token.success) throw notFound();
  return token.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = parseToken(params.token);
  const [found, user, locale] = await Promise.all([findInvite(await getDb(), token), getSessionUser(request), i18nServer.getLocale(request)]);
  if (found.state === "missing") throw notFound();
  return {
    state: found.state,
    locality: found.state === "valid" ? found.invite.locality : null,
    role: found.state === "valid" ? found.invite.role : null,
    user: user ? { name: user.name } : null,
    locale,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = parseToken(params.token);
  const form = await readForm(request, context);
  const db = await getDb();
  const user = await getSessionUser(request);

  if (form.get("intent") === "join") {
    if (!user) throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
    const redeemed = await joinWithInvite(db, token, user.id);
    if (!redeemed) return data({ joinError: "invite.noLongerValid" }, { status: 410 });
    return redirect(`/l/${redeemed.localityId}`);
  }

  const submission = parseWithZod(form, { schema: signUpSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { name, email, password, preferredLanguage } = submission.value;
  const emailTaken = () => data(submission.reply({ fieldErrors: { email: ["invite.emailTaken"] }, hideFields: ["password"] }), { status: 400 });
  // Once per form load (of this invitation, for this email): a double submit creates the account
  // once. A repeat gets a session for it only with the password the account was created with.
  let createdHere = false;
  const result = await oncePerFormLoad(db, formLoadOf(request, form, email.toLowerCase()), async () => {
    createdHere = true;
    const created = await createAccountFromInvite(db, { token, name, email, preferredLanguage, passwordHash: await hashPassword(password) });
    return { kept: typeof created === "object", value: created };
  });
  if (result === "email-taken") return emailTaken();
  if (result === "invite-invalid") {
    return data(submission.reply({ formErrors: ["invite.noLongerValid"], hideFields: ["password"] }), { status: 410 });
  }
  if (!createdHere) {
    const account = await findUserByEmail(db, email);
    // Anything else answers as it would have without the first copy: the email is taken.
    if (!account || account.id !== result.userId || !(await verifyPassword(account.passwordHash, password))) return emailTaken();
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId, request.headers.get("User-Agent")));
  headers.append("Set-Cookie", await languageCookie.serialize(preferredLanguage));
  return redirect(`/l/${result.localityId}`, { headers });
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function AcceptInvite() {
  const { t } = useTranslation();
  const invite = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useValidatedForm<z.input<typeof signUpSchema>>({
    lastResult: lastResult && !("joinError" in lastResult) ? lastResult : undefined,
    defaultValue: { preferredLanguage: invite.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const joinError = lastResult && "joinError" in lastResult ? [lastResult.joinError] : undefined;

  if (invite.state !== "valid" || !invite.locality) {
    return (
      <section className="page narrow" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("invite.unavailableTitle")}</h1>
        <p>{t(`invite.state.${invite.state}`)}</p>
      </section>
    );
  }
  const intro = t("invite.intro", { locality: invite.locality.name, organisation: invite.locality.organisation, role: t(`roles.${invite.role}`) });
  return (
    <section className="page narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.title")}</h1>
      <p className="lead">{intro}</p>
      {invite.user ? (
        <Form method="post" className="stack card">
          <CsrfField />
          <FormError errors={joinError} />
          <p>{t("invite.signedInAs", { name: invite.user.name })}</p>
          <button type="submit" name="intent" value="join" className="button primary">
            {t("invite.join", { locality: invite.locality.name })}
          </button>
        </Form>
      ) : (
        <>
          <Form method="post" {...getFormProps(form)} className="stack card">
            <CsrfField />
            <input type="hidden" name="intent" value="create-account" />
            <h2>{t("invite.createAccount")}</h2>
            <FormError errors={form.errors} />
            <TextField meta={fields.name} label={t("fields.name")} autoComplete="name" />
            <TextField meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
            <TextField meta={fields.password} label={t("fields.newPassword")} type="password" autoComplete="new-password" hint={t("fields.passwordHint")} />
            <SelectField meta={fields.preferredLanguage} label={t("fields.preferredLanguage")} options={LANGUAGE_OPTIONS} />
            <button type="submit" className="button primary">
              {t("invite.createAndJoin")}
            </button>
          </Form>
          <p>
            {t("invite.haveAccount")} <Link to={`/sign-in?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("invite.signInToJoin")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
