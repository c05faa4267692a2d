/**
 * Read models of the organisation's portfolio across localities. Each reads every locality in
 * scope at once (a handful of queries whatever the number of prototypes: no query per prototype).
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";

/** The organisation by slug with one user's organisation role and locality memberships in it (for the portfolio's gate). */
export function findPortfolioViewer(db: Db, slug: string, userId: string) {
  return db.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      members: { where: { userId }, select: { role: true } },
      localities: { select: { id: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
}

/** The organisation's localities in scope (all of them, or those ids), by name. */
export function listPortfolioLocalities(db: Db, organisationId: string, localityIds: readonly string[] | null) {
  return db.locality.findMany({
    where: { organisationId, ...(localityIds ? { id: { in: [...localityIds] } } : {}) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, slug: true, currentStage: true },
  });
}

/**
 * Every prototype of these localities with its test cycles in brief: dates, decision, cost, who
 * took part. Four flat queries (prototypes, cycles, participants, counts) put together here: no
 * query per prototype, and no statement that binds one parameter per cycle.
 */
export async function listPortfolioPrototypes(db: Db, localityIds: readonly string[]) {
  if (localityIds.length === 0) return [];
  const inScope = { in: [...localityIds] };
  const [prototypes, cycles, participants, counts] = await Promise.all([
    db.prototype.findMany({
      where: { localityId: inScope },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, localityId: true, title: true, createdAt: true, facet: true },
    }),
    db.testCycle.findMany({
      where: { localityId: inScope },
      orderBy: [{ prototypeId: "asc" }, { number: "asc" }],
      select: {
        id: true,
        prototypeId: true,
        number: true,
        createdAt: true,
        startsOn: true,
        endsOn: true,
        decision: true,
        decidedAt: true,
        costPence: true,
        peopleReached: true,
      },
    }),
    db.cycleParticipant.findMany({ where: { cycle: { localityId: inScope } }, select: { cycleId: true, personId: true } }),
    db.cycleCount.findMany({ where: { cycle: { localityId: inScope } }, select: { cycleId: true, count: true } }),
  ]);
  const peopleOf = new Map<string, string[]>();
  for (const p of participants) {
    const list = peopleOf.get(p.cycleId);
    if (list) list.push(p.personId);
    else peopleOf.set(p.cycleId, [p.personId]);
  }
  const countsOf = new Map<string, number[]>();
  for (const c of counts) {
    const list = countsOf.get(c.cycleId);
    if (list) list.push(c.count);
    else countsOf.set(c.cycleId, [c.count]);
  }
  const cyclesOf = new Map<string, Array<(typeof cycles)[number] & { participantIds: string[]; counts: number[] }>>();
  for (const { id, ...c } of cycles) {
    const list = cyclesOf.get(c.prototypeId) ?? [];
    list.push({ id, ...c, participantIds: peopleOf.get(id) ?? [], counts: countsOf.get(id) ?? [] });
    cyclesOf.set(c.prototypeId, list);
  }
  return prototypes.map((p) => ({ ...p, cycles: cyclesOf.get(p.id) ?? [] }));
}

/** What the committee report says of each prototype: what it is, for whom, and each cycle's learning and decision. */
export async function listReportPrototypes(db: Db, localityIds: readonly string[]) {
  if (localityIds.length === 0) return [];
  return db.prototype.findMany({
    where: { localityId: { in: [...localityIds] } },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      localityId: true,
      title: true,
      summary: true,
      forWhom: true,
      cycles: { orderBy: { number: "asc" }, select: { number: true, learned: true, decision: true, decisionReason: true, decidedAt: true } },
    },
  });
}

type Dated = { localityId: string; at: Date };

/**
 * When each locality's records of each stage were made: people and ties (1), stories still held
 * and insights (2), published ideas (3), prototypes and recorded decisions (4). Seven queries of
 * two columns each.
 */
export async function listStageDates(db: Db, localityIds: readonly string[]) {
  const ids = { in: [...localityIds] };
  const created = { localityId: true, createdAt: true } as const;
  const [people, ties, stories, insights, ideas, prototypes, decisions] = await Promise.all([
    db.person.findMany({ where: { localityId: ids }, select: created }),
    db.tie.findMany({ where: { localityId: ids }, select: created }),
    db.story.findMany({ where: { localityId: ids, withdrawnAt: null }, select: created }),
    db.insight.findMany({ where: { localityId: ids }, select: created }),
    db.idea.findMany({ where: { localityId: ids, moderation: "published" }, select: created }),
    db.prototype.findMany({ where: { localityId: ids }, select: created }),
    db.testCycle.findMany({ where: { localityId: ids, decision: { not: null }, decidedAt: { not: null } }, select: { localityId: true, decidedAt: true } }),
  ]);
  const at = (rows: Array<{ localityId: string; createdAt: Date }>): Dated[] => rows.map((r) => ({ localityId: r.localityId, at: r.createdAt }));
  return {
    relationships: [...at(people), ...at(ties)],
    stories: [...at(stories), ...at(insights)],
    ideas: at(ideas),
    prototypes: [...at(prototypes), ...decisions.map((d) => ({ localityId: d.localityId, at: d.decidedAt! }))],
  };
}

/** Sets the organisation's stalled threshold (weeks already checked), logged with the value it replaced. */
export async function setStalledWeeks(db: Db, input: { organisationId: string; actorId: string; weeks: number }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { stalledAfterWeeks: true } });
    await tx.organisation.update({ where: { id: input.organisationId }, data: { stalledAfterWeeks: input.weeks } });
    await recordAudit(tx, {
      localityId: null,
      actorId: input.actorId,
      action: "portfolio.threshold",
      targetType: "Organisation",
      targetId: input.organisationId,
      detail: { before: before?.stalledAfterWeeks ?? null, after: input.weeks },
    });
  });
}

/** The hypotheses of these prototypes' cycles with every confidence rating given (before and after); asked in chunks of 500 ids (parameter limits). */
export async function listConfidenceCycles(db: Db, prototypeIds: readonly string[]) {
  const select = {
    prototypeId: true,
    number: true,
    believe: true,
    willResult: true,
    knowWhen: true,
    ratings: { select: { moment: true, rating: true } },
  } as const;
  const out = [];
  for (let i = 0; i < prototypeIds.length; i += 500) {
    out.push(
      ...(await db.testCycle.findMany({
        where: { prototypeId: { in: prototypeIds.slice(i, i + 500) } },
        orderBy: [{ prototypeId: "asc" }, { number: "asc" }],
        select,
      })),
    );
  }
  return out;
}
