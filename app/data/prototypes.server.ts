/**
 * Prototypes (Stage 4's record, begun in Stage 3): promoting a shortlisted idea creates one,
 * linked to its idea, with the status "planned". Stage 4 adds test cycles and plans.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";

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

/** The locality's prototypes, newest first, with the idea each came from and its challenge. */
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
