import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildsOnTarget } from "~/collab/board";
import { useBoard } from "./context";
import { setNoteBuildsOn } from "./note-ops";
import type { BoardNote } from "./shown";

/** A note's text cut short for labels and lists. */
export function shortText(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** "Builds on: “…”" — a button that brings the other note into view and focuses it. */
export function BuildsOnLink({ target }: { target: BoardNote }) {
  const { t } = useTranslation();
  const { focusNote } = useBoard();
  const text = t("board.buildsOn.label", { note: shortText(target.text) });
  return (
    <p className="board-builds-on">
      <button type="button" className="button-link" dir="auto" onClick={() => focusNote(target.id)}>
        {text}
      </button>
    </p>
  );
}

/**
 * Picks the note this one builds on (or none). The choices are the other notes on the board; for
 * one of this person's draft notes (silent brainstorming), their other draft notes too (a board
 * note cannot build on a note that is not on the board yet).
 */
export function BuildsOnForm({ note, label, onDone }: { note: BoardNote; label: string; onDone(): void }) {
  const { t } = useTranslation();
  const { snapshot, notesById, act, say } = useBoard();
  const id = useId();
  const current = buildsOnTarget(notesById, note);
  const [value, setValue] = useState(current?.id ?? "");
  const choices = snapshot.notes.filter((n) => n.id !== note.id && (note.draft || !n.draft));
  const save = (targetId: string | null) => {
    const target = targetId ? (notesById.get(targetId) ?? null) : null;
    act((b, d) => setNoteBuildsOn(b, d, note, target));
    say(target ? { key: "buildsOnSet", values: { note: shortText(target.text) } } : { key: "buildsOnCleared" });
    onDone();
  };
  return (
    <form
      className="board-builds-form inline-form"
      aria-label={t("board.buildsOn.formFor", { note: label })}
      onSubmit={(e) => {
        e.preventDefault();
        save(value || null);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <label htmlFor={`${id}-to`}>{t("board.buildsOn.choose")}</label>
      <select id={`${id}-to`} value={value} autoFocus onChange={(e) => setValue(e.target.value)}>
        <option value="">{t("board.buildsOn.none")}</option>
        {choices.map((n) => (
          <option key={n.id} value={n.id}>
            {shortText(n.text, 60)}
          </option>
        ))}
      </select>
      <button type="submit" className="button primary">
        {t("board.save")}
      </button>
      {current ? (
        <button type="button" className="button" onClick={() => save(null)}>
          {t("board.buildsOn.clear")}
        </button>
      ) : null}
      <button type="button" className="button" onClick={onDone}>
        {t("board.cancel")}
      </button>
    </form>
  );
}
