/**
 * The exchange in the database: shares of a locality's prototype or insight with its whole
 * organisation (explicit, revocable, audited), comments on them, and "try it here" copies (a draft
 * prototype in another locality, one per share and locality). A share holds no snapshot: its
 * recipe is read live from the prototype or insight (app/use-cases/read-exchange-recipe.server.ts).
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";
import type { ExchangeKind } from "~/domain/exchange";
import { EXCHANGE_LIMITS } from "~/domain/exchange";

/** An organisation as one person reaches its exchange: their organisation role and every locality with their membership in it (if any). */
export function findExchangeReader(db: Db, slug: string, userId: string) {
  return db.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      members: { where: { userId }, select: { role: true } },
      localities: { orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
}

/** The person's role in each locality of an organisation (memberships only) and whether they facilitate the organisation. */
export async function rolesInOrganisation(db: Db, organisationId: string, userId: string) {
  const [org, memberships] = await Promise.all([
    db.organisationMember.findFirst({ where: { organisationId, userId }, select: { role: true } }),
    db.membership.findMany({ where: { userId, locality: { organisationId } }, select: { localityId: true, role: true } }),
  ]);
  return { orgFacilitator: org?.role === "facilitator", memberships };
}

type Target = { prototypeId: string } | { insightId: string };
const whereTarget = (t: Target) => ("prototypeId" in t ? { prototypeId: t.prototypeId } : { insightId: t.insightId });

const copyFields = {
  id: true,
  createdAt: true,
  locality: { select: { id: true, name: true } },
  prototype: { select: { id: true, title: true, status: true } },
} as const;

/** The share of a prototype or an insight (active or revoked), with where it has travelled; null when never shared. */
export function findShareOf(db: Db, target: Target) {
  return db.exchangeShare.findFirst({
    where: whereTarget(target),
    select: {
      id: true,
      note: true,
      sharedAt: true,
      revokedAt: true,
      copies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: copyFields },
    },
  });
}

/** The exchange copy a prototype was made from ("try it here"), with its share's origin. */
export function findCopyOf(db: Db, prototypeId: string) {
  return db.exchangeCopy.findFirst({
    where: { prototypeId },
    select: { id: true, share: { select: { id: true, revokedAt: true, kind: true, locality: { select: { id: true, name: true } } } } },
  });
}

export type ShareResult = "shared" | "reshared" | "updated" | "not-found";

/**
 * Shares a prototype or insight of this locality with its organisation (with a note). Sharing it
 * again while shared changes the note; after a withdrawal it shares it again. Audited each time
 * (`exchange.share`, `exchange.note`, `exchange.reshare`), with ids only.
 */
export async function shareItem(
  db: Db,
  input: { organisationId: string; localityId: string; kind: ExchangeKind; itemId: string; note: string; actorId: string },
): Promise<ShareResult> {
  const { localityId, kind, itemId } = input;
  const exists =
    kind === "prototype"
      ? await db.prototype.findFirst({ where: { id: itemId, localityId }, select: { id: true } })
      : await db.insight.findFirst({ where: { id: itemId, localityId }, select: { id: true } });
  if (!exists) return "not-found";
  const target: Target = kind === "prototype" ? { prototypeId: itemId } : { insightId: itemId };
  const note = input.note.slice(0, EXCHANGE_LIMITS.note);
  const attempt = () =>
    db.$transaction(async (tx) => {
      const existing = await tx.exchangeShare.findFirst({ where: whereTarget(target), select: { id: true, revokedAt: true } });
      let result: ShareResult;
      let shareId: string;
      if (!existing) {
        const created = await tx.exchangeShare.create({
          data: { organisationId: input.organisationId, localityId, kind, ...target, note, sharedById: input.actorId },
          select: { id: true },
        });
        shareId = created.id;
        result = "shared";
      } else if (existing.revokedAt) {
        await tx.exchangeShare.update({
          where: { id: existing.id },
          data: { note, revokedAt: null, revokedById: null, sharedAt: new Date(), sharedById: input.actorId },
        });
        shareId = existing.id;
        result = "reshared";
      } else {
        await tx.exchangeShare.update({ where: { id: existing.id }, data: { note } });
        shareId = existing.id;
        result = "updated";
      }
      await recordAudit(tx, {
        localityId,
        actorId: input.actorId,
        action: result === "shared" ? "exchange.share" : result === "reshared" ? "exchange.reshare" : "exchange.note",
        targetType: kind,
        targetId: itemId,
        detail: { shareId },
      });
      return result;
    });
  try {
    return await attempt();
  } catch (error) {
    // Two shares at once: the other one made it; this one changes its note.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/** Withdraws a share from the exchange (copies already made stay theirs). False when it was not shared. */
export async function revokeShare(db: Db, input: { localityId: string; kind: ExchangeKind; itemId: string; actorId: string }): Promise<boolean> {
  const target: Target = input.kind === "prototype" ? { prototypeId: input.itemId } : { insightId: input.itemId };
  return db.$transaction(async (tx) => {
    const share = await tx.exchangeShare.findFirst({ where: { ...whereTarget(target), localityId: input.localityId, revokedAt: null }, select: { id: true } });
    if (!share) return false;
    await tx.exchangeShare.update({ where: { id: share.id }, data: { revokedAt: new Date(), revokedById: input.actorId } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "exchange.revoke",
      targetType: input.kind,
      targetId: input.itemId,
      detail: { shareId: share.id },
    });
    return true;
  });
}

/** The organisation's shares still shared, newest first, with what the list shows and searches. */
export function listActiveShares(db: Db, organisationId: string) {
  return db.exchangeShare.findMany({
    where: { organisationId, revokedAt: null },
    orderBy: [{ sharedAt: "desc" }, { id: "asc" }],
    take: EXCHANGE_LIMITS.list,
    select: {
      id: true,
      kind: true,
      note: true,
      sharedAt: true,
      locality: { select: { id: true, name: true } },
      prototype: { select: { title: true, summary: true, forWhom: true, status: true } },
      insight: { select: { statement: true, confidence: true, questions: { select: { text: true } } } },
      _count: { select: { copies: true, comments: { where: { removedAt: null } } } },
    },
  });
}

/** One share of this organisation (null: none, or another organisation's). */
export function findShare(db: Db, organisationId: string, shareId: string) {
  return db.exchangeShare.findFirst({
    where: { id: shareId, organisationId },
    select: {
      id: true,
      kind: true,
      note: true,
      sharedAt: true,
      revokedAt: true,
      localityId: true,
      prototypeId: true,
      insightId: true,
      locality: { select: { id: true, name: true } },
      copies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: copyFields },
    },
  });
}
export type ShareRow = NonNullable<Awaited<ReturnType<typeof findShare>>>;

/** A prototype's test cycles as its recipe tells them (oldest first): no names, no photos. */
export function recipeCycles(db: Db, localityId: string, prototypeId: string) {
  return db.testCycle.findMany({
    where: { prototypeId, localityId },
    orderBy: { number: "asc" },
    take: 200,
    select: {
      id: true,
      number: true,
      believe: true,
      willResult: true,
      knowWhen: true,
      method: true,
      startsOn: true,
      endsOn: true,
      languages: true,
      learned: true,
      decision: true,
      decisionReason: true,
      decidedAt: true,
      costPence: true,
      peopleReached: true,
      participants: { select: { role: true, person: { select: { id: true, sector: true } } } },
      counts: { select: { label: true, count: true } },
    },
  });
}

/** A share's comments, oldest first, with their authors' names (a removed one keeps its row, not its text). */
export function listShareComments(db: Db, shareId: string) {
  return db.exchangeComment.findMany({
    where: { shareId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      id: true,
      body: true,
      authorId: true,
      removedAt: true,
      createdAt: true,
      author: { select: { name: true } },
      localityId: true,
    },
  });
}

/** Names of localities by id (for comments' "from" line). */
export async function localityNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.locality.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Adds a comment to a share still shared; audited in the origin locality (ids only). Null when the share was withdrawn meanwhile. */
export async function addShareComment(db: Db, input: { shareId: string; authorId: string; localityId: string | null; body: string }) {
  return db.$transaction(async (tx) => {
    const share = await tx.exchangeShare.findFirst({ where: { id: input.shareId, revokedAt: null }, select: { id: true, localityId: true } });
    if (!share) return null;
    const comment = await tx.exchangeComment.create({
      data: { shareId: share.id, authorId: input.authorId, localityId: input.localityId, body: input.body.slice(0, EXCHANGE_LIMITS.comment) },
      select: { id: true },
    });
    await recordAudit(tx, {
      localityId: share.localityId,
      actorId: input.authorId,
      action: "exchange.comment",
      targetType: "exchangeShare",
      targetId: share.id,
      detail: { commentId: comment.id },
    });
    return comment.id;
  });
}

/** One comment of a share (to check who may remove it). */
export function findShareComment(db: Db, shareId: string, commentId: string) {
  return db.exchangeComment.findFirst({ where: { id: commentId, shareId }, select: { id: true, authorId: true, removedAt: true } });
}

/** Clears a comment's text and marks it removed (the row stays); audited in the origin locality. */
export async function removeShareComment(db: Db, input: { shareId: string; commentId: string; actorId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.exchangeComment.updateMany({
      where: { id: input.commentId, shareId: input.shareId, removedAt: null },
      data: { body: "", removedAt: new Date() },
    });
    if (!count) return false;
    const share = await tx.exchangeShare.findUniqueOrThrow({ where: { id: input.shareId }, select: { localityId: true } });
    await recordAudit(tx, {
      localityId: share.localityId,
      actorId: input.actorId,
      action: "exchange.comment.remove",
      targetType: "exchangeShare",
      targetId: input.shareId,
      detail: { commentId: input.commentId },
    });
    return true;
  });
}

export type TryOutcome = { prototypeId: string; created: boolean } | "withdrawn";

/**
 * "Try it here": a draft prototype (planned) in `localityId` carrying the recipe, linked to its
 * origin by an ExchangeCopy. One per share and locality: trying again returns the same draft (a
 * draft that was deleted since is made again). Refused when the share was withdrawn. Audited in
 * the locality that gets the draft (`exchange.try`, ids only).
 */
export async function tryShareHere(
  db: Db,
  input: { shareId: string; localityId: string; actorId: string; draft: { title: string; summary: string; forWhom: string } },
): Promise<TryOutcome> {
  const attempt = () =>
    db.$transaction(async (tx): Promise<TryOutcome> => {
      const share = await tx.exchangeShare.findUnique({ where: { id: input.shareId }, select: { id: true, revokedAt: true, localityId: true } });
      if (!share || share.revokedAt) return "withdrawn";
      const existing = await tx.exchangeCopy.findUnique({
        where: { shareId_localityId: { shareId: share.id, localityId: input.localityId } },
        select: { id: true, prototypeId: true },
      });
      if (existing?.prototypeId) return { prototypeId: existing.prototypeId, created: false };
      const prototype = await tx.prototype.create({
        data: {
          localityId: input.localityId,
          title: input.draft.title,
          summary: input.draft.summary,
          forWhom: input.draft.forWhom,
          status: "planned",
          createdById: input.actorId,
        },
        select: { id: true },
      });
      if (existing) await tx.exchangeCopy.update({ where: { id: existing.id }, data: { prototypeId: prototype.id, createdById: input.actorId } });
      else await tx.exchangeCopy.create({ data: { shareId: share.id, localityId: input.localityId, prototypeId: prototype.id, createdById: input.actorId } });
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "exchange.try",
        targetType: "prototype",
        targetId: prototype.id,
        detail: { shareId: share.id, originLocalityId: share.localityId },
      });
      return { prototypeId: prototype.id, created: true };
    });
  try {
    return await attempt();
  } catch (error) {
    // Tried twice at once: the other made the draft; offer it.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
