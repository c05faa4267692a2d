/**
 * The moderation queue on the server: the pending ideas of a challenge (oldest first) and those
 * hidden after reports, and the facilitator's decisions on them.
 *
 * Approving (and restoring) puts the idea's note on the board FIRST, through the collab API, and
 * only then marks the idea published with a conditional update. If the board cannot be reached,
 * nothing changes and the facilitator is told to try again. If the conditional update finds the
 * idea already decided by someone else, the note stays when the idea is published (placing is
 * idempotent: one note per idea) and is taken off again otherwise.
 */
import { boardDocName } from "~/collab/names";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { compactDocument } from "~/collab/backend.server";
import { findChallenge, type ChallengeRow } from "~/data/challenges.server";
import { getDb } from "~/data/db.server";
import {
  editPublishedText,
  findIdeaToModerate,
  listIdeasIn,
  listMergeTargets,
  mergeIdea,
  moderationStateOf,
  publishIdea,
  rejectIdea,
  type QueueIdea,
} from "~/data/ideas-moderation.server";
import { linkState } from "~/domain/challenges";
import { readSpamSignals, ideaNoteId } from "~/domain/ideas";
import {
  approveInput,
  approvedText,
  editInput,
  mayDecide,
  mayMergeInto,
  mergeInput,
  MODERATION_DECISIONS,
  rejectInput,
  restoreInput,
  type ModerationDecision,
} from "~/domain/moderation";
import { placeIdeaNote, removeIdeaNote, setIdeaNoteText } from "~/use-cases/place-idea-notes.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

async function requireChallenge(access: LocalityAccess, rawId: string | undefined): Promise<ChallengeRow> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const row = await findChallenge(await getDb(), access.locality.id, rawId);
  if (!row) throw notFound();
  return row;
}

function queueItem(idea: QueueIdea, ideaBase: string) {
  return {
    id: idea.id,
    text: idea.text,
    language: idea.language,
    source: idea.source,
    photo: idea.photo ? { src: `${ideaBase}/${idea.id}/photo`, width: idea.photo.width, height: idea.photo.height } : null,
    contributor: idea.contributorName || idea.contributorContact ? { name: idea.contributorName ?? "", contact: idea.contributorContact ?? "" } : null,
    receivedAt: idea.createdAt.toISOString(),
    signals: readSpamSignals(idea.spamSignals),
    reports: idea._count.reports,
  };
}
export type QueueItem = ReturnType<typeof queueItem>;

/** The queue page: pending ideas (oldest first), ideas hidden after reports, published ones (to edit), merge targets. */
export async function loadModerationQueue(access: LocalityAccess, rawChallengeId: string | undefined) {
  const db = await getDb();
  const challenge = await requireChallenge(access, rawChallengeId);
  const ideaBase = `/l/${access.locality.id}/ideas`;
  const [pending, hidden, published, targets] = await Promise.all([
    listIdeasIn(db, challenge.id, "pending"),
    listIdeasIn(db, challenge.id, "hidden"),
    listIdeasIn(db, challenge.id, "published"),
    listMergeTargets(db, challenge.id),
  ]);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    challenge: { id: challenge.id, question: challenge.question, boardId: challenge.boardId, linkState: linkState(challenge) },
    pending: pending.map((i) => queueItem(i, ideaBase)),
    hidden: hidden.map((i) => queueItem(i, ideaBase)),
    published: published.map((i) => queueItem(i, ideaBase)),
    mergeTargets: targets.map((t) => ({ id: t.id, text: t.text, moderation: t.moderation })),
  };
}

type ModerationIntent = ModerationDecision;

export type ModerationOutcome =
  | { ok: true; intent: ModerationIntent; ideaId: string }
  | { ok: false; intent: ModerationIntent | null; ideaId: string | null; status: number; reply: SubmissionResult<string[]> };

const SCHEMAS = { approve: approveInput, edit: editInput, merge: mergeInput, reject: rejectInput, restore: restoreInput } as const;

function isIntent(value: unknown): value is ModerationIntent {
  return typeof value === "string" && (MODERATION_DECISIONS as readonly string[]).includes(value);
}

/** One decision from the queue page (intent approve | edit | merge | reject | restore). */
export async function moderate(access: LocalityAccess, rawChallengeId: string | undefined, form: FormData): Promise<ModerationOutcome> {
  const db = await getDb();
  const challenge = await requireChallenge(access, rawChallengeId);
  const intent = form.get("intent");
  const rawIdeaId = typeof form.get("ideaId") === "string" ? (form.get("ideaId") as string) : null;
  if (!isIntent(intent)) {
    const reply = parseWithZod(form, { schema: restoreInput }).reply({ formErrors: ["challenges.errors.unknownAction"] });
    return { ok: false, intent: null, ideaId: rawIdeaId, status: 400, reply };
  }
  const submission = parseWithZod(form, { schema: SCHEMAS[intent] });
  const fail = (status: number, reply: SubmissionResult<string[]>): ModerationOutcome => ({ ok: false, intent, ideaId: rawIdeaId, status, reply });
  if (submission.status !== "success") return fail(400, submission.reply());
  const value = submission.value as { ideaId: string; text?: string; reason?: string; intoId?: string };

  const idea = await findIdeaToModerate(db, access.locality.id, value.ideaId);
  if (!idea || idea.challengeId !== challenge.id) return fail(404, submission.reply({ formErrors: ["challenges.errors.ideaUnknown"] }));
  if (!mayDecide(intent, idea.moderation)) return fail(409, submission.reply({ formErrors: ["challenges.errors.alreadyDecided"] }));

  const board = { localityId: access.locality.id, boardId: challenge.boardId };
  const who = { localityId: access.locality.id, ideaId: idea.id, actorId: access.user.id };
  const taken = () => fail(409, submission.reply({ formErrors: ["challenges.errors.alreadyDecided"] }));
  const unreachable = () => fail(503, submission.reply({ formErrors: ["challenges.errors.boardUnreachable"] }));

  switch (intent) {
    case "approve":
    case "restore": {
      const { text, edited } = intent === "approve" ? approvedText(idea.text, value.text!) : { text: idea.text, edited: false };
      let noteId: string;
      try {
        noteId = await placeIdeaNote(board, { id: idea.id, localityId: idea.localityId, text });
      } catch {
        return unreachable();
      }
      const from = intent === "approve" ? "pending" : "hidden";
      if (!(await publishIdea(db, { ...who, from, noteId, editedText: edited ? text : null }))) {
        // Someone else decided first: keep the (one) note only if the idea is on the board now.
        if ((await moderationStateOf(db, idea.id)) !== "published") await removeIdeaNote(board, noteId).catch(() => undefined);
        return taken();
      }
      // A concurrent approval may have placed the note first with the text as sent: the edit wins,
      // and the board's stored history is folded so the words edited out do not stay in it.
      if (edited) {
        await setIdeaNoteText(board, noteId, text)
          .then(() => compactDocument(boardDocName(board.localityId, board.boardId)))
          .catch(() => undefined);
      }
      return { ok: true, intent, ideaId: idea.id };
    }
    case "edit": {
      const { text, edited } = approvedText(idea.text, value.text!);
      if (!edited) return { ok: true, intent, ideaId: idea.id };
      const noteId = idea.noteId ?? ideaNoteId(idea.id);
      try {
        // The board first, and its stored history folded, so the words edited out are gone from it too.
        await setIdeaNoteText(board, noteId, text);
        await compactDocument(boardDocName(board.localityId, board.boardId));
      } catch {
        return unreachable();
      }
      if (!(await editPublishedText(db, { ...who, text }))) return taken();
      return { ok: true, intent, ideaId: idea.id };
    }
    case "merge": {
      const target = ID.test(value.intoId!) ? await findIdeaToModerate(db, access.locality.id, value.intoId!) : null;
      if (!target || !mayMergeInto(idea, target)) return fail(400, submission.reply({ fieldErrors: { intoId: ["challenges.errors.mergeTarget"] } }));
      if (!(await mergeIdea(db, { ...who, intoId: target.id }))) return taken();
      return { ok: true, intent, ideaId: idea.id };
    }
    case "reject": {
      const from = idea.moderation as "pending" | "hidden";
      if (!(await rejectIdea(db, { ...who, from, reason: value.reason! }))) return taken();
      // A hidden idea's note is normally off the board already; make sure (removing twice is harmless).
      if (from === "hidden") await removeIdeaNote(board, idea.noteId ?? ideaNoteId(idea.id)).catch(() => undefined);
      return { ok: true, intent, ideaId: idea.id };
    }
  }
}
