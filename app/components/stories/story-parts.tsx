import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { IdentifierKind } from "~/domain/redaction";
import { dateFormatter } from "~/i18n/dates";

export type StoryMetaView = {
  id: string;
  title: string;
  storytellerPseudonym: string;
  interviewer: string;
  occurredOn: string;
  place: string;
  language: string;
  method: string;
};

/** A story's date (stored as a day) in the interface language. */
export function storyDate(locale: string, day: string): string {
  return dateFormatter(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** Storyteller, method, language, date, place, interviewer: as a description list. */
export function StoryMetaList({ story, locale }: { story: StoryMetaView; locale: string }) {
  const { t } = useTranslation();
  return (
    <dl className="story-meta">
      <div>
        <dt>{t("stories.fields.storyteller")}</dt>
        <dd dir="auto">{story.storytellerPseudonym}</dd>
      </div>
      <div>
        <dt>{t("stories.fields.method")}</dt>
        <dd>{t(`stories.methods.${story.method}`, { defaultValue: story.method })}</dd>
      </div>
      <div>
        <dt>{t("stories.fields.language")}</dt>
        <dd>{t(`languageNames.${story.language}`, { defaultValue: story.language })}</dd>
      </div>
      <div>
        <dt>{t("stories.fields.occurredOn")}</dt>
        <dd>{storyDate(locale, story.occurredOn)}</dd>
      </div>
      {story.place ? (
        <div>
          <dt>{t("stories.fields.place")}</dt>
          <dd dir="auto">{story.place}</dd>
        </div>
      ) : null}
      {story.interviewer ? (
        <div>
          <dt>{t("stories.fields.interviewer")}</dt>
          <dd dir="auto">{story.interviewer}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** What the storyteller agreed to, in plain words (each scope includes the ones before it). */
export function ConsentSummary({ consent, locale }: { consent: { givenAt: string; method: string; allows: string[] } | null; locale: string }) {
  const { t } = useTranslation();
  if (!consent) {
    return (
      <div className="card notice consent-missing">
        <p>
          <strong>{t("stories.needsConsent")}</strong> {t("stories.needsConsentHint")}
        </p>
      </div>
    );
  }
  return (
    <section className="card consent-summary" aria-labelledby="consent-summary-title">
      <h2 id="consent-summary-title">{t("stories.consent.summaryTitle")}</h2>
      <p>{t("stories.consent.given", { date: storyDate(locale, consent.givenAt), method: t(`stories.consent.methods.${consent.method}`) })}</p>
      <ul>
        {consent.allows.map((s) => (
          <li key={s}>{t(`stories.consent.allows.${s}`)}</li>
        ))}
      </ul>
    </section>
  );
}

/** The facilitator's pages of one story, as a row of links (the current one marked). */
export function StoryTabs({ localityId, storyId }: { localityId: string; storyId: string }) {
  const { t } = useTranslation();
  const base = `/l/${localityId}/stories/${storyId}`;
  const tabs: Array<[string, string]> = [
    [base, "stories.tabs.read"],
    [`${base}/text`, "stories.tabs.text"],
    [`${base}/edit`, "stories.tabs.edit"],
    [`${base}/identifiers`, "stories.tabs.identifiers"],
    [`${base}/consent`, "stories.tabs.consent"],
    [`${base}/photos`, "stories.tabs.photos"],
  ];
  return (
    <nav className="story-tabs" aria-label={t("stories.tabs.label")}>
      <ul>
        {tabs.map(([to, key]) => (
          <li key={to}>
            <NavLink to={to} end>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One identifier occurrence in the original text, shown marked with its placeholder's label. */
export function MarkedIdentifier({ text, kind, n }: { text: string; kind: IdentifierKind; n: number }) {
  const { t } = useTranslation();
  return (
    <mark className="identifier" data-kind={kind}>
      {text}
      <span className="visually-hidden"> ({t(`stories.placeholder.${kind}`, { n })})</span>
    </mark>
  );
}

export type OriginalSegment = { type: "text"; text: string } | { type: "mark"; text: string; kind: IdentifierKind; n: number };

/** The original text (facilitators), one paragraph per line, marked identifiers highlighted. */
export function OriginalText({ segments, lang, id }: { segments: readonly OriginalSegment[]; lang?: string; id?: string }) {
  const lines: OriginalSegment[][] = [[]];
  for (const s of segments) {
    if (s.type === "mark") {
      lines[lines.length - 1]!.push(s);
      continue;
    }
    s.text.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ type: "text", text: part });
    });
  }
  return (
    <div className="story-text original" lang={lang} id={id}>
      {lines.map((line, i) =>
        line.length === 0 ? null : (
          <p key={i} dir="auto">
            {line.map((s, j) => (s.type === "text" ? <span key={j}>{s.text}</span> : <MarkedIdentifier key={j} text={s.text} kind={s.kind} n={s.n} />))}
          </p>
        ),
      )}
    </div>
  );
}
