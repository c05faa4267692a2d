import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { isFormerMember } from "~/domain/data-rights";

type Translation = { id: string; language: string; dir: string; text: string; translatorName: string; mayRemove?: boolean };

/** A language's name in the page's language (its code if the interface does not know it). */
export function useLanguageName() {
  const { t } = useTranslation();
  return (code: string) => t(`languageNames.${code}`, { defaultValue: code });
}

/**
 * An idea's original text and its human translations, side by side (stacked on a phone). Each
 * text carries its own language and direction, so an Arabic idea reads right to left on an
 * English page and the other way round.
 */
export function IdeaTexts({
  text,
  language,
  dir,
  translations,
  removable = false,
}: {
  text: string;
  language: string;
  dir: string;
  translations: Translation[];
  removable?: boolean;
}) {
  const { t } = useTranslation();
  const name = useLanguageName();
  return (
    <div className={translations.length ? "idea-texts side-by-side" : "idea-texts"}>
      <section className="idea-text original">
        <p className="idea-text-label">{t("ideas.original", { language: name(language) })}</p>
        <p className="idea-text-body" lang={language} dir={dir}>
          {text}
        </p>
      </section>
      {translations.map((tr) => (
        <section key={tr.id} className="idea-text translation">
          <p className="idea-text-label">
            {t("ideas.translation", { language: name(tr.language), name: isFormerMember(tr.translatorName) ? t("formerMember") : tr.translatorName })}
          </p>
          <p className="idea-text-body" lang={tr.language} dir={tr.dir}>
            {tr.text}
          </p>
          {removable && tr.mayRemove ? (
            <Form method="post" className="inline-form">
              <CsrfField />
              <input type="hidden" name="intent" value="remove-translation" />
              <input type="hidden" name="translationId" value={tr.id} />
              <button type="submit" className="button-link">
                {t("ideas.translate.remove", { language: name(tr.language) })}
              </button>
            </Form>
          ) : null}
        </section>
      ))}
    </div>
  );
}
