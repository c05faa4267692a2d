import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";
import { ExcerptMeta, type ExcerptViewData } from "./excerpt-view";

/**
 * Excerpts as a list of checkboxes (one name, many values), each labelled by its redacted
 * quote, story and codes. With JavaScript, "Select all shown" ticks them all.
 */
export function ExcerptChecklist({
  id,
  name,
  formId,
  legend,
  hint,
  excerpts,
  chosen,
  errors,
  errorId,
  selectAll,
}: {
  id: string;
  name: string;
  formId?: string;
  legend: string;
  hint?: string;
  excerpts: readonly ExcerptViewData[];
  chosen: ReadonlySet<string>;
  errors?: string[];
  errorId: string;
  selectAll?: boolean;
}) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="field excerpt-checklist" aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
      {selectAll && excerpts.length > 1 ? (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => list.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]").forEach((box) => (box.checked = true))}
          >
            {t("insights.send.selectAll")}
          </button>
        </p>
      ) : null}
      <ul ref={list} className="excerpt-options">
        {excerpts.map((e) => (
          <li key={e.id} className="excerpt-option">
            <input type="checkbox" id={`${id}-${e.id}`} name={name} value={e.id} defaultChecked={chosen.has(e.id)} form={formId} />
            <label htmlFor={`${id}-${e.id}`}>
              <span className="excerpt-quote" dir="auto">
                {e.quote}
              </span>
              <span className="excerpt-meta">
                <ExcerptMeta excerpt={e} />
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
