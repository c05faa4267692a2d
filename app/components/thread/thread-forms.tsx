import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { THREAD_LIMITS, type ThreadKind } from "~/domain/golden-thread";

export type ThreadReply = { intent: string; target: string; errors: string[]; values: Record<string, string> } | undefined;

/** The errors of a refused form, announced and tied to the form. */
function Errors({ id, errors }: { id: string; errors: string[] }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

/** Title, words, under review (with its note) and example: the fields of every item's form. */
function ItemFields({
  values,
  long,
}: {
  values: { title: string; body: string; underReview: boolean; reviewNote: string; isExample: boolean };
  long: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("thread.form.title")}</label>
        {long ? (
          <textarea id={`${id}-title`} name="title" defaultValue={values.title} required maxLength={THREAD_LIMITS.title} rows={3} />
        ) : (
          <input id={`${id}-title`} name="title" defaultValue={values.title} required maxLength={THREAD_LIMITS.title} />
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t("thread.form.body")}</label>
        <textarea id={`${id}-body`} name="body" defaultValue={values.body} maxLength={THREAD_LIMITS.body} rows={3} />
      </div>
      <div className="thread-checks">
        <label className="check">
          <input type="checkbox" name="underReview" defaultChecked={values.underReview} /> {t("thread.form.underReview")}
        </label>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("thread.form.reviewNote")}</label>
          <input
            id={`${id}-note`}
            name="reviewNote"
            defaultValue={values.reviewNote}
            maxLength={THREAD_LIMITS.reviewNote}
            placeholder={t("thread.form.reviewNoteExample")}
          />
        </div>
        <label className="check">
          <input type="checkbox" name="isExample" defaultChecked={values.isExample} /> {t("thread.form.isExample")}
        </label>
      </div>
    </>
  );
}

const fromReply = (v: Record<string, string>) => ({
  title: v.title ?? "",
  body: v.body ?? "",
  underReview: v.underReview === "on",
  reviewNote: v.reviewNote ?? "",
  isExample: v.isExample === "on",
});

/** Change an item. After a refusal (someone else changed it, a field too long) it opens with what was typed. */
export function EditItemForm({
  item,
  reply,
}: {
  item: { id: string; kind: ThreadKind; title: string; body: string; underReview: boolean; reviewNote: string; isExample: boolean; revision: number };
  reply: ThreadReply;
}) {
  const { t } = useTranslation();
  const mine = reply?.intent === "edit" && reply.target === item.id ? reply : undefined;
  const errorsId = `edit-${item.id}-errors`;
  return (
    <details className="thread-edit" open={Boolean(mine) || undefined}>
      <summary>
        {t("thread.actions.edit")}
        <span className="visually-hidden">: {item.title}</span>
      </summary>
      <Form method="post" className="stack" aria-describedby={mine ? errorsId : undefined}>
        <CsrfField />
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="revision" value={item.revision} />
        {mine ? <Errors id={errorsId} errors={mine.errors} /> : null}
        {mine?.errors.includes("thread.errors.stale") ? (
          <p className="notice">
            {t("thread.stale.current")} <q>{item.title}</q>
          </p>
        ) : null}
        <ItemFields values={mine ? fromReply(mine.values) : item} long={item.kind === "purpose" || item.kind === "vision"} />
        <button type="submit" className="button primary">
          {t("thread.actions.save")}
        </button>
      </Form>
    </details>
  );
}

/** Add an item of a kind (under a parent for outcomes and their measures). */
export function AddItemForm({ kind, parentId, label, reply }: { kind: ThreadKind; parentId?: string; label: string; reply: ThreadReply }) {
  const target = parentId ?? kind;
  const mine = reply?.intent === "add" && reply.target === target && (reply.values.kind ?? "") === kind ? reply : undefined;
  const { t } = useTranslation();
  const errorsId = `add-${target}-${kind}-errors`;
  return (
    <details className="thread-add" open={Boolean(mine) || undefined}>
      <summary>{label}</summary>
      <Form method="post" className="stack" aria-describedby={mine ? errorsId : undefined}>
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="kind" value={kind} />
        {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
        {mine ? <Errors id={errorsId} errors={mine.errors} /> : null}
        <ItemFields
          values={mine ? fromReply(mine.values) : { title: "", body: "", underReview: false, reviewNote: "", isExample: false }}
          long={kind === "purpose" || kind === "vision"}
        />
        <button type="submit" className="button primary">
          {t("thread.actions.add")}
        </button>
      </Form>
    </details>
  );
}

/** Move up/down, archive or restore, delete (only when nothing links to it). */
export function ItemButtons({
  item,
  first,
  last,
  uses,
  reply,
}: {
  item: { id: string; title: string; revision: number; archivedAt: Date | string | null; kind: ThreadKind };
  first: boolean;
  last: boolean;
  uses: number;
  reply: ThreadReply;
}) {
  const { t } = useTranslation();
  const mine = reply && reply.intent !== "edit" && reply.intent !== "add" && reply.target === item.id ? reply : undefined;
  const button = (intent: string, label: string, extra?: Record<string, string>, danger = false) => (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="revision" value={item.revision} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={danger ? "button small danger" : "button small"}>
        {label}
        <span className="visually-hidden">: {item.title}</span>
      </button>
    </Form>
  );
  const single = item.kind === "purpose" || item.kind === "vision";
  return (
    <div className="thread-buttons">
      {mine ? <Errors id={`buttons-${item.id}-errors`} errors={mine.errors} /> : null}
      {!single && !first ? button("move", t("thread.actions.up"), { direction: "up" }) : null}
      {!single && !last ? button("move", t("thread.actions.down"), { direction: "down" }) : null}
      {item.archivedAt
        ? button("restore", t("thread.actions.restore"))
        : uses > 0 || item.kind === "priority"
          ? button("archive", t("thread.actions.archive"))
          : null}
      {uses > 0 ? <span className="muted">{t("thread.inUse", { count: uses })}</span> : button("delete", t("thread.actions.delete"), undefined, true)}
    </div>
  );
}
