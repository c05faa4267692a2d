import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { getSessionUser } from "~/auth/session.server";
import { env } from "~/config/env.server";
import { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES, i18nOptions } from "./config";
import { resources } from "./resources.server";

/** Remembers an explicit language choice for a year (signed-in or not). */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
  get secure() {
    return env().COOKIE_SECURE;
  },
});

/** Language order: the link's own ?lng=, an explicit choice (cookie), the account's preference, then Accept-Language. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: SUPPORTED_LANGUAGES,
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
    // ?lng=ar first: a public link or QR poster can open a page in the language it was printed in.
    order: ["searchParams", "cookie", "custom", "header"],
    async findLocale(request) {
      const user = await getSessionUser(request);
      return user?.preferredLanguage ?? null;
    },
  },
  i18next: { ...i18nOptions, resources },
});
