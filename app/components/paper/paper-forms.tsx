// The paper page's forms (facilitators; all work without JavaScript): a pasted batch of notes
// into a cluster, and blank cards (how many to print, the code's link, replacing the code).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { CONTENT_LIMITS } from "~/collab/limits";
import { PAPER_LIMITS, type BatchError } from "~/domain/paper-cards";

export type BatchFailure = {
  error: BatchError | { kind: "clusterGone" } | { kind: "unreachable" };
  values: { notes: string; cluster: string; clusterName: string };
};

export function BatchForm({
  action,
  clusters,
  notesOnBoard,
  failed,
}: {
  action: string;
  clusters: { id: string; name: string }[] | null;
  notesOnBoard: number | null;
  failed: BatchFailure | null;
}) {
  const { t } = useTranslation();
  const values = failed?.values ?? { notes: "", cluster: "", clusterName: "" };
  const error = failed?.error ?? null;
  const onName = error?.kind === "clusterName" || error?.kind === "clusterRequired";
  const onCluster = error?.kind === "clusterGone";
  const onNotes = error !== null && !onName && !onCluster && error.kind !== "unreachable" && error.kind !== "boardFull";
  const message = error ? t(`paper.page.errors.${error.kind}`, { ...error }) : null;
  return (
    <section className="paper-section paper-batch" aria-labelledby="paper-batch">
      <h2 id="paper-batch">{t("paper.page.batch.heading")}</h2>
      {error ? (
        <div className="form-error" role="alert">
          <p>
            <strong>{t("paper.page.errors.title")}</strong>
          </p>
          <p>{message}</p>
        </div>
      ) : null}
      {clusters === null ? <p className="card notice">{t("paper.page.batch.boardUnreadable")}</p> : null}
      <Form method="post" action={action} className="stack">
        <CsrfField />
        <input type="hidden" name="intent" value="batch" />
        <div className="field">
          <label htmlFor="batch-notes">{t("paper.page.batch.notes")}</label>
          <p className="hint" id="batch-notes-hint">
            {t("paper.page.batch.hint", { max: PAPER_LIMITS.batchNotes, length: CONTENT_LIMITS.noteText })}
            {notesOnBoard !== null ? ` ${t("paper.page.batch.onBoard", { count: notesOnBoard, max: PAPER_LIMITS.boardNotes })}` : ""}
          </p>
          <textarea
            id="batch-notes"
            name="notes"
            rows={10}
            dir="auto"
            required
            defaultValue={values.notes}
            aria-invalid={onNotes ? true : undefined}
            aria-describedby={onNotes ? "batch-notes-hint batch-error" : "batch-notes-hint"}
          />
          {onNotes ? (
            <p className="field-errors" id="batch-error">
              {message}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="batch-cluster">{t("paper.page.batch.cluster")}</label>
          <select
            id="batch-cluster"
            name="cluster"
            defaultValue={values.cluster}
            aria-invalid={onCluster ? true : undefined}
            aria-describedby={onCluster ? "batch-cluster-error" : undefined}
          >
            <option value="">{t("paper.page.batch.noCluster")}</option>
            {(clusters ?? []).map((c) => (
              <option key={c.id} value={c.id} dir="auto">
                {c.name}
              </option>
            ))}
            <option value="new">{t("paper.page.batch.newCluster")}</option>
          </select>
          {onCluster ? (
            <p className="field-errors" id="batch-cluster-error">
              {message}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="batch-cluster-name">{t("paper.page.batch.clusterName")}</label>
          <input
            id="batch-cluster-name"
            name="clusterName"
            type="text"
            dir="auto"
            maxLength={CONTENT_LIMITS.clusterName * 2}
            defaultValue={values.clusterName}
            aria-invalid={onName ? true : undefined}
            aria-describedby={onName ? "batch-name-error" : undefined}
          />
          {onName ? (
            <p className="field-errors" id="batch-name-error">
              {message}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" className="button primary">
            {t("paper.page.batch.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}

export function BlankCardsForm({ action, paperAction, cardLink, locked }: { action: string; paperAction: string; cardLink: string | null; locked: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="paper-section" aria-labelledby="paper-blank">
      <h2 id="paper-blank">{t("paper.page.blank.heading")}</h2>
      <p>{t("paper.page.blank.body")}</p>
      {locked ? <p className="card notice">{t("paper.page.blank.locked")}</p> : null}
      <Form method="get" action={action} className="stack">
        <div className="field">
          <label htmlFor="blank-count">{t("paper.page.blank.count")}</label>
          <p className="hint" id="blank-count-hint">
            {t("paper.page.blank.countHint", { max: PAPER_LIMITS.blankCardsMax })}
          </p>
          <input
            id="blank-count"
            name="count"
            type="number"
            inputMode="numeric"
            min={1}
            max={PAPER_LIMITS.blankCardsMax}
            defaultValue={PAPER_LIMITS.blankCardsDefault}
            aria-describedby="blank-count-hint"
          />
        </div>
        <p>
          <button type="submit" className="button">
            {t("paper.page.blank.submit")}
          </button>
        </p>
      </Form>
      {cardLink ? (
        <>
          <p className="paper-link">
            {t("paper.page.blank.link")}{" "}
            <a href={cardLink} dir="ltr">
              {cardLink}
            </a>
          </p>
          <Form method="post" action={paperAction} className="inline-form">
            <CsrfField />
            <button type="submit" name="intent" value="rotate" className="button" aria-describedby="rotate-hint">
              {t("paper.page.blank.rotate")}
            </button>
          </Form>
          <p className="hint" id="rotate-hint">
            {t("paper.page.blank.rotateHint")}
          </p>
        </>
      ) : (
        <p className="muted">{t("paper.page.blank.none")}</p>
      )}
    </section>
  );
}
