/**
 * The ideas list and the prototypes list on the server, and what both idea pages share: an idea
 * as the page shows it (original text with its language and direction, human translations,
 * votes from its board, builds-on, source, status). While a board is silent, the notes people
 * write wait in their own drafts and are not ideas until the facilitator reveals them; the notes
 * already on the board (and their ideas) are everyone's to see.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { pageInfo, pageOf } from "~/domain/paging";
import { resultsVisible } from "~/collab/board";

import { getDb } from "~/data/db.server";
import { ideaTitlesByNote, listPublishedIdeas, type ListedIdea } from "~/data/ideas.server";
import { can } from "~/domain/access/policy";
import { asIdeaStatus, listFilters, mayRemoveTranslation, textDirection } from "~/domain/idea-records";
import { IDEA_STATUSES } from "~/domain/ideas";
import { listChallengeChoices } from "~/data/challenges.server";
import { readBoardSummaries, type BoardSummary } from "~/use-cases/read-board-summaries.server";

/** A challenge board as the idea pages need it (from the boards' read model). */
export type BoardState = BoardSummary;

type IdeaBase = Pick<
  ListedIdea,
  "id" | "title" | "text" | "language" | "source" | "status" | "moderation" | "noteId" | "challengeId" | "translations" | "photo"
> & {
  challenge: { id: string; question: string };
};

/** An idea as both idea pages show it. */
export function ideaView(access: LocalityAccess, idea: IdeaBase, board: BoardState | undefined, buildsOn: { id: string; title: string } | null) {
  const note = idea.noteId ? board?.notes.get(idea.noteId) : undefined;
  const votesShown = note && board ? resultsVisible(board.settings.voting) : false;
  return {
    id: idea.id,
    title: idea.title,
    text: idea.text,
    language: idea.language,
    dir: textDirection(idea.language),
    source: idea.source === "phone" ? ("phone" as const) : ("board" as const),
    status: asIdeaStatus(idea.status),
    moderation: idea.moderation,
    onBoard: Boolean(note),
    hasPhoto: Boolean(idea.photo),
    challenge: { id: idea.challenge.id, question: idea.challenge.question },
    /** Dots on its note; null while an open vote hides its results, or when it is not on the board. */
    votes: votesShown && note ? (board!.votes.get(idea.noteId!) ?? 0) : null,
    votesHidden: Boolean(note && board && !votesShown),
    buildsOn,
    translations: idea.translations.map((t) => ({
      id: t.id,
      language: t.language,
      dir: textDirection(t.language),
      text: t.text,
      translatorName: t.translatorName,
      mayRemove: mayRemoveTranslation(access.role, access.user.id, t),
    })),
  };
}

export type IdeaView = ReturnType<typeof ideaView>;

/** "Builds on": the idea each note's buildsOn names, by challenge and note id. */
export async function buildsOnTitles(ideas: readonly { challengeId: string; noteId: string | null }[], boards: Map<string, BoardState>) {
  const targets: string[] = [];
  for (const idea of ideas) {
    const target = idea.noteId ? boards.get(idea.challengeId)?.notes.get(idea.noteId)?.buildsOn : null;
    if (target) targets.push(target);
  }
  const titles = await ideaTitlesByNote(await getDb(), [...new Set(ideas.map((i) => i.challengeId))], [...new Set(targets)]);
  return (idea: { challengeId: string; noteId: string | null }) => {
    const target = idea.noteId ? boards.get(idea.challengeId)?.notes.get(idea.noteId)?.buildsOn : null;
    const found = target ? titles.get(`${idea.challengeId}:${target}`) : undefined;
    return found ? { id: found.id, title: found.title } : null;
  };
}

/** Ideas per page of the list (a phone scrolls through fifty cards at most). */
const IDEAS_PER_PAGE = 50;

/** The ideas list: one page of the published ideas, by challenge and status, and whether any of their boards is in silent brainstorming now. */
export async function loadIdeaList(access: LocalityAccess, url: URL) {
  const db = await getDb();
  const localityId = access.locality.id;
  const filters = listFilters(url);
  const [challenges, rows] = await Promise.all([listChallengeChoices(db, localityId), listPublishedIdeas(db, localityId, filters)]);
  // One page of ideas is shown; the boards of all of them say whether any is in silent brainstorming.
  const shown = pageOf(rows, url.searchParams.get("page"), IDEAS_PER_PAGE);
  const wanted = new Map(rows.map((r) => [r.challengeId, r.challenge.boardId]));
  const summaries = await readBoardSummaries(localityId, [...new Set(wanted.values())]);
  const boards = new Map<string, BoardState>();
  for (const [challengeId, boardId] of wanted) boards.set(challengeId, summaries.get(boardId)!);
  const buildsOn = await buildsOnTitles(shown.items, boards);
  return {
    locality: { id: localityId, name: access.locality.name },
    challenges: challenges.map((c) => ({ id: c.id, question: c.question })),
    filters,
    statuses: IDEA_STATUSES,
    ideas: shown.items.map((r) => ({ ...ideaView(access, r, boards.get(r.challengeId), buildsOn(r)), comments: r._count.comments })),
    ideasPage: pageInfo(shown),
    silentNow: [...boards.values()].some((b) => b.settings.silent),
    may: { prototypes: can(access.role, "prototypes.view") },
  };
}
