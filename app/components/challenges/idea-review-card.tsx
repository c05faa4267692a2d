import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors, FormError } from "~/components/ui/field";
import { LIMITS } from "~/domain/limits";
import { spamSignalKey } from "~/domain/moderation";
import type { SpamSignal } from "~/domain/ideas";
import { dateFormatter } from "~/i18n/dates";

export type ReviewIdea = {
  id: string;
  text: string;
  language: string;
  source: string;
  photo: { src: string; width: number; height: number } | null;
  contributor: { name: string; contact: string } | null;
  receivedAt: string;
  signals: SpamSignal[];
  reports: number;
};

/** What the last failed submission on this page said, if it was about this idea. */
export type LastResult = { intent: string | null; ideaId: string | null; reply: SubmissionResult<string[]> } | undefined;

function resultFor(last: LastResult, ideaId: string, intent: string) {
  if (!last || last.ideaId !== ideaId || last.intent !== intent) return null;
  const errors = (last.reply.error ?? {}) as Record<string, string[] | null>;
  const values = (last.reply.initialValue ?? {}) as Record<string, unknown>;
  return {
    errors: (field: string) => errors[field] ?? undefined,
    value: (field: string) => (typeof values[field] === "string" ? (values[field] as string) : undefined),
  };
}

function IdeaFacts({ idea }: { idea: ReviewIdea }) {
  const { t, i18n } = useTranslation();
  const received = dateFormatter(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(idea.receivedAt));
  const languageKey = idea.language === "en" || idea.language === "ar" ? `challenges.languageNames.${idea.language}` : null;
  return (
    <p className="idea-facts muted">
      <span>{t("challenges.queue.received", { when: received })}</span>
      <span>{t("challenges.queue.language", { language: languageKey ? t(languageKey) : idea.language })}</span>
      {idea.reports ? <span>{t("challenges.queue.reports", { count: idea.reports })}</span> : null}
    </p>
  );
}

/** An idea as the queue shows it: text (in its language), photo, contributor (facilitators only), received time, spam signals. */
function IdeaBody({ idea, headingId }: { idea: ReviewIdea; headingId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <blockquote id={headingId} className="idea-text">
        <p lang={idea.language} dir="auto">
          {idea.text}
        </p>
      </blockquote>
      <IdeaFacts idea={idea} />
      {idea.photo ? (
        <p className="idea-photo">
          <a href={idea.photo.src} target="_blank" rel="noreferrer">
            <img src={idea.photo.src} width={idea.photo.width} height={idea.photo.height} alt={t("challenges.queue.photoAlt")} loading="lazy" />
          </a>
        </p>
      ) : null}
      {idea.contributor ? (
        <dl className="idea-contributor">
          {idea.contributor.name ? (
            <>
              <dt>{t("challenges.queue.contributorName")}</dt>
              <dd dir="auto">{idea.contributor.name}</dd>
            </>
          ) : null}
          {idea.contributor.contact ? (
            <>
              <dt>{t("challenges.queue.contributorContact")}</dt>
              <dd dir="auto">{idea.contributor.contact}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {idea.signals.length ? (
        <div className="spam-signals">
          <p className="spam-title">{t("challenges.queue.signals")}</p>
          <ul>
            {idea.signals.map((s) => (
              <li key={s}>{t(spamSignalKey(s))}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function IdeaField({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** A textarea with its label, hint and errors; keeps what was typed after a failed submit. */
function TextBox({
  id,
  name,
  label,
  hint,
  defaultValue,
  errors,
  maxLength,
  rows = 3,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  defaultValue: string;
  errors?: string[];
  maxLength: number;
  rows?: number;
}) {
  const errorId = `${id}-errors`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        rows={rows}
        maxLength={maxLength}
        required
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        dir="auto"
      />
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

function RejectForm({ idea, last, hint }: { idea: ReviewIdea; last: LastResult; hint: string }) {
  const { t } = useTranslation();
  const reject = resultFor(last, idea.id, "reject");
  return (
    <Form method="post" className="stack moderation-form" aria-label={t("challenges.queue.rejectForm")}>
      <CsrfField />
      <IdeaField name="ideaId" value={idea.id} />
      <FormError errors={reject?.errors("")} />
      <TextBox
        id={`reason-${idea.id}`}
        name="reason"
        label={t("challenges.queue.reason")}
        hint={hint}
        defaultValue={reject?.value("reason") ?? ""}
        errors={reject?.errors("reason")}
        maxLength={LIMITS.rejectionReason}
        rows={2}
      />
      <div>
        <button type="submit" name="intent" value="reject" className="button danger">
          {t("challenges.queue.reject")}
        </button>
      </div>
    </Form>
  );
}

/** A pending idea with the three decisions: approve (text editable for anonymity), merge into another, reject with a reason. */
export function PendingIdeaCard({
  idea,
  last,
  targets,
}: {
  idea: ReviewIdea;
  last: LastResult;
  targets: Array<{ id: string; text: string; moderation: string }>;
}) {
  const { t } = useTranslation();
  const headingId = `idea-${idea.id}`;
  const approve = resultFor(last, idea.id, "approve");
  const merge = resultFor(last, idea.id, "merge");
  const others = targets.filter((o) => o.id !== idea.id);
  const mergeId = `merge-${idea.id}`;
  return (
    <article className="card review-card" aria-labelledby={headingId}>
      <IdeaBody idea={idea} headingId={headingId} />
      <div className="decisions">
        <Form method="post" className="stack moderation-form" aria-label={t("challenges.queue.approveForm")}>
          <CsrfField />
          <IdeaField name="ideaId" value={idea.id} />
          <FormError errors={approve?.errors("")} />
          <TextBox
            id={`text-${idea.id}`}
            name="text"
            label={t("challenges.queue.textToPublish")}
            hint={t("challenges.queue.textToPublishHint")}
            defaultValue={approve?.value("text") ?? idea.text}
            errors={approve?.errors("text")}
            maxLength={LIMITS.ideaText}
          />
          <div>
            <button type="submit" name="intent" value="approve" className="button primary">
              {t("challenges.queue.approve")}
            </button>
          </div>
        </Form>
        {others.length ? (
          <Form method="post" className="stack moderation-form" aria-label={t("challenges.queue.mergeForm")}>
            <CsrfField />
            <IdeaField name="ideaId" value={idea.id} />
            <FormError errors={merge?.errors("")} />
            <div className="field">
              <label htmlFor={mergeId}>{t("challenges.queue.mergeInto")}</label>
              <p id={`${mergeId}-hint`} className="hint">
                {t("challenges.queue.mergeHint")}
              </p>
              <select
                id={mergeId}
                name="intoId"
                required
                defaultValue={merge?.value("intoId") ?? ""}
                aria-describedby={`${mergeId}-hint${merge?.errors("intoId") ? ` ${mergeId}-errors` : ""}`}
              >
                <option value="" disabled>
                  {t("challenges.queue.mergeChoose")}
                </option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {t(o.moderation === "published" ? "challenges.queue.targetPublished" : "challenges.queue.targetPending", {
                      text: o.text.length > 80 ? `${o.text.slice(0, 79)}…` : o.text,
                    })}
                  </option>
                ))}
              </select>
              <FieldErrors id={`${mergeId}-errors`} errors={merge?.errors("intoId")} />
            </div>
            <div>
              <button type="submit" name="intent" value="merge" className="button">
                {t("challenges.queue.merge")}
              </button>
            </div>
          </Form>
        ) : null}
        <RejectForm idea={idea} last={last} hint={t("challenges.queue.reasonHint")} />
      </div>
    </article>
  );
}

/** An idea hidden after reports: restore it to the board (reports cleared) or reject it. */
export function HiddenIdeaCard({ idea, last }: { idea: ReviewIdea; last: LastResult }) {
  const { t } = useTranslation();
  const headingId = `idea-${idea.id}`;
  const restore = resultFor(last, idea.id, "restore");
  return (
    <article className="card review-card" aria-labelledby={headingId}>
      <IdeaBody idea={idea} headingId={headingId} />
      <div className="decisions">
        <Form method="post" className="stack moderation-form" aria-label={t("challenges.queue.restoreForm")}>
          <CsrfField />
          <IdeaField name="ideaId" value={idea.id} />
          <FormError errors={restore?.errors("")} />
          <p className="hint">{t("challenges.queue.restoreHint")}</p>
          <div>
            <button type="submit" name="intent" value="restore" className="button primary">
              {t("challenges.queue.restore")}
            </button>
          </div>
        </Form>
        <RejectForm idea={idea} last={last} hint={t("challenges.queue.reasonHint")} />
      </div>
    </article>
  );
}

/** A published idea: its text can still be edited for anonymity (the board note follows). */
export function PublishedIdeaCard({ idea, last }: { idea: ReviewIdea; last: LastResult }) {
  const { t } = useTranslation();
  const headingId = `idea-${idea.id}`;
  const edit = resultFor(last, idea.id, "edit");
  return (
    <article className="card review-card" aria-labelledby={headingId}>
      <IdeaBody idea={idea} headingId={headingId} />
      <details className="edit-published" open={edit ? true : undefined}>
        <summary>{t("challenges.queue.editPublished")}</summary>
        <Form method="post" className="stack moderation-form" aria-label={t("challenges.queue.editForm")}>
          <CsrfField />
          <IdeaField name="ideaId" value={idea.id} />
          <FormError errors={edit?.errors("")} />
          <TextBox
            id={`edit-${idea.id}`}
            name="text"
            label={t("challenges.queue.textOnBoard")}
            hint={t("challenges.queue.textToPublishHint")}
            defaultValue={edit?.value("text") ?? idea.text}
            errors={edit?.errors("text")}
            maxLength={LIMITS.ideaText}
          />
          <div>
            <button type="submit" name="intent" value="edit" className="button">
              {t("challenges.queue.saveEdit")}
            </button>
          </div>
        </Form>
      </details>
    </article>
  );
}
