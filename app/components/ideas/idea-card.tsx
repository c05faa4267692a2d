import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaFacts, type IdeaFactsData } from "./idea-facts";
import { IdeaTexts } from "./idea-texts";

type CardIdea = IdeaFactsData & {
  id: string;
  title: string;
  text: string;
  language: string;
  dir: string;
  hasPhoto: boolean;
  challenge: { id: string; question: string };
  translations: { id: string; language: string; dir: string; text: string; translatorName: string }[];
};

/** One idea in the list: its title (a link to its page), texts side by side, and its facts. */
export function IdeaCard({ idea, comments, base, showChallenge }: { idea: CardIdea; comments: number; base: string; showChallenge: boolean }) {
  const { t } = useTranslation();
  const headingId = `idea-${idea.id}-title`;
  return (
    <article className="card idea-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="idea-title">
        <Link to={`${base}/ideas/${idea.id}`} dir="auto">
          {idea.title}
        </Link>
      </h2>
      {showChallenge ? (
        <p className="muted idea-challenge">
          {t("ideas.challenge")} <span dir="auto">{idea.challenge.question}</span>
        </p>
      ) : null}
      <IdeaTexts text={idea.text} language={idea.language} dir={idea.dir} translations={idea.translations} />
      {idea.hasPhoto ? <img className="idea-photo-thumb" src={`${base}/ideas/${idea.id}/photo`} alt={t("ideas.photoAlt")} loading="lazy" /> : null}
      <IdeaFacts idea={idea} comments={comments} base={base} />
    </article>
  );
}
