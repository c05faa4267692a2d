import { useTranslation } from "react-i18next";
import { useBoard } from "./context";

/** CSV, SVG and PNG of the board. The export code loads on the first click, not with the board. */
export function ExportPanel({ title, dir }: { title: string; dir: "ltr" | "rtl" }) {
  const { t } = useTranslation();
  const { snapshot, say } = useBoard();
  const name =
    title
      .replace(/[\\/:*?"<>|]+/g, " ")
      .trim()
      .slice(0, 80) || "board";

  const run = async (format: "CSV" | "SVG" | "PNG") => {
    try {
      const { boardCsv, boardSvg, download, svgToPng } = await import("./export");
      if (format === "CSV") {
        const headings = {
          note: t("board.csv.note"),
          cluster: t("board.csv.cluster"),
          votes: t("board.csv.votes"),
          author: t("board.csv.author"),
          colour: t("board.csv.colour"),
          created: t("board.csv.created"),
        };
        const csv = boardCsv(snapshot, headings, {
          anonymous: t("board.anonymous"),
          hidden: t("board.silent.hiddenNote"),
          publicLink: t("board.fromPublicLink"),
        });
        download(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${name}.csv`);
      } else {
        const { svg, width, height } = boardSvg(snapshot, { title, dir, votesLabel: (n) => t("board.dotsOnNote", { count: n }) });
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
