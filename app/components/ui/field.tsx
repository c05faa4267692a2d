import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

type Meta = FieldMetadata<string | number | undefined>;

/** A field's errors (translation keys), tied to it by id. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

/** The control's errors and hint, as its aria-describedby. */
function describedBy(errorsId: string | undefined, meta: { id: string }, hint?: string): string | undefined {
  return [errorsId, hint ? `${meta.id}-hint` : undefined].filter(Boolean).join(" ") || undefined;
}

/** Label, optional hint, the control, and its errors: the frame every text field shares. */
function LabelledField({
  meta,
  label,
  hint,
  children,
}: {
  meta: { id: string; errorId: string; errors?: string[] };
  label: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A labelled input with its errors beside it; keeps what was typed after a failed submit. */
export function TextField({
  meta,
  label,
  type = "text",
  hint,
  ...rest
}: {
  meta: Meta;
  label: string;
  type?: "text" | "email" | "password" | "number" | "url";
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  const props = getInputProps(meta, { type, ariaAttributes: true });
  return (
    <LabelledField meta={meta} label={label} hint={hint}>
      <input {...props} {...rest} key={props.key} aria-describedby={describedBy(props["aria-describedby"], meta, hint)} />
    </LabelledField>
  );
}

export function SelectField({ meta, label, options }: { meta: Meta; label: string; options: Array<{ value: string; label: string; lang?: string }> }) {
  const props = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A labelled textarea with its errors beside it; keeps what was typed after a failed submit. */
export function TextAreaField({
  meta,
  label,
  hint,
  maxLength,
  rows = 3,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  maxLength?: number;
  rows?: number;
}) {
  const props = getTextareaProps(meta, { ariaAttributes: true });
  return (
    <LabelledField meta={meta} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} maxLength={maxLength} aria-describedby={describedBy(props["aria-describedby"], meta, hint)} dir="auto" />
    </LabelledField>
  );
}

/** A group of checkboxes sharing one name, in a fieldset with its legend and errors. */
export function CheckboxGroup({
  meta,
  legend,
  options,
}: {
  meta: FieldMetadata<string[] | undefined>;
  legend: string;
  options: Array<{ value: string; label: string; lang?: string }>;
}) {
  const initial = meta.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : []);
  const invalid = Boolean(meta.errors?.length);
  return (
    <fieldset className="field checkbox-group" aria-describedby={invalid ? meta.errorId : undefined} aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={`${meta.key ?? ""}-${o.value}`} className="checkbox">
            <input type="checkbox" name={meta.name} value={o.value} defaultChecked={chosen.has(o.value)} form={meta.formId} />
            <span lang={o.lang}>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** A form-level message (e.g. wrong password), announced to screen readers. */
export function FormError({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div role="alert" className="form-error">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}
