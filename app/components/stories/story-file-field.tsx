import type { FieldMetadata } from "@conform-to/react";
import { FieldErrors } from "~/components/ui/field";
import { IMPORT_EXTENSIONS } from "~/domain/stories";

/** A form's text fields only (a chosen file is read apart, and never echoed back to the page). */
export function textFields(form: FormData): FormData {
  const out = new FormData();
  for (const [key, value] of form) if (typeof value === "string") out.append(key, value);
  return out;
}

/** A file input for a story's text (.txt, .md, .docx), with its hint and errors beside it. */
export function StoryFileField({ meta, label, hint, required }: { meta: FieldMetadata<string | undefined>; label: string; hint: string; required?: boolean }) {
  const errors = meta.errors?.length ? meta.errorId : undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <p id={`${meta.id}-hint`} className="hint">
        {hint}
      </p>
      <input
        id={meta.id}
        name={meta.name}
        form={meta.formId}
        type="file"
        accept={IMPORT_EXTENSIONS.map((e) => `.${e}`).join(",")}
        required={required}
        aria-invalid={errors ? true : undefined}
        aria-describedby={[errors, `${meta.id}-hint`].filter(Boolean).join(" ")}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
