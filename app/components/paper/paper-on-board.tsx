// What the board page shows about paper (server-rendered, so it works without JavaScript): the
// note a printed card's QR code opened, or a clear message that it is gone; and for facilitators
// the way to the paper page with how many phone cards wait.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type PrintedNote = { state: "found"; id: string; text: string; cluster: string | null } | { state: "gone" } | null;

export function PaperOnBoard({
  localityId,
  boardId,
  canFacilitate,
  printedNote,
  pendingCards,
}: {
  localityId: string;
  boardId: string;
  canFacilitate: boolean;
  printedNote: PrintedNote;
  pendingCards: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      {printedNote?.state === "gone" ? (
        <div className="card notice" role="alert" data-testid="printed-note-gone">
          <h2>{t("paper.onBoard.goneTitle")}</h2>
          <p>{t("paper.onBoard.goneBody")}</p>
        </div>
      ) : printedNote?.state === "found" ? (
        <div className="card notice" data-testid="printed-note">
          <h2>{t("paper.onBoard.printedHeading")}</h2>
          <p dir="auto">
            <strong>{printedNote.text}</strong>
          </p>
          {printedNote.cluster ? (
            <p className="muted" dir="auto">
              {t("paper.onBoard.printedCluster", { cluster: printedNote.cluster })}
            </p>
          ) : null}
        </div>
      ) : null}
      {canFacilitate ? (
        <p className="inline-links">
          <Link to={`/l/${localityId}/boards/${boardId}/paper`}>{t("paper.onBoard.link")}</Link>
          {pendingCards > 0 ? <strong>{t("paper.onBoard.pending", { count: pendingCards })}</strong> : null}
        </p>
      ) : null}
    </>
  );
}
