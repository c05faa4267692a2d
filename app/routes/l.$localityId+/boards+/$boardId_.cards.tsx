import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { NoteCardSheet } from "~/components/paper/card-sheets";
import { loadNoteCards } from "./paper-page.server";
import paperStyles from "~/styles/paper.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "paper.cards.title", { board: data?.board.title ?? "" });
export const handle = { strings: ["board"] };
export const clientLoader = withStrings(["board"]);

/** The board's notes as printable cards (anyone who may open the board). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "documents.view");
  return loadNoteCards(access, params.boardId, new URL(request.url).origin);
}

export default function NoteCards() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <section className="page paper-print-page" aria-labelledby="cards-title">
      <div className="paper-screen">
        <p className="breadcrumb">
          <Link to={`/l/${d.locality.id}/boards/${d.board.id}`}>{t("paper.page.back")}</Link>
        </p>
        <h1 id="cards-title">{t("paper.cards.title", { board: d.board.title })}</h1>
        <p className="lead">{d.count > 0 ? t("paper.cards.lead") : t("paper.cards.none")}</p>
        {canPrint && d.count > 0 ? (
          <p className="paper-actions">
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t("paper.cards.print")}
            </button>
          </p>
        ) : null}
      </div>
      {d.sheets.map((sheet, i) => (
        <NoteCardSheet key={sheet[0]?.noteId ?? i} cards={sheet} n={i + 1} total={d.sheets.length} />
      ))}
    </section>
  );
}
