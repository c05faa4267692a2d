import { createInstance, type TFunction } from "i18next";
import { i18nOptions, resources } from "./config";

// A synchronous instance for code outside React's tree (page titles, server messages).
const instance = createInstance();
void instance.init({ ...i18nOptions, resources, lng: "en", initImmediate: false });

/** A translate function fixed to one language. */
export function translator(locale: string): TFunction {
  return instance.getFixedT(locale);
}
