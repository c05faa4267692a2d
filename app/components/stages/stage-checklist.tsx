import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ChecklistKey } from "~/domain/stage-checklist";
import { CsrfField } from "~/components/ui/csrf-field";

export type ChecklistItemView = { key: ChecklistKey; done: boolean; count: number; total: number | null; path: string };

/** One item's words: "Stories with consent: 3 of 4" (the label links to where to act). */
function ItemLabel({ localityId, item }: { localityId: string; item: Omit<ChecklistItemView, "done"> }) {
  const { t } = useTranslation();
  return (
    <Link to={`/l/${localityId}/${item.path}`} className="checklist-label">
      {t(`stageGuide.items.${item.key}.label`, { count: item.count, total: item.total ?? 0 })}
    </Link>
  );
}

/** A stage's checklist: each item done or not yet, its count, and for what is open the next step. */
export function StageChecklist({ localityId, items }: { localityId: string; items: readonly ChecklistItemView[] }) {
  const { t } = useTranslation();
  return (
    <ul className="stage-checklist">
      {items.map((item) => (
        <li key={item.key} className={item.done ? "checklist-item is-done" : "checklist-item is-open"}>
          <span className="checklist-state">{item.done ? t("stageGuide.done") : t("stageGuide.notYet")}</span>
          <div className="checklist-body">
            <ItemLabel localityId={localityId} item={item} />
            {item.done ? null : (
              <p className="checklist-next">
                <strong>{t("stageGuide.next")}</strong> {t(`stageGuide.items.${item.key}.next`)}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

export type StageMoveWarningView = {
  from: number;
  to: number;
  stages: Array<{ stage: number; key: string; open: Array<Omit<ChecklistItemView, "done">> }>;
};

/**
 * What the set-stage form answers before moving on with items open: the items, each linked to
 * where to act, and the same form again with "move on anyway" (confirm=1). Works without JavaScript.
 */
export function StageMoveWarning({
  localityId,
  warning,
  fromKey,
  toKey,
}: {
  localityId: string;
  warning: StageMoveWarningView;
  fromKey: string;
  toKey: string;
}) {
  const { t } = useTranslation();
  const open = warning.stages.reduce((n, s) => n + s.open.length, 0);
  return (
    <section className="card stage-warning" aria-labelledby="stage-warning-title" role="alert">
      <h2 id="stage-warning-title">{t("stageGuide.warning.title", { open })}</h2>
      <p>{t("stageGuide.warning.lead", { number: warning.to, stage: t(`stages.${toKey}.name`) })}</p>
      {warning.stages.map((s) => (
        <section key={s.stage} aria-labelledby={`stage-warning-${s.stage}`}>
          <h3 id={`stage-warning-${s.stage}`}>{t("stageGuide.stageHeading", { number: s.stage, stage: t(`stages.${s.key}.name`) })}</h3>
          <ul className="stage-warning-items">
            {s.open.map((item) => (
              <li key={item.key}>
                <ItemLabel localityId={localityId} item={item} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div className="stage-warning-actions">
        <Form method="post" action={`/l/${localityId}?index`}>
          <CsrfField />
          <input type="hidden" name="intent" value="set-stage" />
          <input type="hidden" name="stage" value={warning.to} />
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" className="button primary">
            {t("stageGuide.warning.confirm")}
          </button>
        </Form>
        <Link to={`/l/${localityId}/stages/${fromKey}`} className="button">
          {t("stageGuide.warning.stay", { number: warning.from })}
        </Link>
      </div>
    </section>
  );
}

/** The facilitator's form on the current stage's page: move the group on to the next stage. */
export function MoveOnForm({ localityId, next, openCount }: { localityId: string; next: { number: number; key: string }; openCount: number }) {
  const { t } = useTranslation();
  return (
    <section className="card stage-move" aria-labelledby="stage-move-title">
      <h2 id="stage-move-title">{t("stageGuide.moveOn.title")}</h2>
      <p>{openCount > 0 ? t("stageGuide.moveOn.hintOpen", { open: openCount }) : t("stageGuide.moveOn.hintDone")}</p>
      <Form method="post" action={`/l/${localityId}?index`}>
        <CsrfField />
        <input type="hidden" name="intent" value="set-stage" />
        <input type="hidden" name="stage" value={next.number} />
        <button type="submit" className="button primary">
          {t("stageGuide.moveOn.button", { number: next.number, stage: t(`stages.${next.key}.name`) })}
        </button>
      </Form>
    </section>
  );
}
