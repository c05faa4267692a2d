import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import i18next from "i18next";
import { readForm } from "~/http/read-form.server";
import { getSessionUser } from "~/auth/session.server";
import { safeRedirectPath } from "~/http/safe-redirect";
import { getDb } from "~/data/db.server";
import { setPreferredLanguage } from "~/data/users.server";
import { isLanguageCode } from "~/i18n/config";
import { languageCookie } from "~/i18n/i18next.server";
import { badRequest } from "~/http/http-errors.server";
import { ensureLanguage } from "~/i18n/strings";

export async function loader() {
  return redirect("/");
}

/** Switches the interface language; remembered in a cookie and, when signed in, on the account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const language = form.get("language");
  if (!isLanguageCode(language)) throw badRequest();
  const user = await getSessionUser(request);
  if (user) {
    await setPreferredLanguage(await getDb(), user.id, language);
  }
  return redirect(safeRedirectPath(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await languageCookie.serialize(language) },
  });
}

/** In the browser: fetch the new language's strings while the server records the choice. */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const language = (await request.clone().formData()).get("language");
  const [result] = await Promise.all([serverAction(), isLanguageCode(language) ? ensureLanguage(i18next, language).catch(() => undefined) : undefined]);
  return result;
}
