/**
 * Dates in the interface language, in UK time (where the groups meet), so the server's and
 * the browser's renderings agree. Arabic keeps Western digits, as the groups' documents do.
 */
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // Building an Intl.DateTimeFormat is slow (pages render hundreds of dates): one per language
  // and options, kept for the process (they hold no one's data).
  const key = `${locale === "ar" ? "ar" : "en"} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "ar" ? "ar-GB-u-nu-latn" : "en-GB", { ...options, timeZone: "Europe/London" });
    if (formatters.size < 200) formatters.set(key, formatter);
  }
  return formatter;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
