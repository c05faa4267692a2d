/**
 * A phone contributor's receipt (/r/<secret>): the idea found by the SHA-256 of the secret, the
 * facts of it (and of each idea it was merged into) gathered from the database and its challenge
 * board (and of the prototype it became: its public summary and latest decision), and the view
 * app/domain/idea-receipt.ts makes of them. Nothing personal is returned: not the name or
 * contact they gave, not who moderated or decided it.
 */
import { resultsVisible } from "~/collab/board";
import type { Db } from "~/data/db.server";
import { challengeAcceptsIdeas, challengeLanguages, ideaNoteId } from "~/domain/ideas";
import { receiptView, type IdeaFacts, type ReceiptView } from "~/domain/idea-receipt";

import { RECEIPT_SECRET, receiptHashOf } from "./idea-submission.server";
import { findIdeaByReceipt, findReceiptStep } from "~/data/phone-ideas.server";
import { prototypeReceiptFacts } from "~/data/prototypes.server";
import { readBoardSummaries } from "~/use-cases/read-board-summaries.server";

/** How many merges a receipt follows (a longer chain, or a cycle, stops there). */
const MAX_MERGES = 5;

/** Dots per note on a board, or null while the board hides its voting results. */
async function boardDots(localityId: string, boardId: string): Promise<Map<string, number> | null> {
  const { votes, settings } = (await readBoardSummaries(localityId, [boardId])).get(boardId)!;
  return resultsVisible(settings.voting) ? votes : null;
}

export type Receipt = {
  question: string;
  localityName: string;
  text: string;
  language: string;
  createdAt: string;
  view: ReceiptView;
  /** The public link's code while it takes ideas (to send another), else null. */
  linkCode: string | null;
  languages: ("en" | "ar")[];
};

export async function findReceipt(db: Db, secret: string | undefined): Promise<Receipt | null> {
  if (!secret || !RECEIPT_SECRET.test(secret)) return null;
  const idea = await findIdeaByReceipt(db, receiptHashOf(secret));
  if (!idea) return null;

  // The idea, then each idea it was merged into.
  type ChainRow = {
    id: string;
    localityId: string;
    moderation: string;
    status: string;
    rejectionReason: string | null;
    noteId: string | null;
    mergedIntoId: string | null;
    prototype: { id: string } | null;
  };
  const chain: { row: ChainRow; boardId: string }[] = [{ row: idea, boardId: idea.challenge.boardId }];
  const seen = new Set([idea.id]);
  let next = idea.moderation === "merged" ? idea.mergedIntoId : null;
  while (next && !seen.has(next) && chain.length <= MAX_MERGES) {
    seen.add(next);
    const row = await findReceiptStep(db, next);
    if (!row) break;
    chain.push({ row, boardId: row.challenge.boardId });
    next = row.moderation === "merged" ? row.mergedIntoId : null;
  }

  const dotsByBoard = new Map<string, Map<string, number> | null>();
  const facts: IdeaFacts[] = [];
  for (const { row, boardId } of chain) {
    let dots: number | null = null;
    if (row.moderation === "published") {
      if (!dotsByBoard.has(boardId)) dotsByBoard.set(boardId, await boardDots(row.localityId, boardId));
      const totals = dotsByBoard.get(boardId);
      dots = totals ? (totals.get(row.noteId ?? ideaNoteId(row.id)) ?? 0) : null;
    }
    // Stage 4: the prototype it became — tested, what was learned, what was decided and why.
    const prototype = row.prototype ? await prototypeReceiptFacts(db, row.prototype.id) : null;
    facts.push({ moderation: row.moderation, status: row.status, rejectionReason: row.rejectionReason, hasPrototype: row.prototype !== null, dots, prototype });
  }

  const challenge = idea.challenge;
  return {
    question: challenge.question,
    localityName: challenge.locality.name,
    text: idea.text,
    language: idea.language,
    createdAt: idea.createdAt.toISOString(),
    view: receiptView(facts),
    linkCode: challengeAcceptsIdeas(challenge) ? challenge.linkCode : null,
    languages: challengeLanguages(challenge.languages),
  };
}
