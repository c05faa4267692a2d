import { useTranslation } from "react-i18next";
import type { EvidenceCounts as InsightCounts } from "~/domain/insights";

/** An excerpt as everyone reads it: the redacted quote, whose story it is, its codes. */
export type ExcerptViewData = { id: string; storyTitle: string; pseudonym: string; codes: { id: string; name: string }[]; quote: string };

/** The story and storyteller line, and the codes, as inline pieces (usable inside a label). */
export function ExcerptMeta({ excerpt }: { excerpt: Pick<ExcerptViewData, "storyTitle" | "pseudonym" | "codes"> }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="excerpt-story" dir="auto">
        {t("insights.storyBy", { title: excerpt.storyTitle, pseudonym: excerpt.pseudonym })}
      </span>
      <span className="excerpt-codes">
        <span className="visually-hidden">{t("insights.codesLabel")}: </span>
        {excerpt.codes.length ? (
          excerpt.codes.map((c) => (
            <span key={c.id} className="badge code-badge" dir="auto">
              {c.name}
            </span>
          ))
        ) : (
          <span className="muted">{t("insights.noCodes")}</span>
        )}
      </span>
    </>
  );
}

/** An excerpt as a block: quote first, then its story and codes. */
export function ExcerptView({ excerpt }: { excerpt: ExcerptViewData }) {
  return (
    <figure className="excerpt-view">
      <blockquote className="excerpt-quote" dir="auto">
        {excerpt.quote}
      </blockquote>
      <figcaption className="excerpt-meta">
        <ExcerptMeta excerpt={excerpt} />
      </figcaption>
    </figure>
  );
}

/** "N excerpts from S stories told by T storytellers", and how many sources were withdrawn. */
export function EvidenceSummary({ counts }: { counts: InsightCounts }) {
  const { t } = useTranslation();
  return (
    <p className="evidence-summary">
      <span>
        {t("insights.counts.summary", {
          count: counts.excerpts,
          stories: t("insights.counts.stories", { count: counts.stories }),
          storytellers: t("insights.counts.storytellers", { count: counts.storytellers }),
        })}
      </span>
      {counts.withdrawn > 0 ? <span className="evidence-withdrawn">{t("insights.counts.withdrawn", { count: counts.withdrawn })}</span> : null}
    </p>
  );
}

/** The confidence as a labelled badge. */
export function ConfidenceBadge({ level }: { level: "low" | "medium" | "high" }) {
  const { t } = useTranslation();
  return <span className={`badge confidence confidence-${level}`}>{t("insights.confidenceLabel", { level: t(`insights.confidence.${level}`) })}</span>;
}
