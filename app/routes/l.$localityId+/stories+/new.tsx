import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { captureStory, loadCapturePage } from "./story-page.server";
import { chosenFile, readStoryFile } from "./story-import.server";
import { captureInput } from "~/domain/stories";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, TextAreaField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { StoryMetaFields } from "~/components/stories/story-meta-fields";
import { StoryFileField, textFields } from "~/components/stories/story-file-field";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.new.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  return loadCapturePage(access, await i18nServer.getLocale(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  const form = await readForm(request, context);
  const file = chosenFile(form.get("file"));
  const submission = parseWithZod(textFields(form), { schema: captureInput });
  if (submission.status !== "success") {
    // A browser cannot keep a chosen file after a failed submit: say so beside the field.
    return data({ reply: submission.reply(file ? { fieldErrors: { file: ["stories.import.chooseAgain"] } } : undefined) }, { status: 400 });
  }
  let fileBlocks = null;
  if (file) {
    if (submission.value.text.trim()) return data({ reply: submission.reply({ fieldErrors: { file: ["stories.import.both"] } }) }, { status: 400 });
    const read = await readStoryFile(file);
    if (!read.ok) return data({ reply: submission.reply({ fieldErrors: { file: [read.error, "stories.import.chooseAgain"] } }) }, { status: 400 });
    fileBlocks = read;
  }
  const story = await captureStory(access, formLoadOf(request, form, access.user.id), submission.value, fileBlocks);
  return redirect(`/l/${access.locality.id}/stories/${story.id}?created=1`, { status: 303 });
}

/** Capture a story: its details, the storyteller's real identity (kept apart), and its text typed, pasted or from a file. */
export default function NewStory() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm<z.input<typeof captureInput> & { file: string }>({
    id: "story-new",
    lastResult: result?.reply,
    defaultValue: { storytellerPseudonym: page.suggestedPseudonym, occurredOn: page.today, language: page.defaultLanguage, method: "interview" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: captureInput }) as never,
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="page story-new" aria-labelledby="story-new-heading">
      <p className="breadcrumb">
        <Link to={`/l/${page.locality.id}/stories`}>{t("stories.back")}</Link>
      </p>
      <h1 id="story-new-heading">{t("stories.new.title")}</h1>
      <p className="lead">{t("stories.new.lead")}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card stack story-form">
        <CsrfField />
        <FormError errors={form.errors} />
        <StoryMetaFields fields={fields} people={page.people} />
        <fieldset className="stack">
          <legend>{t("stories.sections.text")}</legend>
          <p className="hint">{t("stories.new.textHint")}</p>
          <TextAreaField meta={fields.text} label={t("stories.fields.text")} hint={t("stories.fields.textLimit")} rows={12} />
          <StoryFileField meta={fields.file} label={t("stories.fields.file")} hint={t("stories.fields.fileHint")} />
        </fieldset>
        <p>
          <button type="submit" className="button primary" aria-disabled={navigation.state === "submitting" || undefined}>
            {navigation.state === "submitting" ? t("stories.new.saving") : t("stories.new.save")}
          </button>
        </p>
      </Form>
    </section>
  );
}
