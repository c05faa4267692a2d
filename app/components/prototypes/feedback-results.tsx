import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Bar } from "~/components/analysis/views";
import { CsrfField } from "~/components/ui/csrf-field";
import { FACES, promptIn, type QuestionTally } from "~/domain/feedback";
import type { QuestionView } from "./feedback-questions";

export type SentenceView = { id: string; questionId: string; language: string; text: string; receivedAt: string };

function languageName(t: (key: string, options?: Record<string, unknown>) => string, code: string): string {
  return t(`languageNames.${code}`, { defaultValue: code });
}

/** A table of counts: one row per answer (face, yes, no), one column per language, and the total with a bar. */
function CountTable({
  id,
  caption,
  rows,
  languages,
}: {
  id: string;
  caption: string;
  rows: { key: string; label: React.ReactNode; byLanguage: Record<string, number>; total: number }[];
  languages: readonly string[];
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="data-table feedback-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("feedback.results.answer")}</th>
            {languages.map((l) => (
              <th key={l} scope="col">
                {languageName(t, l)}
              </th>
            ))}
            <th scope="col">{t("feedback.results.total")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {languages.map((l) => (
                <td key={l} className="num">
                  {r.byLanguage[l] ?? 0}
                </td>
              ))}
              <td className="num">
                <span className="feedback-total">
                  <span>{r.total}</span>
                  <Bar share={r.total / max} className="bar feedback-bar" />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QuestionResult({
  question,
  tally,
  n,
  languages,
  sentences,
  manage,
}: {
  question: QuestionView;
  tally: QuestionTally;
  n: number;
  languages: readonly string[];
  sentences: SentenceView[];
  manage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const prompt = promptIn(question.prompts, i18n.language, languages);
  const headingId = `result-${question.id}`;
  return (
    <section className="feedback-result" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span>{t("feedback.questions.slot", { n })}: </span>
        <span dir="auto">{prompt}</span>
      </h3>
      {tally.faces ? (
        <>
          <CountTable
            id={`faces-${question.id}`}
            caption={t("feedback.results.faces")}
            languages={languages}
            rows={FACES.map((f) => ({
              key: String(f),
              label: `${f} · ${t(`feedback.faces.${f}`)}`,
              byLanguage: Object.fromEntries(languages.map((l) => [l, tally.faces!.byLanguage[l]?.[f - 1] ?? 0])),
              total: tally.faces!.total[f - 1] ?? 0,
            }))}
          />
          {tally.faces.mean !== null ? <p className="summary">{t("feedback.results.mean", { mean: tally.faces.mean.toLocaleString(i18n.language) })}</p> : null}
        </>
      ) : null}
      {tally.yesno ? (
        <CountTable
          id={`yesno-${question.id}`}
          caption={t("feedback.results.yesno")}
          languages={languages}
          rows={(["yes", "no"] as const).map((k) => ({
            key: k,
            label: t(`feedback.${k}`),
            byLanguage: Object.fromEntries(languages.map((l) => [l, tally.yesno!.byLanguage[l]?.[k] ?? 0])),
            total: tally.yesno!.total[k],
          }))}
        />
      ) : null}
      {tally.kind === "sentence" ? (
        <>
          <CountTable
            id={`sentences-${question.id}`}
            caption={t("feedback.results.sentences")}
            languages={languages}
            rows={[{ key: "published", label: t("feedback.results.published"), byLanguage: tally.published.byLanguage, total: tally.published.total }]}
          />
          {tally.pending ? <p className="muted">{t("feedback.results.waiting", { count: tally.pending })}</p> : null}
          <h4>{t("feedback.results.sentenceList")}</h4>
          {sentences.length ? (
            <ul className="feedback-sentences">
              {sentences.map((s) => (
                <li key={s.id} className="card">
                  <blockquote lang={s.language} dir="auto">
                    {s.text}
                  </blockquote>
                  <p className="muted">{t("feedback.results.inLanguage", { language: languageName(t, s.language) })}</p>
                  {manage ? (
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="answerId" value={s.id} />
                      <button type="submit" name="intent" value="reject" className="button-link">
                        {t("feedback.moderation.unpublish")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("feedback.results.noSentences")}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

/** The answers counted: people by language, then each question by language (only published answers count). */
export function FeedbackResults({
  questions,
  tallies,
  people,
  pendingCount,
  languages,
  published,
  manage,
}: {
  questions: QuestionView[];
  tallies: QuestionTally[];
  people: { byLanguage: Record<string, number>; total: number };
  pendingCount: number;
  languages: readonly string[];
  published: SentenceView[];
  manage: boolean;
}) {
  const { t } = useTranslation();
  const shownLanguages = [...new Set([...languages, ...Object.keys(people.byLanguage)])];
  return (
    <>
      <p className="summary feedback-summary">
        <span>{t("feedback.results.people", { count: people.total })}</span>
        {pendingCount ? <span>{t("feedback.results.waiting", { count: pendingCount })}</span> : null}
      </p>
      {people.total === 0 && pendingCount === 0 ? <p className="muted">{t("feedback.results.none")}</p> : null}
      <div className="table-scroll" role="region" aria-labelledby="people-caption" tabIndex={0}>
        <table className="data-table feedback-table">
          <caption id="people-caption">{t("feedback.results.byLanguage")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("feedback.results.language")}</th>
              <th scope="col">{t("feedback.results.people")}</th>
            </tr>
          </thead>
          <tbody>
            {shownLanguages.map((l) => (
              <tr key={l}>
                <th scope="row">{languageName(t, l)}</th>
                <td className="num">{people.byLanguage[l] ?? 0}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("feedback.results.total")}</th>
              <td className="num">{people.total}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {questions.map((q, i) => {
        const tally = tallies.find((x) => x.id === q.id);
        return tally ? (
          <QuestionResult
            key={q.id}
            question={q}
            tally={tally}
            n={i + 1}
            languages={shownLanguages}
            sentences={published.filter((s) => s.questionId === q.id)}
            manage={manage}
          />
        ) : null;
      })}
    </>
  );
}
