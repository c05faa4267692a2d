import type { Db } from "./db.server";
import { measureConnectedness, type Connectedness } from "~/domain/connectedness";
import { recordAudit } from "./audit.server";
import { orderedPair } from "~/domain/ties";
import type { TieInput } from "~/domain/people";

/** The connectedness measures of a locality (people, sectors, ties, across sectors and levels, growth). */
export async function loadConnectedness(db: Db, localityId: string): Promise<Connectedness> {
  const [people, ties] = await Promise.all([
    db.person.findMany({ where: { localityId }, select: { id: true, sector: true }, orderBy: { displayName: "asc" } }),
    db.tie.findMany({
      where: { localityId },
      select: { personAId: true, personBId: true, status: true, since: true, createdAt: true, workshopId: true },
    }),
  ]);
  return measureConnectedness(people, ties);
}

const PERSON_BRIEF = { select: { id: true, displayName: true, sector: true } } as const;

/** A person's ties (both statuses), the other end first, with who introduced them and at which session. */
export async function tiesOfPerson(db: Db, localityId: string, personId: string) {
  const ties = await db.tie.findMany({
    where: { localityId, OR: [{ personAId: personId }, { personBId: personId }] },
    include: { personA: PERSON_BRIEF, personB: PERSON_BRIEF, introducedBy: PERSON_BRIEF, workshop: { select: { id: true, title: true, startsAt: true } } },
    orderBy: [{ since: "desc" }],
  });
  return ties.map((t) => ({
    id: t.id,
    other: t.personAId === personId ? t.personB : t.personA,
    kind: t.kind,
    strength: t.strength,
    since: t.since,
    note: t.note,
    status: t.status,
    introducedBy: t.introducedBy,
    workshop: t.workshop,
  }));
}

type PersonBrief = { id: string; displayName: string; sector: string };

/**
 * Every tie of the locality with both people, for the relationship map and its tables. The pair
 * is taken from `people` (the locality's people, which the map has read anyway: one object per
 * person, however many ties they have) and read only for anyone not among them.
 */
export async function listTies(db: Db, localityId: string, people: readonly PersonBrief[] = []) {
  const ties = await db.tie.findMany({
    where: { localityId },
    include: { introducedBy: PERSON_BRIEF, workshop: { select: { id: true, title: true } } },
    orderBy: [{ since: "asc" }, { createdAt: "asc" }],
  });
  const known = new Map(people.map((p) => [p.id, p]));
  const missing = [...new Set(ties.flatMap((t) => [t.personAId, t.personBId]))].filter((id) => !known.has(id));
  if (missing.length) for (const p of await db.person.findMany({ where: { id: { in: missing } }, ...PERSON_BRIEF })) known.set(p.id, p);
  return ties.map(({ introducedBy, workshop, ...tie }) => ({
    ...tie,
    personA: known.get(tie.personAId)!,
    personB: known.get(tie.personBId)!,
    introducedBy,
    workshop,
  }));
}

export type RecordTieResult =
  | { ok: true; tieId: string; updated: boolean }
  | { ok: false; error: "self" | "exists" | "otherPerson" | "introducedBy" | "workshop" | "notYours"; tieId?: string };

/**
 * Records (or, with mode "update", updates) the tie between `personId` and `input.otherPersonId`.
 * Refuses a tie to oneself, people or sessions of another locality, an existing pair unless
 * updating, and — when `mustInclude` is given (a member) — a tie that person is not part of.
 */
export async function recordTie(
  db: Db,
  args: { localityId: string; actorId: string; personId: string; input: TieInput; mustInclude?: string | null },
): Promise<RecordTieResult> {
  const { localityId, personId, input } = args;
  if (personId === input.otherPersonId) return { ok: false, error: "self" };
  if (args.mustInclude !== undefined && args.mustInclude !== personId && args.mustInclude !== input.otherPersonId) return { ok: false, error: "notYours" };
  return db.$transaction(async (tx) => {
    const found = await tx.person.count({ where: { localityId, id: { in: [personId, input.otherPersonId] } } });
    if (found !== 2) return { ok: false, error: "otherPerson" } as const;
    if (input.introducedById) {
      const introducer = await tx.person.count({ where: { localityId, id: input.introducedById } });
      if (!introducer || input.introducedById === personId || input.introducedById === input.otherPersonId)
        return { ok: false, error: "introducedBy" } as const;
    }
    if (input.workshopId && !(await tx.workshop.count({ where: { localityId, id: input.workshopId } }))) return { ok: false, error: "workshop" } as const;
    const pair = orderedPair(personId, input.otherPersonId);
    const data = {
      kind: input.kind,
      strength: input.strength,
      since: input.since,
      note: input.note,
      introducedById: input.introducedById,
      workshopId: input.workshopId,
    };
    const existing = await tx.tie.findUnique({ where: { personAId_personBId: pair } });
    if (existing && input.mode !== "update") return { ok: false, error: "exists", tieId: existing.id } as const;
    if (existing) {
      // Recording an existing pair again confirms it (a suggested tie becomes a confirmed one).
      await tx.tie.update({ where: { id: existing.id }, data: { ...data, status: "confirmed", confirmedByA: true, confirmedByB: true } });
      await recordAudit(tx, {
        localityId,
        actorId: args.actorId,
        action: "tie.update",
        targetType: "Tie",
        targetId: existing.id,
        detail: { ...pair, kind: input.kind, strength: input.strength },
      });
      return { ok: true, tieId: existing.id, updated: true } as const;
    }
    const tie = await tx.tie.create({ data: { localityId, ...pair, ...data, status: "confirmed", createdById: args.actorId } });
    await recordAudit(tx, {
      localityId,
      actorId: args.actorId,
      action: "tie.create",
      targetType: "Tie",
      targetId: tie.id,
      detail: { ...pair, kind: input.kind, strength: input.strength },
    });
    return { ok: true, tieId: tie.id, updated: false } as const;
  });
}

/** Removes a tie of the locality; with `mustInclude` (a member) only a tie that person is part of. */
export async function removeTie(db: Db, args: { localityId: string; actorId: string; tieId: string; mustInclude?: string | null }) {
  return db.$transaction(async (tx) => {
    const tie = await tx.tie.findFirst({ where: { id: args.tieId, localityId: args.localityId } });
    if (!tie) return "notFound" as const;
    if (args.mustInclude !== undefined && args.mustInclude !== tie.personAId && args.mustInclude !== tie.personBId) return "notYours" as const;
    await tx.tie.delete({ where: { id: tie.id } });
    await recordAudit(tx, {
      localityId: args.localityId,
      actorId: args.actorId,
      action: "tie.remove",
      targetType: "Tie",
      targetId: tie.id,
      detail: { personAId: tie.personAId, personBId: tie.personBId, kind: tie.kind },
    });
    return "removed" as const;
  });
}

/** Sessions of the locality for "met at session", newest first. */
export async function workshopOptions(db: Db, localityId: string) {
  return db.workshop.findMany({ where: { localityId }, select: { id: true, title: true, startsAt: true }, orderBy: { startsAt: "desc" } });
}

/** A tie suggested after a session, still waiting for its sides to confirm. */
export function findSuggestedTie(db: Db, localityId: string, tieId: string) {
  return db.tie.findFirst({ where: { id: tieId, localityId, status: "suggested" }, select: { personAId: true, personBId: true } });
}

export function countTiesOf(db: Db, personId: string): Promise<number> {
  return db.tie.count({ where: { OR: [{ personAId: personId }, { personBId: personId }] } });
}
