import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSessionUser } from "~/auth/session.server";
import { csrfTokenFor, newFormLoadId } from "~/auth/csrf.server";
import { i18nServer } from "~/i18n/i18next.server";
import { LANGUAGES, directionOf } from "~/i18n/config";
import { partsOf, useInterfaceLanguage } from "~/i18n/strings";
import { useNonce } from "~/components/nonce";
import { CsrfField } from "~/components/ui/csrf-field";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Coproduce" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([i18nServer.getLocale(request), getSessionUser(request)]);
  return {
    locale,
    user: user ? { name: user.name, email: user.email } : null,
    csrfToken: csrfTokenFor(context.csrf.csrfCookie),
    /** A new id at every load of the page's data: each form's key starts with it (CsrfField). */
    formLoad: newFormLoadId(),
  };
}

export const handle = { i18n: "common" };

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** The query without `lng` (which would otherwise outrank the choice just made). */
function withoutLanguageParam(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("lng");
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

function LanguageSwitcher({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher">
      <CsrfField />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${withoutLanguageParam(location.search)}`} />
      <span className="visually-hidden" id="language-label">
        {t("nav.language")}
      </span>
      {LANGUAGES.filter((l) => l.code !== locale).map((l) => (
        <button key={l.code} type="submit" name="language" value={l.code} lang={l.code} aria-describedby="language-label" className="button-link">
          {l.nativeName}
        </button>
      ))}
    </Form>
  );
}

function Header() {
  const { t } = useTranslation();
  const data = useRootData();
  const locale = data?.locale ?? "en";
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <Link to={data?.user ? "/home" : "/"} className="brand">
        {t("app.name")}
      </Link>
      <nav aria-label={t("nav.label")} className="site-nav">
        <LanguageSwitcher locale={locale} />
        {data?.user ? (
          <>
            <Link to="/account">{t("nav.account")}</Link>
            <Form method="post" action="/sign-out">
              <CsrfField />
              <button type="submit" className="button-link">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <Link to="/sign-in">{t("nav.signIn")}</Link>
        )}
      </nav>
    </header>
  );
}

/**
 * A public page for phones on a weak signal (a route's `handle.bare`): no site header and no
 * application scripts, so it is whole and usable as HTML and one small stylesheet; at most one
 * small script of its own, which only improves it.
 */
export type BarePage = { stylesheet: string; script?: string };

function barePageOf(matches: readonly { handle?: unknown }[]): BarePage | null {
  for (const m of [...matches].reverse()) {
    const bare = (m.handle as { bare?: BarePage } | undefined)?.bare;
    if (bare && typeof bare.stylesheet === "string") return bare;
  }
  return null;
}

function BareLayout({ bare, locale, children }: { bare: BarePage; locale: string; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* No icon to fetch: a phone on a weak signal would otherwise ask for /favicon.ico. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={bare.stylesheet} />
        {bare.script ? <script src={bare.script} nonce={nonce} defer /> : null}
      </head>
      <body className="bare">
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const locale = data?.locale ?? "en";
  const { i18n } = useTranslation();
  useInterfaceLanguage(i18n, locale);
  const matches = useMatches();
  const bare = barePageOf(matches);
  if (bare)
    return (
      <BareLayout bare={bare} locale={locale}>
        {children}
      </BareLayout>
    );
  // The string parts this page's routes need: the browser loads just these (app/i18n/strings.ts).
  const parts = partsOf(matches);
  return (
    <html lang={locale} dir={directionOf(locale)} data-strings={parts.join(" ")}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = [400, 403, 404, 413, 429].includes(status) ? String(status) : "500";
  return (
    <section className="page narrow error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <Link to="/">{t("errors.home")}</Link>
      </p>
    </section>
  );
}
