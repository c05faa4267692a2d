import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { CheckboxGroup, FieldErrors } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { excerptInput, sentenceRef } from "~/domain/coding";
import { LIMITS } from "~/domain/limits";
import type { ReaderSegment } from "~/domain/redaction";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { HighlightedText, selectionRange } from "./highlighted-text";
import { useLiveUpdates } from "~/components/ui/use-live-updates";
import { WithdrawnNotice } from "~/components/stories/withdrawn-notice";

type Code = { id: string; name: string; description: string };
type Excerpt = {
  id: string;
  rStart: number | null;
  rEnd: number | null;
  anchored: boolean;
  quote: string;
  comment: string;
  codes: Array<{ id: string; name: string }>;
  coderName: string | null;
  createdAt: string;
  mine: boolean;
  mayEdit: boolean;
};
export type CodingPageData = {
  locality: { id: string };
  story: { id: string; title: string; pseudonym: string; language: string };
  segments: ReaderSegment[];
  /** Which version of the text this is: sent back with a chosen passage. */
  textVersion: string;
  paragraphs: string[][];
  excerpts: Excerpt[];
  codes: Code[];
  may: { code: boolean; manageCodes: boolean };
};
type ActionResult =
  | { intent: "create"; ok: boolean; reply: SubmissionResult<string[]>; excerptId?: string; merged?: boolean }
  | { intent: "update"; ok: boolean; reply: SubmissionResult<string[]>; excerptId: string | null }
  | { intent: "delete"; ok: boolean }
  | undefined;

const QUOTE_PREVIEW = 160;

/** The coding view: highlights in the text, the form to code a passage, and the list of excerpts. */
export function CodingView({ page, result }: { page: CodingPageData; result: ActionResult }) {
  const { t } = useTranslation();
  const base = `/l/${page.locality.id}/stories/${page.story.id}`;
  const live = useLiveUpdates(`${base}/events`);
  const textRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLHeadingElement>(null);
  const [selection, setSelection] = useState<{ rStart: number; rEnd: number; text: string } | null>(null);
  const [chosen, setChosen] = useState<{ rStart: number; rEnd: number; text: string } | null>(null);
  const [active, setActive] = useState<string | null>(null);
  // A fresh form after each saved excerpt (its fields back to their defaults).
  const [saved, setSaved] = useState(0);

  // A passage chosen in the text as it was before an edit no longer means the same words.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the text's version changes, on purpose
  useEffect(() => setChosen(null), [page.textVersion]);

  // Others' new excerpts, as they arrive live, are announced politely for screen-reader users.
  const [arrived, setArrived] = useState("");
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    const previous = known.current;
    known.current = new Set(page.excerpts.map((e) => e.id));
    if (!previous) return;
    const fresh = page.excerpts.filter((e) => !previous.has(e.id) && !e.mine);
    if (fresh.length === 1) setArrived(t("analysis.coding.arrivedOne", { name: fresh[0]!.coderName ?? "?", quote: clip(fresh[0]!.quote) }));
    else if (fresh.length > 1) setArrived(t("analysis.coding.arrivedMany", { count: fresh.length }));
  }, [page.excerpts, t]);

  const ranges = useMemo(
    () => page.excerpts.filter((e) => e.rStart !== null && e.rEnd !== null).map((e) => ({ id: e.id, rStart: e.rStart!, rEnd: e.rEnd! })),
    [page.excerpts],
  );

  // Track the reader's selection in the text (mouse, touch, or Shift+arrows in caret browsing).
  useEffect(() => {
    if (!page.may.code) return;
    const onChange = () => {
      const root = textRef.current;
      if (!root) return;
      const sel = document.getSelection();
      const range = selectionRange(root, sel);
      setSelection(range ? { ...range, text: (sel?.toString() ?? "").replace(/\s+/g, " ").trim() } : null);
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [page.may.code]);

  // A saved excerpt clears the chosen passage.
  useEffect(() => {
    if (result?.intent === "create" && result.ok) {
      setChosen(null);
      setSelection(null);
      setSaved((n) => n + 1);
    }
  }, [result]);

  if (live.lastEvent === "withdrawn") return <WithdrawnNotice localityId={page.locality.id} />;

  const status =
    result?.intent === "create" && result.ok
      ? t(result.merged ? "analysis.coding.merged" : "analysis.coding.saved")
      : result?.intent === "update" && result.ok
        ? t("analysis.coding.updated")
        : result?.intent === "delete"
          ? t("analysis.coding.deleted")
          : null;

  const pick = (id: string) => {
    setActive(id);
    document.getElementById(`excerpt-${id}`)?.focus();
  };

  return (
    <div className="coding-layout" data-live={live.connected ? "connected" : "waiting"}>
      <div className="coding-main">
        <h2 className="visually-hidden">{t("analysis.coding.textHeading")}</h2>
        <p className="hint">{page.may.code ? t("analysis.coding.howTo") : t("analysis.coding.readOnly")}</p>
        <div ref={textRef} className="card coding-text-card">
          {page.segments.length === 0 ? (
            <p className="muted">{t("analysis.coding.noText")}</p>
          ) : (
            <HighlightedText segments={page.segments} ranges={ranges} lang={page.story.language} active={active} onPick={pick} />
          )}
        </div>
        {page.may.code && selection ? (
          <div className="coding-selection-bar">
            <p className="coding-selection-text" dir="auto">
              {clip(selection.text)}
            </p>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setChosen(selection);
                formRef.current?.focus();
              }}
            >
              {t("analysis.coding.codeThis")}
            </button>
          </div>
        ) : null}
      </div>
      <div className="coding-side">
        <div role="status" className="coding-status">
          {status ? <p className="card success">{status}</p> : null}
        </div>
        <p className="visually-hidden" aria-live="polite" data-testid="coding-arrivals">
          {arrived}
        </p>
        {page.may.code && page.segments.length > 0 ? (
          <CodePassageForm
            // A new form after each saved excerpt, and when the text itself changed (its passage
            // choices and the text version it sends belong to the text it was shown with).
            key={`${saved}:${page.textVersion}`}
            page={page}
            chosen={chosen}
            clearChosen={() => setChosen(null)}
            headingRef={formRef}
            lastResult={result?.intent === "create" && !result.ok ? result.reply : undefined}
          />
        ) : null}
        <ExcerptList page={page} active={active} setActive={setActive} result={result} />
      </div>
    </div>
  );
}

function clip(text: string): string {
  return text.length > QUOTE_PREVIEW ? `${text.slice(0, QUOTE_PREVIEW - 1)}…` : text;
}

/** "Code a passage": the chosen selection, or paragraph and sentences picked from lists; codes; a comment. */
function CodePassageForm({
  page,
  chosen,
  clearChosen,
  headingRef,
  lastResult,
}: {
  page: CodingPageData;
  chosen: { rStart: number; rEnd: number; text: string } | null;
  clearChosen: () => void;
  headingRef: React.RefObject<HTMLHeadingElement>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  const [form, fields] = useValidatedForm({
    id: "code-passage",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: excerptInput }),
  });
  const initial = (name: string) => {
    const v = (lastResult?.initialValue as Record<string, unknown> | undefined)?.[name];
    return typeof v === "string" ? v : "";
  };
  return (
    <Form method="post" {...getFormProps(form)} className="card stack coding-form" aria-labelledby="code-passage-heading">
      <h2 id="code-passage-heading" ref={headingRef} tabIndex={-1}>
        {t("analysis.coding.formHeading")}
      </h2>
      <CsrfField />
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="textVersion" value={page.textVersion} />
      {chosen ? (
        <div className="field">
          <p className="label">{t("analysis.coding.selected")}</p>
          <blockquote className="coding-chosen" dir="auto">
            {clip(chosen.text)}
          </blockquote>
          <input type="hidden" name="rStart" value={chosen.rStart} />
          <input type="hidden" name="rEnd" value={chosen.rEnd} />
          <p>
            <button type="button" className="button-link" onClick={clearChosen}>
              {t("analysis.coding.pickInstead")}
            </button>
          </p>
        </div>
      ) : (
        <fieldset className="field coding-picker" aria-describedby={fields.from.errors?.length ? fields.from.errorId : "picker-hint"}>
          <legend>{t("analysis.coding.passage")}</legend>
          <p id="picker-hint" className="hint">
            {t("analysis.coding.pickerHint")}
          </p>
          <SentenceSelect
            id="passage-from"
            name="from"
            label={t("analysis.coding.from")}
            paragraphs={page.paragraphs}
            defaultValue={initial("from")}
            invalid={Boolean(fields.from.errors?.length)}
          />
          <SentenceSelect
            id="passage-to"
            name="to"
            label={t("analysis.coding.to")}
            paragraphs={page.paragraphs}
            defaultValue={initial("to")}
            invalid={Boolean(fields.from.errors?.length)}
          />
          <FieldErrors id={fields.from.errorId} errors={fields.from.errors} />
        </fieldset>
      )}
      {page.codes.length ? (
        <CheckboxGroup meta={fields.codeIds} legend={t("analysis.coding.codes")} options={page.codes.map((c) => ({ value: c.id, label: c.name }))} />
      ) : (
        <>
          <p className="hint">{t("analysis.coding.noCodes")}</p>
          <FieldErrors id={fields.codeIds.errorId} errors={fields.codeIds.errors} />
        </>
      )}
      <div className="field">
        <label htmlFor={fields.newCode.id}>{t("analysis.coding.newCode")}</label>
        <p id={`${fields.newCode.id}-hint`} className="hint">
          {t("analysis.coding.newCodeHint")}
        </p>
        <input
          {...getInputProps(fields.newCode, { type: "text", ariaAttributes: true })}
          key={fields.newCode.key}
          maxLength={LIMITS.codeName}
          dir="auto"
          aria-describedby={`${fields.newCode.id}-hint`}
        />
        <FieldErrors id={fields.newCode.errorId} errors={fields.newCode.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.comment.id}>{t("analysis.coding.comment")}</label>
        <textarea
          {...getTextareaProps(fields.comment, { ariaAttributes: true })}
          key={fields.comment.key}
          rows={2}
          maxLength={LIMITS.excerptComment}
          dir="auto"
        />
        <FieldErrors id={fields.comment.errorId} errors={fields.comment.errors} />
      </div>
      <p>
        <button type="submit" className="button primary" aria-disabled={busy || undefined}>
          {t("analysis.coding.save")}
        </button>
      </p>
    </Form>
  );
}

function SentenceSelect({
  id,
  name,
  label,
  paragraphs,
  defaultValue,
  invalid,
}: {
  id: string;
  name: string;
  label: string;
  paragraphs: string[][];
  defaultValue: string;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} key={defaultValue} aria-invalid={invalid || undefined}>
        <option value="">{t("analysis.coding.chooseSentence")}</option>
        {paragraphs.map((sentences, p) => (
          <optgroup key={p} label={t("analysis.coding.paragraph", { n: p + 1 })}>
            {sentences.map((preview, s) => (
              <option key={s} value={sentenceRef(p, s)}>
                {t("analysis.coding.sentence", { p: p + 1, n: s + 1, preview })}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Every excerpt of the story: quote (redacted), codes, comment, who and when; edit and delete. */
function ExcerptList({
  page,
  active,
  setActive,
  result,
}: {
  page: CodingPageData;
  active: string | null;
  setActive: (id: string) => void;
  result: ActionResult;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const when = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="excerpts-heading" className="excerpt-section">
      <h2 id="excerpts-heading">{t("analysis.coding.excerpts", { count: page.excerpts.length })}</h2>
      {page.excerpts.length === 0 ? <p className="muted">{t("analysis.coding.noExcerpts")}</p> : null}
      <ol className="excerpt-list">
        {page.excerpts.map((e) => (
          <li
            key={e.id}
            id={`excerpt-${e.id}`}
            tabIndex={-1}
            className={`card excerpt${active === e.id ? " excerpt-active" : ""}${e.anchored ? "" : " excerpt-lost"}`}
          >
            <blockquote className="excerpt-quote" lang={page.story.language} dir="auto">
              {e.quote}
            </blockquote>
            {e.anchored ? null : <p className="excerpt-lost-note">{t("analysis.coding.lost")}</p>}
            <ul className="code-chips" aria-label={t("analysis.coding.codes")}>
              {e.codes.map((c) => (
                <li key={c.id}>
                  <Link className="code-chip" to={`/l/${page.locality.id}/analysis/codes/${c.id}`}>
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
            {e.comment ? (
              <p className="excerpt-comment" dir="auto">
                {e.comment}
              </p>
            ) : null}
            <p className="hint">{t("analysis.coding.by", { name: e.coderName ?? t("analysis.formerMember"), when: when.format(new Date(e.createdAt)) })}</p>
            <div className="excerpt-actions">
              {e.anchored ? (
                <button
                  type="button"
                  className="button-link"
                  onClick={() => {
                    setActive(e.id);
                    document.querySelector(`[data-ids~="${e.id}"]`)?.scrollIntoView({ block: "center" });
                  }}
                  aria-pressed={active === e.id}
                >
                  {t("analysis.coding.show")}
                </button>
              ) : null}
              {e.mayEdit ? <EditExcerpt page={page} excerpt={e} result={result} /> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function EditExcerpt({ page, excerpt, result }: { page: CodingPageData; excerpt: Excerpt; result: ActionResult }) {
  const { t } = useTranslation();
  const failed = result?.intent === "update" && !result.ok && result.excerptId === excerpt.id ? result.reply : null;
  const errors = (failed?.error as Record<string, string[] | null> | undefined) ?? {};
  const mine = new Set(excerpt.codes.map((c) => c.id));
  return (
    <>
      <details className="excerpt-edit" open={failed ? true : undefined}>
        <summary className="button-link">{t("analysis.coding.edit")}</summary>
        <Form method="post" className="stack">
          <CsrfField />
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="excerptId" value={excerpt.id} />
          <fieldset
            className="field checkbox-group"
            aria-invalid={errors.codeIds?.length ? true : undefined}
            aria-describedby={errors.codeIds?.length ? `edit-${excerpt.id}-codes-error` : undefined}
          >
            <legend>{t("analysis.coding.codes")}</legend>
            <div className="checkbox-options">
              {page.codes.map((c) => (
                <label key={c.id} className="checkbox">
                  <input type="checkbox" name="codeIds" value={c.id} defaultChecked={mine.has(c.id)} />
                  <span>{c.name}</span>
                </label>
              ))}
            </div>
            <FieldErrors id={`edit-${excerpt.id}-codes-error`} errors={errors.codeIds ?? undefined} />
          </fieldset>
          <div className="field">
            <label htmlFor={`edit-${excerpt.id}-new`}>{t("analysis.coding.newCode")}</label>
            <input id={`edit-${excerpt.id}-new`} name="newCode" maxLength={LIMITS.codeName} dir="auto" />
          </div>
          <div className="field">
            <label htmlFor={`edit-${excerpt.id}-comment`}>{t("analysis.coding.comment")}</label>
            <textarea id={`edit-${excerpt.id}-comment`} name="comment" rows={2} maxLength={LIMITS.excerptComment} defaultValue={excerpt.comment} dir="auto" />
            <FieldErrors id={`edit-${excerpt.id}-comment-error`} errors={errors.comment ?? undefined} />
          </div>
          <p>
            <button type="submit" className="button">
              {t("analysis.coding.saveChanges")}
            </button>
          </p>
        </Form>
      </details>
      <Form method="post" className="inline-form">
        <CsrfField />
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="excerptId" value={excerpt.id} />
        <button type="submit" className="button-link danger-link">
          {t("analysis.coding.delete")}
        </button>
      </Form>
    </>
  );
}
