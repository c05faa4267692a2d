/**
 * During silent brainstorming everyone's board shows how many notes wait in other people's
 * drafts, never what they say. After each stored change of a draft, its count is written to the
 * board (under an opaque key per person, so counts say nothing about who wrote them).
 */
import crypto from "node:crypto";
import type * as Y from "yjs";
import { applyServerChange } from "~/collab/backend.server";
import { draftCounts, listNotes, setDraftCount } from "~/collab/board";
import { boardDocName, parseDocumentName } from "~/collab/names";
import { env } from "~/config/env.server";

/** The opaque key of a person's draft of a board (the board page tells each person their own). */
export function draftCountKey(boardId: string, userId: string): string {
  return crypto.createHmac("sha256", env().SESSION_SECRET).update(`draft:${boardId}:${userId}`).digest("base64url").slice(0, 12);
}

/** Writes a draft's note count to its board, if it changed. */
export async function countDraftNotes(docName: string, draft: Y.Doc): Promise<void> {
  const name = parseDocumentName(docName);
  if (name?.kind !== "draft" || !name.ownerId) return;
  const count = listNotes(draft).length; // read before the first await: the caller may unload it
  const key = draftCountKey(name.documentId, name.ownerId);
  await applyServerChange(boardDocName(name.localityId, name.documentId), (board) => {
    if ((draftCounts(board).get(key) ?? 0) !== count) setDraftCount(board, key, count);
  });
}
