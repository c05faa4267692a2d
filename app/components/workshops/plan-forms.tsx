import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError } from "~/components/ui/field";
import { PLAN_LIMITS, PLAN_TOOLS, type PlanTool } from "~/domain/session-plans";

type Reply = SubmissionResult<string[]> | null | undefined;

/** A field's errors under its control, with an id for aria-describedby. */
function Errors({ id, errors }: { id: string; errors: string[] | null | undefined }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

/** What was typed into a field the server refused (so nothing is lost), else the stored value. */
function typed(reply: Reply, path: (string | number)[], fallback: string): string {
  let value: unknown = reply?.status === "error" ? reply.initialValue : undefined;
  for (const key of path) value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined;
  return typeof value === "string" ? value : reply?.status === "error" && reply.initialValue ? "" : fallback;
}

const describedBy = (...ids: Array<string | false | 0 | null | undefined>) => ids.filter(Boolean).join(" ") || undefined;

export type PlanChoice = {
  ref: string;
  builtin: boolean;
  stage: number;
  title: string;
  description: string;
  minutes: number;
  steps: number;
  hasChallenge: boolean;
};

/** Choose a built-in plan or one the organisation saved (grouped by stage), and the question a challenge step opens. */
export function ChoosePlanForm({
  plans,
  questions,
  selected,
  currentStage,
  reply,
}: {
  plans: PlanChoice[];
  questions: Array<{ id: string; text: string }>;
  selected: string | null;
  currentStage: number;
  reply: Reply;
}) {
  const { t } = useTranslation();
  const groups: Array<{ label: string; plans: PlanChoice[] }> = [];
  for (const stage of [1, 2, 3, 4]) {
    const builtin = plans.filter((p) => p.builtin && p.stage === stage);
    const saved = plans.filter((p) => !p.builtin && p.stage === stage);
    const stageName = t(`plans.stage.${stage}`);
    if (builtin.length) groups.push({ label: t("plans.choose.builtin", { stage: stageName }), plans: builtin });
    if (saved.length) groups.push({ label: t("plans.choose.saved", { stage: stageName }), plans: saved });
  }
  const fallback = selected ?? plans.find((p) => p.stage === currentStage)?.ref ?? plans[0]?.ref ?? "";
  const planErrors = reply?.status === "error" ? reply.error?.plan : undefined;
  const questionErrors = reply?.status === "error" ? reply.error?.questionId : undefined;
  return (
    <Form method="post" className="stack" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="apply" />
      <FormError errors={(reply?.status === "error" ? reply.error?.[""] : undefined) ?? undefined} />
      <div className="field">
        <label htmlFor="plan-choice">{t("plans.choose.label")}</label>
        <p id="plan-choice-hint" className="hint">
          {t("plans.choose.hint")}
        </p>
        <select
          id="plan-choice"
          name="plan"
          defaultValue={typed(reply, ["plan"], fallback)}
          aria-invalid={planErrors?.length ? true : undefined}
          aria-describedby={describedBy("plan-choice-hint", planErrors?.length && "plan-choice-error")}
        >
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.plans.map((p) => (
                <option key={p.ref} value={p.ref}>
                  {t("plans.choose.option", { title: p.title, minutes: p.minutes, steps: p.steps })}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <Errors id="plan-choice-error" errors={planErrors} />
      </div>
      {questions.length ? (
        <div className="field">
          <label htmlFor="plan-question">{t("plans.choose.question")}</label>
          <p id="plan-question-hint" className="hint">
            {t("plans.choose.questionHint")}
          </p>
          <select
            id="plan-question"
            name="questionId"
            defaultValue={typed(reply, ["questionId"], "")}
            aria-invalid={questionErrors?.length ? true : undefined}
            aria-describedby={describedBy("plan-question-hint", questionErrors?.length && "plan-question-error")}
          >
            <option value="">{t("plans.choose.questionNewest")}</option>
            {questions.map((q) => (
              <option key={q.id} value={q.id} dir="auto">
                {q.text}
              </option>
            ))}
          </select>
          <Errors id="plan-question-error" errors={questionErrors} />
        </div>
      ) : null}
      <div>
        <button type="submit" className="button primary">
          {t("plans.choose.apply")}
        </button>
      </div>
    </Form>
  );
}

export type AgendaRow = { from: number; title: string; minutes: number; prompt: string; tool: PlanTool; columns: string; sameBoard: boolean };

/** The agenda's steps as editable rows, and one blank row that adds a step. Works without JavaScript. */
export function AgendaEditor({ rows, reply }: { rows: AgendaRow[]; reply: Reply }) {
  const { t } = useTranslation();
  const errors: Record<string, string[] | null | undefined> = reply?.status === "error" ? (reply.error ?? {}) : {};
  // After a refused save, the rows as they were sent (nothing typed is lost); else the stored ones and a blank one.
  const sent = reply?.status === "error" ? (reply.initialValue?.steps as unknown[] | undefined) : undefined;
  const count = sent ? sent.length : rows.length + (rows.length < PLAN_LIMITS.steps ? 1 : 0);
  const indices = Array.from({ length: Math.min(count, PLAN_LIMITS.steps + 1) }, (_, i) => i);
  const editorErrors = errors.steps ?? errors[""];
  return (
    <Form method="post" className="stack plan-editor" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="agenda" />
      <FormError errors={editorErrors ?? undefined} />
      {indices.map((i) => {
        const row = rows[i];
        const stored = sent ? undefined : row;
        const value = (field: string, fallback: string) => typed(reply, ["steps", i, field], fallback);
        const checked = (field: string, fallback: boolean) => (sent ? typed(reply, ["steps", i, field], "") === "on" : fallback);
        const from = sent ? typed(reply, ["steps", i, "from"], "") : stored ? String(stored.from) : "";
        const id = (field: string) => `step-${i}-${field}`;
        const err = (field: string) => errors[`steps[${i}].${field}`];
        const fieldProps = (field: string, hint?: string) => {
          const e = err(field);
          return {
            id: id(field),
            name: `steps[${i}].${field}`,
            "aria-invalid": e?.length ? true : undefined,
            "aria-describedby": describedBy(hint, e?.length && `${id(field)}-error`),
          };
        };
        const isNew = !stored && !from;
        return (
          <fieldset key={i} className="card plan-editor-step">
            <legend>{isNew ? t("plans.edit.newStep") : t("plans.edit.step", { number: i + 1 })}</legend>
            {from ? <input type="hidden" name={`steps[${i}].from`} value={from} /> : null}
            <div className="plan-editor-row">
              <div className="field">
                <label htmlFor={id("title")}>{t("plans.edit.stepTitle")}</label>
                <input type="text" {...fieldProps("title")} defaultValue={value("title", stored?.title ?? "")} maxLength={PLAN_LIMITS.stepTitle} dir="auto" />
                <Errors id={`${id("title")}-error`} errors={err("title")} />
              </div>
              <div className="field plan-editor-minutes">
                <label htmlFor={id("minutes")}>{t("plans.edit.minutes")}</label>
                <input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={PLAN_LIMITS.minutes}
                  {...fieldProps("minutes")}
                  defaultValue={value("minutes", stored ? String(stored.minutes) : "")}
                />
                <Errors id={`${id("minutes")}-error`} errors={err("minutes")} />
              </div>
              <div className="field">
                <label htmlFor={id("tool")}>{t("plans.edit.tool")}</label>
                <select {...fieldProps("tool")} defaultValue={value("tool", stored?.tool ?? "none")}>
                  {PLAN_TOOLS.map((tool) => (
                    <option key={tool} value={tool}>
                      {t(`plans.tools.${tool}`)}
                    </option>
                  ))}
                </select>
                <Errors id={`${id("tool")}-error`} errors={err("tool")} />
              </div>
            </div>
            <div className="field">
              <label htmlFor={id("prompt")}>{t("plans.edit.prompt")}</label>
              <p id={`${id("prompt")}-hint`} className="hint">
                {t("plans.edit.promptHint")}
              </p>
              <textarea
                {...fieldProps("prompt", `${id("prompt")}-hint`)}
                rows={2}
                maxLength={PLAN_LIMITS.prompt}
                defaultValue={value("prompt", stored?.prompt ?? "")}
                dir="auto"
              />
              <Errors id={`${id("prompt")}-error`} errors={err("prompt")} />
            </div>
            <div className="field">
              <label htmlFor={id("columns")}>{t("plans.edit.columns")}</label>
              <p id={`${id("columns")}-hint`} className="hint">
                {t("plans.edit.columnsHint")}
              </p>
              <textarea {...fieldProps("columns", `${id("columns")}-hint`)} rows={2} defaultValue={value("columns", stored?.columns ?? "")} dir="auto" />
              <Errors id={`${id("columns")}-error`} errors={err("columns")} />
            </div>
            <div className="checkbox-options plan-editor-checks">
              <label className="checkbox">
                <input type="checkbox" name={`steps[${i}].sameBoard`} defaultChecked={checked("sameBoard", stored?.sameBoard ?? false)} />
                <span>{t("plans.edit.sameBoard")}</span>
              </label>
              {isNew ? null : (
                <label className="checkbox">
                  <input type="checkbox" name={`steps[${i}].remove`} defaultChecked={checked("remove", false)} />
                  <span>{t("plans.edit.remove")}</span>
                </label>
              )}
            </div>
          </fieldset>
        );
      })}
      <div>
        <button type="submit" className="button primary">
          {t("plans.edit.save")}
        </button>
      </div>
    </Form>
  );
}

/** Save the session's agenda as a plan of the organisation. */
export function SavePlanForm({ reply, stage, defaultTitle }: { reply: Reply; stage: number; defaultTitle: string }) {
  const { t } = useTranslation();
  const errors: Record<string, string[] | null | undefined> = reply?.status === "error" ? (reply.error ?? {}) : {};
  const field = (name: string) => ({
    id: `save-plan-${name}`,
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": errors[name]?.length ? `save-plan-${name}-error` : undefined,
  });
  return (
    <Form method="post" className="stack" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="save-plan" />
      <FormError errors={errors[""] ?? undefined} />
      <div className="field">
        <label htmlFor="save-plan-title">{t("plans.save.name")}</label>
        <input type="text" {...field("title")} defaultValue={typed(reply, ["title"], defaultTitle)} maxLength={PLAN_LIMITS.planTitle} dir="auto" />
        <Errors id="save-plan-title-error" errors={errors.title} />
      </div>
      <div className="field">
        <label htmlFor="save-plan-description">{t("plans.save.description")}</label>
        <textarea {...field("description")} rows={2} defaultValue={typed(reply, ["description"], "")} maxLength={PLAN_LIMITS.description} dir="auto" />
        <Errors id="save-plan-description-error" errors={errors.description} />
      </div>
      <div className="field">
        <label htmlFor="save-plan-stage">{t("plans.save.stage")}</label>
        <select {...field("stage")} defaultValue={typed(reply, ["stage"], String(stage))}>
          {[1, 2, 3, 4].map((s) => (
            <option key={s} value={s}>
              {t(`plans.stage.${s}`)}
            </option>
          ))}
        </select>
        <Errors id="save-plan-stage-error" errors={errors.stage} />
      </div>
      <div>
        <button type="submit" className="button">
          {t("plans.save.submit")}
        </button>
      </div>
    </Form>
  );
}
