import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildsOnTarget, setBuildsOn, type ShownNote } from "~/collab/board";
import { useBoard } from "./context";

/** A note's text cut short for labels and lists. */
export function shortText(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** "Builds on: “…”" — a button that brings the other note into view and focuses it. A covered note is named "a hidden note". */
export function BuildsOnLink({ target }: { target: ShownNote }) {
  const { t } = useTranslation();
  const { focusNote } = useBoard();
  const text = target.covered ? t("board.buildsOn.labelHidden") : t("board.buildsOn.label", { note: shortText(target.text) });
  return (
    <p className="board-builds-on">
      <button type="button" className="button-link" dir="auto" onClick={() => focusNote(target.id)}>
        {text}
      </button>
    </p>
  );
}

/**
 * Picks the note this one builds on (or none). The choices are the other notes this person can
 * see; a covered note appears only if it is the current choice, as "a hidden note".
 */
export function BuildsOnForm({ note, label, onDone }: { note: ShownNote; label: string; onDone(): void }) {
  const { t } = useTranslation();
  const { snapshot, notesById, act, say } = useBoard();
  const id = useId();
  const current = buildsOnTarget(notesById, note);
  const [value, setValue] = useState(current?.id ?? "");
  const choices = snapshot.notes.filter((n) => n.id !== note.id && (!n.covered || n.id === current?.id));
  const save = (targetId: string | null) => {
    act((d) => setBuildsOn(d, note.id, targetId));
    const target = targetId ? notesById.get(targetId) : null;
    say(
      target ? { key: "buildsOnSet", values: { note: target.covered ? t("board.buildsOn.hiddenNote") : shortText(target.text) } } : { key: "buildsOnCleared" },
    );
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
            {n.covered ? t("board.buildsOn.hiddenNote") : shortText(n.text, 60)}
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
