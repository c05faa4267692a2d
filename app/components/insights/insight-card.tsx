import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EvidenceCounts } from "~/domain/insights";
import { ConfidenceBadge, EvidenceSummary } from "./excerpt-view";

export type InsightCardData = {
  id: string;
  statement: string;
  confidence: "low" | "medium" | "high";
  questions: { id: string; text: string }[];
  counts: EvidenceCounts;
};

/** An insight in a list: its statement (a link), questions, confidence and evidence counts. */
export function InsightCard({ insight, href }: { insight: InsightCardData; href: string }) {
  const { t } = useTranslation();
  return (
    <article className="card insight-card" aria-labelledby={`insight-${insight.id}`}>
      <h2 id={`insight-${insight.id}`} className="insight-statement" dir="auto">
        <Link to={href}>{insight.statement}</Link>
      </h2>
      <ConfidenceBadge level={insight.confidence} />
      <EvidenceSummary counts={insight.counts} />
      {insight.questions.length ? (
        <>
          <h3 className="insight-questions-title">{t("insights.questionsHeading")}</h3>
          <ul className="insight-questions-list">
            {insight.questions.map((q) => (
              <li key={q.id}>
                <span dir="auto">{q.text}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}
