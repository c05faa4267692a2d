import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { dotsLeft, renameCluster, type Cluster } from "~/collab/board";
import { FOCUS_NOTE_EVENT, useBoard } from "./context";
import { newId } from "./ids";
import { ClusterSelect } from "./cluster-select";
import { HiddenRow, OutlineNote } from "./note-row";
import { mergeClustersEverywhere, placeInCluster, removeClusterEverywhere, splitClusterEverywhere } from "./note-ops";
import type { BoardNote as Note } from "./shown";
import { CONTENT_LIMITS } from "~/collab/limits";
import "~/components/ui/shared-chunk.client"; // a lazily loaded part joins the pages' shared chunk (see there)

/** Notes shown per section before "Show more" (a phone stays quick on a board of thousands). */
const PAGE = 100;

/** The outline: clusters → notes, every action a real control. Equal to the canvas. */
export function Outline() {
  const { t } = useTranslation();
  const { snapshot, editable, me, doc, hiddenCount } = useBoard();
  const { notes, clusters, settings } = snapshot;
  const groups: { cluster: Cluster | null; notes: Note[] }[] = [
    ...clusters.map((c) => ({ cluster: c, notes: notes.filter((n) => n.clusterId === c.id) })),
    { cluster: null, notes: notes.filter((n) => !n.clusterId || !clusters.some((c) => c.id === n.clusterId)) },
  ];
  const voting = settings.voting;
  const left = dotsLeft(doc, me.id);
  // "Builds on: …" brings the other note into view and focuses it (its section shows it first: see ClusterSection).
  useEffect(() => {
    const onFocus = (e: Event) => {
      const noteId = (e as CustomEvent<string>).detail;
      let tries = 0;
      const attempt = () => {
        const el = document.querySelector<HTMLElement>(`.board-outline [data-outline-note="${CSS.escape(noteId)}"]`);
        if (el) {
          el.scrollIntoView({ block: "center" });
          el.focus({ preventScroll: true });
        } else if (tries++ < 10) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    };
    window.addEventListener(FOCUS_NOTE_EVENT, onFocus);
    return () => window.removeEventListener(FOCUS_NOTE_EVENT, onFocus);
  }, []);
  return (
    <div className="board-outline">
      {voting.open ? (
        <p className="board-dots card" role="status">
          {editable ? t("board.dotsLeft", { left, total: voting.dotsPerPerson }) : t("board.votingOpenReadOnly")}
          {voting.hideResults ? ` ${t("board.resultsHidden")}` : ""}
        </p>
      ) : null}
      <SelectionBar />
      {editable ? <p className="hint board-rules-hint">{t("board.rules.hint")}</p> : null}
      {groups.map(({ cluster, notes }) => (
        <ClusterSection key={cluster?.id ?? "none"} cluster={cluster} notes={notes} />
      ))}
      {hiddenCount > 0 ? <HiddenSection count={hiddenCount} /> : null}
    </div>
  );
}

/**
 * Other people's notes waiting in their drafts (silent brainstorming): this browser knows only
 * how many, so the section holds that many blank rows (the first PAGE of them).
 */
function HiddenSection({ count }: { count: number }) {
  const { t } = useTranslation();
  const id = useId();
  const shown = Math.min(count, PAGE);
  return (
    <section className="board-cluster board-hidden card" aria-labelledby={`${id}-h`}>
      <div className="board-cluster-head">
        <h2 id={`${id}-h`}>
          {t("board.silent.hiddenGroup")} <span className="muted board-count">({t("board.noteCount", { count })})</span>
        </h2>
      </div>
      <ul className="board-notes board-hidden-notes" aria-labelledby={`${id}-h`}>
        {Array.from({ length: shown }, (_, i) => (
          <HiddenRow key={i} />
        ))}
      </ul>
      {count > shown ? <p className="muted">{t("board.silent.hiddenMore", { count: count - shown })}</p> : null}
    </section>
  );
}

/** Moves every selected note at once (what multi-select does on the canvas). */
function SelectionBar() {
  const { t } = useTranslation();
  const { selected, setSelected, snapshot, notesById, act, say, editable } = useBoard();
  const [target, setTarget] = useState("");
  const id = useId();
  if (!editable || selected.size === 0) return null;
  return (
    <div className="board-selection card" role="group" aria-labelledby={`${id}-l`}>
      <p id={`${id}-l`} className="summary">
        {t("board.selectedCount", { count: selected.size })}
      </p>
      <label htmlFor={`${id}-to`}>{t("board.moveSelectedTo")}</label>
      <ClusterSelect id={`${id}-to`} value={target} onChange={setTarget} clusters={snapshot.clusters} none={t("board.noCluster")} />
      <button
        type="button"
        className="button"
        onClick={() => {
          const ids = [...selected];
          act((board, draft) =>
            ids.forEach((n) => {
              const note = notesById.get(n);
              if (note) placeInCluster(board, draft, note, target || null);
            }),
          );
          const name = snapshot.clusters.find((c) => c.id === target)?.name;
          say(
            target ? { key: "notesMovedTo", values: { count: ids.length, cluster: name ?? "" } } : { key: "notesUnclustered", values: { count: ids.length } },
          );
          setSelected(new Set());
        }}
      >
        {t("board.move")}
      </button>
      <button type="button" className="button" onClick={() => setSelected(new Set())}>
        {t("board.clearSelection")}
      </button>
    </div>
  );
}

function ClusterSection({ cluster, notes }: { cluster: Cluster | null; notes: Note[] }) {
  const { t } = useTranslation();
  const { editable, act, say, snapshot, selected, setSelected } = useBoard();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(cluster?.name ?? "");
  const [mergeInto, setMergeInto] = useState("");
  const [limit, setLimit] = useState(PAGE);
  const id = useId();
  const headingId = `${id}-h`;
  const title = cluster ? cluster.name || t("board.untitledCluster") : t("board.notInCluster");
  const others = snapshot.clusters.filter((c) => c.id !== cluster?.id);
  const selectedHere = notes.filter((n) => selected.has(n.id));
  // A note asked for (builds-on) beyond "Show more" is shown first.
  useEffect(() => {
    const onFocus = (e: Event) => {
      const index = notes.findIndex((n) => n.id === (e as CustomEvent<string>).detail);
      if (index >= limit) setLimit(index + 1);
    };
    window.addEventListener(FOCUS_NOTE_EVENT, onFocus);
    return () => window.removeEventListener(FOCUS_NOTE_EVENT, onFocus);
  }, [notes, limit]);
  return (
    <section className="board-cluster card" aria-labelledby={headingId}>
      <div className="board-cluster-head">
        <h2 id={headingId} dir="auto">
          {title} <span className="muted board-count">({t("board.noteCount", { count: notes.length })})</span>
        </h2>
        {cluster && editable ? (
          <div className="board-cluster-tools">
            {renaming ? (
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const value = name.trim();
                  if (!value) return;
                  act((doc) => renameCluster(doc, cluster.id, value));
                  setRenaming(false);
                  say({ key: "clusterRenamed", values: { name: value } });
                }}
              >
                <label htmlFor={`${id}-rn`}>{t("board.clusterName")}</label>
                <input id={`${id}-rn`} value={name} dir="auto" maxLength={CONTENT_LIMITS.clusterName} autoFocus onChange={(e) => setName(e.target.value)} />
                <button type="submit" className="button">
                  {t("board.save")}
                </button>
                <button type="button" className="button" onClick={() => setRenaming(false)}>
                  {t("board.cancel")}
                </button>
              </form>
            ) : (
              <button
                type="button"
                className="button"
                aria-label={t("board.renameCluster", { name: title })}
                onClick={() => {
                  setName(cluster.name);
                  setRenaming(true);
                }}
              >
                {t("board.rename")}
              </button>
            )}
            {others.length > 0 ? (
              <span className="inline-form">
                <label htmlFor={`${id}-merge`}>{t("board.mergeInto")}</label>
                <ClusterSelect id={`${id}-merge`} value={mergeInto} onChange={setMergeInto} clusters={others} none="—" />
                <button
                  type="button"
                  className="button"
                  disabled={!mergeInto}
                  aria-label={t("board.mergeCluster", { name: title })}
                  onClick={() => {
                    const target = others.find((c) => c.id === mergeInto);
                    if (!target) return;
                    act((board, draft) => mergeClustersEverywhere(board, draft, cluster.id, target.id));
                    say({ key: "clustersMerged", values: { from: title, to: target.name } });
                  }}
                >
                  {t("board.merge")}
                </button>
              </span>
            ) : null}
            {selectedHere.length > 0 && selectedHere.length < notes.length ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  const newName = t("board.splitName", { name: title });
                  act((board, draft) =>
                    splitClusterEverywhere(board, draft, { clusterId: cluster.id, notes: selectedHere, newClusterId: newId(), name: newName }),
                  );
                  setSelected(new Set());
                  say({ key: "clusterSplit", values: { name: newName } });
                }}
              >
                {t("board.splitSelected", { count: selectedHere.length })}
              </button>
            ) : null}
            <button
              type="button"
              className="button danger"
              aria-label={t("board.removeCluster", { name: title })}
              onClick={() => {
                act((board, draft) => removeClusterEverywhere(board, draft, cluster.id));
                say({ key: "clusterRemoved", values: { name: title } });
              }}
            >
              {t("board.remove")}
            </button>
          </div>
        ) : null}
      </div>
      {notes.length === 0 ? (
        <p className="muted">{t("board.emptyCluster")}</p>
      ) : (
        <>
          <ul className="board-notes" aria-labelledby={headingId}>
            {notes.slice(0, limit).map((n) => (
              <OutlineNote key={n.id} note={n} />
            ))}
          </ul>
          {notes.length > limit ? (
            <button type="button" className="button board-more" onClick={() => setLimit((l) => l + PAGE * 4)}>
              {t("board.showMore", { shown: limit, total: notes.length })}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
