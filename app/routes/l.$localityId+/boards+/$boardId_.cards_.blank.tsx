import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { blankCardCount } from "~/domain/paper-cards";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { BlankCardSheet } from "~/components/paper/card-sheets";
import { loadBlankCards } from "./paper-page.server";
import paperStyles from "~/styles/paper.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "paper.blankCards.title", { board: data?.board.title ?? "" });
export const handle = { strings: ["board"] };
export const clientLoader = withStrings(["board"]);

/** N blank cards (?count=N) with the board's card code, made on the first print (facilitators). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "boards.facilitate");
  const url = new URL(request.url);
  return loadBlankCards(access, params.boardId, url.origin, blankCardCount(url.searchParams.get("count")));
}

export default function BlankCards() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <section className="page paper-print-page" aria-labelledby="blank-title">
      <div className="paper-screen">
        <p className="breadcrumb">
          <Link to={`/l/${d.locality.id}/boards/${d.board.id}/paper`}>{t("paper.cards.back")}</Link>
        </p>
        <h1 id="blank-title">{t("paper.blankCards.title", { board: d.board.title })}</h1>
        <p className="lead">{t("paper.blankCards.lead")}</p>
        {d.board.locked ? <p className="card notice">{t("paper.page.blank.locked")}</p> : null}
        {canPrint ? (
          <p className="paper-actions">
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t("paper.blankCards.print")}
            </button>
          </p>
        ) : null}
      </div>
      {d.sheets.map((sheet, i) => (
        <BlankCardSheet key={sheet[0]} count={sheet.length} qr={d.qr} short={d.short} n={i + 1} total={d.sheets.length} />
      ))}
    </section>
  );
}
