/**
 * The exchange (issue 21), the pure part: what a share's recipe holds and how it is shaped from
 * the live records, which quotes may travel to other localities, how the list is searched, what a
 * "try it here" draft carries, and the forms' input. A recipe never names the origin's people: who
 * was involved is told as roles and sectors (counted) and partner organisations.
 */
import { z } from "zod";
import { consentAllows } from "~/domain/stories";
import { summariseCosts, type CostSummary } from "~/domain/measures";
import { PROTOTYPE_LIMITS } from "~/domain/prototype-records";
import { asPrototypeStatus, peopleTookPart } from "~/domain/prototype-records";
import { countEvidence, isConfidence, type Confidence, type EvidenceCounts } from "~/domain/insights";
import type { PrototypeStatus } from "~/domain/prototypes";
import { EXCHANGE_KINDS, EXCHANGE_LIMITS, isExchangeKind, type ExchangeKind } from "./exchange-fields";

// The kinds, limits and outcomes live apart (exchange-fields.ts: no zod, no other domain
// modules), for the pages that show the exchange section; they are part of this module's API too.
export {
  EXCHANGE_KINDS,
  EXCHANGE_LIMITS,
  SHARE_OUTCOMES,
  asShareOutcome,
  isExchangeKind,
  type ExchangeKind,
  type ShareOutcome,
} from "./exchange-fields";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = (message: string) => z.string().regex(ID, message);

// --- forms ------------------------------------------------------------------------------------

/** The share section's forms on a prototype's or an insight's page (locality facilitators). */
export const shareInput = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("share"),
    kind: z.enum(EXCHANGE_KINDS),
    itemId: id("exchange.errors.unknown"),
    note: z.string().trim().max(EXCHANGE_LIMITS.note, "noteLong").default(""),
  }),
  z.object({ intent: z.literal("revoke"), kind: z.enum(EXCHANGE_KINDS), itemId: id("exchange.errors.unknown") }),
]);
export type ShareInput = z.output<typeof shareInput>;

/** A comment on a share: not empty, not too long; kept as typed (pages show it as text). */
export const commentInput = z.object({
  body: z
    .string({ required_error: "exchange.errors.commentEmpty" })
    .trim()
    .min(1, "exchange.errors.commentEmpty")
    .max(EXCHANGE_LIMITS.comment, "exchange.errors.commentLong"),
});

export const removeCommentInput = z.object({ commentId: id("exchange.errors.commentGone") });

/** "Try it here": the locality (one the person facilitates, not the origin) that gets the draft. */
export const tryInput = z.object({ localityId: id("exchange.errors.chooseLocality") });

/** The share page's forms. */
export const SHARE_PAGE_INTENTS = ["comment", "remove-comment", "try"] as const;
export type SharePageIntent = (typeof SHARE_PAGE_INTENTS)[number];

export function asSharePageIntent(value: unknown): SharePageIntent | null {
  return typeof value === "string" && (SHARE_PAGE_INTENTS as readonly string[]).includes(value) ? (value as SharePageIntent) : null;
}

/** Who may remove a comment: its author, or an organisation facilitator; a removed one stays removed. */
export function mayRemoveComment(comment: { authorId: string | null; removedAt: Date | string | null }, userId: string, moderates: boolean): boolean {
  if (comment.removedAt) return false;
  return moderates || (comment.authorId !== null && comment.authorId === userId);
}

// --- the list ---------------------------------------------------------------------------------

export type ListFilters = { q: string; kind: ExchangeKind | null; localityId: string | null };

/** The list's filters from its address; anything unknown is ignored (never an error). */
export function listFilters(url: URL): ListFilters {
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, EXCHANGE_LIMITS.query);
  const kind = url.searchParams.get("kind");
  const locality = url.searchParams.get("locality");
  return { q, kind: isExchangeKind(kind) ? kind : null, localityId: locality && ID.test(locality) ? locality : null };
}

/** Text as compared by the search: NFKD without marks, lower case, spaces collapsed. */
export function searchable(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();
}

/** Whether every word of the query is in one of the texts (any case, accents ignored). */
export function matchesQuery(texts: readonly string[], query: string): boolean {
  const words = searchable(query).split(" ").filter(Boolean);
  if (!words.length) return true;
  const haystack = searchable(texts.join("\n"));
  return words.every((w) => haystack.includes(w));
}

// --- quotes -----------------------------------------------------------------------------------

/** An insight's piece of evidence as the database gives it. */
export type EvidenceRowFacts = {
  id: string;
  excerptId: string | null;
  storyId: string;
  story: { withdrawnAt: Date | null; storytellerPseudonym: string };
  excerpt: { id: string; story: { consent: { scope: string } | null } } | null;
};

/**
 * Whether a piece of evidence may be quoted in the exchange: only while its story is not withdrawn
 * (withdrawal also removes the consent), its excerpt is still there, and the storyteller's consent
 * covers other localities ("other_localities"); "core_group" and "quotes" stay at home.
 */
export function quoteFate(row: EvidenceRowFacts): "shown" | "consent" | "withdrawn" | "removed" {
  if (row.story.withdrawnAt !== null || (row.excerpt !== null && row.excerpt.story.consent === null)) return "withdrawn";
  if (row.excerpt === null) return "removed";
  return consentAllows(row.excerpt.story.consent?.scope, "other_localities") ? "shown" : "consent";
}

export type DroppedQuotes = { consent: number; withdrawn: number };

/** How many quotes a share leaves out, and why (an excerpt a coder removed is no quote at all). */
export function droppedQuotes(rows: readonly EvidenceRowFacts[]): DroppedQuotes {
  const dropped = { consent: 0, withdrawn: 0 };
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.excerptId ?? row.id;
    if (seen.has(key)) continue;
    seen.add(key);
    const fate = quoteFate(row);
    if (fate === "consent" || fate === "withdrawn") dropped[fate]++;
  }
  return dropped;
}

// --- recipes ----------------------------------------------------------------------------------

type PersonFacts = { role: string; person: { sector: string } };
type PartnerFacts = { id: string; name: string; role: string; pledgeKind: string; pledge: string; amount: number | null };
export type RecipeCycleFacts = {
  id: string;
  number: number;
  believe: string;
  willResult: string;
  knowWhen: string;
  method: string;
  startsOn: Date | null;
  endsOn: Date | null;
  languages: string;
  learned: string;
  decision: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  costPence: number | null;
  peopleReached: number | null;
  participants: { role: string; person: { id: string; sector: string } }[];
  counts: { label: string; count: number }[];
};
export type PrototypeFacts = {
  id: string;
  title: string;
  summary: string;
  forWhom: string;
  status: string;
  publicSummary: string;
  people: readonly PersonFacts[];
  partners: readonly PartnerFacts[];
};

/** Who was involved, counted by role (use / deliver) and sector, never named. */
export type InvolvedGroup = { role: string; sector: string; count: number };

export function involvedGroups(rows: readonly { role: string; sector: string }[]): InvolvedGroup[] {
  const counts = new Map<string, InvolvedGroup>();
  for (const r of rows) {
    const key = `${r.role}\u0000${r.sector}`;
    const group = counts.get(key) ?? { role: r.role, sector: r.sector, count: 0 };
    group.count++;
    counts.set(key, group);
  }
  const roleOrder = (role: string) => (role === "use" ? 0 : role === "deliver" ? 1 : 2);
  return [...counts.values()].sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || b.count - a.count || a.sector.localeCompare(b.sector));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type RecipeCycle = {
  number: number;
  believe: string;
  willResult: string;
  knowWhen: string;
  method: string;
  startsOn: string | null;
  endsOn: string | null;
  languages: string[];
  learned: string;
  decision: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  costPence: number | null;
  peopleReached: number | null;
  tookPart: InvolvedGroup[];
  others: { label: string; count: number }[];
};

export type PrototypeRecipe = {
  title: string;
  summary: string;
  forWhom: string;
  status: PrototypeStatus;
  publicSummary: string;
  involved: InvolvedGroup[];
  partners: Omit<PartnerFacts, "id">[];
  cycles: RecipeCycle[];
  peopleTookPart: number;
  cost: Pick<CostSummary, "costPence" | "peopleReached" | "costPerPerson">;
  /** Money pledged by partners, in pence (null: none). */
  pledgedPence: number | null;
};

/** A prototype's recipe from its live record and its cycles (oldest first): nobody's name in it. */
export function prototypeRecipe(p: PrototypeFacts, cycles: readonly RecipeCycleFacts[]): PrototypeRecipe {
  const ordered = [...cycles].sort((a, b) => a.number - b.number);
  const costs = summariseCosts(ordered.map((c) => ({ id: c.id, number: c.number, costPence: c.costPence, peopleReached: c.peopleReached })));
  const money = p.partners.filter((x) => x.pledgeKind === "money" && x.amount !== null).map((x) => x.amount!);
  return {
    title: p.title,
    summary: p.summary,
    forWhom: p.forWhom,
    status: asPrototypeStatus(p.status),
    publicSummary: p.publicSummary,
    involved: involvedGroups(p.people.map((x) => ({ role: x.role, sector: x.person.sector }))),
    partners: p.partners.map(({ id: _id, ...rest }) => rest),
    cycles: ordered.map((c) => ({
      number: c.number,
      believe: c.believe,
      willResult: c.willResult,
      knowWhen: c.knowWhen,
      method: c.method,
      startsOn: iso(c.startsOn),
      endsOn: iso(c.endsOn),
      languages: c.languages
        .split(",")
        .map((l) => l.trim())
        .filter(Boolean),
      learned: c.learned,
      decision: c.decision,
      decisionReason: c.decisionReason,
      decidedAt: iso(c.decidedAt),
      costPence: c.costPence,
      peopleReached: c.peopleReached,
      tookPart: involvedGroups(c.participants.map((x) => ({ role: x.role, sector: x.person.sector }))),
      others: c.counts.map((x) => ({ label: x.label, count: x.count })),
    })),
    peopleTookPart: peopleTookPart(
      ordered.flatMap((c) => c.participants.map((x) => x.person.id)),
      ordered.flatMap((c) => c.counts.map((x) => x.count)),
    ),
    cost: { costPence: costs.costPence, peopleReached: costs.peopleReached, costPerPerson: costs.costPerPerson },
    pledgedPence: money.length ? money.reduce((a, b) => a + b, 0) : null,
  };
}

export type InsightFacts = {
  statement: string;
  confidence: string;
  questions: readonly { text: string }[];
  evidence: readonly EvidenceRowFacts[];
};

export type InsightRecipe = { statement: string; confidence: Confidence; questions: string[]; evidence: EvidenceCounts };

/** An insight's recipe: its statement, confidence, questions and how much evidence stands behind it. */
export function insightRecipe(i: InsightFacts): InsightRecipe {
  return {
    statement: i.statement,
    confidence: isConfidence(i.confidence) ? i.confidence : "medium",
    questions: i.questions.map((q) => q.text),
    evidence: countEvidence(
      i.evidence.map((r) => {
        const fate = quoteFate(r);
        return {
          excerptId: fate === "removed" || fate === "withdrawn" ? null : r.excerptId,
          storyId: r.storyId,
          withdrawn: fate === "withdrawn",
          pseudonym: r.story.storytellerPseudonym,
        };
      }),
    ),
  };
}

// --- try it here --------------------------------------------------------------------------------

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * The draft prototype "try it here" makes: the recipe's title, what it is and for whom, and a line
 * saying where it was tried from (`tried`, already in the person's language). The line is always
 * kept whole; the recipe's text gives way when the summary would be too long. An insight becomes
 * a draft titled by its statement, its "How might we…?" questions as what it is.
 */
export function draftFromRecipe(recipe: { kind: "prototype"; prototype: PrototypeRecipe } | { kind: "insight"; insight: InsightRecipe }, tried: string) {
  const max = PROTOTYPE_LIMITS.summary;
  const line = clip(tried, Math.min(500, max));
  const room = max - line.length - 2;
  if (recipe.kind === "prototype") {
    const p = recipe.prototype;
    const summary = p.summary.trim() ? `${clip(p.summary.trim(), room)}\n\n${line}` : line;
    return { title: clip(p.title, PROTOTYPE_LIMITS.title), summary, forWhom: clip(p.forWhom, PROTOTYPE_LIMITS.forWhom) };
  }
  const i = recipe.insight;
  const body = [i.statement, ...i.questions].join("\n");
  return { title: clip(i.statement, PROTOTYPE_LIMITS.title), summary: `${clip(body, room)}\n\n${line}`, forWhom: "" };
}

/** A share's state as its section shows it. */
export function shareState(share: { revokedAt: Date | string | null } | null): "none" | "shared" | "revoked" {
  if (!share) return "none";
  return share.revokedAt ? "revoked" : "shared";
}
