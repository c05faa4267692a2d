import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { ThreadRefused, linkItem, setFacet, unlinkItem, type LinkTarget } from "~/data/golden-thread.server";
import { FACETS } from "~/domain/golden-thread";
import { notFound } from "~/http/http-errors.server";
import { readForm } from "~/http/read-form.server";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const input = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("link"), targetType: z.enum(["prototype", "challenge", "measure"]), targetId: id, itemId: id }),
  z.object({ intent: z.literal("unlink"), targetType: z.enum(["prototype", "challenge", "measure"]), targetId: id, linkId: id }),
  z.object({ intent: z.literal("facet"), targetType: z.literal("prototype"), targetId: id, facet: z.enum(["", ...FACETS]) }),
]);

/** No page here: GET answers 404. */
export function loader(): never {
  throw notFound();
}

/**
 * The "Golden thread" section's forms (locality facilitators): link a prototype, a challenge or a
 * measure to an outcome or principle of the locality's own organisation, remove a link, set a
 * prototype's facet. Back to the page it came from, with what happened (or why it was refused).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "thread.link");
  const form = await readForm(request, context);
  const base = `/l/${access.locality.id}/`;
  const rawBack = String(form.get("back") ?? "");
  const back =
    rawBack.startsWith(base) && !rawBack.includes("//", 1) && !rawBack.includes("?") && !rawBack.includes("#") && rawBack.length < 300 ? rawBack : base;
  const parsed = input.safeParse(Object.fromEntries(form));
  const on = parsed.success ? parsed.data.targetId : "";
  const anchor = parsed.success && parsed.data.targetType === "measure" ? `thread-${on}` : "golden-thread";
  const go = (key: string, value: string) => redirect(`${back}?${key}=${encodeURIComponent(value)}&on=${encodeURIComponent(on)}#${anchor}`, { status: 303 });
  if (!parsed.success) return go("thread", "invalid");
  const v = parsed.data;
  const target: LinkTarget =
    v.targetType === "prototype" ? { prototypeId: v.targetId } : v.targetType === "challenge" ? { challengeId: v.targetId } : { measureId: v.targetId };
  const scope = { organisationId: access.locality.organisation.id, localityId: access.locality.id, actorId: access.user.id };
  const db = await getDb();
  try {
    if (v.intent === "link") await linkItem(db, scope, target, v.itemId);
    else if (v.intent === "unlink") await unlinkItem(db, scope, target, v.linkId);
    else await setFacet(db, scope, v.targetId, v.facet === "" ? null : v.facet);
    return go("threadDone", v.intent);
  } catch (error) {
    if (error instanceof ThreadRefused) return go("thread", error.reason);
    throw error;
  }
}
