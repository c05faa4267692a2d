import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useFormAction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors, FormError, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { PROTOTYPE_LIMITS, aboutInput, partnerFields, personInput, publicSummaryInput } from "~/domain/prototype-records";
import { PARTICIPANT_ROLES, PARTNER_ROLES, PLEDGE_KINDS } from "~/domain/prototypes";

type LastResult = SubmissionResult<string[]> | undefined;

/**
 * This page's action with the form's section as the fragment: without JavaScript, a reply with
 * errors comes back scrolled to the form (not to the top of a long page).
 */
function useSectionAction(section: string): string {
  return `${useFormAction()}#${section}`;
}

function Intent({ value }: { value: string }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={value} />
    </>
  );
}

/** A select with its label and errors, every option given (the first may be an empty "choose"). */
function Choice({ meta, label, options }: { meta: Parameters<typeof getSelectProps>[0]; label: string; options: Array<{ value: string; label: string }> }) {
  const props = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The title, what it is and who it is for. */
export function AboutForm({ lastResult, defaults }: { lastResult: LastResult; defaults: { title: string; summary: string; forWhom: string } }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof aboutInput>>({
    id: "prototype-about",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: aboutInput }),
  });
  const action = useSectionAction("about");
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="stack">
      <Intent value="about" />
      <TextField meta={fields.title} label={t("prototypes.about.title")} maxLength={PROTOTYPE_LIMITS.title} dir="auto" />
      <TextAreaField meta={fields.summary} label={t("prototypes.about.summaryField")} maxLength={PROTOTYPE_LIMITS.summary} rows={4} />
      <TextAreaField meta={fields.forWhom} label={t("prototypes.about.forWhomField")} maxLength={PROTOTYPE_LIMITS.forWhom} rows={2} />
      <div>
        <button type="submit" className="button primary">
          {t("prototypes.about.save")}
        </button>
      </div>
    </Form>
  );
}

/** Someone of the core group, as would use or deliver it. */
export function PersonForm({ lastResult, people }: { lastResult: LastResult; people: { id: string; name: string; organisation: string }[] }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof personInput>>({
    id: "prototype-person",
    lastResult,
    defaultValue: { role: "use" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personInput }),
  });
  const action = useSectionAction("people");
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="stack prototype-add">
      <Intent value="add-person" />
      <FormError errors={form.errors} />
      <div className="prototype-add-fields">
        <Choice
          meta={fields.personId}
          label={t("prototypes.people.person")}
          options={[
            { value: "", label: t("prototypes.people.choose") },
            ...people.map((p) => ({ value: p.id, label: p.organisation ? `${p.name} (${p.organisation})` : p.name })),
          ]}
        />
        <Choice
          meta={fields.role}
          label={t("prototypes.people.role")}
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`prototypes.people.roles.${r}`) }))}
        />
      </div>
      <div>
        <button type="submit" className="button primary">
          {t("prototypes.people.submit")}
        </button>
      </div>
    </Form>
  );
}

/** A partner organisation, its part, and its pledge (kind, words, amount in pounds or hours). */
export function PartnerForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof partnerFields>>({
    id: "prototype-partner",
    lastResult,
    defaultValue: { role: "deliver", pledgeKind: "time" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: partnerFields }),
  });
  const amount = getInputProps(fields.amount, { type: "text", ariaAttributes: true });
  const action = useSectionAction("partners");
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="stack prototype-add">
      <Intent value="add-partner" />
      <FormError errors={form.errors} />
      <TextField meta={fields.name} label={t("prototypes.partners.name")} maxLength={PROTOTYPE_LIMITS.partnerName} dir="auto" autoComplete="organization" />
      <div className="prototype-add-fields">
        <Choice
          meta={fields.role}
          label={t("prototypes.partners.role")}
          options={PARTNER_ROLES.map((r) => ({ value: r, label: t(`prototypes.partners.roles.${r}`) }))}
        />
        <Choice
          meta={fields.pledgeKind}
          label={t("prototypes.partners.pledgeKind")}
          options={PLEDGE_KINDS.map((k) => ({ value: k, label: t(`prototypes.partners.kinds.${k}`) }))}
        />
      </div>
      <TextField
        meta={fields.pledge}
        label={t("prototypes.partners.pledge")}
        hint={t("prototypes.partners.pledgeHint")}
        maxLength={PROTOTYPE_LIMITS.pledge}
        dir="auto"
      />
      <div className="field">
        <label htmlFor={fields.amount.id}>{t("prototypes.partners.amount")}</label>
        <p id={`${fields.amount.id}-hint`} className="hint">
          {t("prototypes.partners.amountHint")}
        </p>
        <input
          {...amount}
          key={amount.key}
          inputMode="decimal"
          maxLength={40}
          className="prototype-amount"
          aria-describedby={[amount["aria-describedby"], `${fields.amount.id}-hint`].filter(Boolean).join(" ")}
        />
        <FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
      </div>
      <div>
        <button type="submit" className="button primary">
          {t("prototypes.partners.submit")}
        </button>
      </div>
    </Form>
  );
}

/** What was learned, for the public (facilitators). */
export function PublicSummaryForm({ lastResult, defaultValue }: { lastResult: LastResult; defaultValue: string }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof publicSummaryInput>>({
    id: "prototype-public-summary",
    lastResult,
    defaultValue: { publicSummary: defaultValue },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publicSummaryInput }),
  });
  const action = useSectionAction("public-summary");
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="stack">
      <Intent value="public-summary" />
      <TextAreaField meta={fields.publicSummary} label={t("prototypes.publicSummary.label")} maxLength={PROTOTYPE_LIMITS.publicSummary} rows={4} />
      <div>
        <button type="submit" className="button primary">
          {t("prototypes.publicSummary.save")}
        </button>
      </div>
    </Form>
  );
}

/** A small form with one button: remove a person or a partner (its accessible name says which). */
export function RemoveButton({ intent, entryId, label, text }: { intent: "remove-person" | "remove-partner"; entryId: string; label: string; text: string }) {
  return (
    <Form method="post" className="inline-form">
      <Intent value={intent} />
      <input type="hidden" name="entryId" value={entryId} />
      <button type="submit" className="button-link" aria-label={label}>
        {text}
      </button>
    </Form>
  );
}

/** A form with one button that starts something once (the plan, the board). */
export function StartButton({ intent, text }: { intent: "open-plan" | "open-board"; text: string }) {
  return (
    <Form method="post" className="inline-form">
      <Intent value={intent} />
      <button type="submit" className="button">
        {text}
      </button>
    </Form>
  );
}
