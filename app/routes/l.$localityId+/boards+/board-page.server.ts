/**
 * What the board page does on the server, kept out of the route module (and so out of the
 * browser bundle): load a board of the locality (404 otherwise), and lock or unlock it.
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { applyServerChange, reauthorizeDocument } from "~/collab/backend.server";
import { setLocked } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { getDb } from "~/data/db.server";
import { findBoard, setBoardLocked } from "~/data/boards.server";
import { can } from "~/domain/access/policy";
import { boardAccess } from "~/domain/documents";

const boardIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const lockSchema = z.object({ intent: z.enum(["lock", "unlock"]) });

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
  const challenge =
    board.purpose === "ideas" ? await (await getDb()).challenge.findUnique({ where: { boardId: board.id }, select: { id: true, question: true } }) : null;
  return {
    challenge,
    locality: { id: locality.id, name: locality.name },
    board: { id: board.id, title: board.title, purpose: board.purpose, locked: board.locked },
    me: { id: user.id, name: user.name },
    role,
    canFacilitate: can(role, "boards.facilitate"),
    access: boardAccess(role, board) ?? "read-only",
    docName: boardDocName(locality.id, board.id),
  };
}

/**
 * Lock or unlock (facilitators): the record first (new tokens follow it), then the document's
 * mirror of it (everyone sees the lock at once), then open connections are closed so members
 * reconnect with a read-only token — the server refuses their edits from then on.
 */
export async function setBoardLock(access: LocalityAccess, rawBoardId: string | undefined, form: FormData): Promise<{ boardId: string; locked: boolean }> {
  const board = await requireBoard(access, rawBoardId);
  const parsed = lockSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const locked = parsed.data.intent === "lock";
  await setBoardLocked(await getDb(), { localityId: access.locality.id, boardId: board.id, actorId: access.user.id, locked });
  const docName = boardDocName(access.locality.id, board.id);
  await applyServerChange(docName, (doc) => setLocked(doc, locked));
  await reauthorizeDocument(docName);
  return { boardId: board.id, locked };
}
