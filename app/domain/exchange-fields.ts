/**
 * The exchange's kinds of share, its limits and what its section says after a form. Apart from
 * exchange.ts (zod and the recipes, built from several other domain modules), so that a prototype's
 * or an insight's page shows its exchange section without fetching those in the browser.
 */
export const EXCHANGE_KINDS = ["prototype", "insight"] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export function isExchangeKind(value: unknown): value is ExchangeKind {
  return typeof value === "string" && (EXCHANGE_KINDS as readonly string[]).includes(value);
}

export const EXCHANGE_LIMITS = {
  /** The facilitator's note to other places. */
  note: 1000,
  comment: 2000,
  /** Words typed in the list's search box. */
  query: 200,
  /** Shares the list reads at most (newest first). */
  list: 500,
} as const;

/**
 * What the exchange section of a prototype's or insight's page says after a form: done (shared,
 * reshared, updated, revoked; tried: a draft made here from the exchange; again: the draft made
 * before, offered again) or refused.
 */
export const SHARE_OUTCOMES = ["shared", "reshared", "updated", "revoked", "tried", "again", "noteLong", "invalid", "notShared"] as const;
export type ShareOutcome = (typeof SHARE_OUTCOMES)[number];

export function asShareOutcome(value: string | null): ShareOutcome | null {
  return value && (SHARE_OUTCOMES as readonly string[]).includes(value) ? (value as ShareOutcome) : null;
}
