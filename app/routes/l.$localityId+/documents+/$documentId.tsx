import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from "react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useOutlet, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { badRequest } from "~/http/http-errors.server";
import { loadSharedDocument, saveNamedVersion } from "./document-page.server";
import { versionInput } from "~/domain/documents";
import { VersionPanel } from "~/components/document/version-panel";
import { StatusIndicator, type EditorStatus } from "~/components/document/status";
import { useRootData } from "~/root";
import { translator } from "~/i18n/translate";
import documentStyles from "~/styles/document.css";
import { withStrings } from "~/i18n/strings";

/** Tiptap and Yjs load only here, in the browser, as their own chunk. */
const CollabEditor = lazy(() => import("~/components/document/collab-editor.client"));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const app = translator(locale)("app.name");
  return [{ title: d ? `${d.document.title} · ${app}` : app }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "documents.view");
  return loadSharedDocument(access, params.documentId);
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["document"] };
export const clientLoader = withStrings(["document"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  if (form.get("intent") !== "save-version") throw badRequest();
  const access = await requireLocalityAccess(request, params.localityId, "documents.create");
  const submission = parseWithZod(form, { schema: versionInput });
  if (submission.status !== "success") return data({ reply: submission.reply(), saved: null }, { status: 400 });
  const version = await saveNamedVersion(access, params.documentId, submission.value.name, formLoadOf(request, form, access.user.id));
  return data({ reply: submission.reply({ resetForm: true }), saved: version.name });
}

export default function SharedDocumentPage() {
  const { t } = useTranslation();
  const { locality, document, prototype, docName, me, canEdit, mayVersion, versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const outlet = useOutlet();
  const locale = useRootData()?.locale ?? "en";
  const [status, setStatus] = useState<EditorStatus>("loading");
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const onStatus = useCallback((s: EditorStatus) => setStatus(s), []);
  const [search] = useSearchParams();
  const restored = versions.find((v) => v.id === search.get("restored"));
  const basePath = `/l/${locality.id}/documents/${document.id}`;
  const statusSlot = <StatusIndicator status={mounted ? status : "loading"} />;

  // A version page (child route) replaces the editor: the editor's code is not even loaded.
  if (outlet) return outlet;

  return (
    <section className="page document-page" aria-labelledby="document-title">
      <p className="breadcrumb">
        {prototype ? (
          <Link to={`/l/${locality.id}/prototypes/${prototype.id}`} dir="auto">
            {t("document.backToPrototype", { title: prototype.title })}
          </Link>
        ) : (
          <Link to={`/l/${locality.id}/documents`}>{t("document.back")}</Link>
        )}
      </p>
      <h1 id="document-title" dir="auto">
        {document.title}
      </h1>
      {restored ? (
        <p className="notice success" role="status">
          {t("document.versions.restored", { name: restored.name })}
        </p>
      ) : null}
      <div className="document-layout">
        <div className="document-main">
          {mounted ? (
            <Suspense fallback={<EditorShell status={statusSlot} />}>
              <CollabEditor
                localityId={locality.id}
                docName={docName}
                me={me}
                canEdit={canEdit}
                title={document.title}
                onStatus={onStatus}
                statusSlot={statusSlot}
              />
            </Suspense>
          ) : (
            <EditorShell status={statusSlot} />
          )}
        </div>
        <aside className="document-side" aria-label={t("document.versions.title")}>
          <VersionPanel
            basePath={basePath}
            versions={versions}
            mayVersion={mayVersion}
            locale={locale}
            status={mounted ? status : "loading"}
            lastResult={result?.reply}
            savedName={result?.saved}
          />
        </aside>
      </div>
    </section>
  );
}

/** What the server renders where the editor will be (and all there is without JavaScript). */
function EditorShell({ status }: { status: ReactNode }) {
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
