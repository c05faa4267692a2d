import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { slugify } from "~/domain/localities";
import { stageMoveDetail } from "~/domain/stage-checklist";
import { isLocalityRole, strongerRole, type LocalityRole } from "~/domain/access/policy";

/** Localities a user can open, with their role in each (membership or organisation facilitator). */
export async function listLocalitiesFor(db: Db, userId: string) {
  const [memberships, orgRoles] = await Promise.all([
    db.membership.findMany({ where: { userId }, include: { locality: { include: { organisation: true } } } }),
    db.organisationMember.findMany({ where: { userId, role: "facilitator" }, include: { organisation: { include: { localities: true } } } }),
  ]);
  const byId = new Map<string, { id: string; name: string; currentStage: number; organisation: string; role: LocalityRole }>();
  for (const org of orgRoles) {
    for (const l of org.organisation.localities) {
      byId.set(l.id, { id: l.id, name: l.name, currentStage: l.currentStage, organisation: org.organisation.name, role: "facilitator" });
    }
  }
  for (const m of memberships) {
    const role = isLocalityRole(m.role) ? m.role : null;
    const prev = byId.get(m.localityId);
    const best = strongerRole(prev?.role ?? null, role);
    if (!best) continue;
    byId.set(m.localityId, {
      id: m.locality.id,
      name: m.locality.name,
      currentStage: m.locality.currentStage,
      organisation: m.locality.organisation.name,
      role: best,
    });
  }
  const organisations = orgRoles.map((o) => ({ slug: o.organisation.slug, name: o.organisation.name }));
  return { localities: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)), organisations };
}

export async function listOrganisationLocalities(db: Db, organisationId: string) {
  const localities = await db.locality.findMany({
    where: { organisationId },
    orderBy: { name: "asc" },
    include: { _count: { select: { people: true, memberships: true } } },
  });
  return localities.map((l) => ({
    id: l.id,
    name: l.name,
    description: l.description,
    currentStage: l.currentStage,
    people: l._count.people,
    members: l._count.memberships,
  }));
}

/** Creates a locality; its creator becomes its first facilitator. */
export async function createLocality(db: Db, input: { organisationId: string; actorId: string; name: string; description: string }): Promise<{ id: string }> {
  const base = slugify(input.name);
  return db.$transaction(async (tx) => {
    const taken = new Set(
      (await tx.locality.findMany({ where: { organisationId: input.organisationId, slug: { startsWith: base } }, select: { slug: true } })).map((l) => l.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const locality = await tx.locality.create({
      data: { organisationId: input.organisationId, name: input.name, description: input.description, slug },
    });
    await tx.membership.create({ data: { localityId: locality.id, userId: input.actorId, role: "facilitator" } });
    await recordAudit(tx, {
      localityId: locality.id,
      actorId: input.actorId,
      action: "locality.create",
      targetType: "Locality",
      targetId: locality.id,
      detail: { name: input.name },
    });
    return { id: locality.id };
  });
}

/**
 * Moves the group to a stage, logged with the stage it left, the stage it moved to and how many
 * checklist items were still open (`open`: counted by the caller when the move was confirmed).
 */
export async function setCurrentStage(db: Db, input: { localityId: string; actorId: string; stage: number; open?: number }) {
  await db.$transaction(async (tx) => {
    const before = await tx.locality.findUniqueOrThrow({ where: { id: input.localityId }, select: { currentStage: true } });
    await tx.locality.update({ where: { id: input.localityId }, data: { currentStage: input.stage } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "locality.stage",
      targetType: "Locality",
      targetId: input.localityId,
      detail: stageMoveDetail({ from: before.currentStage, to: input.stage, open: input.open ?? 0 }),
    });
  });
}

type LocalityWithRolesRow = {
  id: string;
  name: string;
  slug: string;
  description: string;
  currentStage: number | bigint;
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
  memberRole: string | null;
  organisationRole: string | null;
};

/**
 * A locality with one user's membership and organisation roles (for the access gate, which every
 * locality page passes). One SQL statement for both databases instead of a findUnique with three
 * relations: Prisma 6 plans a query on the main thread on every call, and for that shape the
 * planning took about 0.7 ms of CPU against 0.2 ms for this (`npm run bench:pages`).
 */
export async function findLocalityWithRolesOf(db: Db, localityId: string, userId: string) {
  const rows = await db.$queryRaw<LocalityWithRolesRow[]>`
    SELECT l."id", l."name", l."slug", l."description", l."currentStage", l."organisationId",
      o."slug" AS "organisationSlug", o."name" AS "organisationName",
      (SELECT m."role" FROM "Membership" m WHERE m."localityId" = l."id" AND m."userId" = ${userId}) AS "memberRole",
      (SELECT om."role" FROM "OrganisationMember" om WHERE om."organisationId" = l."organisationId" AND om."userId" = ${userId}) AS "organisationRole"
    FROM "Locality" l JOIN "Organisation" o ON o."id" = l."organisationId"
    WHERE l."id" = ${localityId}`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    currentStage: Number(row.currentStage),
    organisation: { id: row.organisationId, slug: row.organisationSlug, name: row.organisationName },
    memberRole: row.memberRole,
    organisationRole: row.organisationRole,
  };
}

/** An organisation by slug with one user's role in it (for the access gate). */
export function findOrganisationWithRoleOf(db: Db, slug: string, userId: string) {
  return db.organisation.findUnique({ where: { slug }, include: { members: { where: { userId }, select: { role: true } } } });
}
