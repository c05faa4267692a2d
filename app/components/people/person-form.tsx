import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { CheckboxGroup, FormError, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { BRINGS_KINDS, LIMITS, PERSON_LANGUAGES, SECTORS, newPersonInput, personInput, type ContactDetails } from "~/domain/people";
import { CONTACT_AUDIENCES } from "~/domain/ties";

export type PersonFormValues = {
  displayName: string;
  sector: string;
  organisation: string;
  roleTitle: string;
  brings: string;
  bringsKinds: string[];
  caresAbout: string;
  languages: string[];
  mode: string;
} & ContactDetails;

export type DuplicateMatch = { id: string; displayName: string; reasons: string[] };

/** The profile form (add and edit): same zod schema in the browser and on the server. */
export function PersonForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
  duplicates,
  localityId,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<PersonFormValues>;
  submitLabel: string;
  duplicates?: DuplicateMatch[];
  localityId: string;
}) {
  const { t } = useTranslation();
  const isNew = duplicates !== undefined;
  const [form, fields] = useValidatedForm<PersonFormValues>({
    id,
    lastResult,
    defaultValue: {
      sector: "resident",
      languages: ["en"],
      emailVisibility: "facilitators",
      phoneVisibility: "facilitators",
      howToReachVisibility: "facilitators",
      ...defaultValue,
    },
    // The form holds strings and lists; the schema turns them into the stored shape.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: isNew ? newPersonInput : personInput }) as never,
  });
  const audienceOptions = CONTACT_AUDIENCES.map((a) => ({ value: a, label: t(`relationships.audiences.${a}`) }));
  return (
    <Form method="post" {...getFormProps(form)} className="card stack person-form">
      <CsrfField />
      <input type="hidden" name="intent" value="save" />
      {duplicates?.length ? (
        <div role="alert" className="notice duplicate-warning">
          <p>
            <strong>{t("relationships.duplicate.found")}</strong> {t("relationships.duplicate.lead")}
          </p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/l/${localityId}/people/${d.id}`} dir="auto">
                  {t("relationships.duplicate.open", { name: d.displayName })}
                </Link>{" "}
                <span className="muted">({d.reasons.map((r) => t(`relationships.duplicate.reasons.${r}`)).join(t("people.listSeparator"))})</span>
              </li>
            ))}
          </ul>
          <button type="submit" name="mode" value="anyway" className="button">
            {t("relationships.duplicate.addAnyway")}
          </button>
        </div>
      ) : (
        <FormError errors={form.errors} />
      )}
      <fieldset className="stack">
        <legend>{t("relationships.sections.about")}</legend>
        <TextField meta={fields.displayName} label={t("relationships.fields.displayName")} maxLength={LIMITS.name} autoComplete="off" dir="auto" />
        <SelectField meta={fields.sector} label={t("relationships.fields.sector")} options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
        <TextField meta={fields.organisation} label={t("relationships.fields.organisation")} maxLength={LIMITS.organisation} dir="auto" />
        <TextField meta={fields.roleTitle} label={t("relationships.fields.roleTitle")} maxLength={LIMITS.roleTitle} dir="auto" />
        <CheckboxGroup
          meta={fields.bringsKinds}
          legend={t("relationships.fields.bringsKinds")}
          options={BRINGS_KINDS.map((k) => ({ value: k, label: t(`relationships.bringsKinds.${k}`) }))}
        />
        <TextAreaField meta={fields.brings} label={t("relationships.fields.brings")} maxLength={LIMITS.brings} />
        <TextAreaField meta={fields.caresAbout} label={t("relationships.fields.caresAbout")} maxLength={LIMITS.caresAbout} />
        <CheckboxGroup
          meta={fields.languages}
          legend={t("relationships.fields.languages")}
          options={PERSON_LANGUAGES.map((code) => ({ value: code, label: t(`languageNames.${code}`, { defaultValue: code }) }))}
        />
      </fieldset>
      <fieldset className="stack">
        <legend>{t("relationships.sections.contact")}</legend>
        <p className="hint">{t("relationships.sections.contactHint")}</p>
        <div className="contact-row">
          <TextField meta={fields.email} type="email" label={t("relationships.fields.email")} maxLength={LIMITS.email} autoComplete="off" dir="ltr" />
          <SelectField meta={fields.emailVisibility} label={t("relationships.fields.emailAudience")} options={audienceOptions} />
        </div>
        <div className="contact-row">
          <TextField
            meta={fields.phone}
            label={t("relationships.fields.phone")}
            hint={t("relationships.fields.phoneHint")}
            maxLength={LIMITS.phone}
            inputMode="tel"
            autoComplete="off"
            dir="ltr"
          />
          <SelectField meta={fields.phoneVisibility} label={t("relationships.fields.phoneAudience")} options={audienceOptions} />
        </div>
        <div className="contact-row">
          <TextAreaField
            meta={fields.howToReach}
            label={t("relationships.fields.howToReach")}
            hint={t("relationships.fields.howToReachHint")}
            maxLength={LIMITS.howToReach}
            rows={2}
          />
          <SelectField meta={fields.howToReachVisibility} label={t("relationships.fields.howToReachAudience")} options={audienceOptions} />
        </div>
      </fieldset>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </Form>
  );
}
