import { LANGUAGES } from "~/i18n/config";

/** The interface languages as select options, each named in its own language. */
export const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l.code, label: l.nativeName, lang: l.code }));
