import { memo, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { NOTE_COLOURS, NOTE_MAX_LENGTH, ballotOf, dotsLeft, placeDot, placeNoteInCluster, removeDot, removeNote, resultsVisible, setNoteColour, setNoteText, type Note, type NoteColour } from "~/collab/board";
import { useBoard } from "./context";
import { ClusterSelect } from "./ClusterSelect";

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
            <ClusterSelect id={`${id}-move`} value={moveTo} onChange={setMoveTo} clusters={snapshot.clusters} none={t("board.noCluster")} />
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

/** One note's row on its own (the canvas's note panel). */
export function NotePanel({ note }: { note: Note }) {
  return (
    <ul className="board-notes">
      <OutlineNote note={note} />
    </ul>
  );
}
