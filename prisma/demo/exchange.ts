// The demo exchange (issue 21): Longbridge shares its FACEboard prototype's recipe with the whole
// organisation, and Sparkbrook one of its insights — the one with the most evidence from stories
// whose storytellers agreed their words may go to other localities, so the exchange shows quotes
// (redacted) as well as the ones left out. A member of the other locality has commented on each.
// INVENTED content. Rows are written as the pages write them, with their activity-log entries.
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

const NOTES = {
  prototype:
    "Start with the parish council's noticeboard and one phone number people can text. We would run the first drop-in at the children's centre, not the library: that is where parents already are.",
  insight: "Families told us this in Arabic and in English alike. Worth asking your own parents whether it is true where you are.",
};

const COMMENTS = {
  prototype: {
    from: "member.sparkbrook@coproduce.test",
    locality: "sparkbrook",
    body: "Did the parents text in Arabic too? We would need someone to answer in Arabic and Somali.",
  },
  insight: {
    from: "member.longbridge@coproduce.test",
    locality: "longbridge",
    body: "We heard the same at the school gate in Longbridge. Thank you for sharing it.",
  },
} as const;

export async function seedDemoExchange(tx: DemoTx, ctx: Stage2DemoContext & { organisationId: string }): Promise<void> {
  const longbridge = ctx.localityIdFor("longbridge");
  const sparkbrook = ctx.localityIdFor("sparkbrook");
  const faceboard = await tx.prototype.findFirst({ where: { localityId: longbridge, title: "FACEboard" }, select: { id: true } });
  const insights = await tx.insight.findMany({
    where: { localityId: sparkbrook },
    select: { id: true, evidence: { select: { excerpt: { select: { story: { select: { withdrawnAt: true, consent: { select: { scope: true } } } } } } } } },
    orderBy: { createdAt: "asc" },
  });
  const travels = (i: (typeof insights)[number]) =>
    i.evidence.filter((e) => e.excerpt && !e.excerpt.story.withdrawnAt && e.excerpt.story.consent?.scope === "other_localities").length;
  const insight = [...insights].sort((a, b) => travels(b) - travels(a))[0] ?? null;

  const shares: Array<{ kind: "prototype" | "insight"; localityId: string; itemId: string }> = [];
  if (faceboard) shares.push({ kind: "prototype", localityId: longbridge, itemId: faceboard.id });
  else ctx.report("longbridge: no FACEboard prototype to share in the exchange");
  if (insight) shares.push({ kind: "insight", localityId: sparkbrook, itemId: insight.id });
  else ctx.report("sparkbrook: no insight to share in the exchange");

  for (const s of shares) {
    const share = await tx.exchangeShare.create({
      data: {
        organisationId: ctx.organisationId,
        localityId: s.localityId,
        kind: s.kind,
        ...(s.kind === "prototype" ? { prototypeId: s.itemId } : { insightId: s.itemId }),
        note: NOTES[s.kind],
        sharedById: ctx.actorId,
      },
      select: { id: true },
    });
    await tx.auditEntry.create({
      data: {
        localityId: s.localityId,
        actorId: ctx.actorId,
        action: "exchange.share",
        targetType: s.kind,
        targetId: s.itemId,
        detail: JSON.stringify({ shareId: share.id }),
      },
    });
    const c = COMMENTS[s.kind];
    const comment = await tx.exchangeComment.create({
      data: { shareId: share.id, authorId: ctx.userIdFor(c.from), localityId: ctx.localityIdFor(c.locality), body: c.body },
      select: { id: true },
    });
    await tx.auditEntry.create({
      data: {
        localityId: s.localityId,
        actorId: ctx.userIdFor(c.from),
        action: "exchange.comment",
        targetType: "exchangeShare",
        targetId: share.id,
        detail: JSON.stringify({ commentId: comment.id }),
      },
    });
  }
  ctx.report(`exchange: ${shares.length} shares`);
}
