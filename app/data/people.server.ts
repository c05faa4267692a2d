import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { duplicatesOf, findDuplicatePairs, mergeConflict, mergedFields, personRecord, planTieMerge, type PersonInput } from "~/domain/people";

const LIST_FIELDS = {
  id: true,
  userId: true,
  displayName: true,
  sector: true,
  organisation: true,
  roleTitle: true,
  brings: true,
  languages: true,
  servantRoles: true,
} as const;

/** The core group for the people list (no contact details), with each person's number of confirmed ties. */
export async function listPeopleWithTies(db: Db, localityId: string) {
  const [people, ties] = await Promise.all([
    db.person.findMany({ where: { localityId }, orderBy: [{ displayName: "asc" }], select: LIST_FIELDS }),
    db.tie.findMany({ where: { localityId, status: "confirmed" }, select: { personAId: true, personBId: true } }),
  ]);
  const count = new Map<string, number>();
  for (const t of ties) {
    count.set(t.personAId, (count.get(t.personAId) ?? 0) + 1);
    count.set(t.personBId, (count.get(t.personBId) ?? 0) + 1);
  }
  return people.map((p) => ({ ...p, ties: count.get(p.id) ?? 0 }));
}

/** One person of this locality (null for an unknown id or a person of another locality). */
export async function getPerson(db: Db, localityId: string, personId: string) {
  return db.person.findFirst({ where: { id: personId, localityId }, include: { user: { select: { id: true, name: true, email: true } } } });
}

/** The person linked to a user in a locality, if any. */
export async function personOfUser(db: Db, localityId: string, userId: string) {
  return db.person.findFirst({ where: { localityId, userId }, select: { id: true, displayName: true } });
}

/** People of the locality that `input` looks like (same name and same email or phone). */
export async function findDuplicatesFor(db: Db, localityId: string, input: { displayName: string; email: string; phone: string }, exceptId?: string) {
  const people = await db.person.findMany({ where: { localityId }, select: { id: true, displayName: true, email: true, phone: true, sector: true } });
  return duplicatesOf({ ...input, id: exceptId }, people);
}

/** Every pair of possible duplicates in the locality. */
export async function listDuplicatePairs(db: Db, localityId: string) {
  const people = await db.person.findMany({
    where: { localityId },
    orderBy: { createdAt: "asc" },
    select: { id: true, displayName: true, email: true, phone: true, sector: true, organisation: true, userId: true, createdAt: true },
  });
  return findDuplicatePairs(people);
}

export async function createPerson(db: Db, input: { localityId: string; actorId: string; person: PersonInput }) {
  return db.$transaction(async (tx) => {
    const person = await tx.person.create({ data: { localityId: input.localityId, addedById: input.actorId, ...personRecord(input.person) } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "person.create",
      targetType: "Person",
      targetId: person.id,
      detail: { name: person.displayName },
    });
    return person;
  });
}

export async function updatePerson(db: Db, input: { localityId: string; actorId: string; personId: string; person: PersonInput }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.person.updateMany({ where: { id: input.personId, localityId: input.localityId }, data: personRecord(input.person) });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "person.update",
      targetType: "Person",
      targetId: input.personId,
      detail: { name: input.person.displayName },
    });
    return true;
  });
}

/** Members of the locality with an account that no person of the locality is linked to yet. */
export async function unlinkedMembers(db: Db, localityId: string) {
  const [memberships, linked] = await Promise.all([
    db.membership.findMany({ where: { localityId }, include: { user: { select: { id: true, name: true, email: true } } } }),
    db.person.findMany({ where: { localityId, userId: { not: null } }, select: { userId: true } }),
  ]);
  const taken = new Set(linked.map((p) => p.userId));
  return memberships
    .filter((m) => !taken.has(m.userId))
    .map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export type LinkResult = { ok: true } | { ok: false; error: "notMember" | "taken" };

/** Links a person to the account of a member of the locality (or unlinks with null). */
export async function linkPerson(db: Db, input: { localityId: string; actorId: string; personId: string; userId: string | null }): Promise<LinkResult> {
  return db.$transaction(async (tx) => {
    if (input.userId) {
      const member = await tx.membership.findUnique({ where: { localityId_userId: { localityId: input.localityId, userId: input.userId } } });
      if (!member) return { ok: false, error: "notMember" } as const;
      const other = await tx.person.findFirst({ where: { localityId: input.localityId, userId: input.userId, id: { not: input.personId } } });
      if (other) return { ok: false, error: "taken" } as const;
    }
    const { count } = await tx.person.updateMany({ where: { id: input.personId, localityId: input.localityId }, data: { userId: input.userId } });
    if (count === 0) return { ok: false, error: "notMember" } as const;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.userId ? "person.link" : "person.unlink",
      targetType: "Person",
      targetId: input.personId,
      detail: { userId: input.userId },
    });
    return { ok: true } as const;
  });
}

/** Removes a person; their ties and attendance go with them (cascade); the audit entry stays. */
export async function removePerson(db: Db, input: { localityId: string; actorId: string; personId: string }) {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findFirst({ where: { id: input.personId, localityId: input.localityId }, select: { id: true, displayName: true } });
    if (!person) return false;
    const ties = await tx.tie.count({ where: { OR: [{ personAId: person.id }, { personBId: person.id }] } });
    const attendance = await tx.attendance.count({ where: { personId: person.id } });
    // Explicit deletes as well as the cascade, so both databases behave alike whatever their foreign-key settings.
    await tx.tie.deleteMany({ where: { OR: [{ personAId: person.id }, { personBId: person.id }] } });
    await tx.attendance.deleteMany({ where: { personId: person.id } });
    await tx.person.delete({ where: { id: person.id } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "person.remove",
      targetType: "Person",
      targetId: person.id,
      detail: { name: person.displayName, ties, attendance },
    });
    return true;
  });
}

export type MergeResult = { ok: true } | { ok: false; error: "notFound" | "accounts" | "same" };

/**
 * Merges `removedId` into `keptId` in one transaction: the kept person gets the other's missing
 * fields, ties (a tie both had becomes one, the stronger kept; a tie between the two goes),
 * attendance and account link. Audit entry "person.merge".
 */
export async function mergePeople(db: Db, input: { localityId: string; actorId: string; keptId: string; removedId: string }): Promise<MergeResult> {
  if (input.keptId === input.removedId) return { ok: false, error: "same" };
  return db.$transaction(async (tx) => {
    const [kept, removed] = await Promise.all([
      tx.person.findFirst({ where: { id: input.keptId, localityId: input.localityId } }),
      tx.person.findFirst({ where: { id: input.removedId, localityId: input.localityId } }),
    ]);
    if (!kept || !removed) return { ok: false, error: "notFound" } as const;
    if (mergeConflict(kept, removed)) return { ok: false, error: "accounts" } as const;

    const ties = await tx.tie.findMany({
      where: { OR: [{ personAId: { in: [kept.id, removed.id] } }, { personBId: { in: [kept.id, removed.id] } }] },
    });
    const plan = planTieMerge(kept.id, removed.id, ties);
    if (plan.remove.length) await tx.tie.deleteMany({ where: { id: { in: plan.remove } } });
    const byId = new Map(ties.map((t) => [t.id, t]));
    for (const m of plan.move) {
      const t = byId.get(m.id)!;
      await tx.tie.update({
        where: { id: m.id },
        data: {
          personAId: m.personAId,
          personBId: m.personBId,
          confirmedByA: m.swapped ? t.confirmedByB : t.confirmedByA,
          confirmedByB: m.swapped ? t.confirmedByA : t.confirmedByB,
        },
      });
    }
    await tx.tie.updateMany({ where: { introducedById: removed.id }, data: { introducedById: kept.id } });

    const attended = new Set((await tx.attendance.findMany({ where: { personId: kept.id }, select: { workshopId: true } })).map((a) => a.workshopId));
    const theirs = await tx.attendance.findMany({ where: { personId: removed.id }, select: { id: true, workshopId: true } });
    const both = theirs.filter((a) => attended.has(a.workshopId)).map((a) => a.id);
    if (both.length) await tx.attendance.deleteMany({ where: { id: { in: both } } });
    await tx.attendance.updateMany({ where: { personId: removed.id }, data: { personId: kept.id } });

    const fields = mergedFields(kept, removed);
    // The account link moves after the other row lets go of it.
    await tx.person.delete({ where: { id: removed.id } });
    await tx.person.update({ where: { id: kept.id }, data: fields });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "person.merge",
      targetType: "Person",
      targetId: kept.id,
      detail: { kept: kept.displayName, removed: removed.displayName, removedId: removed.id, tiesMoved: plan.move.length, tiesDropped: plan.remove.length },
    });
    return { ok: true } as const;
  });
}

/** Everyone in the core group with their sector, by name (for the relationship figures). */
export function listPeopleSectors(db: Db, localityId: string) {
  return db.person.findMany({
    where: { localityId },
    select: { id: true, displayName: true, sector: true, servantRoles: true },
    orderBy: { displayName: "asc" },
  });
}

/**
 * Sets the public servant roles a person carries (`servantRolesRecord`); false for a person not of
 * this locality. The activity log keeps the roles, not the person's name.
 */
export async function setServantRoles(db: Db, input: { localityId: string; actorId: string; personId: string; servantRoles: string }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.person.updateMany({ where: { id: input.personId, localityId: input.localityId }, data: { servantRoles: input.servantRoles } });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "person.servantRoles",
      targetType: "Person",
      targetId: input.personId,
      detail: { roles: input.servantRoles },
    });
    return true;
  });
}
