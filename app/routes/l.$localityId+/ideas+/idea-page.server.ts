/**
 * One idea's page on the server: the record (text, translations, details, insights, votes,
 * builds-on, comments, status and its history) and everything done on it — members edit details,
 * add translations and comments, report; facilitators change the status and promote it to a
 * prototype. Each form's outcome is a conform reply (errors beside the fields, input kept) or a
 * redirect back with what was done.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { AppLoadContext } from "@remix-run/node";
import { requireLocalityAccess, type LocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import {
  addComment,
  addReport,
  changeIdeaStatus,
  deleteComment,
  findComment,
  findIdeaRecord,
  findTranslation,
  hideAfterReports,
  ideaHistory,
  removeTranslation,
  updateIdeaDetails,
  upsertTranslation,
  userNames,
  type IdeaRecordRow,
  countReportsBy,
} from "~/data/ideas.server";
import { promoteIdea } from "~/data/prototypes.server";
import { removeIdeaNote } from "~/use-cases/place-idea-notes.server";
import { can, type LocalityAction } from "~/domain/access/policy";
import { REPORTS_TO_HIDE } from "~/domain/ideas";
import {
  STATUS_CHANGES,
  asIdeaStatus,
  canChangeStatus,
  canPromote,
  commentInput,
  ideaDetailsInput,
  mayDeleteComment,
  mayReport,
  reportInput,
  statusInput,
  translationInput,
  TRANSLATION_LANGUAGES,
} from "~/domain/idea-records";
import { buildsOnTitles, ideaView, type BoardState } from "./idea-list.server";
import { readBoardSummaries } from "~/use-cases/read-board-summaries.server";
import { listInsightStatements, countInsightsIn } from "~/data/insights.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The idea named in the URL as this person may see it: another locality's, a pending, rejected,
 * merged or hidden one (for all but facilitators), or one covered by silent brainstorming → 404.
 */
async function requireIdea(access: LocalityAccess, rawId: string | undefined): Promise<{ row: IdeaRecordRow; board: BoardState }> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const row = await findIdeaRecord(await getDb(), access.locality.id, rawId);
  if (!row) throw notFound();
  if (row.moderation !== "published" && !can(access.role, "ideas.moderate")) throw notFound();
  const board = (await readBoardSummaries(access.locality.id, [row.challenge.boardId])).get(row.challenge.boardId)!;
  return { row, board };
}

export async function loadIdeaPage(access: LocalityAccess, rawId: string | undefined) {
  const db = await getDb();
  const { row, board } = await requireIdea(access, rawId);
  const boards = new Map([[row.challengeId, board]]);
  const buildsOn = (await buildsOnTitles([row], boards))(row);
  const mayContribute = can(access.role, "ideas.contribute");
  const mayShortlist = can(access.role, "ideas.shortlist");
  const [localityInsights, history, names, reported] = await Promise.all([
    mayContribute ? listInsightStatements(db, access.locality.id) : Promise.resolve([]),
    ideaHistory(db, access.locality.id, row.id),
    userNames(db, [row.createdById]),
    countReportsBy(db, row.id, access.user.id),
  ]);
  const answered = row.insights.length
    ? row.insights.map((i) => ({ id: i.insight.id, statement: i.insight.statement }))
    : row.challenge.insight
      ? [{ id: row.challenge.insight.id, statement: row.challenge.insight.statement }]
      : [];
  const status = asIdeaStatus(row.status);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    idea: {
      ...ideaView(access, row, board, buildsOn),
      description: row.description,
      whoWouldUse: row.whoWouldUse,
      whoCouldDeliver: row.whoCouldDeliver,
      insights: answered,
      insightsAreDefault: row.insights.length === 0 && answered.length > 0,
      wasOnBoard: row.noteId !== null || row.source === "board",
      prototype: row.prototype,
      reports: can(access.role, "ideas.moderate") ? row._count.reports : null,
      /** Members see a board idea's author only when it is their own. */
      mine: row.createdById === access.user.id,
      authorName: can(access.role, "ideas.moderate") && row.source === "board" && row.createdById ? (names.get(row.createdById) ?? null) : null,
    },
    comments: row.comments.map((c) => ({
      id: c.id,
      authorName: c.authorName,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
      mayDelete: mayDeleteComment(access.role, access.user.id, c),
    })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      detail: safeDetail(h.detail),
      actor: h.actor?.name ?? null,
      createdAt: h.createdAt.toISOString(),
    })),
    detailDefaults: {
      title: row.title,
      description: row.description,
      whoWouldUse: row.whoWouldUse,
      whoCouldDeliver: row.whoCouldDeliver,
      insights: row.insights.length ? row.insights.map((i) => i.insightId) : row.challenge.insight ? [row.challenge.insight.id] : [],
    },
    localityInsights,
    translationLanguages: TRANSLATION_LANGUAGES.filter((l) => l !== row.language),
    statusChoices: mayShortlist ? STATUS_CHANGES[status] : [],
    /** This person has reported it already (the form gives way to a note saying so). */
    reportedByMe: reported > 0,
    may: {
      contribute: mayContribute,
      report: mayReport(access.role, access.user.id, row) && reported === 0,
      shortlist: mayShortlist,
      promote: mayShortlist && row.moderation === "published" && canPromote(status),
    },
  };
}

function safeDetail(detail: string): Record<string, string> {
  try {
    const value = JSON.parse(detail) as unknown;
    if (!value || typeof value !== "object") return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

// --- actions -------------------------------------------------------------------------------

export const IDEA_INTENTS = ["details", "translate", "remove-translation", "comment", "delete-comment", "report", "status", "promote"] as const;
export type IdeaIntent = (typeof IDEA_INTENTS)[number];

const NEEDS: Record<IdeaIntent, LocalityAction> = {
  details: "ideas.contribute",
  translate: "ideas.contribute",
  "remove-translation": "ideas.contribute",
  comment: "ideas.contribute",
  "delete-comment": "ideas.contribute",
  report: "ideas.contribute",
  status: "ideas.shortlist",
  promote: "ideas.shortlist",
};

export type IdeaActionOutcome =
  | { kind: "reply"; intent: IdeaIntent; reply: SubmissionResult<string[]> }
  | { kind: "done"; intent: IdeaIntent; location: string };

/** The forms that add something: run once per form load (app/data/form-submissions.server.ts). */
const ONCE_PER_FORM_LOAD: ReadonlySet<IdeaIntent> = new Set(["translate", "comment", "report"]);

/**
 * Runs one of the idea page's forms. Signed out → sign-in; outsiders → 404; a role without the
 * right → 403. A form that adds something (a translation, a comment, a report) runs once per
 * form load: a double submit adds it once and every copy gets the first one's answer (even when
 * that report hid the idea); a reply with errors gives the key back, for the corrected form.
 */
export async function runIdeaAction(request: Request, params: { localityId?: string; ideaId?: string }, context: AppLoadContext): Promise<IdeaActionOutcome> {
  const access = await requireLocalityAccess(request, params.localityId, "ideas.view");
  const form = await readForm(request, context);
  const intent = z.enum(IDEA_INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  if (!can(access.role, NEEDS[intent.data])) throw forbidden();
  const run = () => runIntent(access, params.ideaId, form, intent.data);
  if (!ONCE_PER_FORM_LOAD.has(intent.data)) return run();
  return oncePerFormLoad(await getDb(), formLoadOf(request, form, access.user.id), async () => {
    const outcome = await run();
    return { kept: outcome.kind === "done", value: outcome };
  });
}

async function runIntent(access: LocalityAccess, ideaId: string | undefined, form: FormData, intent: IdeaIntent): Promise<IdeaActionOutcome> {
  const { row } = await requireIdea(access, ideaId);
  const db = await getDb();
  const base = `/l/${access.locality.id}/ideas/${row.id}`;
  const done = (name: IdeaIntent, location = `${base}?done=${name}`): IdeaActionOutcome => ({ kind: "done", intent: name, location });
  const reply = (name: IdeaIntent, r: SubmissionResult<string[]>): IdeaActionOutcome => ({ kind: "reply", intent: name, reply: r });

  switch (intent) {
    case "details": {
      const submission = parseWithZod(form, { schema: ideaDetailsInput });
      if (submission.status !== "success") return reply("details", submission.reply());
      const ids = [...new Set(submission.value.insights)];
      const known = ids.length ? await countInsightsIn(db, access.locality.id, ids) : 0;
      if (known !== ids.length) return reply("details", submission.reply({ fieldErrors: { insights: ["ideas.errors.unknown"] } }));
      const { insights: _insights, ...fields } = submission.value;
      await updateIdeaDetails(db, { localityId: access.locality.id, ideaId: row.id, actorId: access.user.id, values: { ...fields, insightIds: ids } });
      return done("details");
    }
    case "translate": {
      const submission = parseWithZod(form, { schema: translationInput });
      if (submission.status !== "success") return reply("translate", submission.reply());
      if (submission.value.language === row.language) return reply("translate", submission.reply({ fieldErrors: { language: ["ideas.errors.sameLanguage"] } }));
      await upsertTranslation(db, {
        ideaId: row.id,
        language: submission.value.language,
        text: submission.value.text,
        translatorId: access.user.id,
        translatorName: access.user.name,
      });
      return done("translate");
    }
    case "remove-translation": {
      const id = String(form.get("translationId") ?? "");
      const translation = ID.test(id) ? await findTranslation(db, row.id, id) : null;
      if (!translation) throw notFound();
      if (!can(access.role, "ideas.moderate") && translation.translatorId !== access.user.id) throw forbidden();
      await removeTranslation(db, translation.id);
      return done("remove-translation");
    }
    case "comment": {
      const submission = parseWithZod(form, { schema: commentInput });
      if (submission.status !== "success") return reply("comment", submission.reply());
      await addComment(db, { ideaId: row.id, authorId: access.user.id, authorName: access.user.name, body: submission.value.body });
      return done("comment", `${base}?done=comment#comments`);
    }
    case "delete-comment": {
      const id = String(form.get("commentId") ?? "");
      const comment = ID.test(id) ? await findComment(db, row.id, id) : null;
      if (!comment) throw notFound();
      if (!mayDeleteComment(access.role, access.user.id, comment)) throw forbidden();
      await deleteComment(db, comment.id);
      return done("delete-comment", `${base}?done=delete-comment#comments`);
    }
    case "report": {
      const submission = parseWithZod(form, { schema: reportInput });
      if (submission.status !== "success") return reply("report", submission.reply());
      if (row.createdById === access.user.id) return reply("report", submission.reply({ formErrors: ["ideas.errors.ownIdea"] }));
      if (row.moderation !== "published") return reply("report", submission.reply({ formErrors: ["ideas.errors.notPublished"] }));
      const outcome = await addReport(db, { ideaId: row.id, reporterId: access.user.id, reason: submission.value.reason });
      if (outcome === "already") return reply("report", submission.reply({ formErrors: ["ideas.errors.alreadyReported"] }));
      if (outcome.reports >= REPORTS_TO_HIDE) {
        const hidden = await hideAfterReports(db, { localityId: access.locality.id, ideaId: row.id, reporterId: access.user.id, reports: outcome.reports });
        if (hidden && row.noteId) await removeIdeaNote({ localityId: access.locality.id, boardId: row.challenge.boardId }, row.noteId);
        // The idea is gone from members' view now: back to the list, with thanks.
        if (!can(access.role, "ideas.moderate")) return done("report", `/l/${access.locality.id}/ideas?reported=1`);
      }
      return done("report");
    }
    case "status": {
      const submission = parseWithZod(form, { schema: statusInput });
      if (submission.status !== "success") return reply("status", submission.reply());
      const from = asIdeaStatus(row.status);
      if (row.moderation !== "published" || !canChangeStatus(from, submission.value.status))
        return reply("status", submission.reply({ fieldErrors: { status: ["ideas.errors.transition"] } }));
      const changed = await changeIdeaStatus(db, {
        localityId: access.locality.id,
        ideaId: row.id,
        actorId: access.user.id,
        from,
        to: submission.value.status,
      });
      if (!changed) return reply("status", submission.reply({ fieldErrors: { status: ["ideas.errors.changedMeanwhile"] } }));
      return done("status");
    }
    case "promote": {
      const outcome = await promoteIdea(db, { localityId: access.locality.id, ideaId: row.id, actorId: access.user.id });
      if (outcome === "not-shortlisted")
        return reply("promote", { status: "error", error: { "": ["ideas.errors.promoteShortlisted"] } } as SubmissionResult<string[]>);
      return done("promote");
    }
  }
}
