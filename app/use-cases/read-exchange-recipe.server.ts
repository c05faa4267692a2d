/**
 * The one way the exchange reads a share's recipe: LIVE from the prototype or insight each time
 * (no snapshot), so an edit, an erasure or a withdrawal reaches the exchange at once. Quotes come
 * only from stories whose consent covers other localities and that are not withdrawn, always
 * redacted (quote-excerpts.server.ts); the quotes left out are counted with their reason. For an
 * insight: its evidence; for a prototype: the evidence of the insights behind its idea.
 */
import type { Db } from "~/data/db.server";
import { findPrototypeRecord } from "~/data/prototypes.server";
import { findInsight, type InsightRow } from "~/data/insights.server";
import { recipeCycles } from "~/data/exchange.server";
import { droppedQuotes, insightRecipe, prototypeRecipe, quoteFate, type DroppedQuotes, type InsightRecipe, type PrototypeRecipe } from "~/domain/exchange";
import { quoteReader } from "./quote-excerpts.server";
import { storyLabels } from "./read-story.server";

export type ExchangeQuote = { id: string; pseudonym: string; quote: string; insight: string };

export type ExchangeRecipe = ({ kind: "prototype"; prototype: PrototypeRecipe } | { kind: "insight"; insight: InsightRecipe }) & {
  quotes: ExchangeQuote[];
  dropped: DroppedQuotes;
};

type ShareRef = { kind: string; localityId: string; prototypeId: string | null; insightId: string | null };

async function quotesOf(db: Db, insights: readonly InsightRow[], locale: string): Promise<{ quotes: ExchangeQuote[]; dropped: DroppedQuotes }> {
  const quote = quoteReader(db, locale);
  const labels = storyLabels(db, locale, quote.identifiers);
  const quotes: ExchangeQuote[] = [];
  const seen = new Set<string>();
  for (const insight of insights) {
    for (const row of insight.evidence) {
      if (quoteFate(row) !== "shown" || seen.has(row.excerpt!.id)) continue;
      seen.add(row.excerpt!.id);
      const excerpt = row.excerpt!;
      quotes.push({ id: excerpt.id, pseudonym: (await labels(excerpt.story)).pseudonym, quote: await quote(excerpt), insight: insight.statement });
    }
  }
  return { quotes, dropped: droppedQuotes(insights.flatMap((i) => i.evidence)) };
}

/** A share's recipe in a language, or null when the prototype or insight is gone. */
export async function readExchangeRecipe(db: Db, share: ShareRef, locale: string): Promise<ExchangeRecipe | null> {
  if (share.kind === "prototype" && share.prototypeId) {
    const record = await findPrototypeRecord(db, share.localityId, share.prototypeId);
    if (!record) return null;
    const cycles = await recipeCycles(db, share.localityId, record.id);
    const insightIds = [...new Set((record.idea?.insights ?? []).map((i) => i.insight.id))].sort();
    const insights = (await Promise.all(insightIds.map((id) => findInsight(db, share.localityId, id)))).filter((i): i is InsightRow => i !== null);
    return { kind: "prototype", prototype: prototypeRecipe(record, cycles), ...(await quotesOf(db, insights, locale)) };
  }
  if (share.kind === "insight" && share.insightId) {
    const row = await findInsight(db, share.localityId, share.insightId);
    if (!row) return null;
    return { kind: "insight", insight: insightRecipe(row), ...(await quotesOf(db, [row], locale)) };
  }
  return null;
}
