import { isolatePlaceholders } from "./config";
import { messages } from "./locales";

/** Every string of every language, for server rendering (the browser loads parts: strings.ts). */
export const resources = { en: { common: messages.en }, ar: { common: isolatePlaceholders(messages.ar) } } as const;
