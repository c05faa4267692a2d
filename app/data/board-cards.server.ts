/**
 * Paper ↔ board in the database: a board's blank-card code, the cards typed on phones (pending →
 * placed or rejected), the printed notes as the read model holds them, and the activity log of
 * it all (counts only, never a card's or a note's text).
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";
import { newLinkCode } from "~/domain/ideas";

type Actor = { localityId: string; boardId: string; actorId: string };

/** The board behind a blank-card code, archived or not (the phone page says which), with its locality's name. */
export function findBoardByCardCode(db: Db, code: string) {
  return db.board.findUnique({
    where: { cardCode: code },
    select: { id: true, localityId: true, title: true, locked: true, silent: true, archivedAt: true, locality: { select: { name: true } } },
  });
}
export type CardBoard = NonNullable<Awaited<ReturnType<typeof findBoardByCardCode>>>;

/** A board's blank-card code (null until blank cards are first printed). */
export async function cardCodeOf(db: Db, localityId: string, boardId: string): Promise<string | null> {
  const row = await db.board.findFirst({ where: { id: boardId, localityId, archivedAt: null }, select: { cardCode: true } });
  return row?.cardCode ?? null;
}

/** Sets a fresh code (only where the board has none when `onlyIfNone`); retried on the rare clash. Returns the board's code. */
async function setCardCode(
  db: Db,
  input: Actor,
  onlyIfNone: boolean,
  audit: (tx: Pick<Db, "auditEntry">, code: string) => Promise<void>,
): Promise<string | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const code = newLinkCode();
        const { count } = await tx.board.updateMany({
          where: { id: input.boardId, localityId: input.localityId, archivedAt: null, ...(onlyIfNone ? { cardCode: null } : {}) },
          data: { cardCode: code },
        });
        if (!count) {
          const row = await tx.board.findFirst({ where: { id: input.boardId, localityId: input.localityId, archivedAt: null }, select: { cardCode: true } });
          if (row?.cardCode) await audit(tx, row.cardCode);
          return row?.cardCode ?? null;
        }
        await audit(tx, code);
        return code;
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Blank cards printed: gives the board its card code on first print and records how many were
 * printed. Returns the code (null: no such board).
 */
export function printBlankCards(db: Db, input: Actor & { count: number }): Promise<string | null> {
  return setCardCode(db, input, true, (tx) =>
    recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "board.cards.blank",
      targetType: "board",
      targetId: input.boardId,
      detail: { count: input.count },
    }),
  );
}

/** Replaces the board's card code: every blank card printed before stops working at once. */
export function rotateCardCode(db: Db, input: Actor): Promise<string | null> {
  return setCardCode(db, input, false, (tx) =>
    recordAudit(tx, { localityId: input.localityId, actorId: input.actorId, action: "board.cards.rotate", targetType: "board", targetId: input.boardId }),
  );
}

/** The board's notes printed as cards: how many (the activity log holds the count only). */
export function recordCardsPrinted(db: Db, input: Actor & { count: number }): Promise<void> {
  return recordAudit(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    action: "board.cards.print",
    targetType: "board",
    targetId: input.boardId,
    detail: { count: input.count },
  });
}

/** A batch of typed notes was added to the board: how many, never their text. */
export function recordBatchAdded(db: Db, input: Actor & { count: number }): Promise<void> {
  return recordAudit(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    action: "board.notes.batch",
    targetType: "board",
    targetId: input.boardId,
    detail: { count: input.count },
  });
}

/** The board's notes as the read model holds them, cluster by cluster (loose notes last), oldest first within each. */
export async function listProjectedNotes(db: Db, docName: string) {
  const rows = await db.boardNoteProjection.findMany({
    where: { docName },
    select: { noteId: true, text: true, clusterName: true, noteCreatedAt: true },
    orderBy: [{ noteCreatedAt: "asc" }, { noteId: "asc" }],
  });
  const clusterOrder = new Map<string | null, number>();
  for (const r of rows) if (!clusterOrder.has(r.clusterName)) clusterOrder.set(r.clusterName, clusterOrder.size);
  const rank = (name: string | null) => (name === null ? Number.MAX_SAFE_INTEGER : (clusterOrder.get(name) ?? 0));
  return rows.map((r, i) => ({ ...r, i })).sort((a, b) => rank(a.clusterName) - rank(b.clusterName) || a.i - b.i);
}

/** One note of a board as the read model holds it, or null (not on the board, or removed). */
export function findProjectedNote(db: Db, docName: string, noteId: string) {
  return db.boardNoteProjection.findUnique({ where: { docName_noteId: { docName, noteId } }, select: { noteId: true, text: true, clusterName: true } });
}

/** How many notes the read model holds for a board. */
export function countProjectedNotes(db: Db, docName: string): Promise<number> {
  return db.boardNoteProjection.count({ where: { docName } });
}

export type NewBoardCard = {
  boardId: string;
  localityId: string;
  text: string;
  language: string;
  submissionKey: string;
  deviceHash: string | null;
  addressHash: string | null;
};

/**
 * Stores a card typed on a phone, pending a facilitator's decision. A repeated send of the same
 * form (the same submission key) returns the first card, `created` false.
 */
export async function createPendingCard(db: Db, input: NewBoardCard): Promise<{ id: string; status: string; noteId: string | null; created: boolean }> {
  try {
    const card = await db.boardCard.create({ data: { ...input, status: "pending" }, select: { id: true, status: true, noteId: true } });
    return { ...card, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findCardBySubmissionKey(db, input.boardId, input.submissionKey);
    if (!existing) throw error;
    return { ...existing, created: false };
  }
}

/** A card already sent with this key to this board, if any. */
export function findCardBySubmissionKey(db: Db, boardId: string, submissionKey: string) {
  return db.boardCard.findUnique({ where: { boardId_submissionKey: { boardId, submissionKey } }, select: { id: true, status: true, noteId: true } });
}

/**
 * A signed-in member's card, which went straight onto the board as their note: kept as placed
 * (so a repeated send finds it), and in the activity log as a card placed by them.
 */
export async function recordPlacedCard(
  db: Db,
  input: Omit<NewBoardCard, "deviceHash" | "addressHash"> & { id: string; noteId: string; actorId: string },
): Promise<{ created: boolean }> {
  try {
    await db.$transaction(async (tx) => {
      await tx.boardCard.create({
        data: {
          id: input.id,
          boardId: input.boardId,
          localityId: input.localityId,
          text: input.text,
          language: input.language,
          submissionKey: input.submissionKey,
          status: "placed",
          noteId: input.noteId,
          // Who wrote it is the note's author on the board (where erasing a person reaches it),
          // never this record: it names nobody.
          moderatedAt: new Date(),
        },
      });
      await recordAudit(tx, { localityId: input.localityId, actorId: input.actorId, action: "board.card.place", targetType: "board", targetId: input.boardId });
    });
    return { created: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { created: false };
    throw error;
  }
}

/** A board's cards waiting for a facilitator, oldest first. */
export function listPendingCards(db: Db, localityId: string, boardId: string) {
  return db.boardCard.findMany({
    where: { boardId, localityId, status: "pending" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, text: true, language: true, createdAt: true },
  });
}

/** How many of a board's cards wait for a facilitator. */
export function countPendingCards(db: Db, localityId: string, boardId: string): Promise<number> {
  return db.boardCard.count({ where: { boardId, localityId, status: "pending" } });
}

/** A pending card of this board, or null. */
export function findPendingCard(db: Db, localityId: string, boardId: string, cardId: string) {
  return db.boardCard.findFirst({ where: { id: cardId, boardId, localityId, status: "pending" }, select: { id: true, text: true, language: true } });
}

/**
 * A facilitator's decision on a pending card: placed (with the note it became) or rejected.
 * Conditional: false when someone else decided it first (nothing is changed then).
 */
export async function decideCard(db: Db, input: Actor & { cardId: string; decision: "placed" | "rejected"; noteId?: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.boardCard.updateMany({
      where: { id: input.cardId, boardId: input.boardId, localityId: input.localityId, status: "pending" },
      data: { status: input.decision, noteId: input.noteId ?? null, moderatedById: input.actorId, moderatedAt: new Date() },
    });
    if (!count) return false;
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.decision === "placed" ? "board.card.place" : "board.card.reject",
      targetType: "board",
      targetId: input.boardId,
    });
    return true;
  });
}
