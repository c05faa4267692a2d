import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { updateStory } from "~/data/stories.server";
import { loadEditPage, managedStoryAction } from "./story-page.server";
import { publishLive, storyTopic } from "~/http/live-events.server";
import { editInput } from "~/domain/stories";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { StoryTabs } from "~/components/stories/story-parts";
import { StoryMetaFields } from "~/components/stories/story-meta-fields";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.edit.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  return loadEditPage(access, params.storyId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, form, story, db } = await managedStoryAction(request, params, context);
  const submission = parseWithZod(form, { schema: editInput });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const { realName, contact, personId, ...meta } = submission.value;
  await updateStory(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, meta, identity: { realName, contact, personId } });
  publishLive(storyTopic(story.id), "changed");
  return redirect(`/l/${access.locality.id}/stories/${story.id}`, { status: 303 });
}

/** Change a story's details and the storyteller's identity. */
export default function EditStory() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof editInput>>({
    id: "story-edit",
    lastResult: result?.reply,
    defaultValue: { ...page.story, ...page.identity },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editInput }) as never,
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="page story-edit" aria-labelledby="story-edit-heading">
      <p className="breadcrumb">
        <Link to={`/l/${page.locality.id}/stories/${page.story.id}`}>{t("stories.backToStory")}</Link>
      </p>
      <h1 id="story-edit-heading">{t("stories.edit.title")}</h1>
      <StoryTabs localityId={page.locality.id} storyId={page.story.id} />
      <Form method="post" {...getFormProps(form)} className="card stack story-form">
        <CsrfField />
        <FormError errors={form.errors} />
        <StoryMetaFields fields={fields} people={page.people} />
        <p>
          <button type="submit" className="button primary">
            {t("stories.edit.save")}
          </button>
        </p>
      </Form>
    </section>
  );
}
