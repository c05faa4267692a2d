/**
 * Dates in the interface language, in UK time (where the groups meet), so the server's and
 * the browser's renderings agree. Arabic keeps Western digits, as the groups' documents do.
 */
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === "ar" ? "ar-GB-u-nu-latn" : "en-GB", { ...options, timeZone: "Europe/London" });
}
