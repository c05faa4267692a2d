import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { i18nServer } from "~/i18n/i18next.server";
import { drawCard } from "./draw-card.server";

/** Nothing to show here: the button lives on the board page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "documents.view");
  return redirect(`/l/${locality.id}/boards/${encodeURIComponent(params.boardId ?? "")}`);
}

/** POST: draw one card of the public servant deck onto the board (facilitators); back to the board, which says what came of it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "boards.facilitate");
  const { boardId, result } = await drawCard(access, params.boardId, await i18nServer.getLocale(request));
  return redirect(`/l/${access.locality.id}/boards/${boardId}?card=${result}`, { status: 303 });
}
