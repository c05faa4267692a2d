import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadTextPage, managedStoryAction, replaceStoryText } from "./story-page.server";
import { chosenFile, readStoryFile } from "./story-import.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { StatusIndicator, type EditorStatus } from "~/components/document/status";
import { StoryTabs } from "~/components/stories/story-parts";
import { StoryFileField } from "~/components/stories/story-file-field";
import documentStyles from "~/styles/document.css";
import storyStyles from "~/styles/stories.css";

/** Tiptap and Yjs load only here, in the browser, as their own chunk. */
const CollabEditor = lazy(() => import("~/components/document/collab-editor.client"));

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: documentStyles },
  { rel: "stylesheet", href: storyStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.textPage.title");
export const handle = { strings: ["stories", "document"] };
export const clientLoader = withStrings(["stories", "document"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  return loadTextPage(access, params.storyId);
}

const replaceInput = z.object({ confirm: z.literal("yes", { errorMap: () => ({ message: "stories.textPage.confirmReplace" }) }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, form, story } = await managedStoryAction(request, params, context);
  const file = chosenFile(form.get("file"));
  const submission = parseWithZod(form, { schema: replaceInput });
  const fail = (errors: Record<string, string[]>) => data({ reply: submission.reply({ fieldErrors: errors }), replaced: false }, { status: 400 });
  const errors: Record<string, string[]> = {};
  if (submission.status !== "success") errors.confirm = ["stories.textPage.confirmReplace"];
  if (!file) errors.file = ["stories.import.missing"];
  else if (errors.confirm) errors.file = ["stories.import.chooseAgain"];
  if (!file || errors.confirm) return fail(errors);
  const read = await readStoryFile(file);
  if (!read.ok) return fail({ file: [read.error, "stories.import.chooseAgain"] });
  await replaceStoryText(access, story, read);
  return data({ reply: submission.reply({ resetForm: true }), replaced: true });
}

/** The story's text in the live editor (facilitators only; never kept offline in the browser), and replacing it from a file. */
export default function StoryTextPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [status, setStatus] = useState<EditorStatus>("loading");
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const onStatus = useCallback((s: EditorStatus) => setStatus(s), []);
  const statusSlot = <StatusIndicator status={mounted ? status : "loading"} />;
  const [form, fields] = useValidatedForm<{ file: string; confirm: string }>({ id: "story-replace", lastResult: result?.reply });
  const base = `/l/${page.locality.id}/stories/${page.story.id}`;
  return (
    <section className="page story-text-page" aria-labelledby="story-text-page-heading">
      <p className="breadcrumb">
        <Link to={base}>{t("stories.backToStory")}</Link>
      </p>
      <h1 id="story-text-page-heading">{t("stories.textPage.title")}</h1>
      <p className="lead" dir="auto">
        {page.story.title}
      </p>
      <StoryTabs localityId={page.locality.id} storyId={page.story.id} />
      <div role="status">{result?.replaced ? <p className="card success">{t("stories.textPage.replaced")}</p> : null}</div>
      <p className="hint">{t("stories.textPage.lead")}</p>
      <div className="document-main story-editor" lang={page.story.language}>
        {page.docName && mounted ? (
          <Suspense fallback={<EditorFrame status={statusSlot} />}>
            <CollabEditor
              localityId={page.locality.id}
              docName={page.docName}
              me={page.me}
              canEdit
              title={page.story.title}
              onStatus={onStatus}
              statusSlot={statusSlot}
              offlineCache={false}
            />
          </Suspense>
        ) : (
          <EditorFrame status={statusSlot} />
        )}
      </div>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card stack story-form replace-form">
        <h2>{t("stories.textPage.replaceTitle")}</h2>
        <p className="hint">{t("stories.textPage.replaceLead")}</p>
        <CsrfField />
        <StoryFileField meta={fields.file} label={t("stories.fields.file")} hint={t("stories.fields.fileHint")} required />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              id={fields.confirm.id}
              name={fields.confirm.name}
              value="yes"
              aria-invalid={fields.confirm.errors?.length ? true : undefined}
              aria-describedby={fields.confirm.errors?.length ? fields.confirm.errorId : undefined}
            />
            <span>{t("stories.textPage.confirmLabel")}</span>
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
        <p>
          <button type="submit" className="button">
            {t("stories.textPage.replace")}
          </button>
        </p>
      </Form>
    </section>
  );
}

function EditorFrame({ status }: { status: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="document-toolbar-sticky">{status}</div>
      <div className="document-editor-frame">
        <p className="editor-loading">{t("document.loading")}</p>
        <noscript>
          <p className="notice">{t("document.needsJs")}</p>
        </noscript>
      </div>
    </>
  );
}
