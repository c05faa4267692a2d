/**
 * The browser's share of the interface strings: only the page's language, and only the parts
 * its routes name. Every page needs "core"; a route that needs more says so with
 * `handle = { strings: [...] }` and `clientLoader = withStrings([...])` (for arrival by
 * client-side navigation). The first page comes with its parts inlined by the server (root.tsx
 * writes them as a JSON block, <html data-strings> names them), so starting needs no request for
 * them; later pages fetch the parts they add, one chunk per language and file. Switching language
 * loads the same parts in the new language before the interface changes.
 */
import i18next, { type i18n as I18n } from "i18next";
// Every route module imports this one, so it carries the browser's shared chunk (see there).
import "~/components/ui/shared-chunk.client";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useEffect } from "react";
import { directionOf, isLanguageCode, isolatePlaceholders, SUPPORTED_LANGUAGES, type LanguageCode, type Messages } from "./config";

export type StringPart = "core" | "pages" | "board" | "document" | "relationships" | "stories" | "ideas" | "prototypes" | "servant";
export const STRING_PARTS: readonly StringPart[] = ["core", "pages", "board", "document", "relationships", "stories", "ideas", "prototypes", "servant"];

type Loader = () => Promise<Messages>;
const json =
  (load: () => Promise<{ default: Messages }>): Loader =>
  () =>
    load().then((m) => m.default);
const merged =
  (...loaders: Loader[]): Loader =>
  () =>
    Promise.all(loaders.map((l) => l())).then((all) => Object.assign({}, ...all) as Messages);
// Literal import() calls, so the bundler gives each language's file a chunk of its own.
const LOADERS: Record<LanguageCode, Record<StringPart, Loader>> = {
  en: {
    core: json(() => import("./locales/en.json")),
    pages: merged(
      json(() => import("./locales/pages.en.json")),
      json(() => import("./locales/stages.en.json")),
    ),
    board: merged(
      json(() => import("./locales/board.en.json")),
      json(() => import("./locales/paper.en.json")),
    ),
    document: json(() => import("./locales/document.en.json")),
    relationships: merged(
      json(() => import("./locales/relationships.en.json")),
      json(() => import("./locales/workshops.en.json")),
      json(() => import("./locales/purpose.en.json")),
      json(() => import("./locales/plans.en.json")),
    ),
    stories: merged(
      json(() => import("./locales/stories.en.json")),
      json(() => import("./locales/analysis.en.json")),
      json(() => import("./locales/insights.en.json")),
      // The exchange's section on an insight's page.
      json(() => import("./locales/exchange.en.json")),
    ),
    ideas: merged(
      json(() => import("./locales/challenges.en.json")),
      json(() => import("./locales/ideas.en.json")),
      json(() => import("./locales/phone.en.json")),
    ),
    servant: json(() => import("./locales/servant.en.json")),
    prototypes: merged(
      json(() => import("./locales/prototypes.en.json")),
      json(() => import("./locales/cycles.en.json")),
      json(() => import("./locales/measures.en.json")),
      json(() => import("./locales/feedback.en.json")),
      // The exchange: its pages, and its section on a prototype's page.
      json(() => import("./locales/exchange.en.json")),
    ),
  },
  ar: {
    core: json(() => import("./locales/ar.json")),
    pages: merged(
      json(() => import("./locales/pages.ar.json")),
      json(() => import("./locales/stages.ar.json")),
    ),
    board: merged(
      json(() => import("./locales/board.ar.json")),
      json(() => import("./locales/paper.ar.json")),
    ),
    document: json(() => import("./locales/document.ar.json")),
    relationships: merged(
      json(() => import("./locales/relationships.ar.json")),
      json(() => import("./locales/workshops.ar.json")),
      json(() => import("./locales/purpose.ar.json")),
      json(() => import("./locales/plans.ar.json")),
    ),
    stories: merged(
      json(() => import("./locales/stories.ar.json")),
      json(() => import("./locales/analysis.ar.json")),
      json(() => import("./locales/insights.ar.json")),
      // The exchange's section on an insight's page.
      json(() => import("./locales/exchange.ar.json")),
    ),
    ideas: merged(
      json(() => import("./locales/challenges.ar.json")),
      json(() => import("./locales/ideas.ar.json")),
      json(() => import("./locales/phone.ar.json")),
    ),
    servant: json(() => import("./locales/servant.ar.json")),
    prototypes: merged(
      json(() => import("./locales/prototypes.ar.json")),
      json(() => import("./locales/cycles.ar.json")),
      json(() => import("./locales/measures.ar.json")),
      json(() => import("./locales/feedback.ar.json")),
      // The exchange: its pages, and its section on a prototype's page.
      json(() => import("./locales/exchange.ar.json")),
    ),
  },
};

export function isStringPart(value: unknown): value is StringPart {
  return typeof value === "string" && (STRING_PARTS as readonly string[]).includes(value);
}

/** The parts the matched routes ask for (their `handle.strings`), "core" first. */
export function partsOf(matches: readonly { handle?: unknown }[]): StringPart[] {
  const parts = new Set<StringPart>(["core"]);
  for (const m of matches) {
    const wanted = (m.handle as { strings?: unknown } | undefined)?.strings;
    if (Array.isArray(wanted)) for (const p of wanted) if (isStringPart(p)) parts.add(p);
  }
  return [...parts];
}

const loaded = new Map<string, Promise<Messages>>();
/** Parts whose fetch has finished, by `language:part` (the server reads them synchronously to inline them). */
const settled = new Map<string, Messages>();
/** Parts asked for so far in this tab (the set a language switch loads again). */
const wantedParts = new Set<StringPart>(["core"]);

function fetchPart(language: LanguageCode, part: StringPart): Promise<Messages> {
  const key = `${language}:${part}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = LOADERS[language][part]().then((m) => (directionOf(language) === "rtl" ? isolatePlaceholders(m) : m));
    pending.then(
      (m) => settled.set(key, m),
      () => loaded.delete(key), // a failed fetch (offline) is tried again next time
    );
    loaded.set(key, pending);
  }
  return pending;
}

/** The strings of `parts` in `language`, merged, for i18next's `resources` at start-up. */
export async function loadStrings(language: string, parts: readonly StringPart[]): Promise<Messages> {
  const code = isLanguageCode(language) ? language : "en";
  parts.forEach((p) => wantedParts.add(p));
  const bundles = await Promise.all(parts.map((p) => fetchPart(code, p)));
  return Object.assign({}, ...bundles) as Messages;
}

/** Adds `parts` in `language` to a running i18next instance (each part is fetched once). */
export async function ensureStrings(instance: I18n, language: string, parts: readonly StringPart[]): Promise<void> {
  const strings = await loadStrings(language, parts);
  instance.addResourceBundle(isLanguageCode(language) ? language : "en", "common", strings, true, false);
}

/** Loads every part this tab has used, in `language` (before switching to it). */
export function ensureLanguage(instance: I18n, language: string): Promise<void> {
  return ensureStrings(instance, language, [...wantedParts]);
}

/** A route's clientLoader: its server data and its string parts, together. */
export function withStrings(parts: readonly StringPart[]) {
  return async ({ serverLoader }: ClientLoaderFunctionArgs) => {
    const [data] = await Promise.all([serverLoader(), ensureStrings(i18next, i18next.language, parts)]);
    return data;
  };
}

/** Follows the language the server chose (the root loader's locale), loading its strings first. */
export function useInterfaceLanguage(instance: I18n, locale: string) {
  useEffect(() => {
    if (instance.language === locale) return;
    let current = true;
    void ensureLanguage(instance, locale).then(() => {
      if (current) void instance.changeLanguage(locale);
    });
    return () => {
      current = false;
    };
  }, [instance, locale]);
}

/** The id of the JSON block in which the server inlines the first page's strings. */
export const INLINE_STRINGS_ID = "coproduce-strings";

let everyPart: Promise<unknown> | null = null;
/** Server: every part in every language, read once per process, so any page's can be inlined. */
export function loadAllStrings(): Promise<unknown> {
  everyPart ??= Promise.all(SUPPORTED_LANGUAGES.flatMap((language) => STRING_PARTS.map((part) => fetchPart(language, part))));
  return everyPart;
}

const inlined = new Map<string, string>();
/** The JSON block of the browser's copy of the first page's parts (as sent; kept so hydration renders the same). */
let startupJson: string | null = null;

/**
 * The strings of `parts` in `language` as the text of a JSON block in the page: on the server,
 * built from the parts (once `loadAllStrings` has settled; null before); in the browser, the block
 * the page came with, unchanged for the tab's life. `<` is escaped so the text cannot end the block.
 */
export function inlineStringsJson(language: string, parts: readonly StringPart[]): string | null {
  if (typeof document !== "undefined") return startupJson;
  const code = isLanguageCode(language) ? language : "en";
  const key = `${code}:${parts.join(" ")}`;
  let json = inlined.get(key);
  if (json === undefined) {
    const bundles = parts.map((p) => settled.get(`${code}:${p}`));
    if (bundles.some((b) => b === undefined)) return null;
    json = JSON.stringify(Object.assign({}, ...bundles)).replace(/</g, "\\u003c");
    inlined.set(key, json);
  }
  return json;
}

/**
 * Browser start-up: the strings inlined in the page for `parts` in `language`, or null when the
 * page has none (then `loadStrings` fetches them). Those parts count as loaded from then on.
 */
export function adoptInlineStrings(language: string, parts: readonly StringPart[]): Messages | null {
  const block = document.getElementById(INLINE_STRINGS_ID);
  if (!block?.textContent) return null;
  const strings = JSON.parse(block.textContent) as Messages;
  startupJson = block.textContent;
  const code = isLanguageCode(language) ? language : "en";
  for (const part of parts) {
    wantedParts.add(part);
    // Already in i18next's store: a later ensureStrings for this part adds nothing.
    loaded.set(`${code}:${part}`, Promise.resolve({}));
  }
  return strings;
}
