import { useTranslation } from "react-i18next";
import { useBoard } from "./context";
import { hiddenPlaceholders } from "./shown";
// With the board's code, not on the first click (a few KB): loaded apart, it was one more entry
// point of the browser build, and kept ~/collab/limits out of the pages' shared chunk.
import { boardCsv, boardSvg, download, svgToPng } from "./export";

/** CSV, SVG and PNG of the board. */
export function ExportPanel({ title, dir }: { title: string; dir: "ltr" | "rtl" }) {
  const { t } = useTranslation();
  const { snapshot, hiddenCount, say } = useBoard();
  const name =
    title
      .replace(/[\\/:*?"<>|]+/g, " ")
      .trim()
      .slice(0, 80) || "board";

  const run = async (format: "CSV" | "SVG" | "PNG") => {
    try {
      // Other people's hidden notes (silent brainstorming) as placeholders, by count: no more than the screen shows.
      const board = { ...snapshot, notes: [...snapshot.notes, ...hiddenPlaceholders(hiddenCount, snapshot)] };
      if (format === "CSV") {
        const headings = {
          note: t("board.csv.note"),
          cluster: t("board.csv.cluster"),
          votes: t("board.csv.votes"),
          author: t("board.csv.author"),
          colour: t("board.csv.colour"),
          created: t("board.csv.created"),
          shownTo: t("board.csv.shownTo"),
        };
        const csv = boardCsv(board, headings, {
          anonymous: t("board.anonymous"),
          hidden: t("board.silent.hiddenExport"),
          publicLink: t("board.fromPublicLink"),
          draft: t("board.silent.draftExport"),
          hiddenUntil: t("board.silent.hiddenGroup"),
        });
        download(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${name}.csv`);
      } else {
        const { svg, width, height } = boardSvg(board, {
          title,
          dir,
          votesLabel: (n) => t("board.dotsOnNote", { count: n }),
          draftLabel: t("board.silent.draftShort"),
        });
        if (format === "SVG") download(new Blob([svg], { type: "image/svg+xml" }), `${name}.svg`);
        else download(await svgToPng(svg, width, height), `${name}.png`);
      }
      say({ key: "exported", values: { format } });
    } catch {
      say({ key: "exportFailed" });
    }
  };

  return (
    <section className="board-export" aria-labelledby="board-export-h">
      <h2 id="board-export-h" className="board-subheading">
        {t("board.export")}
      </h2>
      <div className="inline-form">
        <button type="button" className="button" onClick={() => void run("CSV")}>
          {t("board.exportCsv")}
        </button>
        <button type="button" className="button" onClick={() => void run("SVG")}>
          {t("board.exportSvg")}
        </button>
        <button type="button" className="button" onClick={() => void run("PNG")}>
          {t("board.exportPng")}
        </button>
      </div>
    </section>
  );
}
