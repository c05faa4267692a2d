import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { codeCreateInput } from "~/domain/coding";
import { LIMITS } from "~/domain/limits";
import { Bar } from "./views";

type Code = { id: string; name: string; description: string; excerpts: number; stories: number };
type Page = { locality: { id: string }; codes: Code[]; may: { code: boolean; manageCodes: boolean } };
type Reply = SubmissionResult<string[]>;
export type CodebookResult =
  | { intent: "create"; ok: boolean; reply: Reply; name?: string }
  | { intent: "update"; ok: boolean; reply: Reply; codeId: string | null; name?: string }
  | { intent: "merge"; ok: boolean; reply: Reply; codeId: string | null; into?: string; moved?: number }
  | { intent: "delete"; ok: boolean; inUse: boolean; codeId: string }
  | undefined;

const errorsOf = (reply: Reply | undefined) => (reply?.error as Record<string, string[] | null> | undefined) ?? {};
const typedValue = (reply: Reply | undefined, name: string) => {
  const v = (reply?.initialValue as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
};

export function Codebook({ page, result }: { page: Page; result: CodebookResult }) {
  const { t } = useTranslation();
  const status =
    result?.ok && result.intent === "create"
      ? t("analysis.codebook.created", { name: result.name })
      : result?.ok && result.intent === "update"
        ? t("analysis.codebook.updated", { name: result.name })
        : result?.ok && result.intent === "merge"
          ? t("analysis.codebook.merged", { into: result.into, count: result.moved })
          : result?.ok && result.intent === "delete"
            ? t("analysis.codebook.deleted")
            : null;
  const most = Math.max(1, ...page.codes.map((c) => c.excerpts));
  return (
    <div className="codebook">
      <div role="status">{status ? <p className="card success">{status}</p> : null}</div>
      <h2 id="codebook-heading">{t("analysis.codebook.heading", { count: page.codes.length })}</h2>
      {page.codes.length === 0 ? <p className="muted">{t("analysis.codebook.empty")}</p> : null}
      <ul className="code-list" aria-labelledby="codebook-heading">
        {page.codes.map((code) => (
          <CodeCard key={code.id} code={code} page={page} most={most} result={result && "codeId" in result && result.codeId === code.id ? result : undefined} />
        ))}
      </ul>
      {page.may.code ? <NewCodeForm lastResult={result?.intent === "create" ? result.reply : undefined} /> : null}
    </div>
  );
}

function CodeCard({ code, page, result, most }: { code: Code; page: Page; result: CodebookResult; most: number }) {
  const { t } = useTranslation();
  const inUse = result?.intent === "delete" && result.inUse;
  const updateFailed = result?.intent === "update" && !result.ok ? result.reply : undefined;
  const mergeFailed = result?.intent === "merge" && !result.ok ? result.reply : undefined;
  const others = page.codes.filter((c) => c.id !== code.id);
  const headingId = `code-${code.id}`;
  return (
    <li className="card code-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/l/${page.locality.id}/analysis/codes/${code.id}`}>{code.name}</Link>
      </h3>
      {code.description ? <p>{code.description}</p> : null}
      <p className="hint">
        {t("analysis.codebook.usage", {
          excerpts: t("analysis.n.excerpts", { count: code.excerpts }),
          stories: t("analysis.n.stories", { count: code.stories }),
        })}
      </p>
      <Bar share={code.excerpts / most} />

      {inUse ? (
        <div className="card notice" role="alert">
          <p>
            <strong>{t("analysis.codebook.inUse", { name: code.name, count: code.excerpts })}</strong>
          </p>
          <p>{t("analysis.codebook.inUseHint")}</p>
        </div>
      ) : null}

      <div className="code-actions">
        {page.may.code ? (
          <details className="code-edit" open={updateFailed ? true : undefined}>
            <summary className="button-link">{t("analysis.codebook.edit")}</summary>
            <Form method="post" className="stack">
              <CsrfField />
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="codeId" value={code.id} />
              <div className="field">
                <label htmlFor={`${code.id}-name`}>{t("analysis.codebook.name")}</label>
                <input
                  id={`${code.id}-name`}
                  name="name"
                  required
                  maxLength={LIMITS.codeName}
                  defaultValue={typedValue(updateFailed, "name") ?? code.name}
                  dir="auto"
                  aria-invalid={errorsOf(updateFailed).name?.length ? true : undefined}
                  aria-describedby={errorsOf(updateFailed).name?.length ? `${code.id}-name-error` : undefined}
                />
                <FieldErrors id={`${code.id}-name-error`} errors={errorsOf(updateFailed).name ?? undefined} />
              </div>
              <div className="field">
                <label htmlFor={`${code.id}-description`}>{t("analysis.codebook.description")}</label>
                <textarea
                  id={`${code.id}-description`}
                  name="description"
                  rows={2}
                  maxLength={LIMITS.codeDescription}
                  defaultValue={typedValue(updateFailed, "description") ?? code.description}
                  dir="auto"
                />
                <FieldErrors id={`${code.id}-description-error`} errors={errorsOf(updateFailed).description ?? undefined} />
              </div>
              <p>
                <button type="submit" className="button">
                  {t("analysis.codebook.save")}
                </button>
              </p>
            </Form>
          </details>
        ) : null}
        {page.may.manageCodes && others.length > 0 ? (
          <details className="code-merge" open={inUse || mergeFailed ? true : undefined}>
            <summary className="button-link">{t("analysis.codebook.merge")}</summary>
            <Form method="post" className="stack">
              <CsrfField />
              <input type="hidden" name="intent" value="merge" />
              <input type="hidden" name="codeId" value={code.id} />
              <div className="field">
                <label htmlFor={`${code.id}-into`}>{t("analysis.codebook.mergeInto", { name: code.name })}</label>
                <select
                  id={`${code.id}-into`}
                  name="intoId"
                  defaultValue={typedValue(mergeFailed, "intoId") ?? ""}
                  aria-invalid={errorsOf(mergeFailed).intoId?.length ? true : undefined}
                  aria-describedby={errorsOf(mergeFailed).intoId?.length ? `${code.id}-into-error` : `${code.id}-into-hint`}
                >
                  <option value="">{t("analysis.codebook.chooseCode")}</option>
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <p id={`${code.id}-into-hint`} className="hint">
                  {t("analysis.codebook.mergeHint")}
                </p>
                <FieldErrors id={`${code.id}-into-error`} errors={errorsOf(mergeFailed).intoId ?? undefined} />
              </div>
              <p>
                <button type="submit" className="button">
                  {t("analysis.codebook.mergeButton")}
                </button>
              </p>
            </Form>
          </details>
        ) : null}
        {page.may.manageCodes ? (
          inUse ? (
            <Link to={`/l/${page.locality.id}/analysis`} className="button">
              {t("analysis.codebook.keep")}
            </Link>
          ) : (
            <Form method="post" className="inline-form">
              <CsrfField />
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="codeId" value={code.id} />
              <button type="submit" className="button-link danger-link" aria-describedby={headingId}>
                {t("analysis.codebook.delete")}
              </button>
            </Form>
          )
        ) : null}
      </div>
    </li>
  );
}

function NewCodeForm({ lastResult }: { lastResult?: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm({
    id: "new-code",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: codeCreateInput }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card stack new-code">
      <h2>{t("analysis.codebook.newHeading")}</h2>
      <CsrfField />
      <input type="hidden" name="intent" value="create" />
      <TextField meta={fields.name} label={t("analysis.codebook.name")} maxLength={LIMITS.codeName} dir="auto" />
      <TextAreaField
        meta={fields.description}
        label={t("analysis.codebook.description")}
        hint={t("analysis.codebook.descriptionHint")}
        maxLength={LIMITS.codeDescription}
        rows={2}
      />
      <p>
        <button type="submit" className="button primary">
          {t("analysis.codebook.create")}
        </button>
      </p>
    </Form>
  );
}
