// A challenge as the challenge pages make it (a board for ideas, the challenge row with its public
// link code), for tests that need one before or apart from those pages.
import type { Db } from "~/data/db.server";
import { newLinkCode } from "~/domain/ideas";

export type ChallengeInput = {
  localityId: string;
  actorId?: string | null;
  question?: string;
  languages?: string;
  closesAt?: Date | null;
  insightId?: string | null;
  questionId?: string | null;
};

export async function makeChallenge(db: Db, input: ChallengeInput) {
  const question = input.question ?? "How might we help new parents find each other?";
  const board = await db.board.create({
    data: { localityId: input.localityId, title: question.slice(0, 120), purpose: "ideas", createdById: input.actorId ?? null },
  });
  return db.challenge.create({
    data: {
      localityId: input.localityId,
      question,
      boardId: board.id,
      languages: input.languages ?? "en,ar",
      closesAt: input.closesAt ?? null,
      linkCode: newLinkCode(),
      insightId: input.insightId ?? null,
      questionId: input.questionId ?? null,
      createdById: input.actorId ?? null,
    },
  });
}
