import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { clearVotes, closeVoting, openVoting, pauseTimer, resetTimer, setHideAuthors, startTimer, timerRunning } from "~/collab/board";
import { useBoard } from "./context";
import "~/components/ui/shared-chunk.client"; // a lazily loaded part joins the pages' shared chunk (see there)

/**
 * Facilitator controls: voting, silent brainstorming and the lock (server forms, rendered by the
 * route: the app starts silence and gathers everyone's drafts on reveal), authors, the shared timer.
 */
export function FacilitatorPanel({ lockControl, silenceControl }: { lockControl: ReactNode; silenceControl: ReactNode }) {
  const { t } = useTranslation();
  const { snapshot, act, actFinal, say, connection } = useBoard();
  const { voting, hideAuthors, silent, timer } = snapshot.settings;
  const [dots, setDots] = useState(String(voting.dotsPerPerson));
  const [hideResults, setHideResults] = useState(voting.hideResults);
  const [minutes, setMinutes] = useState(timer ? String(Math.round(timer.durationMs / 60000)) : "5");
  const id = useId();
  const running = timerRunning(timer, Date.now());
  // Settings are not undone by Ctrl+Z (they are not content), but go through the same origin.
  const set = (change: Parameters<typeof act>[0]) => act(change);
  const minutesValue = Math.max(1, Math.min(240, Number(minutes) || 5));
  return (
    <section className="board-facilitator card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="board-subheading">
        {t("board.facilitator")}
      </h2>
      <div className="board-facilitator-grid">
        <fieldset>
          <legend>{t("board.voting")}</legend>
          {voting.open ? (
            <>
              <p>{t("board.votingOpenWith", { count: voting.dotsPerPerson })}</p>
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  set((d) => closeVoting(d));
                  say({ key: "votingClosed" });
                }}
              >
                {t("board.closeVoting")}
              </button>
            </>
          ) : (
            <>
              <div className="inline-form">
                <label htmlFor={`${id}-dots`}>{t("board.dotsPerPerson")}</label>
                <input
                  id={`${id}-dots`}
                  type="number"
                  min={1}
                  max={20}
                  inputMode="numeric"
                  value={dots}
                  onChange={(e) => setDots(e.target.value)}
                  className="board-number"
                />
              </div>
              <div className="board-check">
                <input id={`${id}-hide`} type="checkbox" checked={hideResults} onChange={(e) => setHideResults(e.target.checked)} />
                <label htmlFor={`${id}-hide`}>{t("board.hideResultsUntilClosed")}</label>
              </div>
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  const n = Math.max(1, Math.min(20, Number(dots) || 3));
                  set((d) => openVoting(d, n, hideResults));
                  say({ key: "votingOpened", values: { count: n } });
                }}
              >
                {t("board.openVoting")}
              </button>
            </>
          )}
          <button
            type="button"
            className="button danger"
            disabled={snapshot.totals.size === 0}
            onClick={() => {
              // Not undone: putting everyone's dots back would be casting them, which the server refuses.
              actFinal((d) => clearVotes(d));
              say({ key: "votesCleared" });
            }}
          >
            {t("board.clearVotes")}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t("board.silent.legend")}</legend>
          <p className="hint" id={`${id}-silent-hint`}>
            {silent ? t("board.silent.onHint") : t("board.silent.offHint")} {t("board.silent.howHint")}
          </p>
          {silenceControl}
        </fieldset>
        <fieldset>
          <legend>{t("board.authors")}</legend>
          <button
            type="button"
            className="button"
            aria-pressed={hideAuthors}
            onClick={() => {
              set((d) => setHideAuthors(d, !hideAuthors));
              say({ key: hideAuthors ? "authorsShown" : "authorsHidden" });
            }}
          >
            {t("board.hideAuthors")}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t("board.timer")}</legend>
          <div className="inline-form">
            <label htmlFor={`${id}-min`}>{t("board.timerMinutes")}</label>
            <input
              id={`${id}-min`}
              type="number"
              min={1}
              max={240}
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              className="board-number"
            />
          </div>
          <div className="inline-form">
            {running ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  set((d) => pauseTimer(d, Date.now()));
                  say({ key: "timerPaused" });
                }}
              >
                {t("board.pauseTimer")}
              </button>
            ) : (
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  const paused =
                    timer &&
                    timer.startedAt === null &&
                    timer.remainingMs > 0 &&
                    timer.remainingMs < timer.durationMs &&
                    timer.durationMs === minutesValue * 60000;
                  set((d) => startTimer(d, { durationMs: paused ? undefined : minutesValue * 60000, now: Date.now() }));
                  say({ key: "timerStarted", values: { minutes: minutesValue } });
                }}
              >
                {t("board.startTimer")}
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={!timer}
              onClick={() => {
                set((d) => resetTimer(d, minutesValue * 60000));
                say({ key: "timerReset" });
              }}
            >
              {t("board.resetTimer")}
            </button>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("board.lock")}</legend>
          {lockControl}
          {connection ? null : <p className="hint">{t("board.lockNeedsConnection")}</p>}
        </fieldset>
      </div>
    </section>
  );
}
