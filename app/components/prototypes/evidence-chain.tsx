import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type EvidenceChainData = {
  idea: { id: string; title: string } | null;
  challenge: { id: string; question: string } | null;
  insights: {
    id: string;
    statement: string;
    excerpts: { id: string; storyId: string; storyTitle: string; pseudonym: string; quote: string }[];
    more: number;
  }[];
};

/**
 * Where a prototype came from, read from the stories to the prototype: what people said (the
 * stories' redacted excerpts) → the insight → the challenge → the idea → this prototype. Each
 * step is a link to its page.
 */
export function EvidenceChain({ localityId, chain, prototypeTitle }: { localityId: string; chain: EvidenceChainData; prototypeTitle: string }) {
  const { t } = useTranslation();
  const base = `/l/${localityId}`;
  if (!chain.idea) return <p className="muted">{t("prototypes.chain.ideaGone")}</p>;
  return (
    <ol className="evidence-chain">
      {chain.insights.length ? (
        chain.insights.map((insight) => (
          <li key={insight.id} className="chain-step">
            <h3>{t("prototypes.chain.excerpts")}</h3>
            {insight.excerpts.length ? (
              <ul className="chain-excerpts">
                {insight.excerpts.map((e) => (
                  <li key={e.id}>
                    <figure className="chain-excerpt">
                      <blockquote dir="auto">{e.quote}</blockquote>
                      <figcaption>
                        <Link to={`${base}/stories/${e.storyId}`} dir="auto">
                          {t("prototypes.chain.storyBy", { title: e.storyTitle, pseudonym: e.pseudonym })}
                        </Link>
                      </figcaption>
                    </figure>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("prototypes.chain.noExcerpts")}</p>
            )}
            {insight.more > 0 ? (
              <p>
                <Link to={`${base}/insights/${insight.id}`}>{t("prototypes.chain.more", { count: insight.more })}</Link>
              </p>
            ) : null}
            <h3>{t("prototypes.chain.insight")}</h3>
            <p>
              <Link to={`${base}/insights/${insight.id}`} dir="auto">
                {insight.statement}
              </Link>
            </p>
          </li>
        ))
      ) : (
        <li className="chain-step">
          <p className="muted">{t("prototypes.chain.noInsight")}</p>
        </li>
      )}
      {chain.challenge ? (
        <li className="chain-step">
          <h3>{t("prototypes.chain.challenge")}</h3>
          <p>
            <Link to={`${base}/challenges/${chain.challenge.id}`} dir="auto">
              {chain.challenge.question}
            </Link>
          </p>
        </li>
      ) : null}
      <li className="chain-step">
        <h3>{t("prototypes.chain.idea")}</h3>
        <p>
          <Link to={`${base}/ideas/${chain.idea.id}`} dir="auto">
            {chain.idea.title}
          </Link>
        </p>
      </li>
      <li className="chain-step chain-here" aria-current="step">
        <p dir="auto">{prototypeTitle}</p>
      </li>
    </ol>
  );
}
