import { useTranslation } from "react-i18next";
import type { ThreadKind } from "~/domain/golden-thread";
import { AddItemForm, EditItemForm, ItemButtons, type ThreadReply } from "./thread-forms";

/** An item as the loader sends it (dates as strings). */
export type ItemData = {
  id: string;
  kind: ThreadKind;
  parentId: string | null;
  title: string;
  body: string;
  underReview: boolean;
  reviewNote: string;
  isExample: boolean;
  archivedAt: Date | string | null;
  revision: number;
  changedInVersion: number;
};
type Outcome = ItemData & { measures: ItemData[] };
type Priority = ItemData & { outcomes: Outcome[] };
export type ThreadData = {
  version: number;
  purpose: ItemData | null;
  vision: ItemData | null;
  priorities: Priority[];
  principles: ItemData[];
  bigMoves: ItemData[];
};

/** "Under review", "Example", "Archived": what a reader should know about an item. */
export function ItemBadges({ item }: { item: Pick<ItemData, "underReview" | "reviewNote" | "isExample" | "archivedAt"> }) {
  const { t } = useTranslation();
  const label = t("thread.badges.underReview");
  // A note that already says it ("Under review over the summer") stands alone, not after the label.
  const review = !item.reviewNote ? label : item.reviewNote.toLowerCase().startsWith(label.toLowerCase()) ? item.reviewNote : `${label}: ${item.reviewNote}`;
  return (
    <>
      {item.underReview ? <span className="badge thread-review">{review}</span> : null}
      {item.isExample ? <span className="badge thread-example">{t("thread.badges.example")}</span> : null}
      {item.archivedAt ? <span className="badge thread-archived">{t("thread.badges.archived")}</span> : null}
    </>
  );
}

type Common = { uses: Record<string, number>; mayEdit: boolean; reply: ThreadReply };

function Item({
  item,
  level,
  first,
  last,
  uses,
  mayEdit,
  reply,
  children,
}: Common & { item: ItemData; level: 3 | 4 | 5; first: boolean; last: boolean; children?: React.ReactNode }) {
  const Heading = `h${level}` as "h3";
  return (
    <li id={`item-${item.id}`} className={item.archivedAt ? "thread-item archived" : "thread-item"}>
      <Heading className="thread-item-title">
        <bdi>{item.title}</bdi>
      </Heading>
      <p className="thread-badges">
        <ItemBadges item={item} />
      </p>
      {item.body ? <p className="thread-body">{item.body}</p> : null}
      {mayEdit ? (
        <>
          <EditItemForm item={item} reply={reply} />
          <ItemButtons item={item} first={first} last={last} uses={uses[item.id] ?? 0} reply={reply} />
        </>
      ) : null}
      {children}
    </li>
  );
}

function ItemList({ items, level, ...common }: Common & { items: ItemData[]; level: 3 | 4 | 5 }) {
  return (
    <ul className="thread-list">
      {items.map((i, n) => (
        <Item key={i.id} item={i} level={level} first={n === 0} last={n === items.length - 1} {...common} />
      ))}
    </ul>
  );
}

function Single({ kind, item, ...common }: Common & { kind: "purpose" | "vision"; item: ItemData | null }) {
  const { t } = useTranslation();
  return (
    <section className="card thread-section" aria-labelledby={`thread-${kind}`}>
      <h2 id={`thread-${kind}`}>{t(`thread.kinds.${kind}`)}</h2>
      <p className="hint">{t(`thread.about.${kind}`)}</p>
      {item ? (
        <div id={`item-${item.id}`} className="thread-single">
          <p className="thread-statement">
            <bdi>{item.title}</bdi>
          </p>
          {item.body ? <p className="thread-body">{item.body}</p> : null}
          <p className="thread-badges">
            <ItemBadges item={item} />
          </p>
          {common.mayEdit ? (
            <>
              <EditItemForm item={item} reply={common.reply} />
              <ItemButtons item={item} first last uses={common.uses[item.id] ?? 0} reply={common.reply} />
            </>
          ) : null}
        </div>
      ) : (
        <p className="muted">{t("thread.empty")}</p>
      )}
      {!item && common.mayEdit ? <AddItemForm kind={kind} label={t(`thread.add.${kind}`)} reply={common.reply} /> : null}
    </section>
  );
}

/** The whole thread, in reading order; with editing controls for organisation facilitators. */
export function ThreadView({ thread, ...common }: Common & { thread: ThreadData }) {
  const { t } = useTranslation();
  const { mayEdit, reply } = common;
  return (
    <div className="thread">
      <Single kind="purpose" item={thread.purpose} {...common} />
      <Single kind="vision" item={thread.vision} {...common} />
      <section className="card thread-section" aria-labelledby="thread-priorities">
        <h2 id="thread-priorities">{t("thread.kinds.priorities")}</h2>
        <p className="hint">{t("thread.about.priorities")}</p>
        {thread.priorities.length === 0 ? <p className="muted">{t("thread.empty")}</p> : null}
        <ol className="thread-list thread-priorities">
          {thread.priorities.map((p, n) => (
            <Item key={p.id} item={p} level={3} first={n === 0} last={n === thread.priorities.length - 1} {...common}>
              <div className="thread-outcomes">
                <p className="thread-sub">{t("thread.kinds.outcomes")}</p>
                {p.outcomes.length === 0 ? <p className="muted">{t("thread.noOutcomes")}</p> : null}
                <ul className="thread-list">
                  {p.outcomes.map((o, m) => (
                    <Item key={o.id} item={o} level={4} first={m === 0} last={m === p.outcomes.length - 1} {...common}>
                      {o.measures.length ? (
                        <div className="thread-measures">
                          <p className="thread-sub">{t("thread.kinds.measures")}</p>
                          <ItemList items={o.measures} level={5} {...common} />
                        </div>
                      ) : null}
                      {mayEdit && !o.archivedAt ? (
                        <AddItemForm kind="outcome_measure" parentId={o.id} label={t("thread.add.outcome_measure")} reply={reply} />
                      ) : null}
                    </Item>
                  ))}
                </ul>
                {mayEdit && !p.archivedAt ? <AddItemForm kind="outcome" parentId={p.id} label={t("thread.add.outcome")} reply={reply} /> : null}
              </div>
            </Item>
          ))}
        </ol>
        {mayEdit ? <AddItemForm kind="priority" label={t("thread.add.priority")} reply={reply} /> : null}
      </section>
      <section className="card thread-section" aria-labelledby="thread-principles">
        <h2 id="thread-principles">{t("thread.kinds.principles")}</h2>
        <p className="hint">{t("thread.about.principles")}</p>
        {thread.principles.length === 0 ? <p className="muted">{t("thread.empty")}</p> : <ItemList items={thread.principles} level={3} {...common} />}
        {mayEdit ? <AddItemForm kind="principle" label={t("thread.add.principle")} reply={reply} /> : null}
      </section>
      <section className="card thread-section" aria-labelledby="thread-big-moves">
        <h2 id="thread-big-moves">{t("thread.kinds.bigMoves")}</h2>
        <p className="hint">{t("thread.about.bigMoves")}</p>
        {thread.bigMoves.length === 0 ? <p className="muted">{t("thread.empty")}</p> : <ItemList items={thread.bigMoves} level={3} {...common} />}
        {mayEdit ? <AddItemForm kind="big_move" label={t("thread.add.big_move")} reply={reply} /> : null}
      </section>
    </div>
  );
}
