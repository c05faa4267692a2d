import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { isoDate, LIMITS, tieInput } from "~/domain/people";
import { TIE_KINDS } from "~/domain/ties";

type TieFormValues = {
  otherPersonId: string;
  kind: string;
  strength: string;
  since: string;
  note: string;
  introducedById: string;
  workshopId: string;
  mode: string;
};
type Option = { value: string; label: string };

/** Record a tie between the profile's person and someone else (or update an existing one). */
export function TieForm({
  lastResult,
  people,
  introducers,
  workshops,
  exists,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  people: Option[];
  introducers: Option[];
  workshops: Option[];
  exists: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<TieFormValues>({
    id: "record-tie",
    lastResult,
    defaultValue: { kind: "works_with", strength: "2", since: isoDate(new Date()), otherPersonId: people.length === 1 ? people[0]!.value : "" },
    // The form holds strings and lists; the schema turns them into the stored shape.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tieInput }) as never,
  });
  const choose = { value: "", label: t("relationships.ties.choose") };
  return (
    <Form method="post" {...getFormProps(form)} className="card stack tie-form" aria-labelledby="record-tie-title">
      <h2 id="record-tie-title">{t("relationships.ties.recordTitle")}</h2>
      <p className="hint">{t("relationships.ties.recordLead")}</p>
      <CsrfField />
      <input type="hidden" name="intent" value="record-tie" />
      <FormError errors={form.errors} />
      <SelectField meta={fields.otherPersonId} label={t("relationships.ties.other")} options={[...(people.length === 1 ? [] : [choose]), ...people]} />
      <SelectField
        meta={fields.kind}
        label={t("relationships.ties.kind")}
        options={TIE_KINDS.map((k) => ({ value: k, label: t(`relationships.ties.kinds.${k}`) }))}
      />
      <SelectField meta={fields.introducedById} label={t("relationships.ties.introducedBy")} options={[choose, ...introducers]} />
      <SelectField meta={fields.workshopId} label={t("relationships.ties.workshop")} options={[choose, ...workshops]} />
      <SelectField
        meta={fields.strength}
        label={t("relationships.ties.strength")}
        options={["1", "2", "3"].map((s) => ({ value: s, label: t(`relationships.ties.strengths.${s}`) }))}
      />
      <TextField meta={fields.since} type={"date" as "text"} label={t("relationships.ties.since")} />
      <TextAreaField meta={fields.note} label={t("relationships.ties.note")} maxLength={LIMITS.note} rows={2} />
      <div className="button-row">
        <button type="submit" name="mode" value="create" className="button primary">
          {t("relationships.ties.record")}
        </button>
        {exists ? (
          <button type="submit" name="mode" value="update" className="button">
            {t("relationships.ties.updateInstead")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
