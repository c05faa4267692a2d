import i18next from "i18next";
import { FALLBACK_LANGUAGE, i18nOptions } from "./config";
import { resources } from "./resources.server";

// Synchronous (initImmediate: false): every string is here, nothing to load.
if (!i18next.isInitialized) void i18next.init({ ...i18nOptions, resources, lng: FALLBACK_LANGUAGE, initImmediate: false });
