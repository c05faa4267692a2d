import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import type { BoardPurpose } from "~/domain/documents";
import type { projectionRecords } from "~/collab/projection";

export type BoardRecord = { id: string; localityId: string; title: string; purpose: string; locked: boolean; silent: boolean; createdAt: Date };

const fields = { id: true, localityId: true, title: true, purpose: true, locked: true, silent: true, createdAt: true } as const;

/** A locality's boards, newest first (archived ones left out). */
export function listBoards(db: Db, localityId: string): Promise<BoardRecord[]> {
  return db.board.findMany({ where: { localityId, archivedAt: null }, orderBy: { createdAt: "desc" }, select: fields });
}

/** One board of this locality, or null (a board of another locality is not found either). */
export function findBoard(db: Db, localityId: string, boardId: string): Promise<BoardRecord | null> {
  return db.board.findFirst({ where: { id: boardId, localityId, archivedAt: null }, select: fields });
}

export async function createBoard(db: Db, input: { localityId: string; actorId: string; title: string; purpose: BoardPurpose }): Promise<BoardRecord> {
  return db.$transaction(async (tx) => {
    const board = await tx.board.create({
      data: { localityId: input.localityId, title: input.title, purpose: input.purpose, createdById: input.actorId },
      select: fields,
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "board.create",
      targetType: "board",
      targetId: board.id,
      detail: { title: input.title },
    });
    return board;
  });
}

/** Locks or unlocks a board; returns false if there is no such board in the locality. */
export async function setBoardLocked(db: Db, input: { localityId: string; boardId: string; actorId: string; locked: boolean }): Promise<boolean> {
  const { count } = await db.board.updateMany({ where: { id: input.boardId, localityId: input.localityId, archivedAt: null }, data: { locked: input.locked } });
  if (count)
    await recordAudit(db, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.locked ? "board.lock" : "board.unlock",
      targetType: "board",
      targetId: input.boardId,
    });
  return count > 0;
}

/** Replaces a board document's read-model rows (its notes and its settings), in one transaction. */
export async function replaceBoardProjection(db: Db, docName: string, records: ReturnType<typeof projectionRecords>): Promise<void> {
  const { board, notes } = records;
  await db.$transaction([
    db.boardNoteProjection.deleteMany({ where: { docName } }),
    db.boardNoteProjection.createMany({ data: notes }),
    db.boardProjection.upsert({ where: { docName }, create: board, update: board }),
  ]);
}

type ProjectionTx = Pick<Db, "boardNoteProjection" | "boardProjection">;

/**
 * Writes the projection of a board whose document was just made outside the collaboration server
 * (the demo seed, the scaled test locality), in the caller's transaction; 200 notes a statement.
 */
export async function insertBoardProjection(tx: ProjectionTx, records: ReturnType<typeof projectionRecords>): Promise<void> {
  for (let i = 0; i < records.notes.length; i += 200) await tx.boardNoteProjection.createMany({ data: records.notes.slice(i, i + 200) });
  await tx.boardProjection.create({ data: records.board });
}

/** The projected notes (id, dots, what each builds on) and settings of these board documents; a board not projected yet has no settings row. */
export async function readBoardProjections(db: Db, docNames: readonly string[]) {
  if (docNames.length === 0) return { notes: [], boards: [] };
  const where = { docName: { in: [...docNames] } };
  const [notes, boards] = await Promise.all([
    db.boardNoteProjection.findMany({ where, select: { docName: true, noteId: true, votes: true, buildsOn: true } }),
    db.boardProjection.findMany({ where, select: { docName: true, votingOpen: true, hideResults: true, silent: true } }),
  ]);
  return { notes, boards };
}

/** The ids of every board of a locality, archived ones too (notes linked to a story's excerpts may be on any). */
export function listBoardIds(db: Db, localityId: string): Promise<Array<{ id: string }>> {
  return db.board.findMany({ where: { localityId }, select: { id: true } });
}

/** Starts or ends silent brainstorming on the record (draft tokens are issued only while it is on). */
export async function setBoardSilent(
  db: Db,
  input: { localityId: string; boardId: string; actorId: string; silent: boolean; revealed?: number },
): Promise<boolean> {
  const { count } = await db.board.updateMany({ where: { id: input.boardId, localityId: input.localityId, archivedAt: null }, data: { silent: input.silent } });
  if (count)
    await recordAudit(db, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: input.silent ? "board.silent.start" : "board.silent.reveal",
      targetType: "board",
      targetId: input.boardId,
      ...(input.revealed === undefined ? {} : { detail: { notes: input.revealed } }),
    });
  return count > 0;
}

/** The names of the collaborative documents stored under a prefix (e.g. a board's drafts). */
export async function storedDocumentNames(db: Db, prefix: string): Promise<string[]> {
  const [updates, snapshots] = await Promise.all([
    db.collabUpdate.findMany({ where: { docName: { startsWith: prefix } }, select: { docName: true }, distinct: ["docName"] }),
    db.collabSnapshot.findMany({ where: { docName: { startsWith: prefix } }, select: { docName: true } }),
  ]);
  return [...new Set([...updates, ...snapshots].map((r) => r.docName))].sort();
}

/** The challenge a board gathers ideas for (an ideas board), if any. */
export function findChallengeQuestionOfBoard(db: Db, boardId: string) {
  return db.challenge.findUnique({ where: { boardId }, select: { id: true, question: true } });
}
