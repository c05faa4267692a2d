import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { NOTE_COLOURS, addCluster, nextClusterPosition, type NoteColour } from "~/collab/board";
import { useBoard } from "./context";
import { newId } from "./ids";
import { addOwnNote } from "./note-ops";
import { ClusterSelect } from "./cluster-select";
import { CONTENT_LIMITS } from "~/collab/limits";

export function AddNoteForm() {
  const { t } = useTranslation();
  const { act, say, me, snapshot, draftDoc } = useBoard();
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
    // While the board is silent, to this person's draft (only they receive it until the reveal).
    act((board, draft) => addOwnNote(board, draft, { id: newId(), text: value, colour, clusterId: cluster || null, me }));
    setText("");
    setError(null);
    say({ key: "noteAdded" });
  };
  return (
    <form className="board-add card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="board-subheading">
        {t("board.addNote")}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("board.noteText")}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          dir="auto"
          rows={3}
          maxLength={CONTENT_LIMITS.noteText}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : `${id}-hint`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        {error ? (
          <p id={`${id}-err`} className="field-errors">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="hint">
            {t("board.noteHint", { max: CONTENT_LIMITS.noteText })}
            {draftDoc ? ` ${t("board.silent.addHint")}` : null}
          </p>
        )}
      </div>
      <div className="board-add-row">
        <div className="field">
          <label htmlFor={`${id}-colour`}>{t("board.colour")}</label>
          <select id={`${id}-colour`} value={colour} onChange={(e) => setColour(e.target.value as NoteColour)}>
            {NOTE_COLOURS.map((c) => (
              <option key={c} value={c}>
                {t(`board.colours.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cluster`}>{t("board.cluster")}</label>
          <ClusterSelect id={`${id}-cluster`} value={cluster} onChange={setCluster} clusters={snapshot.clusters} none={t("board.noCluster")} />
        </div>
        <button type="submit" className="button primary">
          {t("board.addNoteButton")}
        </button>
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
      <input
        id={`${id}-name`}
        value={name}
        dir="auto"
        maxLength={CONTENT_LIMITS.clusterName}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="button">
        {t("board.addCluster")}
      </button>
      {error ? (
        <p id={`${id}-err`} className="field-errors">
          {error}
        </p>
      ) : null}
    </form>
  );
}
