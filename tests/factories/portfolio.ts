// An organisation's portfolio at scale, written in batches (createMany, a few thousand rows a
// statement): N localities, each with its core group, ties, stories, insights, a challenge with
// published ideas, and P prototypes of C test cycles each — who took part, counts of others, costs,
// decisions with what was learned, confidence ratings. Dates spread over the past year, so the
// stage charts have months, and some prototypes end up stalled or waiting for a decision. For the
// portfolio's benchmark (tests/bench/portfolio.ts) and tests that need a big portfolio.
import crypto from "node:crypto";
import type { Db } from "~/data/db.server";

export type PortfolioScale = { localities: number; prototypes: number; cycles: number; people: number };
export const BENCH_PORTFOLIO: PortfolioScale = { localities: 20, prototypes: 50, cycles: 10, people: 20 };

const DAY = 24 * 60 * 60 * 1000;

/** Rows of one table written in chunks small enough for both databases' parameter limits. */
async function insertMany<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 25);

export async function seedPortfolio(db: Db, organisationId: string, scale: PortfolioScale, options: { now?: Date; raterIds?: string[] } = {}) {
  const now = options.now ?? new Date();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const localities = Array.from({ length: scale.localities }, (_, l) => ({
    id: id(),
    organisationId,
    slug: `scaled-${l}-${crypto.randomBytes(3).toString("hex")}`,
    name: `Scaled locality ${String(l + 1).padStart(2, "0")}`,
    currentStage: 1 + (l % 4),
    createdAt: at(360),
  }));
  await db.locality.createMany({ data: localities });

  const people: Array<{ id: string; localityId: string; displayName: string; sector: string; createdAt: Date }> = [];
  const ties: Array<{ localityId: string; personAId: string; personBId: string; kind: string; since: Date; createdAt: Date }> = [];
  const stories: Array<{ localityId: string; title: string; storytellerPseudonym: string; occurredOn: Date; method: string; createdAt: Date }> = [];
  const insights: Array<{ localityId: string; statement: string; createdAt: Date }> = [];
  const boards: Array<{ id: string; localityId: string; title: string }> = [];
  const challenges: Array<{ id: string; localityId: string; question: string; boardId: string; linkCode: string }> = [];
  const ideas: Array<{ localityId: string; challengeId: string; source: string; moderation: string; title: string; text: string; createdAt: Date }> = [];
  const prototypes: Array<{
    id: string;
    localityId: string;
    title: string;
    summary: string;
    forWhom: string;
    status: string;
    facet: string | null;
    createdAt: Date;
  }> = [];
  const cycles: Array<Record<string, unknown>> = [];
  const participants: Array<{ cycleId: string; personId: string; role: string }> = [];
  const counts: Array<{ cycleId: string; label: string; count: number }> = [];
  const ratings: Array<{ cycleId: string; userId: string; moment: string; rating: number }> = [];

  localities.forEach((loc, l) => {
    const mine = Array.from({ length: scale.people }, (_, n) => ({
      id: id(),
      localityId: loc.id,
      displayName: `Person ${l}-${n}`,
      sector: n % 3 === 0 ? "public_service" : "parent",
      createdAt: at(350 - n * 3),
    }));
    people.push(...mine);
    for (let n = 1; n < mine.length; n++)
      ties.push({ localityId: loc.id, personAId: mine[n - 1]!.id, personBId: mine[n]!.id, kind: "works_with", since: at(340), createdAt: at(340 - n * 4) });
    for (let n = 0; n < 8; n++) {
      stories.push({
        localityId: loc.id,
        title: `Story ${n}`,
        storytellerPseudonym: `Parent ${n}`,
        occurredOn: at(300),
        method: "interview",
        createdAt: at(300 - n * 10),
      });
      insights.push({ localityId: loc.id, statement: `Insight ${n}`, createdAt: at(250 - n * 10) });
    }
    const board = { id: id(), localityId: loc.id, title: "Ideas board" };
    const challenge = { id: id(), localityId: loc.id, question: "How might we?", boardId: board.id, linkCode: `c${crypto.randomBytes(6).toString("hex")}` };
    boards.push(board);
    challenges.push(challenge);
    for (let n = 0; n < 30; n++)
      ideas.push({
        localityId: loc.id,
        challengeId: challenge.id,
        source: "board",
        moderation: "published",
        title: `Idea ${n}`,
        text: `Idea ${n}`,
        createdAt: at(200 - n * 3),
      });

    for (let p = 0; p < scale.prototypes; p++) {
      const prototypeId = id();
      const started = 180 - (p % 30);
      prototypes.push({
        id: prototypeId,
        localityId: loc.id,
        title: `Prototype ${l + 1}.${p + 1}`,
        summary: `What prototype ${l + 1}.${p + 1} tries, in a few sentences.`,
        forWhom: "New parents",
        status: "testing",
        facet: p % 5 === 4 ? null : (["enhancement-oriented", "mission-oriented", "adaptive", "anticipatory"] as const)[p % 4]!,
        createdAt: at(started + 10),
      });
      // Cycles a fortnight apart. Every prototype's last cycle: still running for a third of them,
      // ended three weeks ago waiting for its decision for another third, decided for the rest (and
      // some of those quiet for a quarter more: stalled).
      const quiet = p % 7 === 0 ? 120 : 0;
      for (let c = 0; c < scale.cycles; c++) {
        const cycleId = id();
        const last = c === scale.cycles - 1;
        const kind = p % 3;
        let startsOn = at(Math.max(0, started - c * 14 + quiet));
        let endsOn = at(started - c * 14 - 10 + quiet);
        if (last && kind === 0) [startsOn, endsOn] = [at(5), at(-10)];
        if (last && kind === 1) [startsOn, endsOn] = [at(35), at(21)];
        const decision = last && kind !== 2 ? null : "adapt";
        cycles.push({
          id: cycleId,
          prototypeId,
          localityId: loc.id,
          number: c + 1,
          believe: "a weekly drop-in run by parents",
          willResult: "help new parents find support sooner",
          knowWhen: "most who come once come back",
          method: "pilot",
          startsOn,
          endsOn,
          languages: "en,ar",
          learned: decision ? `Cycle ${c + 1}: most parents came back the next week.` : "",
          costPence: 10_000 + c * 500,
          peopleReached: 10 + c,
          decision,
          decisionReason: decision ? "The evidence says try it again, changed." : null,
          decidedAt: decision ? endsOn : null,
          createdAt: at(started - c * 14 + 7 + quiet),
        });
        participants.push({ cycleId, personId: mine[(p + c) % mine.length]!.id, role: "use" });
        participants.push({ cycleId, personId: mine[(p + c + 1) % mine.length]!.id, role: "deliver" });
        counts.push({ cycleId, label: "parents", count: 5 + (c % 4) });
        for (const [r, userId] of (options.raterIds ?? []).entries()) {
          ratings.push({ cycleId, userId, moment: "before", rating: 1 + ((p + c + r) % 5) });
          ratings.push({ cycleId, userId, moment: "after", rating: 1 + ((p + c + r + 1) % 5) });
        }
      }
    }
  });

  await insertMany(people, (data) => db.person.createMany({ data }));
  await insertMany(ties, (data) => db.tie.createMany({ data }));
  await insertMany(stories, (data) => db.story.createMany({ data }));
  await insertMany(insights, (data) => db.insight.createMany({ data }));
  await insertMany(boards, (data) => db.board.createMany({ data }));
  await insertMany(challenges, (data) => db.challenge.createMany({ data }));
  await insertMany(ideas, (data) => db.idea.createMany({ data }));
  await insertMany(prototypes, (data) => db.prototype.createMany({ data }));
  // biome-ignore lint/suspicious/noExplicitAny: rows built above match TestCycle's columns
  await insertMany(cycles, (data) => db.testCycle.createMany({ data: data as any }));
  await insertMany(participants, (data) => db.cycleParticipant.createMany({ data }));
  await insertMany(counts, (data) => db.cycleCount.createMany({ data }));
  await insertMany(ratings, (data) => db.confidenceRating.createMany({ data }));
  return {
    localityIds: localities.map((l) => l.id),
    rows: {
      people: people.length,
      ties: ties.length,
      prototypes: prototypes.length,
      cycles: cycles.length,
      participants: participants.length,
      ratings: ratings.length,
    },
  };
}
