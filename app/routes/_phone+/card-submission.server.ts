/**
 * Blank paper cards typed on a phone (/card/<code>): finding the board by its card code, who is
 * sending (a signed-in member of the locality puts the card straight onto the board as their
 * note; anyone else's card waits for a facilitator), the rate limits (the phone idea limits,
 * counted apart), and storing one card exactly once per submission key.
 */
import crypto from "node:crypto";
import type { Db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { getSessionUser } from "~/auth/session.server";
import { localityRoleOf } from "~/auth/permissions.server";
import { createPendingCard, findBoardByCardCode, findCardBySubmissionKey, recordPlacedCard, type CardBoard } from "~/data/board-cards.server";
import { parseLinkCode } from "~/domain/ideas";
import { boardAccess } from "~/domain/documents";
import { boardTakesCards, cardNoteId } from "~/domain/paper-cards";
import { placeCardNote, removeCardNote } from "~/use-cases/add-paper-notes.server";
import { createIdeaRateLimits, type IdeaRateLimits } from "./idea-rate-limits.server";

/** The board behind a blank-card code; null for an unknown (or replaced) code. */
export async function findCardBoard(db: Db, rawCode: string | undefined): Promise<CardBoard | null> {
  const code = parseLinkCode(rawCode);
  if (!code) return null;
  return findBoardByCardCode(db, code);
}

/** Whether the board takes cards now: "open", or why not ("locked", "archived"). */
export const cardBoardState = (board: CardBoard) => boardTakesCards(board);

/**
 * The signed-in person who may put a card straight onto the board as their own note (a member or
 * facilitator of the board's locality who may write on it, while it is not silent), or null:
 * signed out, someone from elsewhere, a viewer, or silent brainstorming — their card waits for a
 * facilitator like anyone's.
 */
export async function directWriter(request: Request, board: CardBoard): Promise<{ id: string; name: string } | null> {
  const user = await getSessionUser(request);
  if (!user || board.silent) return null;
  const found = await localityRoleOf(user.id, board.localityId);
  return boardAccess(found?.role ?? null, board) === "read-write" ? { id: user.id, name: user.name } : null;
}

let shared: IdeaRateLimits | undefined;
/** How many cards one phone and one address may send per hour: the phone idea numbers, counted apart. */
export function cardRateLimits(): IdeaRateLimits {
  const config = env();
  shared ??= createIdeaRateLimits({
    perDevice: config.IDEA_LIMIT_PER_DEVICE,
    perAddress: config.IDEA_LIMIT_PER_ADDRESS,
    redisUrl: config.REDIS_URL,
    prefix: "card",
  });
  return shared;
}

/** A card already sent with this form: where its sender goes again (the board's note for a placed one). */
export function existingCard(db: Db, board: CardBoard, submissionKey: string) {
  return findCardBySubmissionKey(db, board.id, submissionKey);
}

export type CardSent = { kind: "pending"; created: boolean } | { kind: "placed"; noteId: string } | { kind: "full" };

/** Stores a card for a facilitator's decision (once per submission key). */
export async function storePendingCard(
  db: Db,
  input: { board: CardBoard; text: string; language: string; submissionKey: string; sender: { deviceHash: string; addressHash: string } },
): Promise<CardSent> {
  const card = await createPendingCard(db, {
    boardId: input.board.id,
    localityId: input.board.localityId,
    text: input.text,
    language: input.language,
    submissionKey: input.submissionKey,
    deviceHash: input.sender.deviceHash,
    addressHash: input.sender.addressHash,
  });
  return card.noteId && card.status === "placed" ? { kind: "placed", noteId: card.noteId } : { kind: "pending", created: card.created };
}

/**
 * A member's card: their note on the board at once (through the collaboration server), then the
 * card's record. A concurrent repeat of the same form that stored its record first keeps its
 * note, and this one's is taken off again.
 */
export async function placeMemberCard(
  db: Db,
  input: { board: CardBoard; text: string; language: string; submissionKey: string; author: { id: string; name: string } },
): Promise<CardSent> {
  const id = crypto.randomBytes(12).toString("hex");
  const noteId = cardNoteId(id);
  const target = { localityId: input.board.localityId, boardId: input.board.id };
  const placed = await placeCardNote(target, { noteId, text: input.text, author: input.author });
  if (!placed.ok) return { kind: "full" };
  const stored = await recordPlacedCard(db, {
    id,
    noteId,
    boardId: input.board.id,
    localityId: input.board.localityId,
    text: input.text,
    language: input.language,
    submissionKey: input.submissionKey,
    actorId: input.author.id,
  });
  if (stored.created) return { kind: "placed", noteId };
  await removeCardNote(target, noteId).catch(() => undefined);
  const first = await findCardBySubmissionKey(db, input.board.id, input.submissionKey);
  return first?.noteId ? { kind: "placed", noteId: first.noteId } : { kind: "pending", created: false };
}
