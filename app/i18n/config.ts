/** Languages the interface ships in. Arabic is written right to left. */
export const LANGUAGES = [
  { code: "en", nativeName: "English", dir: "ltr" },
  { code: "ar", nativeName: "العربية", dir: "rtl" },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]["code"];
export const SUPPORTED_LANGUAGES: LanguageCode[] = LANGUAGES.map((l) => l.code);
export const FALLBACK_LANGUAGE: LanguageCode = "en";

export type Messages = { [key: string]: string | Messages };

/**
 * Wraps every interpolated value in Unicode isolates (FSI … PDI), so a Latin place name or a
 * number inside an Arabic sentence keeps its own direction and cannot reorder the sentence.
 */
export function isolatePlaceholders<T extends Messages>(messages: T): T {
  const out: Messages = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = typeof value === "string" ? value.replace(/\{\{(\w+)\}\}/g, "\u2068{{$1}}\u2069") : isolatePlaceholders(value);
  }
  return out as T;
}

export const i18nOptions = {
  supportedLngs: SUPPORTED_LANGUAGES,
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false }, // React escapes
} as const;

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as string[]).includes(value);
}

export function directionOf(code: string): "ltr" | "rtl" {
  return LANGUAGES.find((l) => l.code === code)?.dir ?? "ltr";
}
