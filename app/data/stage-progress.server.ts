/**
 * What each stage's checklist counts, read from the group's own records (app/domain/stage-checklist.ts
 * turns the counts into items). A stage is read in one Prisma call of the locality with what it
 * needs nested (Stage 3: two, a list of challenges and the ideas grouped by source and status):
 * no query per person, story, insight or prototype, and only what counting needs (no text).
 */
import type { Db } from "./db.server";
import { evidenceFact } from "~/domain/insights";
import { stage1Counts, stage2Counts, stage3Counts, stage4Counts, type StageCounts } from "~/domain/stage-checklist";
import type { StageNumber } from "~/domain/stages";

/** The counts of one stage of a locality (null: no such locality). */
export async function loadStageCounts(db: Db, localityId: string, stage: StageNumber, now: Date): Promise<StageCounts | null> {
  switch (stage) {
    case 1:
      return stage1(db, localityId, now);
    case 2:
      return stage2(db, localityId);
    case 3:
      return stage3(db, localityId, now);
    case 4:
      return stage4(db, localityId, now);
  }
}

async function stage1(db: Db, localityId: string, now: Date): Promise<StageCounts | null> {
  const row = await db.locality.findUnique({
    where: { id: localityId },
    select: {
      people: { select: { id: true, sector: true } },
      ties: { select: { personAId: true, personBId: true, status: true, since: true, createdAt: true, workshopId: true } },
      agreedPurposeVersion: { select: { _count: { select: { endorsements: { where: { localityId } } } } } },
      _count: { select: { workshops: { where: { startsAt: { lte: now } } } } },
    },
  });
  if (!row) return null;
  return {
    stage: 1,
    counts: stage1Counts({
      people: row.people,
      ties: row.ties,
      purposeAgreed: row.agreedPurposeVersion !== null,
      endorsements: row.agreedPurposeVersion?._count.endorsements ?? 0,
      sessionsHeld: row._count.workshops,
    }),
  };
}

async function stage2(db: Db, localityId: string): Promise<StageCounts | null> {
  const row = await db.locality.findUnique({
    where: { id: localityId },
    select: {
      stories: { where: { withdrawnAt: null }, select: { consent: { select: { id: true } }, _count: { select: { excerpts: true } } } },
      insights: {
        select: {
          id: true,
          evidence: {
            select: {
              excerptId: true,
              storyId: true,
              story: { select: { withdrawnAt: true, storytellerPseudonym: true, consent: { select: { id: true } } } },
            },
          },
        },
      },
    },
  });
  if (!row) return null;
  return {
    stage: 2,
    counts: stage2Counts({
      stories: row.stories.map((s) => ({ consented: s.consent !== null, excerpts: s._count.excerpts })),
      insightIds: row.insights.map((i) => i.id),
      evidence: row.insights.flatMap((i) =>
        i.evidence.map((e) => ({
          insightId: i.id,
          ...evidenceFact({
            excerptId: e.excerptId,
            storyId: e.storyId,
            storyWithdrawn: e.story.withdrawnAt !== null,
            storyConsented: e.story.consent !== null,
            pseudonym: e.story.storytellerPseudonym,
          }),
        })),
      ),
    }),
  };
}

async function stage3(db: Db, localityId: string, now: Date): Promise<StageCounts | null> {
  const [locality, ideas] = await Promise.all([
    db.locality.findUnique({ where: { id: localityId }, select: { challenges: { select: { linkOpen: true, closesAt: true } } } }),
    db.idea.groupBy({ by: ["source", "status"], where: { localityId, moderation: "published" }, _count: { _all: true } }),
  ]);
  if (!locality) return null;
  return {
    stage: 3,
    counts: stage3Counts({
      challenges: locality.challenges,
      ideas: ideas.map((g) => ({ source: g.source, status: g.status, count: g._count._all })),
      now,
    }),
  };
}

async function stage4(db: Db, localityId: string, now: Date): Promise<StageCounts | null> {
  const row = await db.locality.findUnique({
    where: { id: localityId },
    select: {
      prototypes: {
        select: {
          cycles: { where: { decision: null }, select: { decision: true, startsOn: true, endsOn: true } },
          _count: { select: { cycles: true } },
        },
      },
    },
  });
  if (!row) return null;
  return { stage: 4, counts: stage4Counts({ prototypes: row.prototypes.map((p) => ({ cycles: p._count.cycles, undecided: p.cycles })), now }) };
}
