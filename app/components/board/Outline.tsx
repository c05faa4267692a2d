import { memo, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  NOTE_COLOURS, NOTE_MAX_LENGTH, CLUSTER_NAME_MAX_LENGTH, addCluster, addNote, ballotOf, dotsLeft, mergeClusters, nextClusterPosition,
  nextNotePosition, placeDot, placeNoteInCluster, removeCluster, removeDot, removeNote, renameCluster, resultsVisible, setNoteColour,
  setNoteText, splitCluster, type Cluster, type Note, type NoteColour,
} from "~/collab/board";
import { useBoard } from "./context";
import { newId } from "./ids";

/** Notes shown per section before "Show more" (a phone stays quick on a board of thousands). */
const PAGE = 100;

/** The outline: clusters → notes, every action a real control. Equal to the canvas. */
export function Outline() {
  const { t } = useTranslation();
  const { snapshot, editable, me, doc } = useBoard();
  const { notes, clusters, settings } = snapshot;
  const groups: { cluster: Cluster | null; notes: Note[] }[] = [
    ...clusters.map((c) => ({ cluster: c, notes: notes.filter((n) => n.clusterId === c.id) })),
    { cluster: null, notes: notes.filter((n) => !n.clusterId || !clusters.some((c) => c.id === n.clusterId)) },
  ];
  const voting = settings.voting;
  const left = dotsLeft(doc, me.id);
  return (
    <div className="board-outline">
      {voting.open ? (
        <p className="board-dots card" role="status">
          {editable ? t("board.dotsLeft", { left, total: voting.dotsPerPerson }) : t("board.votingOpenReadOnly")}
          {voting.hideResults ? ` ${t("board.resultsHidden")}` : ""}
        </p>
      ) : null}
      <SelectionBar />
      {groups.map(({ cluster, notes }) => (
        <ClusterSection key={cluster?.id ?? "none"} cluster={cluster} notes={notes} />
      ))}
    </div>
  );
}

export function AddNoteForm() {
  const { t } = useTranslation();
  const { act, say, me, snapshot } = useBoard();
  const [text, setText] = useState("");
  const [colour, setColour] = useState<NoteColour>("yellow");
  const [cluster, setCluster] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) {
      setError(t("board.noteEmpty"));
      return;
    }
    act((doc) => {
      const noteId = newId();
      addNote(doc, { id: noteId, text: value, colour, authorId: me.id, authorName: me.name, ...nextNotePosition(doc) });
      if (cluster) placeNoteInCluster(doc, noteId, cluster);
    });
    setText("");
    setError(null);
    say({ key: "noteAdded" });
  };
  return (
    <form className="board-add card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="board-subheading">{t("board.addNote")}</h2>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("board.noteText")}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          dir="auto"
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : `${id}-hint`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        {error ? <p id={`${id}-err`} className="field-errors">{error}</p> : <p id={`${id}-hint`} className="hint">{t("board.noteHint", { max: NOTE_MAX_LENGTH })}</p>}
      </div>
      <div className="board-add-row">
        <div className="field">
          <label htmlFor={`${id}-colour`}>{t("board.colour")}</label>
          <select id={`${id}-colour`} value={colour} onChange={(e) => setColour(e.target.value as NoteColour)}>
            {NOTE_COLOURS.map((c) => <option key={c} value={c}>{t(`board.colours.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cluster`}>{t("board.cluster")}</label>
          <select id={`${id}-cluster`} value={cluster} onChange={(e) => setCluster(e.target.value)}>
            <ClusterOptions clusters={snapshot.clusters} withNone />
          </select>
        </div>
        <button type="submit" className="button primary">{t("board.addNoteButton")}</button>
      </div>
    </form>
  );
}

export function AddClusterForm() {
  const { t } = useTranslation();
  const { act, say } = useBoard();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="board-add-cluster inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = name.trim();
        if (!value) return setError(t("board.clusterNameEmpty"));
        act((doc) => addCluster(doc, { id: newId(), name: value, ...nextClusterPosition(doc) }));
        setName("");
        setError(null);
        say({ key: "clusterAdded", values: { name: value } });
      }}
    >
      <label htmlFor={`${id}-name`}>{t("board.newCluster")}</label>
      <input id={`${id}-name`} value={name} dir="auto" maxLength={CLUSTER_NAME_MAX_LENGTH} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button">{t("board.addCluster")}</button>
      {error ? <p id={`${id}-err`} className="field-errors">{error}</p> : null}
    </form>
  );
}

/** Moves every selected note at once (what multi-select does on the canvas). */
function SelectionBar() {
  const { t } = useTranslation();
  const { selected, setSelected, snapshot, act, say, editable } = useBoard();
  const [target, setTarget] = useState("");
  const id = useId();
  if (!editable || selected.size === 0) return null;
  return (
    <div className="board-selection card" role="group" aria-labelledby={`${id}-l`}>
      <p id={`${id}-l`} className="summary">{t("board.selectedCount", { count: selected.size })}</p>
      <label htmlFor={`${id}-to`}>{t("board.moveSelectedTo")}</label>
      <select id={`${id}-to`} value={target} onChange={(e) => setTarget(e.target.value)}>
        <ClusterOptions clusters={snapshot.clusters} withNone />
      </select>
      <button
        type="button"
        className="button"
        onClick={() => {
          const ids = [...selected];
          act((doc) => doc.transact(() => ids.forEach((n) => placeNoteInCluster(doc, n, target || null))));
          const name = snapshot.clusters.find((c) => c.id === target)?.name;
          say(target ? { key: "notesMovedTo", values: { count: ids.length, cluster: name ?? "" } } : { key: "notesUnclustered", values: { count: ids.length } });
          setSelected(new Set());
        }}
      >
        {t("board.move")}
      </button>
      <button type="button" className="button" onClick={() => setSelected(new Set())}>{t("board.clearSelection")}</button>
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
  const selectedHere = notes.filter((n) => selected.has(n.id)).map((n) => n.id);
  return (
    <section className="board-cluster card" aria-labelledby={headingId}>
      <div className="board-cluster-head">
        <h2 id={headingId} dir="auto">{title} <span className="muted board-count">({t("board.noteCount", { count: notes.length })})</span></h2>
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
                <input id={`${id}-rn`} value={name} dir="auto" maxLength={CLUSTER_NAME_MAX_LENGTH} autoFocus onChange={(e) => setName(e.target.value)} />
                <button type="submit" className="button">{t("board.save")}</button>
                <button type="button" className="button" onClick={() => setRenaming(false)}>{t("board.cancel")}</button>
              </form>
            ) : (
              <button type="button" className="button" aria-label={t("board.renameCluster", { name: title })} onClick={() => { setName(cluster.name); setRenaming(true); }}>
                {t("board.rename")}
              </button>
            )}
            {others.length > 0 ? (
              <span className="inline-form">
                <label htmlFor={`${id}-merge`}>{t("board.mergeInto")}</label>
                <select id={`${id}-merge`} value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
                  <option value="">—</option>
                  <ClusterOptions clusters={others} />
                </select>
                <button
                  type="button"
                  className="button"
                  disabled={!mergeInto}
                  aria-label={t("board.mergeCluster", { name: title })}
                  onClick={() => {
                    const target = others.find((c) => c.id === mergeInto);
                    if (!target) return;
                    act((doc) => mergeClusters(doc, cluster.id, target.id));
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
                  act((doc) => splitCluster(doc, { clusterId: cluster.id, noteIds: selectedHere, newClusterId: newId(), name: newName }));
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
                act((doc) => removeCluster(doc, cluster.id));
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

export const OutlineNote = memo(function OutlineNote({ note }: { note: Note }) {
  const { t } = useTranslation();
  const { snapshot, editable, canFacilitate, me, act, say, doc, selected, setSelected, setEditing, editors } = useBoard();
  const [editing, setEditingState] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const [moveTo, setMoveTo] = useState(note.clusterId ?? "");
  const id = useId();
  const { voting, hideAuthors } = snapshot.settings;
  const author = hideAuthors || !note.authorName ? t("board.anonymous") : note.authorName;
  const total = snapshot.totals.get(note.id) ?? 0;
  const mine = ballotOf(doc, me.id).get(note.id) ?? 0;
  const left = dotsLeft(doc, me.id);
  const own = note.authorId === me.id;
  const label = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;
  const others = editors.get(note.id);
  const stopEditing = () => {
    setEditingState(false);
    setEditing(null);
  };
  return (
    <li className={`board-note-row colour-${note.colour}`} aria-labelledby={`${id}-text`}>
      <div className="board-note-main">
        {editable ? (
          <input
            type="checkbox"
            className="board-select"
            checked={selected.has(note.id)}
            aria-label={t("board.selectNote", { note: label })}
            onChange={(e) => {
              const next = new Set(selected);
              if (e.target.checked) next.add(note.id);
              else next.delete(note.id);
              setSelected(next);
            }}
          />
        ) : null}
        <div className="board-note-body">
          {editing ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const value = draft.trim();
                if (!value) return;
                act((d) => setNoteText(d, note.id, value));
                stopEditing();
                say({ key: "noteSaved" });
              }}
              className="stack"
            >
              <label htmlFor={`${id}-edit`}>{t("board.editNoteLabel")}</label>
              <textarea id={`${id}-edit`} value={draft} dir="auto" rows={3} maxLength={NOTE_MAX_LENGTH} autoFocus onChange={(e) => setDraft(e.target.value)} />
              <div className="inline-form">
                <label htmlFor={`${id}-colour`}>{t("board.colour")}</label>
                <select id={`${id}-colour`} value={note.colour} onChange={(e) => act((d) => setNoteColour(d, note.id, e.target.value as NoteColour))}>
                  {NOTE_COLOURS.map((c) => <option key={c} value={c}>{t(`board.colours.${c}`)}</option>)}
                </select>
                <button type="submit" className="button primary">{t("board.save")}</button>
                <button type="button" className="button" onClick={stopEditing}>{t("board.cancel")}</button>
              </div>
            </form>
          ) : (
            <p id={`${id}-text`} className="board-note-text" dir="auto">{note.text}</p>
          )}
          <p className="board-note-meta muted">
            <span dir="auto">{t("board.by", { name: author })}</span>
            {resultsVisible(voting) && total > 0 ? <span className="board-votes">{t("board.dotsOnNote", { count: total })}</span> : null}
            {voting.open && mine > 0 ? <span>{t("board.yourDots", { count: mine })}</span> : null}
            {others?.length ? <span className="board-editing">{t("board.editingBy", { names: others.join(", ") })}</span> : null}
          </p>
        </div>
      </div>
      {editable ? (
        <div className="board-note-actions">
          {voting.open ? (
            <>
              <button
                type="button"
                className="button"
                disabled={left <= 0}
                aria-label={t("board.addDotTo", { note: label })}
                onClick={() => {
                  const ok = act((d) => placeDot(d, me.id, note.id));
                  say(ok ? { key: "dotPlaced", values: { left: dotsLeft(doc, me.id), total: voting.dotsPerPerson } } : { key: "noDotsLeft" });
                }}
              >
                {t("board.addDot")}
              </button>
              <button
                type="button"
                className="button"
                disabled={mine <= 0}
                aria-label={t("board.removeDotFrom", { note: label })}
                onClick={() => {
                  const ok = act((d) => removeDot(d, me.id, note.id));
                  if (ok) say({ key: "dotRemoved", values: { left: dotsLeft(doc, me.id), total: voting.dotsPerPerson } });
                }}
              >
                {t("board.removeDot")}
              </button>
            </>
          ) : null}
          {!editing ? (
            <button
              type="button"
              className="button"
              aria-label={t("board.editNote", { note: label })}
              onClick={() => {
                setDraft(note.text);
                setEditingState(true);
                setEditing(note.id);
              }}
            >
              {t("board.edit")}
            </button>
          ) : null}
          <span className="inline-form">
            <label htmlFor={`${id}-move`} className="visually-hidden">{t("board.moveNoteTo", { note: label })}</label>
            <select id={`${id}-move`} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              <ClusterOptions clusters={snapshot.clusters} withNone />
            </select>
            <button
              type="button"
              className="button"
              aria-label={t("board.moveNote", { note: label })}
              disabled={(note.clusterId ?? "") === moveTo}
              onClick={() => {
                act((d) => placeNoteInCluster(d, note.id, moveTo || null));
                const name = snapshot.clusters.find((c) => c.id === moveTo)?.name;
                say(moveTo ? { key: "noteMovedTo", values: { cluster: name ?? "" } } : { key: "noteUnclustered" });
              }}
            >
              {t("board.move")}
            </button>
          </span>
          {own || canFacilitate ? (
            <button
              type="button"
              className="button danger"
              aria-label={t("board.deleteNote", { note: label })}
              onClick={() => {
                act((d) => removeNote(d, note.id));
                say({ key: "noteDeleted" });
              }}
            >
              {t("board.delete")}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
});

/** The clusters as options of a "move to" or "merge into" list (first "No cluster" when `withNone`). */
function ClusterOptions({ clusters, withNone = false }: { clusters: ReadonlyArray<{ id: string; name: string }>; withNone?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {withNone ? <option value="">{t("board.noCluster")}</option> : null}
      {clusters.map((c) => (
        <option key={c.id} value={c.id}>{c.name || t("board.untitledCluster")}</option>
      ))}
    </>
  );
}
