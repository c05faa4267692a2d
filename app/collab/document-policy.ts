import type { CollabDocumentKind } from "./names";

/**
 * Which top-level parts of each kind of document only facilitators may change. The collab
 * server refuses other writers' updates that touch them, so facilitator controls (a board's
 * lock, timer, voting rules, hidden authors — all in its `settings` map, see board.ts) hold
 * even against a hand-made client.
 */
export const FACILITATOR_ONLY_ROOTS: Record<CollabDocumentKind, ReadonlySet<string>> = {
  board: new Set(["settings"]),
  doc: new Set(),
};
