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
import { INLINE_STRINGS_ID, inlineStringsJson, loadAllStrings, partsOf, useInterfaceLanguage } from "~/i18n/strings";
import { useNonce } from "~/components/nonce";
import { CsrfField } from "~/components/ui/csrf-field";
import stylesheet from "~/styles/app.css";

/**
 * public/favicon.svg, inline: a phone on a slow network would otherwise fetch it on the first load
 * and again after every client-side navigation (the CSP allows data: images).
 */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>Coproduce</title><circle cx="11" cy="16" r="8" fill="#0b6e4f"/><circle cx="21" cy="16" r="8" fill="#f2a541" fill-opacity=".85"/></svg>',
)}`;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: FAVICON, type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Coproduce" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // loadAllStrings: read once per process, so that the page can inline its string parts.
  const [locale, user] = await Promise.all([i18nServer.getLocale(request), getSessionUser(request), loadAllStrings()]);
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
  // The string parts this page's routes need, inlined so that the browser can start without
  // fetching them (app/i18n/strings.ts).
  const parts = partsOf(matches);
  const strings = inlineStringsJson(locale, parts);
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
        {strings === null ? null : (
          // Data, not a script: the browser never runs it, so the CSP has nothing to allow. As raw
          // text, not escaped JSX text (entities would stay in a script element's content); it is
          // our own strings, serialised with every "<" escaped, so it cannot close the element.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON of our own strings, "<" escaped (strings.ts)
          <script id={INLINE_STRINGS_ID} type="application/json" dangerouslySetInnerHTML={{ __html: strings }} suppressHydrationWarning />
        )}
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
