// Small pieces shared by the public phone pages (/i/<code>, /r/<secret>, /f/<code>, /card/<code>):
// the language links, a plain message page and the error page. No client-side behaviour: these
// pages are not hydrated.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "~/i18n/config";

/** Links to the same page in the challenge's other languages (?lng=…). */
export function LanguageLinks({ languages, current }: { languages: readonly string[]; current: string }) {
  const { t } = useTranslation();
  const others = LANGUAGES.filter((l) => l.code !== current && languages.includes(l.code));
  if (others.length === 0) return null;
  return (
    <nav className="phone-langs" aria-label={t("phone.languagesLabel")}>
      {others.map((l) => (
        <a key={l.code} href={`?lng=${l.code}`} hrefLang={l.code} lang={l.code}>
          {l.nativeName}
        </a>
      ))}
    </nav>
  );
}

/** A page that is only a message: a heading and a paragraph or two. */
export function PhoneMessage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="phone-page phone-message" aria-labelledby="phone-message-title">
      <h1 id="phone-message-title">{title}</h1>
      {children}
    </section>
  );
}

/**
 * A public phone page's error boundary: its own "not found" message (the keys `<notFound>.title`
 * and `<notFound>.body`) for a 404, and the general message for a 400, 403 or 413, else a 500's.
 */
export function PhoneErrorPage({ notFound }: { notFound: string }) {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <PhoneMessage title={t(`${notFound}.title`)}>
        <p>{t(`${notFound}.body`)}</p>
      </PhoneMessage>
    );
  }
  const key = isRouteErrorResponse(error) && [400, 403, 413].includes(error.status) ? String(error.status) : "500";
  return (
    <PhoneMessage title={t(`errors.${key}.title`)}>
      <p>{t(`errors.${key}.body`)}</p>
    </PhoneMessage>
  );
}

/** The page after a send: what happened (announced), and a link to send another. */
export function PhoneSent({
  title,
  body,
  again,
  againClassName,
}: {
  title: string;
  body: string;
  again: { href: string; text: string };
  againClassName?: string;
}) {
  return (
    <section className="phone-page phone-message" aria-labelledby="phone-message-title">
      <div className="phone-done" role="status">
        <h1 id="phone-message-title">{title}</h1>
        <p>{body}</p>
      </div>
      <p className={againClassName}>
        <a href={again.href}>{again.text}</a>
      </p>
    </section>
  );
}
