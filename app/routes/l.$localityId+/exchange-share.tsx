import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { revokeShare, shareItem } from "~/data/exchange.server";
import { shareInput, type ShareOutcome } from "~/domain/exchange";
import { notFound } from "~/http/http-errors.server";
import { readForm } from "~/http/read-form.server";

/** No page here: GET answers 404. */
export function loader(): never {
  throw notFound();
}

/**
 * The "Exchange" section's forms on a prototype's or an insight's page (locality facilitators):
 * share it with the organisation (or change the note), withdraw it. Back to the item's page with
 * what happened; a prototype or insight of another locality is not found (404).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "exchange.share");
  const form = await readForm(request, context);
  const parsed = shareInput.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  const base = `/l/${access.locality.id}`;
  if (!parsed.success) {
    const kind = form.get("kind");
    const itemId = String(form.get("itemId") ?? "");
    const tooLong = parsed.error.issues.some((i) => i.message === "noteLong");
    const page = /^[A-Za-z0-9_-]{1,64}$/.test(itemId) && (kind === "prototype" || kind === "insight") ? `${base}/${kind}s/${itemId}` : base;
    return redirect(`${page}?exchange=${tooLong ? "noteLong" : "invalid"}#exchange`, { status: 303 });
  }
  const v = parsed.data;
  const page = `${base}/${v.kind}s/${v.itemId}`;
  const go = (outcome: ShareOutcome) => redirect(`${page}?exchange=${outcome}#exchange`, { status: 303 });
  const db = await getDb();
  if (v.intent === "share") {
    const result = await shareItem(db, {
      organisationId: access.locality.organisation.id,
      localityId: access.locality.id,
      kind: v.kind,
      itemId: v.itemId,
      note: v.note,
      actorId: access.user.id,
    });
    if (result === "not-found") throw notFound();
    return go(result);
  }
  const revoked = await revokeShare(db, { localityId: access.locality.id, kind: v.kind, itemId: v.itemId, actorId: access.user.id });
  return go(revoked ? "revoked" : "notShared");
}
