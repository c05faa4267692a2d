/**
 * What the board page does on the server, kept out of the route module (and so out of the
 * browser bundle): load a board of the locality (404 otherwise), lock or unlock it, and start or
 * reveal silent brainstorming.
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { applyServerChange, reauthorizeDocument } from "~/collab/backend.server";
import { setLocked, setSilent } from "~/collab/board";
import { boardDocName, draftDocName } from "~/collab/names";
import { getDb } from "~/data/db.server";
import { findBoard, findChallengeQuestionOfBoard, setBoardLocked, setBoardSilent } from "~/data/boards.server";
import { draftCountKey } from "~/use-cases/count-draft-notes.server";
import { revealDrafts } from "~/use-cases/reveal-drafts.server";
import { can } from "~/domain/access/policy";
import { boardAccess } from "~/domain/documents";

const boardIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const lockSchema = z.object({ intent: z.enum(["lock", "unlock"]) });
const silenceSchema = z.object({ intent: z.enum(["start-silent", "reveal"]) });

async function requireBoard(access: LocalityAccess, rawBoardId: string | undefined) {
  const boardId = boardIdParam.safeParse(rawBoardId);
  if (!boardId.success) throw notFound();
  const board = await findBoard(await getDb(), access.locality.id, boardId.data);
  if (!board) throw notFound();
  return board;
}

/** The board page's data: the record, who is looking and what they may do. */
export async function loadBoardPage(access: LocalityAccess, rawBoardId: string | undefined) {
  const { user, role, locality } = access;
  const board = await requireBoard(access, rawBoardId);
  // A challenge's board says which "How might we…?" question it gathers ideas for.
  const challenge = board.purpose === "ideas" ? await findChallengeQuestionOfBoard(await getDb(), board.id) : null;
  const mayWrite = boardAccess(role, board) ?? "read-only";
  return {
    challenge,
    locality: { id: locality.id, name: locality.name },
    board: { id: board.id, title: board.title, purpose: board.purpose, locked: board.locked, silent: board.silent },
    me: { id: user.id, name: user.name },
    role,
    canFacilitate: can(role, "boards.facilitate"),
    access: mayWrite,
    docName: boardDocName(locality.id, board.id),
    // Silent brainstorming: where this person's own notes wait, and the key of its count on the board.
    draft: mayWrite === "read-write" ? { docName: draftDocName(locality.id, board.id, user.id), countKey: draftCountKey(board.id, user.id) } : null,
  };
}

/** The collaboration server could not be reached: nothing was changed (the page says so, 503). */
export const BOARD_UNREACHABLE = "unreachable";

/**
 * Lock or unlock (facilitators): the document's mirror of it first (everyone sees the lock at
 * once) — when the collaboration server cannot be reached, nothing changes and the facilitator
 * is told — then the record (new tokens follow it), then open connections are closed so members
 * reconnect with a read-only token: the server refuses their edits from then on.
 */
export async function setBoardLock(
  access: LocalityAccess,
  rawBoardId: string | undefined,
  form: FormData,
): Promise<{ boardId: string; locked: boolean } | typeof BOARD_UNREACHABLE> {
  const board = await requireBoard(access, rawBoardId);
  const parsed = lockSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const locked = parsed.data.intent === "lock";
  const docName = boardDocName(access.locality.id, board.id);
  try {
    await applyServerChange(docName, (doc) => setLocked(doc, locked));
  } catch {
    return BOARD_UNREACHABLE;
  }
  await setBoardLocked(await getDb(), { localityId: access.locality.id, boardId: board.id, actorId: access.user.id, locked });
  // Down again meanwhile: its connections are gone with it, and reconnect with tokens from the record.
  await reauthorizeDocument(docName).catch(() => undefined);
  return { boardId: board.id, locked };
}

/**
 * Silent brainstorming (facilitators): start — new notes go to each person's draft, which only
 * they receive — or reveal, which puts every draft's notes on the board at once.
 */
export async function setBoardSilence(
  access: LocalityAccess,
  rawBoardId: string | undefined,
  form: FormData,
): Promise<{ boardId: string; silent: boolean; revealed: number } | typeof BOARD_UNREACHABLE> {
  const board = await requireBoard(access, rawBoardId);
  const parsed = silenceSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const input = { localityId: access.locality.id, boardId: board.id, actorId: access.user.id };
  if (parsed.data.intent === "reveal") {
    if (!board.silent) return { boardId: board.id, silent: false, revealed: 0 };
    const { revealed } = await revealDrafts(await getDb(), input);
    return { boardId: board.id, silent: false, revealed };
  }
  if (!board.silent) {
    // The document first: when the collaboration server cannot be reached, nothing changes.
    try {
      await applyServerChange(boardDocName(access.locality.id, board.id), (doc) => setSilent(doc, true));
    } catch {
      return BOARD_UNREACHABLE;
    }
    await setBoardSilent(await getDb(), { ...input, silent: true });
  }
  return { boardId: board.id, silent: true, revealed: 0 };
}

/** Which of the board's facilitator forms a submission is for. */
export function boardIntent(form: FormData): "lock" | "silence" {
  const intent = form.get("intent");
  return intent === "start-silent" || intent === "reveal" ? "silence" : "lock";
}
