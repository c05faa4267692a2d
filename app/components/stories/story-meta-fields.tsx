// The story form's metadata fields, shared by capture and edit. Apart from story-parts.tsx, which
// the reading pages use: these need conform's field helpers, which pages without a form do not fetch.
import { useTranslation } from "react-i18next";
import type { FieldMetadata } from "@conform-to/react";
import { SelectField, TextField } from "~/components/ui/field";
import { LIMITS } from "~/domain/limits";
import { STORY_LANGUAGES, STORY_METHODS } from "~/domain/story-fields";

type Meta = FieldMetadata<string | undefined>;

/** The metadata fields shared by capture and edit. */
export function StoryMetaFields({
  fields,
  people,
}: {
  fields: Record<"title" | "storytellerPseudonym" | "interviewer" | "occurredOn" | "place" | "language" | "method" | "realName" | "contact" | "personId", Meta>;
  people: Array<{ id: string; displayName: string }>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="stack">
        <legend>{t("stories.sections.about")}</legend>
        <TextField meta={fields.title} label={t("stories.fields.title")} maxLength={LIMITS.storyTitle} autoComplete="off" dir="auto" />
        <TextField
          meta={fields.storytellerPseudonym}
          label={t("stories.fields.pseudonym")}
          hint={t("stories.fields.pseudonymHint")}
          maxLength={LIMITS.storyField}
          autoComplete="off"
          dir="auto"
        />
        <SelectField
          meta={fields.method}
          label={t("stories.fields.method")}
          options={STORY_METHODS.map((m) => ({ value: m, label: t(`stories.methods.${m}`) }))}
        />
        <SelectField
          meta={fields.language}
          label={t("stories.fields.language")}
          options={STORY_LANGUAGES.map((code) => ({ value: code, label: t(`languageNames.${code}`, { defaultValue: code }) }))}
        />
        <DateField meta={fields.occurredOn} label={t("stories.fields.occurredOn")} />
        <TextField
          meta={fields.place}
          label={t("stories.fields.place")}
          hint={t("stories.fields.placeHint")}
          maxLength={LIMITS.storyField}
          autoComplete="off"
          dir="auto"
        />
        <TextField meta={fields.interviewer} label={t("stories.fields.interviewer")} maxLength={LIMITS.storyField} autoComplete="off" dir="auto" />
      </fieldset>
      <fieldset className="stack identity-fields">
        <legend>{t("stories.sections.identity")}</legend>
        <p className="hint">{t("stories.identityHint")}</p>
        <TextField meta={fields.realName} label={t("stories.fields.realName")} maxLength={LIMITS.name} autoComplete="off" dir="auto" />
        <TextField meta={fields.contact} label={t("stories.fields.contact")} maxLength={LIMITS.storyField} autoComplete="off" dir="auto" />
        <SelectField
          meta={fields.personId}
          label={t("stories.fields.person")}
          options={[{ value: "", label: t("stories.fields.noPerson") }, ...people.map((p) => ({ value: p.id, label: p.displayName }))]}
        />
      </fieldset>
    </>
  );
}

/** A date input (the browser's date picker; yyyy-mm-dd without JavaScript too). */
export function DateField({ meta, label }: { meta: Meta; label: string }) {
  return <TextField meta={meta} label={label} type={"date" as "text"} />;
}
