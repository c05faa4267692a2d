import { useEffect, useRef, useState, type FormEvent } from "react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { versionInput } from "~/domain/documents";
import { LIMITS } from "~/domain/limits";
import { CsrfField } from "~/components/ui/csrf-field";
import { TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { dateFormatter } from "~/i18n/dates";
import type { EditorStatus } from "./status";

export type VersionRow = { id: string; name: string; createdAt: string; createdBy: string | null };

/** How long "Save version" waits for this device's changes to be stored before saving anyway. */
const WAIT_FOR_SAVED_MS = 10_000;

/**
 * Named versions: the list (newest first) with View and Restore, and the "Save version" form
 * (a plain form: works without JavaScript; with it, it first waits until this device's
 * changes are stored, because a version is what the server has stored).
 */
export function VersionPanel({
  basePath,
  versions,
  mayVersion,
  locale,
  status,
  lastResult,
  savedName,
}: {
  basePath: string;
  versions: VersionRow[];
  mayVersion: boolean;
  locale: string;
  status: EditorStatus;
  lastResult?: SubmissionResult<string[]>;
  savedName?: string | null;
}) {
  const { t } = useTranslation();
  const dateFormat = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const [form, fields] = useValidatedForm<z.input<typeof versionInput>>({
    id: "save-version",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: versionInput }),
    shouldValidate: "onSubmit",
  });
  const submit = useSubmit();
  const navigation = useNavigation();
  const [waiting, setWaiting] = useState<HTMLFormElement | null>(null);
  const waitedSince = useRef(0);

  useEffect(() => {
    if (!waiting) return;
    const go = () => {
      submit(waiting, { method: "post" });
      setWaiting(null);
    };
    if (status === "saved" || status === "offline") return go();
    const timer = setTimeout(go, Math.max(0, WAIT_FOR_SAVED_MS - (Date.now() - waitedSince.current)));
    return () => clearTimeout(timer);
  }, [waiting, status, submit]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    form.onSubmit(event);
    if (event.defaultPrevented) return; // invalid: conform shows the message
    if (status === "saving" || status === "connecting") {
      event.preventDefault();
      waitedSince.current = Date.now();
      setWaiting(event.currentTarget);
    }
  };
  const busy = waiting !== null || (navigation.state !== "idle" && navigation.formData?.get("intent") === "save-version");

  return (
    <section className="versions" aria-labelledby="versions-title">
      <h2 id="versions-title">{t("document.versions.title")}</h2>
      <p className="hint">{t("document.versions.intro")}</p>
      {savedName ? (
        <p className="notice success" role="status">
          {t("document.versions.saved", { name: savedName })}
        </p>
      ) : null}
      {mayVersion ? (
        <Form method="post" {...getFormProps(form)} onSubmit={onSubmit} className="version-save stack">
          <CsrfField />
          <input type="hidden" name="intent" value="save-version" />
          <TextField
            meta={fields.name}
            label={t("document.versions.name")}
            hint={t("document.versions.nameHint")}
            maxLength={LIMITS.versionName}
            autoComplete="off"
            dir="auto"
          />
          <button type="submit" className="button primary" aria-disabled={busy || undefined}>
            {t("document.versions.save")}
          </button>
          {waiting ? (
            <p className="hint" role="status">
              {t("document.versions.waiting")}
            </p>
          ) : null}
          {status === "offline" ? <p className="hint">{t("document.versions.offlineNote")}</p> : null}
        </Form>
      ) : null}
      {versions.length === 0 ? (
        <p>{t("document.versions.none")}</p>
      ) : (
        <ol className="version-list" aria-label={t("document.versions.listLabel")}>
          {versions.map((v) => (
            <li key={v.id} className="version">
              <p className="version-name" dir="auto">
                {v.name}
              </p>
              <p className="version-meta muted">
                <span dir="auto">{v.createdBy ? t("document.versions.by", { name: v.createdBy }) : t("document.versions.byUnknown")}</span>
                {" · "}
                <time dateTime={v.createdAt}>{dateFormat.format(new Date(v.createdAt))}</time>
              </p>
              <p className="version-actions">
                <Link to={`${basePath}/versions/${v.id}`} aria-label={t("document.versions.viewNamed", { name: v.name })}>
                  {t("document.versions.view")}
                </Link>
                {mayVersion ? (
                  <Link to={`${basePath}/versions/${v.id}#restore`} aria-label={t("document.versions.restoreNamed", { name: v.name })}>
                    {t("document.versions.restore")}
                  </Link>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
