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

/** Language order: an explicit choice (cookie), the account's preference, then Accept-Language. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: SUPPORTED_LANGUAGES,
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "custom", "header"],
    async findLocale(request) {
      const user = await getSessionUser(request);
      return user?.preferredLanguage ?? null;
    },
  },
  i18next: { ...i18nOptions, resources },
});
