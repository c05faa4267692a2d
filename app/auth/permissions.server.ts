import { z } from "zod";
import { getDb } from "~/data/db.server";
import { can, canInOrganisation, isLocalityRole, strongerRole, type LocalityAction, type LocalityRole, type OrganisationAction } from "~/domain/access/policy";
import { forbidden, notFound } from "~/http/http-errors.server";
import { oncePerRequest } from "~/http/request-context.server";
import { requireUser, type SessionUser } from "./session.server";
import { findLocalityWithRolesOf, findOrganisationWithRoleOf } from "~/data/localities.server";

const idParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The role a user holds in a locality: their membership, raised by an organisation role. */
export async function localityRoleOf(userId: string, localityId: string) {
  const locality = await findLocalityWithRolesOf(await getDb(), localityId, userId);
  if (!locality) return null;
  const { memberRole } = locality;
  const orgRole = locality.organisationRole === "facilitator" ? "facilitator" : null;
  const role = strongerRole(isLocalityRole(memberRole) ? memberRole : null, orgRole);
  return { locality, role };
}

export type LocalityAccess = {
  user: SessionUser;
  role: LocalityRole;
  locality: { id: string; name: string; slug: string; description: string; currentStage: number; organisation: { id: string; slug: string; name: string } };
};

/**
 * The one gate for locality routes. Signed out → sign-in; not in the locality (or no such
 * id) → 404, so ids never reveal what exists; in it without the right → 403.
 */
export async function requireLocalityAccess(request: Request, rawLocalityId: string | undefined, action: LocalityAction): Promise<LocalityAccess> {
  const user = await requireUser(request);
  const parsed = idParam.safeParse(rawLocalityId);
  if (!parsed.success) throw notFound();
  // A page request asks twice (the locality layout's loader and the page's): read the role once.
  const readOnly = request.method === "GET" || request.method === "HEAD";
  const found = await (readOnly
    ? oncePerRequest(`locality-role:${user.id}:${parsed.data}`, () => localityRoleOf(user.id, parsed.data))
    : localityRoleOf(user.id, parsed.data));
  if (!found?.role) throw notFound();
  if (!can(found.role, action)) throw forbidden();
  const { locality } = found;
  return {
    user,
    role: found.role,
    locality: {
      id: locality.id,
      name: locality.name,
      slug: locality.slug,
      description: locality.description,
      currentStage: locality.currentStage,
      organisation: { id: locality.organisation.id, slug: locality.organisation.slug, name: locality.organisation.name },
    },
  };
}

/** The gate for organisation routes; only the organisation's facilitators pass (others: 404). */
export async function requireOrganisationAccess(request: Request, rawSlug: string | undefined, action: OrganisationAction) {
  const user = await requireUser(request);
  const slug = z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9-]+$/)
    .safeParse(rawSlug);
  if (!slug.success) throw notFound();
  const organisation = await findOrganisationWithRoleOf(await getDb(), slug.data, user.id);
  const role = organisation?.members[0]?.role === "facilitator" ? "facilitator" : null;
  if (!organisation || !role) throw notFound();
  if (!canInOrganisation(role, action)) throw forbidden();
  return { user, organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name } };
}
