/**
 * Prototypes (Stage 4's record, begun in Stage 3): promoting a shortlisted idea creates one,
 * linked to its idea, with the status "planned". Its page edits what it is and who it is for,
 * the core-group people who would use or deliver it, partners and their pledges, the public
 * summary; it starts its plan (a shared document) and its board once each. Every change is in
 * the activity log. Counts of its cycles and measures are read here; their own records are
 * written by their own modules.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { createBoard } from "./boards.server";
import { isUniqueViolation } from "./unique-violation.server";

export type PromoteOutcome = { prototypeId: string; created: boolean } | "not-shortlisted";

/**
 * Promotes an idea to a prototype in one transaction: the idea moves shortlisted → prototyping
 * (a conditional update, so two promotions at once make one prototype), the prototype is created
 * {title = the idea's title, status planned}, and the promotion is audited. Promoting an idea
 * that already has its prototype returns that prototype.
 */
export async function promoteIdea(db: Db, input: { localityId: string; ideaId: string; actorId: string }): Promise<PromoteOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.idea.updateMany({
      where: { id: input.ideaId, localityId: input.localityId, moderation: "published", status: "shortlisted" },
      data: { status: "prototyping" },
    });
    if (count === 0) {
      const existing = await tx.prototype.findUnique({ where: { ideaId: input.ideaId }, select: { id: true } });
      return existing ? { prototypeId: existing.id, created: false } : "not-shortlisted";
    }
    // Parked after prototyping and promoted again: the prototype it had is kept.
    const existing = await tx.prototype.findUnique({ where: { ideaId: input.ideaId }, select: { id: true } });
    const idea = await tx.idea.findUniqueOrThrow({ where: { id: input.ideaId }, select: { title: true } });
    const prototype =
      existing ??
      (await tx.prototype.create({
        data: { localityId: input.localityId, ideaId: input.ideaId, title: idea.title, status: "planned", createdById: input.actorId },
        select: { id: true },
      }));
    const created = !existing;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "idea.promote",
      targetType: "idea",
      targetId: input.ideaId,
      detail: { prototypeId: prototype.id, from: "shortlisted", to: "prototyping" },
    });
    return { prototypeId: prototype.id, created };
  });
}

/** The locality's prototypes, newest first, with the idea each came from and its challenge, and their test cycles in brief. */
export function listPrototypes(db: Db, localityId: string) {
  return db.prototype.findMany({
    where: { localityId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      title: true,
      status: true,
      createdAt: true,
      idea: {
        select: {
          id: true,
          title: true,
          moderation: true,
          challenge: { select: { id: true, question: true, insight: { select: { id: true, statement: true } } } },
        },
      },
      cycles: {
        orderBy: { number: "asc" },
        select: {
          id: true,
          number: true,
          startsOn: true,
          endsOn: true,
          decision: true,
          decidedAt: true,
          participants: { select: { personId: true } },
          counts: { select: { count: true } },
        },
      },
    },
  });
}

/** What every page of one prototype shows at its top (null: no such prototype in this locality). */
export function findPrototypeHeader(db: Db, localityId: string, prototypeId: string) {
  return db.prototype.findFirst({
    where: { id: prototypeId, localityId },
    select: { id: true, title: true, status: true, ideaId: true },
  });
}

export type PrototypeHeader = NonNullable<Awaited<ReturnType<typeof findPrototypeHeader>>>;

// --- one prototype's page ------------------------------------------------------------------

/** One prototype of the locality with everything its page shows (null: no such prototype here). */
export function findPrototypeRecord(db: Db, localityId: string, prototypeId: string) {
  return db.prototype.findFirst({
    where: { id: prototypeId, localityId },
    select: {
      id: true,
      localityId: true,
      title: true,
      summary: true,
      forWhom: true,
      status: true,
      publicSummary: true,
      planDocumentId: true,
      boardId: true,
      createdAt: true,
      updatedAt: true,
      people: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, role: true, person: { select: { id: true, displayName: true, sector: true, organisation: true, roleTitle: true } } },
      },
      partners: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true, role: true, pledgeKind: true, pledge: true, amount: true } },
      idea: {
        select: {
          id: true,
          title: true,
          moderation: true,
          insights: { select: { insight: { select: { id: true, statement: true } } } },
          challenge: { select: { id: true, question: true, insight: { select: { id: true, statement: true } } } },
        },
      },
      _count: { select: { cycles: true, measures: true } },
    },
  });
}
export type PrototypeRecordRow = NonNullable<Awaited<ReturnType<typeof findPrototypeRecord>>>;

/** The prototype's latest test cycle (the highest number), or null. */
export function latestCycle(db: Db, prototypeId: string) {
  return db.testCycle.findFirst({
    where: { prototypeId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, startsOn: true, endsOn: true, decision: true, decidedAt: true },
  });
}

/** How many people took part in the prototype's cycles: the core-group participants' ids and the counted others. */
export async function cycleTurnout(db: Db, where: { prototypeId: string } | { localityId: string }) {
  const cycle = "prototypeId" in where ? { prototypeId: where.prototypeId } : { localityId: where.localityId };
  const [participants, counts] = await Promise.all([
    db.cycleParticipant.findMany({ where: { cycle }, select: { personId: true } }),
    db.cycleCount.findMany({ where: { cycle }, select: { count: true } }),
  ]);
  return { participantIds: participants.map((p) => p.personId), counts: counts.map((c) => c.count) };
}

/** The locality's core group, to choose who would use or deliver a prototype. */
export function coreGroupPeople(db: Db, localityId: string) {
  return db.person.findMany({
    where: { localityId },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: 1000,
    select: { id: true, displayName: true, sector: true, organisation: true },
  });
}

/** Changes what a prototype is, who it is for, and its title; audited with the fields' names (not their content). */
export async function updatePrototypeAbout(
  db: Db,
  input: { localityId: string; prototypeId: string; actorId: string; values: { title: string; summary: string; forWhom: string }; fields: string[] },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.prototype.updateMany({ where: { id: input.prototypeId, localityId: input.localityId }, data: input.values });
    if (count && input.fields.length)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "prototype.update",
        targetType: "prototype",
        targetId: input.prototypeId,
        detail: { fields: input.fields },
      });
    return count > 0;
  });
}

export type AddPersonOutcome = "added" | "already" | "not-in-locality" | "full";

/**
 * Adds someone of the core group as would use or deliver the prototype. A person of another
 * locality (or none) is refused, and the same person in the same role is listed once (also when
 * two adds race: the unique index decides).
 */
export async function addPrototypePerson(
  db: Db,
  input: { localityId: string; prototypeId: string; actorId: string; personId: string; role: string; max: number },
): Promise<AddPersonOutcome> {
  const person = await db.person.findFirst({ where: { id: input.personId, localityId: input.localityId }, select: { id: true } });
  if (!person) return "not-in-locality";
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.prototypePerson.findFirst({
        where: { prototypeId: input.prototypeId, personId: input.personId, role: input.role },
        select: { id: true },
      });
      if (existing) return "already";
      if ((await tx.prototypePerson.count({ where: { prototypeId: input.prototypeId } })) >= input.max) return "full";
      const row = await tx.prototypePerson.create({
        data: { prototypeId: input.prototypeId, personId: input.personId, role: input.role },
        select: { id: true },
      });
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "prototype.person.add",
        targetType: "prototype",
        targetId: input.prototypeId,
        detail: { personId: input.personId, role: input.role, entryId: row.id },
      });
      return "added";
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "already";
    throw error;
  }
}

/** Takes someone off the prototype's people; false when that entry is not the prototype's. */
export async function removePrototypePerson(db: Db, input: { localityId: string; prototypeId: string; actorId: string; entryId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const entry = await tx.prototypePerson.findFirst({ where: { id: input.entryId, prototypeId: input.prototypeId }, select: { personId: true, role: true } });
    if (!entry) return false;
    await tx.prototypePerson.delete({ where: { id: input.entryId } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "prototype.person.remove",
      targetType: "prototype",
      targetId: input.prototypeId,
      detail: { personId: entry.personId, role: entry.role },
    });
    return true;
  });
}

export type PartnerValues = { name: string; role: string; pledgeKind: string; pledge: string; amount: number | null };

/** Adds a partner and its pledge; "full" past the limit. */
export async function addPrototypePartner(
  db: Db,
  input: { localityId: string; prototypeId: string; actorId: string; values: PartnerValues; max: number },
): Promise<"added" | "full"> {
  return db.$transaction(async (tx) => {
    if ((await tx.prototypePartner.count({ where: { prototypeId: input.prototypeId } })) >= input.max) return "full";
    const row = await tx.prototypePartner.create({ data: { prototypeId: input.prototypeId, ...input.values }, select: { id: true } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "prototype.partner.add",
      targetType: "prototype",
      targetId: input.prototypeId,
      detail: { partnerId: row.id, name: input.values.name, role: input.values.role, pledgeKind: input.values.pledgeKind, amount: input.values.amount },
    });
    return "added";
  });
}

/** Removes a partner; false when it is not the prototype's. */
export async function removePrototypePartner(db: Db, input: { localityId: string; prototypeId: string; actorId: string; entryId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const partner = await tx.prototypePartner.findFirst({ where: { id: input.entryId, prototypeId: input.prototypeId }, select: { name: true } });
    if (!partner) return false;
    await tx.prototypePartner.delete({ where: { id: input.entryId } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "prototype.partner.remove",
      targetType: "prototype",
      targetId: input.prototypeId,
      detail: { partnerId: input.entryId, name: partner.name },
    });
    return true;
  });
}

/** Sets the public summary of what was learned (facilitators; the receipts of the ideas behind it show it). */
export async function setPublicSummary(db: Db, input: { localityId: string; prototypeId: string; actorId: string; publicSummary: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.prototype.updateMany({
      where: { id: input.prototypeId, localityId: input.localityId },
      data: { publicSummary: input.publicSummary },
    });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "prototype.summary",
        targetType: "prototype",
        targetId: input.prototypeId,
        detail: { length: input.publicSummary.length },
      });
    return count > 0;
  });
}

/**
 * Starts the prototype's plan: a shared document of kind "prototype-plan", linked to it. A
 * prototype has one plan: when it has one, that is returned and nothing is created; when two
 * start it at once, the first link stands and the other document is archived.
 */
export async function openPrototypePlan(
  db: Db,
  input: { localityId: string; prototypeId: string; actorId: string; title: string },
): Promise<{ documentId: string; created: boolean } | null> {
  const prototype = await db.prototype.findFirst({ where: { id: input.prototypeId, localityId: input.localityId }, select: { planDocumentId: true } });
  if (!prototype) return null;
  if (prototype.planDocumentId) return { documentId: prototype.planDocumentId, created: false };
  return db.$transaction(async (tx) => {
    const document = await tx.sharedDocument.create({
      data: { localityId: input.localityId, title: input.title, kind: "prototype-plan", createdById: input.actorId },
      select: { id: true },
    });
    const { count } = await tx.prototype.updateMany({
      where: { id: input.prototypeId, localityId: input.localityId, planDocumentId: null },
      data: { planDocumentId: document.id },
    });
    if (!count) {
      await tx.sharedDocument.update({ where: { id: document.id }, data: { archivedAt: new Date() } });
      const now = await tx.prototype.findFirst({ where: { id: input.prototypeId }, select: { planDocumentId: true } });
      return now?.planDocumentId ? { documentId: now.planDocumentId, created: false } : null;
    }
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "prototype.plan",
      targetType: "prototype",
      targetId: input.prototypeId,
      detail: { documentId: document.id, title: input.title },
    });
    return { documentId: document.id, created: true };
  });
}

/**
 * Opens the prototype's own board (purpose "exercise") and links it, like a session's board: one
 * per prototype; when two open it at once, the first link stands and the other board is archived.
 */
export async function openPrototypeBoard(
  db: Db,
  input: { localityId: string; prototypeId: string; actorId: string; title: string },
): Promise<{ boardId: string; created: boolean } | null> {
  const prototype = await db.prototype.findFirst({ where: { id: input.prototypeId, localityId: input.localityId }, select: { boardId: true } });
  if (!prototype) return null;
  if (prototype.boardId) return { boardId: prototype.boardId, created: false };
  const board = await createBoard(db, { localityId: input.localityId, actorId: input.actorId, title: input.title, purpose: "exercise" });
  const { count } = await db.prototype.updateMany({
    where: { id: input.prototypeId, localityId: input.localityId, boardId: null },
    data: { boardId: board.id },
  });
  if (!count) {
    await db.board.update({ where: { id: board.id }, data: { archivedAt: new Date() } });
    const now = await db.prototype.findFirst({ where: { id: input.prototypeId }, select: { boardId: true } });
    return now?.boardId ? { boardId: now.boardId, created: false } : null;
  }
  await recordAudit(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    action: "prototype.board",
    targetType: "prototype",
    targetId: input.prototypeId,
    detail: { boardId: board.id, title: input.title },
  });
  return { boardId: board.id, created: true };
}

/** The prototype whose plan a shared document is (null: none of this locality's). */
export function prototypeOfPlan(db: Db, localityId: string, documentId: string) {
  return db.prototype.findFirst({ where: { localityId, planDocumentId: documentId }, select: { id: true, title: true } });
}

/** The plan document and board records as the page links them (null when gone or archived). */
export async function planAndBoard(db: Db, localityId: string, ids: { planDocumentId: string | null; boardId: string | null }) {
  const [plan, board] = await Promise.all([
    ids.planDocumentId
      ? db.sharedDocument.findFirst({ where: { id: ids.planDocumentId, localityId, archivedAt: null }, select: { id: true, title: true } })
      : Promise.resolve(null),
    ids.boardId ? db.board.findFirst({ where: { id: ids.boardId, localityId, archivedAt: null }, select: { id: true, title: true } }) : Promise.resolve(null),
  ]);
  return { plan, board };
}

// --- the evidence chain the other way, the locality's figures, receipts ----------------------

/** The prototypes that came from an insight: from ideas answering it, or ideas of challenges opened from it. */
export function prototypesFromInsight(db: Db, localityId: string, insightId: string) {
  return db.prototype.findMany({
    where: { localityId, idea: { OR: [{ insights: { some: { insightId } } }, { challenge: { insightId } }] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, status: true },
  });
}

/** Stage 4's figures for the locality home: prototypes, test cycles, adopted and scaled ones, and who took part. */
export async function prototypeFigures(db: Db, localityId: string) {
  // Prototypes counted by status in one call (each Prisma call is planned anew: fewer is faster).
  const [byStatus, cycles, turnout] = await Promise.all([
    db.prototype.groupBy({ by: ["status"], where: { localityId }, _count: { _all: true } }),
    db.testCycle.count({ where: { localityId } }),
    cycleTurnout(db, { localityId }),
  ]);
  const count = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  const prototypes = byStatus.reduce((sum, g) => sum + g._count._all, 0);
  return { prototypes, cycles, adopted: count("adopted"), scaled: count("scaled"), ...turnout };
}

/** What a receipt tells of a prototype: its status, public summary and the latest decided cycle's decision and reason. */
export async function prototypeReceiptFacts(db: Db, prototypeId: string) {
  const prototype = await db.prototype.findUnique({ where: { id: prototypeId }, select: { status: true, publicSummary: true } });
  if (!prototype) return null;
  const decided = await db.testCycle.findFirst({
    where: { prototypeId, decision: { not: null } },
    orderBy: { number: "desc" },
    select: { decision: true, decisionReason: true },
  });
  return {
    status: prototype.status,
    publicSummary: prototype.publicSummary,
    latestDecision: decided?.decision ? { decision: decided.decision, reason: decided.decisionReason } : null,
  };
}
