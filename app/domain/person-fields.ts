/**
 * The fixed vocabularies of a person's record (sectors, what they bring, languages) and how the
 * stored lists read back. Apart from people.ts, which validates profiles with zod, so that pages
 * that only show a person's sector or languages do not fetch zod in the browser.
 */

/** Where a person stands in the local system (Person.sector). */
export const SECTORS = ["resident", "parent", "young_person", "local_organisation", "public_service", "councillor", "other"] as const;
export type Sector = (typeof SECTORS)[number];

/** The kinds of what a person brings (Person.bringsKinds, comma separated). */
export const BRINGS_KINDS = ["skills", "knowledge", "networks", "time", "places"] as const;
export type BringsKind = (typeof BRINGS_KINDS)[number];

/** Languages a profile can list (named in core strings `languageNames.*`). */
export const PERSON_LANGUAGES = ["en", "ar", "ur", "so", "bn", "pl", "pa", "ro", "ku", "fa", "ps", "ti", "gu", "fr"] as const;

/** Person.languages is stored as comma-separated BCP 47 codes. */
export function parseLanguages(stored: string): string[] {
  return stored
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean);
}

/** Person.bringsKinds, read back (unknown words dropped). */
export function parseBringsKinds(stored: string): BringsKind[] {
  return parseLanguages(stored).filter((k): k is BringsKind => (BRINGS_KINDS as readonly string[]).includes(k));
}
