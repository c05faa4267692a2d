import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dateFormatter } from "~/i18n/dates";
import type { LinkState } from "~/domain/challenges";

export type ChallengeCardData = {
  id: string;
  question: string;
  insight: { id: string; statement: string } | null;
  boardId: string;
  closesAt: string | null;
  /** Whether the closing date has passed (worked out by the server, so both renderings agree). */
  closingPassed: boolean;
  linkState: LinkState;
  counts: { published: number; pending: number; hidden: number };
};

/** Whether the public link takes ideas now, in words (not by colour alone). */
export function LinkStateBadge({ state }: { state: LinkState }) {
  const { t } = useTranslation();
  return <span className={`badge link-state link-state-${state}`}>{t(`challenges.linkState.${state}`)}</span>;
}

/** "Closes on 14 March 2026" / "Closed on …" / "No closing date". */
export function ClosingDate({ closesAt, passed }: { closesAt: string | null; passed: boolean }) {
  const { t, i18n } = useTranslation();
  if (!closesAt) return <>{t("challenges.noClosingDate")}</>;
  const formatted = dateFormatter(i18n.language, { dateStyle: "long" }).format(new Date(closesAt));
  return <>{t(passed ? "challenges.closedOn" : "challenges.closesOn", { date: formatted })}</>;
}

/** The links every challenge has: its board, its ideas, its poster and (for facilitators) its queue. */
export function ChallengeLinks({
  base,
  challenge,
  moderate,
}: {
  base: string;
  challenge: Pick<ChallengeCardData, "id" | "boardId" | "question" | "counts">;
  moderate: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="challenge-links">
      <li>
        <Link to={`${base}/boards/${challenge.boardId}`} className="button primary">
          {t("challenges.openBoard")}
        </Link>
      </li>
      <li>
        <Link to={`${base}/ideas?challenge=${challenge.id}`} className="button">
          {t("challenges.ideasList")}
        </Link>
      </li>
      <li>
        <Link to={`${base}/challenges/${challenge.id}/poster`} className="button" reloadDocument>
          {t("challenges.poster")}
        </Link>
      </li>
      {moderate ? (
        <li>
          <Link to={`${base}/challenges/${challenge.id}/moderation`} className="button">
            {t("challenges.queueLink", { count: challenge.counts.pending })}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

/** "From the insight: …", linking to the insight the challenge's question came from. */
export function FromInsight({ base, insight }: { base: string; insight: { id: string; statement: string } | null }) {
  const { t } = useTranslation();
  if (!insight) return null;
  return (
    <p className="muted">
      {t("challenges.fromInsight")}{" "}
      <Link to={`${base}/insights/${insight.id}`} dir="auto">
        {insight.statement}
      </Link>
    </p>
  );
}

/** A challenge in the list: its question (a link to its page), insight, closing date, link state, counts and links. */
export function ChallengeCard({ base, challenge, may }: { base: string; challenge: ChallengeCardData; may: { moderate: boolean } }) {
  const { t } = useTranslation();
  const titleId = `challenge-${challenge.id}`;
  return (
    <article className="card challenge-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="challenge-question" dir="auto">
        <Link to={`${base}/challenges/${challenge.id}`}>{challenge.question}</Link>
      </h2>
      <FromInsight base={base} insight={challenge.insight} />
      <p className="challenge-facts">
        <LinkStateBadge state={challenge.linkState} />
        <span>
          <ClosingDate closesAt={challenge.closesAt} passed={challenge.closingPassed} />
        </span>
      </p>
      <p className="challenge-counts">
        <span>{t("challenges.counts.onBoard", { count: challenge.counts.published })}</span>
        <span>{t("challenges.counts.pending", { count: challenge.counts.pending })}</span>
      </p>
      <ChallengeLinks base={base} challenge={challenge} moderate={may.moderate} />
    </article>
  );
}
