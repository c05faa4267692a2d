/**
 * Drawing a card of the public servant deck onto a board (facilitators): one card not on the
 * board yet, at random, becomes a note in the drawer's language. Not on a challenge's board,
 * whose notes are ideas. Recorded in the activity log (which card, on which board).
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { findBoard } from "~/data/boards.server";
import { recordAudit } from "~/data/audit.server";
import { cardKeys } from "~/domain/public-servant-deck";
import { translator } from "~/i18n/translate";
import { drawDeckCard } from "~/use-cases/draw-deck-card.server";

const boardIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** What a draw came to: a card (its number), all ten already there, a board cards do not go on, or no collaboration server. */
export type DrawOutcome = { boardId: string; result: number | "all-drawn" | "not-here" | "unreachable" };

export async function drawCard(access: LocalityAccess, rawBoardId: string | undefined, locale: string): Promise<DrawOutcome> {
  const boardId = boardIdParam.safeParse(rawBoardId);
  if (!boardId.success) throw notFound();
  const db = await getDb();
  const board = await findBoard(db, access.locality.id, boardId.data);
  if (!board) throw notFound();
  if (board.purpose === "ideas") return { boardId: board.id, result: "not-here" };
  const t = translator(locale);
  // Directional isolates (added around placeholders for Arabic) stay out of a note's text.
  const plain = (key: string, values?: Record<string, unknown>) => String(t(key, values)).replace(/[\u2066-\u2069]/g, "");
  let drawn: Awaited<ReturnType<typeof drawDeckCard>>;
  try {
    drawn = await drawDeckCard({ localityId: access.locality.id, boardId: board.id }, (card) => ({
      title: plain("servant.deck.noteTitle", { number: card, title: plain(cardKeys(card).title) }),
      question: plain(cardKeys(card).question),
      label: plain("servant.deck.noteAuthor"),
    }));
  } catch {
    return { boardId: board.id, result: "unreachable" };
  }
  if (drawn.card === null) return { boardId: board.id, result: "all-drawn" };
  await recordAudit(db, {
    localityId: access.locality.id,
    actorId: access.user.id,
    action: "deck.draw",
    targetType: "Board",
    targetId: board.id,
    detail: { card: drawn.card },
  });
  return { boardId: board.id, result: drawn.card };
}
