import { memo, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NOTE_COLOURS, ballotOf, buildsOnTarget, dotsLeft, isFromPublicLink, placeDot, removeDot, resultsVisible, type NoteColour } from "~/collab/board";
import { useBoard } from "./context";
import { ClusterSelect } from "./cluster-select";
import { BuildsOnForm, BuildsOnLink } from "./builds-on";
import { deleteNote, editNoteColour, editNoteText, placeInCluster } from "./note-ops";
import type { BoardNote } from "./shown";
import { CONTENT_LIMITS } from "~/collab/limits";
import { isFormerMember } from "~/domain/data-rights";
import "~/components/ui/shared-chunk.client"; // a lazily loaded part joins the pages' shared chunk (see there)

/** Someone else's note waiting in their draft (silent brainstorming): only that it exists. */
export function HiddenRow() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li className="board-note-row is-covered" aria-labelledby={`${id}-text`}>
      <p id={`${id}-text`} className="board-note-text board-covered-text">
        {t("board.silent.hiddenNote")}
      </p>
    </li>
  );
}

export const OutlineNote = memo(function OutlineNote({ note }: { note: BoardNote }) {
  const { t } = useTranslation();
  const { snapshot, notesById, editable, may, me, act, actFinal, say, doc, selected, setSelected, setEditing, editors } = useBoard();
  const [editing, setEditingState] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const [moveTo, setMoveTo] = useState(note.clusterId ?? "");
  const id = useId();
  const { voting, hideAuthors } = snapshot.settings;
  const author = hideAuthors || !note.authorName ? t("board.anonymous") : isFormerMember(note.authorName) ? t("formerMember") : note.authorName;
  const fromLink = isFromPublicLink(note);
  const target = buildsOnTarget(notesById, note);
  const [linking, setLinking] = useState(false);
  const linkButton = useRef<HTMLButtonElement>(null);
  const doneLinking = () => {
    setLinking(false);
    requestAnimationFrame(() => linkButton.current?.focus());
  };
  const total = snapshot.totals.get(note.id) ?? 0;
  const mine = ballotOf(doc, me.id).get(note.id) ?? 0;
  const left = dotsLeft(doc, me.id);
  const inDraft = note.draft === true;
  const mayEdit = may.editNote(note);
  const mayDelete = may.deleteNote(note);
  // Why a control is greyed out: an idea from the public link (moderation changes it), or someone else's note.
  const why = mayEdit ? undefined : fromLink ? t("board.rules.fromLink") : t("board.rules.notYours");
  const label = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;
  const others = editors.get(note.id);
  const stopEditing = () => {
    setEditingState(false);
    if (!inDraft) setEditing(null);
  };
  // Gone mid-edit (deleted, or revealed into the board): tell the others this person stopped.
  const editingRef = useRef(editing);
  editingRef.current = editing;
  useEffect(
    () => () => {
      if (editingRef.current) setEditing(null);
    },
    [setEditing],
  );
  return (
    <li
      className={`board-note-row colour-${note.colour}${inDraft ? " is-draft" : ""}`}
      aria-labelledby={`${id}-text`}
      aria-describedby={inDraft ? `${id}-draft` : undefined}
      data-outline-note={note.id}
      tabIndex={-1}
    >
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
                act((b, d) => editNoteText(b, d, note, value));
                stopEditing();
                say({ key: "noteSaved" });
              }}
              className="stack"
            >
              <label htmlFor={`${id}-edit`}>{t("board.editNoteLabel")}</label>
              <textarea
                id={`${id}-edit`}
                value={draft}
                dir="auto"
                rows={3}
                maxLength={CONTENT_LIMITS.noteText}
                autoFocus
                onChange={(e) => setDraft(e.target.value)}
              />
              <div className="inline-form">
                <label htmlFor={`${id}-colour`}>{t("board.colour")}</label>
                <select id={`${id}-colour`} value={note.colour} onChange={(e) => act((b, d) => editNoteColour(b, d, note, e.target.value as NoteColour))}>
                  {NOTE_COLOURS.map((c) => (
                    <option key={c} value={c}>
                      {t(`board.colours.${c}`)}
                    </option>
                  ))}
                </select>
                <button type="submit" className="button primary">
                  {t("board.save")}
                </button>
                <button type="button" className="button" onClick={stopEditing}>
                  {t("board.cancel")}
                </button>
              </div>
            </form>
          ) : (
            <p id={`${id}-text`} className="board-note-text" dir="auto">
              {note.text}
            </p>
          )}
          {inDraft ? (
            <p id={`${id}-draft`} className="board-draft-badge">
              {t("board.silent.draftNote")}
            </p>
          ) : null}
          <p className="board-note-meta muted">
            {fromLink ? <span className="board-from-link">{t("board.fromPublicLink")}</span> : <span dir="auto">{t("board.by", { name: author })}</span>}
            {resultsVisible(voting) && total > 0 ? <span className="board-votes">{t("board.dotsOnNote", { count: total })}</span> : null}
            {voting.open && mine > 0 ? <span>{t("board.yourDots", { count: mine })}</span> : null}
            {others?.length ? <span className="board-editing">{t("board.editingBy", { names: others.join(", ") })}</span> : null}
          </p>
          {target ? <BuildsOnLink target={target} /> : null}
          {linking ? <BuildsOnForm note={note} label={label} onDone={doneLinking} /> : null}
        </div>
      </div>
      {editable ? (
        <div className="board-note-actions">
          {voting.open && !inDraft ? (
            <>
              <button
                type="button"
                className="button"
                disabled={left <= 0 || !may.castDots}
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
                disabled={mine <= 0 || !may.removeDots}
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
              disabled={!mayEdit}
              title={why}
              onClick={() => {
                setDraft(note.text);
                setEditingState(true);
                if (!inDraft) setEditing(note.id);
              }}
            >
              {t("board.edit")}
            </button>
          ) : null}
          {!linking ? (
            <button
              ref={linkButton}
              type="button"
              className="button"
              aria-label={t("board.buildsOn.openFor", { note: label })}
              disabled={!mayEdit}
              title={why}
              onClick={() => setLinking(true)}
            >
              {t("board.buildsOn.open")}
            </button>
          ) : null}
          <span className="inline-form">
            <label htmlFor={`${id}-move`} className="visually-hidden">
              {t("board.moveNoteTo", { note: label })}
            </label>
            <ClusterSelect id={`${id}-move`} value={moveTo} onChange={setMoveTo} clusters={snapshot.clusters} none={t("board.noCluster")} />
            <button
              type="button"
              className="button"
              aria-label={t("board.moveNote", { note: label })}
              disabled={(note.clusterId ?? "") === moveTo}
              onClick={() => {
                act((b, d) => placeInCluster(b, d, note, moveTo || null));
                const name = snapshot.clusters.find((c) => c.id === moveTo)?.name;
                say(moveTo ? { key: "noteMovedTo", values: { cluster: name ?? "" } } : { key: "noteUnclustered" });
              }}
            >
              {t("board.move")}
            </button>
          </span>
          <button
            type="button"
            className="button danger"
            aria-label={t("board.deleteNote", { note: label })}
            disabled={!mayDelete}
            title={mayDelete ? undefined : why}
            onClick={() => {
              // Undo could put back only a note of one's own with no dots on it: the server refuses
              // re-making someone else's note and putting back other people's dots.
              const undoable = inDraft || (note.authorId === me.id && total === 0);
              (undoable ? act : actFinal)((b, d) => deleteNote(b, d, note));
              say({ key: "noteDeleted" });
            }}
          >
            {t("board.delete")}
          </button>
        </div>
      ) : null}
    </li>
  );
});

/** One note's row on its own (the canvas's note panel). */
export function NotePanel({ note }: { note: BoardNote }) {
  return (
    <ul className="board-notes">
      <OutlineNote note={note} />
    </ul>
  );
}
