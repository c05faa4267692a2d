// Printed card sheets (A4, eight cards each, app/styles/paper.css): a board's notes, each with its
// cluster and a QR code that opens it on the board; or blank cards with the phone page's QR code.
import { useTranslation } from "react-i18next";

export type NoteCardView = { noteId: string; text: string; cluster: string | null; url: string; qr: string };

export function NoteCardSheet({ cards, n, total }: { cards: NoteCardView[]; n: number; total: number }) {
  const { t } = useTranslation();
  const label = t("paper.cards.sheet", { n, total });
  return (
    <>
      <h2 className="paper-sheet-label">{label}</h2>
      <ul className="paper-sheet" aria-label={label}>
        {cards.map((c) => (
          <li key={c.noteId} className="paper-card" data-note-id={c.noteId}>
            <p className="paper-card-cluster" dir="auto">
              {c.cluster ?? t("paper.cards.noCluster")}
            </p>
            <p className="paper-card-text" dir="auto">
              {c.text}
            </p>
            <img className="paper-card-qr" src={c.qr} alt={t("paper.cards.qrAlt")} width={120} height={120} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function BlankCardSheet({ count, qr, short, n, total }: { count: number; qr: string; short: string; n: number; total: number }) {
  const { t } = useTranslation();
  const label = t("paper.cards.sheet", { n, total });
  return (
    <>
      <h2 className="paper-sheet-label">{label}</h2>
      <ul className="paper-sheet" aria-label={label}>
        {Array.from({ length: count }, (_, i) => (
          <li key={i} className="paper-card is-blank">
            <p className="paper-card-hint">{t("paper.blankCards.write")}</p>
            <div className="paper-card-lines" aria-hidden="true" />
            <p className="paper-card-link">
              {t("paper.blankCards.orType")} <span dir="ltr">{short}</span>
            </p>
            <img className="paper-card-qr" src={qr} alt={t("paper.blankCards.qrAlt")} width={120} height={120} />
          </li>
        ))}
      </ul>
    </>
  );
}
