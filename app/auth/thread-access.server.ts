/**
 * The gate of an organisation's golden thread. Unlike other organisation pages, every member of
 * any of the organisation's localities reads it ("thread.view" in a locality); only organisation
 * facilitators change it ("thread.edit"). Anyone else — people of other organisations, a slug that
 * does not exist — gets 404; signed out goes to sign-in; a reader who asks to change it gets 403.
 */
import { z } from "zod";
import { getDb } from "~/data/db.server";
import { findThreadReader } from "~/data/golden-thread.server";
import { can, canInOrganisation, isLocalityRole } from "~/domain/access/policy";
import { forbidden, notFound } from "~/http/http-errors.server";
import { requireUser, type SessionUser } from "./session.server";

export type ThreadAccess = {
  user: SessionUser;
  organisation: { id: string; slug: string; name: string };
  mayEdit: boolean;
  /** Whether the person is an organisation facilitator (the organisation's own pages link back). */
  orgFacilitator: boolean;
};

const slugParam = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/);

export async function requireThreadAccess(request: Request, rawSlug: string | undefined, need: "view" | "edit"): Promise<ThreadAccess> {
  const user = await requireUser(request);
  const slug = slugParam.safeParse(rawSlug);
  if (!slug.success) throw notFound();
  const found = await findThreadReader(await getDb(), slug.data, user.id);
  if (!found) throw notFound();
  const orgRole = found.members[0]?.role === "facilitator" ? "facilitator" : null;
  const readsAsMember = found.localities.some((l) => l.memberships.some((m) => isLocalityRole(m.role) && can(m.role, "thread.view")));
  if (!canInOrganisation(orgRole, "thread.view") && !readsAsMember) throw notFound();
  const mayEdit = canInOrganisation(orgRole, "thread.edit");
  if (need === "edit" && !mayEdit) throw forbidden();
  return { user, organisation: { id: found.id, slug: found.slug, name: found.name }, mayEdit, orgFacilitator: orgRole === "facilitator" };
}
