/** Where a person stands in the local system (Person.sector). */
export const SECTORS = [
  "resident",
  "parent",
  "young_person",
  "local_organisation",
  "public_service",
  "councillor",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

/** Person.languages is stored as comma-separated BCP 47 codes. */
export function parseLanguages(stored: string): string[] {
  return stored
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean);
}
