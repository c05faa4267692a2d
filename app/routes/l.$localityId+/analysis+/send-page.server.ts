/**
 * Sending excerpts to a board: the page's data (the locality's usable excerpts, redacted, with
 * filters and the boards one may write to) and the action, which adds one linked note per
 * excerpt through the collab API.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { applyServerChange } from "~/collab/backend.server";
import { addNote, listNotes } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { newId } from "~/components/board/ids";
import { recordAudit } from "~/data/audit.server";
import { createBoard, findBoard, listBoards, type BoardRecord } from "~/data/boards.server";
import { getDb } from "~/data/db.server";
import { oncePerFormLoad, type FormLoad } from "~/data/form-submissions.server";
import { listCodebook, listStoriesWithExcerpts, listUsableExcerpts } from "~/data/insights.server";
import { boardAccess } from "~/domain/documents";
import { excerptNoteText, gridBelow, noteColourFor, sendInput } from "~/domain/insights";
import { storyLabels } from "~/use-cases/read-story.server";
import { quoteReader, readerExcerpts } from "~/use-cases/quote-excerpts.server";
import { CONTENT_LIMITS } from "~/collab/limits";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const idOrNull = (raw: string | null | undefined) => (raw && ID.test(raw) ? raw : null);

/** The boards a person may add notes to (locked ones only for facilitators). */
function writableBoards(access: LocalityAccess, boards: readonly BoardRecord[]) {
  return boards.filter((b) => boardAccess(access.role, b) === "read-write");
}

/** The send page: filters, the excerpts they select (redacted), the codebook, the writable boards. */
export async function loadSendPage(access: LocalityAccess, url: URL, locale: string) {
  const db = await getDb();
  const localityId = access.locality.id;
  const codeId = idOrNull(url.searchParams.get("code"));
  const storyId = idOrNull(url.searchParams.get("story"));
  const quote = quoteReader(db, locale);
  const labels = storyLabels(db, locale, quote.identifiers);
  const [codes, stories, excerpts, boards] = await Promise.all([
    listCodebook(db, localityId),
    listStoriesWithExcerpts(db, localityId),
    listUsableExcerpts(db, localityId, { codeId, storyId }),
    listBoards(db, localityId),
  ]);
  quote.identifiers.load(stories.map((s) => s.id)); // every story's identifiers in one read
  return {
    locality: { id: localityId, name: access.locality.name },
    filter: { code: codes.some((c) => c.id === codeId) ? codeId : null, story: stories.some((s) => s.id === storyId) ? storyId : null },
    codes,
    stories: await Promise.all(stories.map(async (s) => ({ id: s.id, ...(await labels(s)) }))),
    excerpts: await readerExcerpts(excerpts, quote, labels),
    boards: writableBoards(access, boards).map((b) => ({ id: b.id, title: b.title, purpose: b.purpose, locked: b.locked })),
  };
}

export type SendOutcome = { ok: true; boardId: string; added: number; skipped: number } | { ok: false; reply: SubmissionResult<string[]> };

/**
 * Adds the chosen excerpts to a board as linked notes (redacted quote — pseudonym), below what
 * is there, skipping excerpts already on it. 404 for a board or excerpt that is not this
 * locality's (or not usable), 403 for a locked board unless a facilitator. Once per form load:
 * a double submit makes one new board (or adds the notes once), and every copy is sent to it.
 */
export async function sendExcerpts(access: LocalityAccess, form: FormData, locale: string, load: FormLoad): Promise<SendOutcome> {
  return oncePerFormLoad(await getDb(), load, async () => {
    const outcome = await send(access, form, locale);
    return { kept: outcome.ok, value: outcome };
  });
}

async function send(access: LocalityAccess, form: FormData, locale: string): Promise<SendOutcome> {
  const submission = parseWithZod(form, { schema: sendInput });
  if (submission.status !== "success") return { ok: false, reply: submission.reply() };
  const input = submission.value;
  const db = await getDb();
  const localityId = access.locality.id;

  const ids = [...new Set(input.excerpts)];
  const excerpts = await listUsableExcerpts(db, localityId, { ids });
  if (excerpts.length !== ids.length) throw notFound();

  let board: BoardRecord | null;
  if (input.target === "existing") {
    board = await findBoard(db, localityId, input.boardId!);
    if (!board) throw notFound();
    if (boardAccess(access.role, board) !== "read-write") throw forbidden();
  } else {
    board = await createBoard(db, { localityId, actorId: access.user.id, title: input.title!, purpose: "analysis" });
  }

  const codebook = (await listCodebook(db, localityId)).map((c) => c.id);
  const quote = quoteReader(db, locale);
  const prepared = await Promise.all(
    excerpts.map(async (e) => ({
      id: e.id,
      text: excerptNoteText(await quote(e), e.story.storytellerPseudonym, CONTENT_LIMITS.noteText),
      colour: noteColourFor(
        input.colour,
        e.codes.map((c) => c.code.id),
        codebook,
      ),
    })),
  );

  let added = 0;
  await applyServerChange(boardDocName(localityId, board.id), (doc) => {
    const notes = listNotes(doc);
    const onBoard = new Set(notes.flatMap((n) => (n.link?.type === "excerpt" ? [n.link.id] : [])));
    const fresh = prepared.filter((p) => !onBoard.has(p.id));
    const spots = gridBelow(notes, fresh.length);
    const now = Date.now();
    doc.transact(() => {
      fresh.forEach((p, i) => {
        addNote(doc, {
          id: newId(),
          text: p.text,
          colour: p.colour,
          authorId: access.user.id,
          authorName: access.user.name,
          link: { type: "excerpt", id: p.id },
          now,
          ...spots[i]!,
        });
      });
    });
    added = fresh.length;
  });

  await recordAudit(db, {
    localityId,
    actorId: access.user.id,
    action: "excerpt.send",
    targetType: "board",
    targetId: board.id,
    detail: { excerpts: ids.length, added, skipped: ids.length - added },
  });
  return { ok: true, boardId: board.id, added, skipped: ids.length - added };
}
