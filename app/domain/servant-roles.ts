/**
 * The 21st-century public servant roles a person carries on the core group (from the research
 * behind the programme, seed 001): storyteller, weaver, architect and navigator; and, computed
 * from the group's ties, who weaves between sectors. Pure: the data layer reads people and ties.
 * The roles form's schema is in servant-roles-input.ts, so that pages showing roles need no zod.
 */
import type { ConnectednessPerson, ConnectednessTie } from "./connectedness";

/** The four roles, in the order the research names them. */
export const SERVANT_ROLES = ["storyteller", "weaver", "architect", "navigator"] as const;
export type ServantRole = (typeof SERVANT_ROLES)[number];

export function isServantRole(value: unknown): value is ServantRole {
  return typeof value === "string" && (SERVANT_ROLES as readonly string[]).includes(value);
}

/** The roles stored on a person ("weaver,navigator"): known ones only, once each, in SERVANT_ROLES order. */
export function parseServantRoles(stored: string | null | undefined): ServantRole[] {
  const given = new Set((stored ?? "").split(",").map((s) => s.trim()));
  return SERVANT_ROLES.filter((role) => given.has(role));
}

/** How Person.servantRoles keeps a list of roles. */
export function servantRolesRecord(roles: readonly ServantRole[]): string {
  const chosen = new Set(roles);
  return SERVANT_ROLES.filter((role) => chosen.has(role)).join(",");
}

/** A person's reach across sectors through their confirmed ties. */
export type SectorReach = {
  id: string;
  /** The distinct sectors of the people they are tied to, sorted (their own included when they have a tie within it). */
  reached: string[];
  /** The distinct sectors they span: their own and every sector they reach, sorted. */
  spans: string[];
  /** Their confirmed ties to someone of another sector. */
  crossSectorTies: number;
};

/**
 * Each person's reach (every person listed, in the order given). Ties count as
 * `measureConnectedness` counts them: confirmed only, between two people of the list, each pair
 * once, never a tie to oneself.
 */
export function sectorReach(people: readonly ConnectednessPerson[], ties: readonly ConnectednessTie[]): SectorReach[] {
  const sectorOf = new Map(people.map((p) => [p.id, p.sector]));
  const reached = new Map<string, Set<string>>(people.map((p) => [p.id, new Set()]));
  const cross = new Map<string, number>(people.map((p) => [p.id, 0]));
  const seen = new Set<string>();
  for (const tie of ties) {
    if (tie.status !== "confirmed" || tie.personAId === tie.personBId) continue;
    const a = sectorOf.get(tie.personAId);
    const b = sectorOf.get(tie.personBId);
    if (a === undefined || b === undefined) continue;
    const key = tie.personAId < tie.personBId ? `${tie.personAId}|${tie.personBId}` : `${tie.personBId}|${tie.personAId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reached.get(tie.personAId)!.add(b);
    reached.get(tie.personBId)!.add(a);
    if (a !== b) {
      cross.set(tie.personAId, cross.get(tie.personAId)! + 1);
      cross.set(tie.personBId, cross.get(tie.personBId)! + 1);
    }
  }
  return people.map((p) => {
    const sectors = reached.get(p.id)!;
    return {
      id: p.id,
      reached: [...sectors].sort(),
      spans: [...new Set([p.sector, ...sectors])].sort(),
      crossSectorTies: cross.get(p.id)!,
    };
  });
}

/**
 * "Who weaves between sectors?", computed from ties: the people whose ties span the most sectors
 * (at least two: one tie across sectors), most first; equal spans by more ties across sectors,
 * then in the order given. At most `limit`, but never cutting between two people of equal span
 * and equal ties across sectors.
 */
export function weaversBetweenSectors(people: readonly ConnectednessPerson[], ties: readonly ConnectednessTie[], limit = 5): SectorReach[] {
  const ranked = sectorReach(people, ties)
    .map((reach, index) => ({ reach, index }))
    .filter(({ reach }) => reach.spans.length >= 2)
    .sort((x, y) => y.reach.spans.length - x.reach.spans.length || y.reach.crossSectorTies - x.reach.crossSectorTies || x.index - y.index)
    .map(({ reach }) => reach);
  if (ranked.length <= limit || limit <= 0) return limit <= 0 ? [] : ranked;
  const last = ranked[limit - 1]!;
  let end = limit;
  while (end < ranked.length && ranked[end]!.spans.length === last.spans.length && ranked[end]!.crossSectorTies === last.crossSectorTies) end++;
  return ranked.slice(0, end);
}
