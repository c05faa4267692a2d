/** What the public phone pages (a challenge's link, an idea's receipt) read and write. */
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { Db } from "./db.server";

/** The challenge behind a public link code, with its locality's name. */
export function findChallengeByLinkCode(db: Db, linkCode: string) {
  return db.challenge.findUnique({
    where: { linkCode },
    select: {
      id: true,
      localityId: true,
      question: true,
      languages: true,
      closesAt: true,
      linkOpen: true,
      linkCode: true,
      locality: { select: { name: true } },
    },
  });
}

/** The receipt hash of an idea already sent with this submission key, if any. */
export function findReceiptHashOf(db: Db, challengeId: string, submissionKey: string) {
  return db.idea.findUnique({ where: { challengeId_submissionKey: { challengeId, submissionKey } }, select: { receiptHash: true } });
}

/** What the spam signals need: the challenge's recent texts and how many ideas this phone and address sent since `since`. */
export async function spamFacts(db: Db, challengeId: string, sender: { deviceHash: string; addressHash: string }, since: Date) {
  const [earlier, recentFromDevice, recentFromAddress] = await Promise.all([
    db.idea.findMany({ where: { challengeId }, select: { text: true }, orderBy: { createdAt: "desc" }, take: 1000 }),
    db.idea.count({ where: { deviceHash: sender.deviceHash, createdAt: { gte: since } } }),
    db.idea.count({ where: { addressHash: sender.addressHash, createdAt: { gte: since } } }),
  ]);
  return { earlier, recentFromDevice, recentFromAddress };
}

export async function createPhoneIdea(db: Db, data: Prisma.IdeaUncheckedCreateInput): Promise<void> {
  await db.idea.create({ data });
}

/** What a receipt shows of each idea in a merge chain. */
const ideaSelect = {
  id: true,
  localityId: true,
  moderation: true,
  status: true,
  rejectionReason: true,
  noteId: true,
  mergedIntoId: true,
  prototype: { select: { id: true } },
  challenge: { select: { boardId: true } },
} as const;

/** The idea a receipt secret's hash belongs to, with its challenge. */
export function findIdeaByReceipt(db: Db, receiptHash: string) {
  return db.idea.findUnique({
    where: { receiptHash },
    select: {
      ...ideaSelect,
      text: true,
      language: true,
      createdAt: true,
      challenge: {
        select: { boardId: true, question: true, languages: true, linkCode: true, linkOpen: true, closesAt: true, locality: { select: { name: true } } },
      },
    },
  });
}

/** The next idea of a merge chain. */
export function findReceiptStep(db: Db, ideaId: string) {
  return db.idea.findUnique({ where: { id: ideaId }, select: ideaSelect });
}
