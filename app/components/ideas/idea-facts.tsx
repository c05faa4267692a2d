import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type IdeaFactsData = {
  status: string;
  source: "phone" | "board";
  votes: number | null;
  votesHidden: boolean;
  onBoard: boolean;
  buildsOn: { id: string; title: string } | null;
};

/** The status as a badge (its colour is a hint; the word says it). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge idea-status status-${status}`}>
      <span className="visually-hidden">{t("ideas.statusLabel")}: </span>
      {t(`ideas.statuses.${status}`)}
    </span>
  );
}

/** Status, votes, comments, source, builds-on and whether it is still on the board, as one list. */
export function IdeaFacts({ idea, comments, base }: { idea: IdeaFactsData; comments?: number; base: string }) {
  const { t } = useTranslation();
  return (
    <ul className="idea-facts">
      <li>
        <StatusBadge status={idea.status} />
      </li>
      {idea.votes !== null ? <li className="idea-votes">{t("ideas.votes", { count: idea.votes })}</li> : null}
      {idea.votesHidden ? <li>{t("ideas.votesHidden")}</li> : null}
      {comments !== undefined ? <li>{t("ideas.comments", { count: comments })}</li> : null}
      <li>{t(`ideas.source.${idea.source}`)}</li>
      {!idea.onBoard ? <li className="idea-off-board">{t("ideas.offBoard")}</li> : null}
      {idea.buildsOn ? (
        <li>
          {t("ideas.buildsOn")}{" "}
          <Link to={`${base}/ideas/${idea.buildsOn.id}`} dir="auto">
            {idea.buildsOn.title}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
