/**
 * Board → records. After the collab server stores changes to a board, this makes each member's
 * note on a challenge's board an idea record (source "board", published), keeps its text in
 * step, and deletes or detaches the record when the note leaves (app/domain/board-ideas.ts
 * decides what). Runs after every stored update of every board, so it returns at once for boards
 * that are not a challenge's (which boards are is cached per process for a short while), and it is
 * idempotent: two runs at once create each record once (unique challengeId + noteId).
 */
import type * as Y from "yjs";
import { listNotes } from "~/collab/board";
import { parseDocumentName } from "~/collab/names";
import type { Db } from "~/data/db.server";
import { createBoardIdea, deleteOrDetachBoardIdea, listBoardIdeasForSync, relinkBoardIdea, updateBoardIdeaText } from "~/data/ideas.server";
import { challengeLanguages } from "~/domain/ideas";
import { planBoardIdeaSync, type BoardNoteFacts } from "~/domain/board-ideas";
import { findChallengeOfBoard } from "~/data/challenges.server";

type ChallengeOfBoard = { id: string; localityId: string; languages: string[] };

/** How long a board's answer to "is this a challenge's board?" is trusted. */
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; challenge: ChallengeOfBoard | null }>();

/** Forgets what the cache knows (tests; a process that just opened a challenge on an existing board). */
export function forgetChallengeBoards(): void {
  cache.clear();
}

async function challengeOfBoard(db: Db, localityId: string, boardId: string, now: number): Promise<ChallengeOfBoard | null> {
  const hit = cache.get(boardId);
  if (hit && now - hit.at < CACHE_MS) return hit.challenge;
  const row = await findChallengeOfBoard(db, boardId);
  const challenge = row && row.localityId === localityId ? { id: row.id, localityId: row.localityId, languages: challengeLanguages(row.languages) } : null;
  cache.set(boardId, { at: now, challenge });
  if (cache.size > 5000) for (const [key, value] of cache) if (now - value.at >= CACHE_MS) cache.delete(key);
  return challenge;
}

export type SyncOutcome = { created: number; updated: number; relinked: number; deleted: number; detached: number } | null;

/**
 * Brings a challenge board's idea records in line with the stored document `doc`. Reads the
 * document first, synchronously (the collab server may unload it right after calling).
 * Returns what it did, or null when the document is not a challenge's board.
 */
export async function syncChallengeIdeas(database: Db | Promise<Db>, docName: string, doc: Y.Doc): Promise<SyncOutcome> {
  const name = parseDocumentName(docName);
  if (name?.kind !== "board") return null;
  const cached = cache.get(name.documentId);
  if (cached && Date.now() - cached.at < CACHE_MS && cached.challenge === null) return null;
  const notes: BoardNoteFacts[] = listNotes(doc).map((n) => ({ id: n.id, text: n.text, authorId: n.authorId, link: n.link }));

  const db = await database;
  const challenge = await challengeOfBoard(db, name.localityId, name.documentId, Date.now());
  if (!challenge) return null;
  const ideas = await listBoardIdeasForSync(db, challenge.id);
  const plan = planBoardIdeaSync(notes, ideas, challenge.languages);
  const outcome = { created: 0, updated: 0, relinked: 0, deleted: 0, detached: 0 };
  for (const c of plan.create) {
    if (await createBoardIdea(db, { localityId: challenge.localityId, challengeId: challenge.id, ...c })) outcome.created++;
  }
  for (const u of plan.update) {
    if (await updateBoardIdeaText(db, u)) outcome.updated++;
  }
  for (const r of plan.relink) {
    if (await relinkBoardIdea(db, r)) outcome.relinked++;
  }
  for (const g of plan.gone) {
    const result = await deleteOrDetachBoardIdea(db, g);
    if (result === "deleted") outcome.deleted++;
    else if (result === "detached") outcome.detached++;
  }
  return outcome;
}
