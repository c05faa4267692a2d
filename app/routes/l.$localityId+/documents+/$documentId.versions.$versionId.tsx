import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { badRequest } from "~/http/http-errors.server";
import { i18nServer } from "~/i18n/i18next.server";
import { loadVersion, restoreVersion } from "./document-page.server";
import { RichTextView } from "~/components/document/rich-text-view";
import { CsrfField } from "~/components/ui/csrf-field";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { translator } from "~/i18n/translate";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const app = translator(locale)("app.name");
  return [{ title: d ? `${d.version.name} · ${d.document.title} · ${app}` : app }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "documents.view");
  return loadVersion(access, params.documentId, params.versionId);
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["document"] };
export const clientLoader = withStrings(["document"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  if (form.get("intent") !== "restore-version") throw badRequest();
  const access = await requireLocalityAccess(request, params.localityId, "documents.create");
  const locale = await i18nServer.getLocale(request);
  const { documentId, versionId } = await restoreVersion(access, params.documentId, params.versionId, locale, formLoadOf(request, form, access.user.id));
  return redirect(`/l/${access.locality.id}/documents/${documentId}?restored=${versionId}`);
}

/** One saved version, read-only, with "Restore this version" (the confirmation step). */
export default function DocumentVersion() {
  const { t } = useTranslation();
  const { locality, document, version, blocks, mayRestore } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const navigation = useNavigation();
  const dateFormat = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const documentPath = `/l/${locality.id}/documents/${document.id}`;
  const restoring = navigation.state !== "idle" && navigation.formData?.get("intent") === "restore-version";
  return (
    <section className="page document-page version-page" aria-labelledby="version-title">
      <p className="breadcrumb">
        <Link to={documentPath}>{t("document.version.back")}</Link>
      </p>
      <h1 id="version-title">
        <span dir="auto">{t("document.version.title", { name: version.name })}</span>{" "}
        <span className="version-of" dir="auto">
          {t("document.version.of", { title: document.title })}
        </span>
      </h1>
      <p className="muted">
        <span dir="auto">{version.createdBy ? t("document.versions.by", { name: version.createdBy }) : t("document.versions.byUnknown")}</span>
        {" · "}
        <time dateTime={version.createdAt}>{dateFormat.format(new Date(version.createdAt))}</time>
      </p>
      <p className="read-only-note">{t("document.version.readOnly")}</p>
      <div className="document-editor-frame">
        <RichTextView blocks={blocks} label={t("document.version.contentLabel", { name: version.name })} empty={t("document.version.empty")} />
      </div>
      <section id="restore" className="card restore-panel" aria-labelledby="restore-title" tabIndex={-1}>
        <h2 id="restore-title">{t("document.version.restoreTitle")}</h2>
        {mayRestore ? (
          <Form method="post" className="stack">
            <CsrfField />
            <p>{t("document.version.restoreExplain", { name: t("document.version.beforeRestoring", { name: version.name }) })}</p>
            <button type="submit" name="intent" value="restore-version" className="button primary" aria-disabled={restoring || undefined}>
              {t("document.version.restoreButton")}
            </button>
          </Form>
        ) : (
          <p>{t("document.version.cannotRestore")}</p>
        )}
      </section>
    </section>
  );
}
