// Small pieces shared by the public phone pages (/i/<code>, /r/<secret>): the language links
// and a plain message page. No client-side behaviour: these pages are not hydrated.
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
