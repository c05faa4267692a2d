/**
 * Paper ↔ board on the server (facilitators' pages beside the board): the board's notes printed
 * as cards with a QR code each, blank cards whose QR code opens the phone page, the cards typed
 * on phones waiting for a decision, and a pasted batch of notes. The board's notes are read from
 * its read model (BoardNoteProjection); clusters for the batch from the board as stored.
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { boardDocName } from "~/collab/names";
import { getDb } from "~/data/db.server";
import { findBoard, type BoardRecord } from "~/data/boards.server";
import {
  cardCodeOf,
  countPendingCards,
  decideCard,
  findPendingCard,
  findProjectedNote,
  listPendingCards,
  listProjectedNotes,
  printBlankCards,
  recordBatchAdded,
  recordCardsPrinted,
  rotateCardCode,
} from "~/data/board-cards.server";
import { kept, oncePerFormLoad, type FormLoad, type Once } from "~/data/form-submissions.server";
import { can } from "~/domain/access/policy";
import { blankCardPath, cardNoteId, intoSheets, noteLinkPath, parseBatch, parseClusterChoice, parseNoteParam, type BatchError } from "~/domain/paper-cards";
import { readBoard } from "~/use-cases/read-board.server";
import { addNoteBatch, placeCardNote, removeCardNote } from "~/use-cases/add-paper-notes.server";
import { qrDataUri } from "../challenges+/qr-poster.server";

const boardIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const CARD_ID = /^[A-Za-z0-9_-]{1,64}$/;

async function requireBoard(access: LocalityAccess, rawBoardId: string | undefined): Promise<BoardRecord> {
  const boardId = boardIdParam.safeParse(rawBoardId);
  if (!boardId.success) throw notFound();
  const board = await findBoard(await getDb(), access.locality.id, boardId.data);
  if (!board) throw notFound();
  return board;
}

const actorOf = (access: LocalityAccess, board: BoardRecord) => ({ localityId: access.locality.id, boardId: board.id, actorId: access.user.id });

/**
 * The board's notes as printable cards, sheet by sheet: each card with its text, its cluster and
 * a QR code of the link that opens the board with that note selected. Recorded (how many) in the
 * activity log.
 */
export async function loadNoteCards(access: LocalityAccess, rawBoardId: string | undefined, origin: string) {
  const board = await requireBoard(access, rawBoardId);
  const db = await getDb();
  const notes = await listProjectedNotes(db, boardDocName(access.locality.id, board.id));
  const cards = await Promise.all(
    notes.map(async (n) => {
      const url = new URL(noteLinkPath(access.locality.id, board.id, n.noteId), origin).toString();
      return { noteId: n.noteId, text: n.text, cluster: n.clusterName, url, qr: await qrDataUri(url) };
    }),
  );
  if (cards.length > 0) await recordCardsPrinted(db, { ...actorOf(access, board), count: cards.length });
  return {
    locality: { id: access.locality.id },
    board: { id: board.id, title: board.title },
    count: cards.length,
    sheets: intoSheets(cards),
  };
}

/**
 * Blank cards to print: the board's card code (made on the first print), the phone page's link
 * and its QR code, and how many cards. Recorded (how many) in the activity log.
 */
export async function loadBlankCards(access: LocalityAccess, rawBoardId: string | undefined, origin: string, count: number) {
  const board = await requireBoard(access, rawBoardId);
  const code = await printBlankCards(await getDb(), { ...actorOf(access, board), count });
  if (!code) throw notFound();
  const url = new URL(blankCardPath(code), origin);
  return {
    locality: { id: access.locality.id },
    board: { id: board.id, title: board.title, locked: board.locked },
    count,
    url: url.toString(),
    short: `${url.host}${url.pathname}`,
    qr: await qrDataUri(url.toString()),
    sheets: intoSheets(Array.from({ length: count }, (_, i) => i)),
  };
}

/** The paper page: links to print, the blank cards' link, cards waiting, and the batch form's clusters. */
export async function loadPaperPage(access: LocalityAccess, rawBoardId: string | undefined, origin: string) {
  const board = await requireBoard(access, rawBoardId);
  const db = await getDb();
  const [code, pending, stored] = await Promise.all([
    cardCodeOf(db, access.locality.id, board.id),
    listPendingCards(db, access.locality.id, board.id),
    readBoard({ localityId: access.locality.id, boardId: board.id }).catch(() => null),
  ]);
  return {
    locality: { id: access.locality.id },
    board: { id: board.id, title: board.title, locked: board.locked },
    cardLink: code ? new URL(blankCardPath(code), origin).toString() : null,
    pending: pending.map((c) => ({ id: c.id, text: c.text, language: c.language, at: c.createdAt.toISOString() })),
    // Null when the collaboration server cannot be reached: the batch form says so instead.
    clusters: stored ? stored.clusters.map((c) => ({ id: c.id, name: c.name })) : null,
    notesOnBoard: stored ? stored.notes.length : null,
  };
}

export type PaperFormValues = { notes: string; cluster: string; clusterName: string };
export type PaperOutcome =
  | { ok: true; intent: "batch"; added: number }
  | { ok: true; intent: "place" | "reject"; decided: boolean }
  | { ok: true; intent: "rotate" }
  | { ok: false; intent: "batch"; error: BatchError | { kind: "clusterGone" } | { kind: "unreachable" }; values: PaperFormValues }
  | { ok: false; intent: "place"; error: { kind: "unreachable" } | BatchError };

const intentSchema = z.enum(["batch", "place", "reject", "rotate"]);
const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/** The paper page's forms (facilitators): a pasted batch, placing or rejecting a card, a new card code. */
export async function paperAction(access: LocalityAccess, rawBoardId: string | undefined, form: FormData, load: FormLoad): Promise<PaperOutcome> {
  const board = await requireBoard(access, rawBoardId);
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  const db = await getDb();
  const actor = actorOf(access, board);
  const target = { localityId: access.locality.id, boardId: board.id };

  if (intent.data === "rotate") {
    await rotateCardCode(db, actor);
    return { ok: true, intent: "rotate" };
  }

  if (intent.data === "batch") {
    const values = { notes: str(form, "notes"), cluster: str(form, "cluster"), clusterName: str(form, "clusterName") };
    const parsed = parseBatch(values.notes);
    if (!parsed.ok) return { ok: false, intent: "batch", error: parsed.error, values };
    const cluster = parseClusterChoice(values.cluster, values.clusterName);
    if (!cluster.ok) return { ok: false, intent: "batch", error: cluster.error, values };
    // Once per form load: a double tap adds the batch once.
    return oncePerFormLoad(db, load, async (): Promise<Once<PaperOutcome>> => {
      let added: Awaited<ReturnType<typeof addNoteBatch>>;
      try {
        added = await addNoteBatch(target, { notes: parsed.notes, cluster: cluster.choice, author: { id: access.user.id, name: access.user.name } });
      } catch {
        return { kept: false, value: { ok: false, intent: "batch", error: { kind: "unreachable" }, values } };
      }
      if (!added.ok) return { kept: false, value: { ok: false, intent: "batch", error: added.error, values } };
      await recordBatchAdded(db, { ...actor, count: added.added });
      return kept({ ok: true, intent: "batch", added: added.added });
    });
  }

  const cardId = str(form, "card");
  if (!CARD_ID.test(cardId)) throw badRequest();
  const card = await findPendingCard(db, access.locality.id, board.id, cardId);
  // Decided meanwhile (by another facilitator, or a repeated send): nothing more to do.
  if (!card) return { ok: true, intent: intent.data, decided: false };
  if (intent.data === "reject") {
    return { ok: true, intent: "reject", decided: await decideCard(db, { ...actor, cardId: card.id, decision: "rejected" }) };
  }
  // The note first, through the collaboration server; when it cannot be reached nothing changes.
  const noteId = cardNoteId(card.id);
  let placed: Awaited<ReturnType<typeof placeCardNote>>;
  try {
    placed = await placeCardNote(target, { noteId, text: card.text, author: null });
  } catch {
    return { ok: false, intent: "place", error: { kind: "unreachable" } };
  }
  if (!placed.ok) return { ok: false, intent: "place", error: placed.error };
  const decided = await decideCard(db, { ...actor, cardId: card.id, decision: "placed", noteId });
  // Rejected by someone else between our read and the note: take the note off again.
  if (!decided) await removeCardNote(target, noteId).catch(() => undefined);
  return { ok: true, intent: "place", decided };
}

/**
 * What the board page shows about paper: a printed card's note opened by its QR code (or that the
 * note is gone), and for facilitators how many phone cards wait. Read from the read model.
 */
export async function boardPaperSummary(access: LocalityAccess, boardId: string, url: URL) {
  const db = await getDb();
  const raw = url.searchParams.get("note");
  const noteId = raw === null ? null : parseNoteParam(raw);
  const note = noteId ? await findProjectedNote(db, boardDocName(access.locality.id, boardId), noteId) : null;
  return {
    printedNote:
      raw === null ? null : note ? { state: "found" as const, id: note.noteId, text: note.text, cluster: note.clusterName } : { state: "gone" as const },
    pendingCards: can(access.role, "boards.facilitate") ? await countPendingCards(db, access.locality.id, boardId) : 0,
  };
}
