import i18next, { type TFunction } from "i18next";
// On the server, this fills the shared instance with every string; in the browser it is an empty
// module, and entry.client fills the instance with the parts the page needs (strings.ts).
import "./shared-instance.server";

/** A translate function fixed to one language, for code outside React's tree (page titles, server messages). */
export function translator(locale: string): TFunction {
  return i18next.getFixedT(locale);
}
