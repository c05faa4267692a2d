import { lazy, Suspense, useEffect, useState } from "react";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/auth/form.server";
import { badRequest, notFound } from "~/auth/http-errors.server";
import { getDb } from "~/data/db.server";
import { findBoard, setBoardLocked } from "~/data/boards.server";
import { boardAccess } from "~/domain/documents";
import { can } from "~/domain/access/policy";
import { formatDocumentName } from "~/collab/names";
import { setLocked } from "~/collab/board";
import { applyServerChange, reauthorizeDocument } from "~/collab/backend.server";
import { CsrfField } from "~/components/ui/csrf-field";
import { directionOf } from "~/i18n/config";
import { useRootData } from "~/root";
import boardStyles from "~/styles/board.css";

// The board itself (Yjs, dnd-kit, both views) is its own chunk, loaded in the browser only.
const BoardApp = lazy(() => import("~/components/board/BoardApp"));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.board.title} · Coproduce` : "Coproduce" }];

const boardIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

async function loadBoard(request: Request, params: { localityId?: string; boardId?: string }, action: "documents.view" | "boards.facilitate") {
  const access = await requireLocalityAccess(request, params.localityId, action);
  const boardId = boardIdParam.safeParse(params.boardId);
  if (!boardId.success) throw notFound();
  const board = await findBoard(await getDb(), access.locality.id, boardId.data);
  if (!board) throw notFound();
  return { ...access, board };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, locality, board } = await loadBoard(request, params, "documents.view");
  return {
    locality: { id: locality.id, name: locality.name },
    board: { id: board.id, title: board.title, purpose: board.purpose, locked: board.locked },
    me: { id: user.id, name: user.name },
    role,
    canFacilitate: can(role, "boards.facilitate"),
    access: boardAccess(role, board) ?? "read-only",
    docName: formatDocumentName({ localityId: locality.id, kind: "board", documentId: board.id }),
  };
}

const lockSchema = z.object({ intent: z.enum(["lock", "unlock"]) });

/**
 * POST intent=lock|unlock (facilitators): the record first (new tokens follow it), then the
 * document's mirror of it (everyone sees the lock at once), then open connections are closed
 * so members reconnect with a read-only token — the server refuses their edits from then on.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { user, locality, board } = await loadBoard(request, params, "boards.facilitate");
  const parsed = lockSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const locked = parsed.data.intent === "lock";
  const db = await getDb();
  await setBoardLocked(db, { localityId: locality.id, boardId: board.id, actorId: user.id, locked });
  const docName = formatDocumentName({ localityId: locality.id, kind: "board", documentId: board.id });
  await applyServerChange(docName, (doc) => setLocked(doc, locked));
  await reauthorizeDocument(docName);
  if (request.headers.get("Accept")?.includes("application/json")) return data({ locked });
  return redirect(`/l/${locality.id}/boards/${board.id}`, { status: 303 });
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

export default function BoardPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const [client, setClient] = useState(false);
  useEffect(() => setClient(true), []);
  return (
    <section className="board-page" aria-labelledby="board-title">
      <div className="board-heading">
        <h1 id="board-title" dir="auto">{d.board.title}</h1>
        <p className="muted">
          {t(`board.purpose.${d.board.purpose === "analysis" || d.board.purpose === "ideas" ? d.board.purpose : "exercise"}`)}
          {d.board.locked ? <span className="badge board-locked-badge">{t("board.lockedBadge")}</span> : null}
        </p>
      </div>
      <noscript>
        <p className="card notice">{t("board.noscript")}</p>
        {d.canFacilitate ? <LockForm locked={d.board.locked} /> : null}
      </noscript>
      {client ? (
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
            dir={directionOf(locale)}
          />
        </Suspense>
      ) : (
        <p className="muted">{t("board.loading")}</p>
      )}
    </section>
  );
}
