// The demo organisation's golden thread (issue 21), from Birmingham City Council's own "Golden
// Thread" (seed 003): its purpose, vision, six priorities and six design principles as written,
// and "under review over the summer" where the seed says so. The priority outcomes and their
// measures are NOT Birmingham's (the seed only says they are "the measures set out in the Council's
// Business Plan"): they are plausible examples, marked as such. The demo prototypes are linked to
// some of them.
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";
import type { LocalitySlug } from "./people.ts";

const REVIEW = "Under review over the summer";

type DemoItem = { kind: string; title: string; parentId?: string | null; underReview?: boolean; isExample?: boolean; body?: string };

export const DEMO_THREAD = {
  purpose: "To make a positive difference every day to people’s lives.",
  vision:
    "In the face of austerity, we want everyone who calls Birmingham ‘home’ to have a happy, healthy life here. We want everyone to have access to a decent affordable home, a good job, a great school for their children and extra help if they need it.",
  priorities: [
    {
      title: "A strong economy",
      outcomes: [{ title: "More residents in good, secure work", measures: ["Share of working-age residents in employment"] }],
    },
    {
      title: "Safety and opportunity for all children",
      outcomes: [
        { title: "New parents feel supported in the first year", measures: ["Share of new parents who say they know where to turn for help"] },
        { title: "Fewer children need to come into care", measures: [] },
      ],
    },
    {
      title: "A great future for young people",
      outcomes: [{ title: "Young people shape the services meant for them", measures: ["Young people taking part in designing local services"] }],
    },
    {
      title: "Thriving local communities",
      outcomes: [
        { title: "Neighbours know and help each other", measures: ["Residents who say they could ask a neighbour for help"] },
        { title: "Community spaces are used by more groups", measures: [] },
      ],
    },
    {
      title: "A healthy, happy city",
      outcomes: [{ title: "Fewer people feel lonely or isolated", measures: ["Residents who often feel lonely"] }],
    },
    {
      title: "A modern council",
      outcomes: [{ title: "Residents find council services easy to reach", measures: [] }],
    },
  ],
  principles: [
    "We will work with partners to take a whole system approach, with citizens and neighbourhoods at the heart of our decision making",
    "We will target our resources on our key priorities and outcomes using evidence to inform our decision making",
    "We will promote the independence of service users and also enable them to step up and be part of designing solutions",
    "We will operate as an agile organisation, through our workforce, commissioning, procurement and delivery models",
    "We will use our strategic assets to leverage economic growth and investment across the city",
    "We will make transparency and openness our default position",
  ],
  bigMoves: ["The children’s trust", "Health and social care integration", "Waste and recycling"],
} as const;

/** Which demo prototype serves which example outcome and follows which principle (by title). */
const DEMO_LINKS: Array<{ slug: LocalitySlug; prototype: string; outcomes: string[]; principles: number[]; facet: string }> = [
  {
    slug: "sparkbrook",
    prototype: "Peer mentors for new parents",
    outcomes: ["New parents feel supported in the first year", "Neighbours know and help each other"],
    principles: [2],
    facet: "enhancement-oriented",
  },
  { slug: "longbridge", prototype: "FACEboard", outcomes: ["Young people shape the services meant for them"], principles: [0, 5], facet: "adaptive" },
];

export async function seedDemoThread(tx: DemoTx, ctx: Stage2DemoContext & { organisationId: string }): Promise<void> {
  const { organisationId, actorId } = ctx;
  const snapshot: Array<Record<string, unknown>> = [];
  const add = async (item: DemoItem, position: number) => {
    const created = await tx.threadItem.create({
      data: {
        organisationId,
        kind: item.kind,
        parentId: item.parentId ?? null,
        position,
        title: item.title,
        body: item.body ?? "",
        underReview: item.underReview ?? false,
        reviewNote: item.underReview ? REVIEW : "",
        isExample: item.isExample ?? false,
        addedInVersion: 1,
        changedInVersion: 1,
        createdById: actorId,
      },
      select: { id: true },
    });
    snapshot.push({
      id: created.id,
      kind: item.kind,
      parentId: item.parentId ?? null,
      position,
      title: item.title,
      body: item.body ?? "",
      underReview: item.underReview ?? false,
      reviewNote: item.underReview ? REVIEW : "",
      isExample: item.isExample ?? false,
      archived: false,
    });
    return created.id;
  };
  await add({ kind: "purpose", title: DEMO_THREAD.purpose }, 0);
  await add({ kind: "vision", title: DEMO_THREAD.vision, underReview: true }, 0);
  const outcomeIds = new Map<string, string>();
  for (const [p, priority] of DEMO_THREAD.priorities.entries()) {
    const priorityId = await add({ kind: "priority", title: priority.title, underReview: true }, p);
    for (const [o, outcome] of priority.outcomes.entries()) {
      const outcomeId = await add({ kind: "outcome", parentId: priorityId, title: outcome.title, isExample: true, underReview: true }, o);
      outcomeIds.set(outcome.title, outcomeId);
      for (const [m, measure] of outcome.measures.entries()) await add({ kind: "outcome_measure", parentId: outcomeId, title: measure, isExample: true }, m);
    }
  }
  const principleIds: string[] = [];
  for (const [i, principle] of DEMO_THREAD.principles.entries()) principleIds.push(await add({ kind: "principle", title: principle }, i));
  for (const [i, move] of DEMO_THREAD.bigMoves.entries())
    await add({ kind: "big_move", title: move, underReview: true, body: "To be agreed over the summer; likely to include this programme." }, i);
  await tx.threadVersion.create({
    data: {
      organisationId,
      number: 1,
      changes: JSON.stringify(snapshot.map((s) => ({ itemId: s.id, kind: s.kind, change: "added", title: s.title }))),
      snapshot: JSON.stringify(snapshot),
      createdById: actorId,
    },
  });

  for (const link of DEMO_LINKS) {
    const localityId = ctx.localityIdFor(link.slug);
    const prototype = await tx.prototype.findFirst({ where: { localityId, title: link.prototype }, select: { id: true } });
    if (!prototype) {
      ctx.report(`${link.slug}: no prototype "${link.prototype}" to link to the golden thread`);
      continue;
    }
    await tx.prototype.update({ where: { id: prototype.id }, data: { facet: link.facet } });
    const items = [
      ...link.outcomes.map((title) => ({ id: outcomeIds.get(title)!, kind: "outcome", title })),
      ...link.principles.map((i) => ({ id: principleIds[i]!, kind: "principle", title: DEMO_THREAD.principles[i]! })),
    ];
    await tx.threadLink.createMany({
      data: items.map((item) => ({
        organisationId,
        localityId,
        itemId: item.id,
        itemKind: item.kind,
        versionNumber: 1,
        titleAtLink: item.title,
        prototypeId: prototype.id,
        createdById: actorId,
      })),
    });
  }
  ctx.report(`Golden thread: ${snapshot.length} items, ${DEMO_LINKS.length} prototypes linked`);
}
