import { lazy, Suspense, useEffect, useState } from "react";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { BOARD_UNREACHABLE, boardIntent, loadBoardPage, setBoardLock, setBoardSilence } from "./board-page.server";
import { CsrfField } from "~/components/ui/csrf-field";
import { directionOf } from "~/i18n/config";
import { useRootData } from "~/root";
import boardStyles from "~/styles/board.css";
import { withStrings } from "~/i18n/strings";
import { can } from "~/domain/access/policy";
import { boardPaperSummary } from "./paper-page.server";
import { PaperOnBoard } from "~/components/paper/paper-on-board";
import { DrawCardForm } from "~/components/servant/draw-card-form";
import { initialView, loadBoardApp, preloadBoard, type ViewName } from "~/components/board/load-parts";

// The board itself (Yjs, dnd-kit, both views) is its own chunk, loaded in the browser only, once
// the page has hydrated (so a phone gets the page's own code first) — together with the code of
// the view this device shows, not after it (see BoardPage).
const BoardApp = lazy(loadBoardApp);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.board.title} · Coproduce` : "Coproduce" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "documents.view");
  const page = await loadBoardPage(access, params.boardId);
  // Paper ↔ board: a printed card's note (?note=), and phone cards waiting for facilitators.
  return { ...page, paper: await boardPaperSummary(access, page.board.id, new URL(request.url)) };
}

/** POST intent=lock|unlock (`setBoardLock`) or start-silent|reveal (`setBoardSilence`), facilitators only. */
// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["board", "stories", "ideas", "servant"] };
export const clientLoader = withStrings(["board", "stories", "ideas", "servant"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "boards.facilitate");
  const done = boardIntent(form) === "silence" ? await setBoardSilence(access, params.boardId, form) : await setBoardLock(access, params.boardId, form);
  if (done === BOARD_UNREACHABLE) return data({ error: "board.errors.unreachable" }, { status: 503 });
  if (request.headers.get("Accept")?.includes("application/json")) {
    const { boardId: _id, ...outcome } = done;
    return data(outcome);
  }
  return redirect(`/l/${access.locality.id}/boards/${done.boardId}`, { status: 303 });
}

function LockForm({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.has("intent") === true;
  return (
    <Form method="post" className="inline-form board-lock-form">
      <CsrfField />
      <p className="board-lock-state">{locked ? t("board.lockedState") : t("board.unlockedState")}</p>
      <button type="submit" name="intent" value={locked ? "unlock" : "lock"} className="button" disabled={busy}>
        {locked ? t("board.unlock") : t("board.lockBoard")}
      </button>
    </Form>
  );
}

/** Start or reveal silent brainstorming (facilitators); works without JavaScript too. */
function SilenceForm({ silent }: { silent: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.has("intent") === true;
  return (
    <Form method="post" className="inline-form board-silence-form">
      <CsrfField />
      <button type="submit" name="intent" value={silent ? "reveal" : "start-silent"} className={`button${silent ? " primary" : ""}`} disabled={busy}>
        {silent ? t("board.silent.reveal") : t("board.silent.start")}
      </button>
    </Form>
  );
}

export default function BoardPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  // In the browser: the view this device shows first, and its code asked for with the board's.
  const [firstView, setFirstView] = useState<ViewName | null>(null);
  useEffect(() => {
    const view = initialView();
    preloadBoard(view);
    setFirstView(view);
  }, []);
  const failed = useActionData<typeof action>();
  const error = failed && "error" in failed ? failed.error : null;
  return (
    <section className="board-page" aria-labelledby="board-title">
      {error ? (
        <p className="card error-summary" role="alert">
          {t(error)}
        </p>
      ) : null}
      <div className="board-heading">
        <h1 id="board-title" dir="auto">
          {d.board.title}
        </h1>
        <p className="muted">
          {t(`board.purpose.${d.board.purpose === "analysis" || d.board.purpose === "ideas" ? d.board.purpose : "exercise"}`)}
          {d.board.locked ? <span className="badge board-locked-badge">{t("board.lockedBadge")}</span> : null}
        </p>
        {d.challenge ? (
          <div className="board-challenge">
            <p>
              <span className="muted">{t("challenges.onBoard.heading")}: </span>
              <q dir="auto">{d.challenge.question}</q>
            </p>
            <p className="inline-links">
              <Link to={`/l/${d.locality.id}/challenges/${d.challenge.id}`}>{t("challenges.onBoard.challengePage")}</Link>
              <Link to={`/l/${d.locality.id}/ideas?challenge=${d.challenge.id}`}>{t("challenges.onBoard.ideasList")}</Link>
            </p>
          </div>
        ) : null}
        {d.board.purpose === "analysis" && can(d.role, "insights.edit") ? (
          <p>
            <Link to={`/l/${d.locality.id}/insights/new?board=${d.board.id}`}>{t("insights.fromBoardLink")}</Link>
          </p>
        ) : null}
        {d.canFacilitate && d.board.purpose !== "ideas" ? <DrawCardForm localityId={d.locality.id} boardId={d.board.id} /> : null}
      </div>
      <PaperOnBoard localityId={d.locality.id} boardId={d.board.id} canFacilitate={d.canFacilitate} {...d.paper} />
      <noscript>
        <p className="card notice">{t("board.noscript")}</p>
        {d.canFacilitate ? (
          <>
            <LockForm locked={d.board.locked} />
            <SilenceForm silent={d.board.silent} />
          </>
        ) : null}
      </noscript>
      {firstView ? (
        <Suspense fallback={<p role="status">{t("board.loading")}</p>}>
          <BoardApp
            key={d.docName}
            localityId={d.locality.id}
            boardId={d.board.id}
            docName={d.docName}
            title={d.board.title}
            me={d.me}
            role={d.role}
            canFacilitate={d.canFacilitate}
            initialAccess={d.access}
            recordLocked={d.board.locked}
            lockControl={<LockForm locked={d.board.locked} />}
            silenceControl={<SilenceForm silent={d.board.silent} />}
            draft={d.draft}
            focusNoteId={d.paper.printedNote?.state === "found" ? d.paper.printedNote.id : null}
            dir={directionOf(locale)}
            initialView={firstView}
          />
        </Suspense>
      ) : (
        <p className="muted">{t("board.loading")}</p>
      )}
    </section>
  );
}
