/**
 * Connectedness of a locality's group (Stage 1): how many people, from how many sectors, how many
 * ties between them, how many cross sectors and levels of the local system, who has no tie yet,
 * which sessions brought new ties, and how the number of ties grows month by month.
 * Pure: the data layer reads people and ties and calls `measureConnectedness`.
 */

/** The levels of the local system the programme wants connected. */
export const LEVELS = ["resident", "professional", "politician", "other"] as const;
export type Level = (typeof LEVELS)[number];

const LEVEL_OF_SECTOR: Record<string, Level> = {
  resident: "resident",
  parent: "resident",
  young_person: "resident",
  local_organisation: "professional",
  public_service: "professional",
  councillor: "politician",
};

/** resident, parent, young person → resident; local organisation, public service → professional; councillor → politician. */
export function levelOf(sector: string): Level {
  return LEVEL_OF_SECTOR[sector] ?? "other";
}

/** The key of an unordered level pair, in LEVELS order: "resident–professional", "resident–resident"… */
export function levelPairKey(one: Level, other: Level): string {
  const [a, b] = LEVELS.indexOf(one) <= LEVELS.indexOf(other) ? [one, other] : [other, one];
  return `${a}–${b}`;
}

export type ConnectednessPerson = { id: string; sector: string };
export type ConnectednessTie = {
  personAId: string;
  personBId: string;
  status: string;
  since: Date | string;
  createdAt: Date | string;
  workshopId: string | null;
};

export type Connectedness = {
  /** Number of people in the group. */
  people: number;
  /** Distinct sectors among the people. */
  sectors: number;
  /** The distinct sectors themselves, sorted. */
  sectorList: string[];
  /** Confirmed ties between people of the list (suggested ties never count). */
  ties: number;
  /** Confirmed ties whose two people are of different sectors. */
  crossSectorTies: number;
  /** Confirmed ties whose two people are of different levels. */
  crossLevelTies: number;
  /** Confirmed ties per unordered level pair ("resident–professional": 12); only pairs that occur. */
  levelPairs: Record<string, number>;
  /** Ids of people with no confirmed tie, in the order given. */
  isolated: string[];
  /** Confirmed ties per person id (every person listed, 0 included). */
  tiesPerPerson: Record<string, number>;
  /** Confirmed ties per workshop (ties made at or recorded from a session). */
  tiesPerWorkshop: Record<string, number>;
  /** Cumulative confirmed ties by month of `since` ("2026-03"), months without new ties between included, sorted. */
  growth: { month: string; added: number; total: number }[];
};

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function measureConnectedness(people: ConnectednessPerson[], ties: ConnectednessTie[]): Connectedness {
  const sectorOf = new Map(people.map((p) => [p.id, p.sector]));
  const tiesPerPerson: Record<string, number> = {};
  for (const p of people) tiesPerPerson[p.id] = 0;
  const levelPairs: Record<string, number> = {};
  const tiesPerWorkshop: Record<string, number> = {};
  const addedByMonth = new Map<string, number>();
  const seen = new Set<string>();
  let count = 0;
  let crossSectorTies = 0;
  let crossLevelTies = 0;

  for (const tie of ties) {
    if (tie.status !== "confirmed") continue;
    const a = sectorOf.get(tie.personAId);
    const b = sectorOf.get(tie.personBId);
    if (a === undefined || b === undefined || tie.personAId === tie.personBId) continue;
    const key = tie.personAId < tie.personBId ? `${tie.personAId}|${tie.personBId}` : `${tie.personBId}|${tie.personAId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    count++;
    tiesPerPerson[tie.personAId]! += 1;
    tiesPerPerson[tie.personBId]! += 1;
    if (a !== b) crossSectorTies++;
    const la = levelOf(a);
    const lb = levelOf(b);
    if (la !== lb) crossLevelTies++;
    const pair = levelPairKey(la, lb);
    levelPairs[pair] = (levelPairs[pair] ?? 0) + 1;
    if (tie.workshopId) tiesPerWorkshop[tie.workshopId] = (tiesPerWorkshop[tie.workshopId] ?? 0) + 1;
    const since = toDate(tie.since);
    const month = monthOf(Number.isNaN(since.getTime()) ? toDate(tie.createdAt) : since);
    addedByMonth.set(month, (addedByMonth.get(month) ?? 0) + 1);
  }

  const growth: Connectedness["growth"] = [];
  const months = [...addedByMonth.keys()].filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  if (months.length > 0) {
    const last = months[months.length - 1]!;
    let total = 0;
    // Fill the months in between (capped so a stray date cannot make a huge series).
    for (let month = months[0]!, n = 0; n < 600; month = nextMonth(month), n++) {
      const added = addedByMonth.get(month) ?? 0;
      total += added;
      growth.push({ month, added, total });
      if (month === last) break;
    }
  }

  const sectorList = [...new Set(people.map((p) => p.sector))].sort();
  return {
    people: people.length,
    sectors: sectorList.length,
    sectorList,
    ties: count,
    crossSectorTies,
    crossLevelTies,
    levelPairs,
    isolated: people.filter((p) => tiesPerPerson[p.id] === 0).map((p) => p.id),
    tiesPerPerson,
    tiesPerWorkshop,
    growth,
  };
}
