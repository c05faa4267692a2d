import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { badRequest } from "~/http/http-errors.server";
import { addPhoto, countPhotos, removePhoto } from "~/data/stories.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { loadPhotosPage, managedStoryAction } from "./story-page.server";
import { encodePhoto } from "~/use-cases/encode-photo.server";
import { publishLive, storyTopic } from "~/http/live-events.server";
import { idInput, photoInput, PHOTO_TYPES } from "~/domain/stories";
import { LIMITS } from "~/domain/limits";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors, FormError, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { StoryTabs } from "~/components/stories/story-parts";
import { StoryPhotos } from "~/components/stories/story-photos";
import { textFields } from "~/components/stories/story-file-field";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.photos.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  return loadPhotosPage(access, params.storyId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, form, story, db } = await managedStoryAction(request, params, context);
  switch (form.get("intent")) {
    case "add": {
      const photo = form.get("photo");
      const submission = parseWithZod(textFields(form), { schema: photoInput });
      const file = photo instanceof File && (photo.size > 0 || photo.name) ? photo : null;
      const fail = (errors: Record<string, string[]>) =>
        data({ intent: "add" as const, reply: submission.reply({ fieldErrors: errors }), done: false }, { status: 400 });
      if (submission.status !== "success" || !file) {
        return fail({
          photo: [file ? "stories.photos.errors.chooseAgain" : "stories.photos.errors.missing"],
          ...(submission.status === "success" ? {} : { alt: ["validation.required"] }),
        });
      }
      const alt = submission.value.alt;
      // Once per form load: a double submit adds the photo once, and every copy says it was added.
      const refused = await oncePerFormLoad<string[] | null>(db, formLoadOf(request, form, access.user.id), async () => {
        if ((await countPhotos(db, story.id)) >= LIMITS.photosPerStory) return { kept: false, value: ["stories.photos.errors.tooMany"] };
        const encoded = await encodePhoto(file);
        if (!encoded.ok) return { kept: false, value: [encoded.error, "stories.photos.errors.chooseAgain"] };
        await addPhoto(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, photo: encoded.photo, alt });
        publishLive(storyTopic(story.id), "changed");
        return { kept: true, value: null };
      });
      if (refused) return fail({ photo: refused });
      return data({ intent: "add" as const, reply: submission.reply({ resetForm: true }), done: true });
    }
    case "remove": {
      const submission = parseWithZod(form, { schema: idInput });
      if (submission.status !== "success") throw badRequest();
      await removePhoto(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, photoId: submission.value.id });
      publishLive(storyTopic(story.id), "changed");
      return data({ intent: "remove" as const, reply: null, done: true });
    }
    default:
      throw badRequest();
  }
}

/** A story's photos: add one (re-encoded without its metadata, such as where it was taken), or remove one. */
export default function StoryPhotosPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof photoInput> & { photo: string }>({
    id: "photo-add",
    lastResult: result?.intent === "add" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: photoInput }) as never,
  });
  const base = `/l/${page.locality.id}/stories/${page.story.id}`;
  const full = page.photos.length >= LIMITS.photosPerStory;
  return (
    <section className="page story-photos-page" aria-labelledby="story-photos-page-heading">
      <p className="breadcrumb">
        <Link to={base}>{t("stories.backToStory")}</Link>
      </p>
      <h1 id="story-photos-page-heading">{t("stories.photos.title")}</h1>
      <p className="lead" dir="auto">
        {page.story.title}
      </p>
      <StoryTabs localityId={page.locality.id} storyId={page.story.id} />
      <div role="status">
        {result?.done ? <p className="card success">{result.intent === "add" ? t("stories.photos.added") : t("stories.photos.removed")}</p> : null}
      </div>
      {page.photos.length ? (
        <StoryPhotos localityId={page.locality.id} storyId={page.story.id} photos={page.photos}>
          {(p) => (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={p.id} />
              <button type="submit" className="button small danger" aria-label={t("stories.photos.removeOne", { alt: p.alt })}>
                {t("stories.photos.remove")}
              </button>
            </Form>
          )}
        </StoryPhotos>
      ) : (
        <p className="muted">{t("stories.photos.none")}</p>
      )}
      {full ? (
        <p className="card notice">{t("stories.photos.errors.tooMany")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card stack story-form">
          <h2>{t("stories.photos.addTitle")}</h2>
          <p className="hint">{t("stories.photos.addLead")}</p>
          <CsrfField />
          <input type="hidden" name="intent" value="add" />
          <FormError errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.photo.id}>{t("stories.photos.file")}</label>
            <input
              id={fields.photo.id}
              name={fields.photo.name}
              type="file"
              accept={PHOTO_TYPES.join(",")}
              aria-invalid={fields.photo.errors?.length ? true : undefined}
              aria-describedby={fields.photo.errors?.length ? fields.photo.errorId : undefined}
            />
            <FieldErrors id={fields.photo.errorId} errors={fields.photo.errors} />
          </div>
          <TextField
            meta={fields.alt}
            label={t("stories.photos.alt")}
            hint={t("stories.photos.altHint")}
            maxLength={LIMITS.photoAlt}
            autoComplete="off"
            dir="auto"
          />
          <p>
            <button type="submit" className="button primary">
              {t("stories.photos.add")}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}
