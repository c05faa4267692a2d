import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";

type CodeRef = { id: string; name: string };

/**
 * A small bar for a count, `share` of the full width (0–1). SVG attributes rather than a style
 * attribute: the Content-Security-Policy allows no inline styles. Decorative: the number is
 * always written beside it.
 */
export function Bar({ share, className = "bar" }: { share: number; className?: string }) {
  const width = Math.max(0, Math.min(1, share)) * 100;
  return (
    <svg className={className} viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="bar-track" width="100" height="8" rx="4" />
      {width > 0 ? <rect className="bar-fill" width={Math.max(width, 4)} height="8" rx="4" /> : null}
    </svg>
  );
}

function CodeChips({ localityId, codes, label }: { localityId: string; codes: CodeRef[]; label: string }) {
  if (codes.length === 0) return null;
  return (
    <ul className="code-chips" aria-label={label}>
      {codes.map((c) => (
        <li key={c.id}>
          <Link className="code-chip" to={`/l/${localityId}/analysis/codes/${c.id}`}>
            {c.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** (a) All excerpts of one code across stories: redacted quotes, the story, its storyteller's pseudonym, the coder. */
export function CodeExcerpts({
  page,
}: {
  page: {
    locality: { id: string };
    code: { id: string; name: string; description: string };
    stories: number;
    excerpts: Array<{
      id: string;
      storyId: string;
      storyTitle: string;
      pseudonym: string;
      quote: string;
      comment: string;
      anchored: boolean;
      coderName: string | null;
      createdAt: string;
      codes: CodeRef[];
    }>;
  };
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const when = dateFormatter(locale, { dateStyle: "medium" });
  const id = page.locality.id;
  return (
    <>
      {page.code.description ? <p className="lead">{page.code.description}</p> : null}
      <p className="summary">
        {t("analysis.code.summary", {
          excerpts: t("analysis.n.excerpts", { count: page.excerpts.length }),
          stories: t("analysis.n.stories", { count: page.stories }),
        })}
      </p>
      {page.excerpts.length === 0 ? <p className="muted">{t("analysis.code.empty")}</p> : null}
      <ol className="excerpt-list wide">
        {page.excerpts.map((e) => (
          <li key={e.id} className={`card excerpt${e.anchored ? "" : " excerpt-lost"}`}>
            <blockquote className="excerpt-quote" dir="auto">
              {e.quote}
            </blockquote>
            {e.anchored ? null : <p className="excerpt-lost-note">{t("analysis.coding.lost")}</p>}
            <p>
              <Link to={`/l/${id}/stories/${e.storyId}/code`}>{e.storyTitle}</Link>
              {" · "}
              {t("analysis.storyteller", { pseudonym: e.pseudonym })}
            </p>
            <CodeChips localityId={id} codes={e.codes} label={t("analysis.coding.codes")} />
            {e.comment ? <p className="excerpt-comment">{e.comment}</p> : null}
            <p className="hint">{t("analysis.coding.by", { name: e.coderName ?? t("analysis.formerMember"), when: when.format(new Date(e.createdAt)) })}</p>
          </li>
        ))}
      </ol>
      <p>
        <Link to={`/l/${id}/analysis`}>{t("analysis.code.back")}</Link>
      </p>
    </>
  );
}

/** (b) Excerpts per code and story, as a table with row and column headers, and a bar per code. */
export function CountsTable({
  page,
}: {
  page: {
    locality: { id: string };
    stories: Array<{ id: string; title: string; pseudonym: string; excerpts: number }>;
    rows: Array<{ id: string; name: string; total: number; stories: number; cells: number[] }>;
  };
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...page.rows.map((r) => r.total));
  if (page.rows.length === 0) return <p className="muted">{t("analysis.codebook.empty")}</p>;
  return (
    <>
      <p className="lead">{t("analysis.counts.lead")}</p>
      <div className="table-scroll" role="region" aria-labelledby="counts-caption" tabIndex={0}>
        <table className="data-table counts-table">
          <caption id="counts-caption">{t("analysis.counts.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("analysis.counts.code")}</th>
              <th scope="col">{t("analysis.counts.total")}</th>
              {page.stories.map((s) => (
                <th scope="col" key={s.id}>
                  <Link to={`/l/${page.locality.id}/stories/${s.id}/code`}>{s.title}</Link>
                  <span className="hint block">{s.pseudonym}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/l/${page.locality.id}/analysis/codes/${r.id}`}>{r.name}</Link>
                </th>
                <td>
                  <span className="count-cell">
                    <span>{r.total}</span>
                    <Bar share={r.total / max} className="bar count-bar" />
                  </span>
                </td>
                {r.cells.map((n, i) => (
                  <td key={page.stories[i]!.id} className={n ? undefined : "muted"}>
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** (c) Who coded what: per coder, their excerpts, stories and the codes they used. */
export function CodersTable({
  page,
}: {
  page: {
    locality: { id: string };
    coders: Array<{ id: string; name: string | null; excerpts: number; stories: number; codes: CodeRef[] }>;
    uncredited: number;
  };
}) {
  const { t } = useTranslation();
  if (page.coders.length === 0) return <p className="muted">{t("analysis.coders.empty")}</p>;
  return (
    <>
      <p className="lead">{t("analysis.coders.lead")}</p>
      <div className="table-scroll" role="region" aria-labelledby="coders-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="coders-caption">{t("analysis.coders.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("analysis.coders.coder")}</th>
              <th scope="col">{t("analysis.coders.excerpts")}</th>
              <th scope="col">{t("analysis.coders.stories")}</th>
              <th scope="col">{t("analysis.coders.codes")}</th>
            </tr>
          </thead>
          <tbody>
            {page.coders.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name ?? t("analysis.formerMember")}</th>
                <td>{c.excerpts}</td>
                <td>{c.stories}</td>
                <td>
                  <CodeChips
                    localityId={page.locality.id}
                    codes={c.codes}
                    label={t("analysis.coders.codesOf", { name: c.name ?? t("analysis.formerMember") })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.uncredited ? <p className="hint">{t("analysis.coders.uncredited", { count: page.uncredited })}</p> : null}
    </>
  );
}

type Side = { excerptId: string; coderName: string | null; codes: CodeRef[]; only: CodeRef[] };

/** (d) Where coders disagree: overlapping passages coded differently, and agreement per code. */
export function Disagreements({
  page,
}: {
  page: {
    locality: { id: string };
    disagreements: Array<{ key: string; storyId: string; storyTitle: string; pseudonym: string; passage: string; a: Side; b: Side; shared: CodeRef[] }>;
    agreement: Array<{ id: string; name: string; both: number; either: number }>;
  };
}) {
  const { t } = useTranslation();
  const id = page.locality.id;
  const name = (s: Side) => s.coderName ?? t("analysis.formerMember");
  return (
    <>
      <p className="lead">{t("analysis.disagreements.lead")}</p>
      <h2>{t("analysis.disagreements.passages", { count: page.disagreements.length })}</h2>
      {page.disagreements.length === 0 ? <p className="muted">{t("analysis.disagreements.none")}</p> : null}
      <ol className="excerpt-list wide">
        {page.disagreements.map((d) => (
          <li key={d.key} className="card disagreement">
            <blockquote className="excerpt-quote" dir="auto">
              {d.passage}
            </blockquote>
            <p>
              <Link to={`/l/${id}/stories/${d.storyId}/code`}>{d.storyTitle}</Link>
              {" · "}
              {t("analysis.storyteller", { pseudonym: d.pseudonym })}
            </p>
            <div className="disagreement-sides">
              {[d.a, d.b].map((s) => (
                <div key={s.excerptId} className="disagreement-side">
                  <h3>{t("analysis.disagreements.coded", { name: name(s) })}</h3>
                  <CodeChips localityId={id} codes={s.codes} label={t("analysis.disagreements.codesOf", { name: name(s) })} />
                  <p>
                    {s.only.length
                      ? t("analysis.disagreements.only", { name: name(s), codes: s.only.map((c) => c.name).join(t("analysis.listSeparator")) })
                      : t("analysis.disagreements.nothingOnly", { name: name(s) })}
                  </p>
                </div>
              ))}
            </div>
            {d.shared.length ? (
              <p className="hint">{t("analysis.disagreements.shared", { codes: d.shared.map((c) => c.name).join(t("analysis.listSeparator")) })}</p>
            ) : null}
          </li>
        ))}
      </ol>
      <h2 id="agreement-heading">{t("analysis.disagreements.agreementHeading")}</h2>
      <p className="hint">{t("analysis.disagreements.agreementHint")}</p>
      {page.agreement.length === 0 ? (
        <p className="muted">{t("analysis.disagreements.noOverlap")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="agreement-heading" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("analysis.counts.code")}</th>
                <th scope="col">{t("analysis.disagreements.both")}</th>
                <th scope="col">{t("analysis.disagreements.either")}</th>
                <th scope="col">{t("analysis.disagreements.agreement")}</th>
              </tr>
            </thead>
            <tbody>
              {page.agreement.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/l/${id}/analysis/codes/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>{a.both}</td>
                  <td>{a.either}</td>
                  <td>{t("analysis.disagreements.percent", { value: Math.round((a.both / a.either) * 100) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
