/**
 * The gate of an organisation's exchange. Like the golden thread, every member and viewer of any
 * of the organisation's localities reads it ("exchange.view" in a locality), and so do its
 * organisation facilitators; comments need a member's role somewhere ("exchange.comment"), "try
 * it here" a facilitator's ("exchange.try"). Anyone else — people of other organisations, a slug
 * that does not exist — gets 404; signed out goes to sign-in; a reader who asks for more gets 403.
 * Reading the exchange never opens another locality's workspace: links into a locality are given
 * only to people who may open it (`mayOpen`).
 */
import { z } from "zod";
import { getDb } from "~/data/db.server";
import { findExchangeReader } from "~/data/exchange.server";
import { can, canInOrganisation, isLocalityRole, type LocalityAction, type LocalityRole } from "~/domain/access/policy";
import { forbidden, notFound } from "~/http/http-errors.server";
import { requireUser, type SessionUser } from "./session.server";

export type ExchangeNeed = "view" | "comment" | "try";

export type ExchangeAccess = {
  user: SessionUser;
  organisation: { id: string; slug: string; name: string };
  orgFacilitator: boolean;
  /** Every locality of the organisation with this person's role in it (an organisation facilitator facilitates each). */
  localities: Array<{ id: string; name: string; role: LocalityRole | null }>;
  may: { comment: boolean; try: boolean; moderate: boolean };
};

const slugParam = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/);

/** Whether the person's role in a locality of the organisation allows an action there. */
export function mayIn(access: Pick<ExchangeAccess, "localities">, localityId: string, action: LocalityAction): boolean {
  const locality = access.localities.find((l) => l.id === localityId);
  return Boolean(locality && can(locality.role, action));
}

/** Whether the person may open a locality's page of this kind (the exchange links there only then). */
export function mayOpen(access: Pick<ExchangeAccess, "localities">, localityId: string): boolean {
  return mayIn(access, localityId, "prototypes.view");
}

export async function requireExchangeAccess(request: Request, rawSlug: string | undefined, need: ExchangeNeed): Promise<ExchangeAccess> {
  const user = await requireUser(request);
  const slug = slugParam.safeParse(rawSlug);
  if (!slug.success) throw notFound();
  const found = await findExchangeReader(await getDb(), slug.data, user.id);
  if (!found) throw notFound();
  const orgFacilitator = found.members[0]?.role === "facilitator";
  const localities = found.localities.map((l) => {
    const own = l.memberships[0]?.role;
    const role: LocalityRole | null = orgFacilitator ? "facilitator" : isLocalityRole(own) ? own : null;
    return { id: l.id, name: l.name, role };
  });
  const orgRole = orgFacilitator ? "facilitator" : null;
  const has = (action: LocalityAction) => localities.some((l) => can(l.role, action));
  if (!canInOrganisation(orgRole, "exchange.view") && !has("exchange.view")) throw notFound();
  const may = {
    comment: canInOrganisation(orgRole, "exchange.comment") || has("exchange.comment"),
    try: canInOrganisation(orgRole, "exchange.try") || has("exchange.try"),
    moderate: canInOrganisation(orgRole, "exchange.moderate"),
  };
  if ((need === "comment" && !may.comment) || (need === "try" && !may.try)) throw forbidden();
  return { user, organisation: { id: found.id, slug: found.slug, name: found.name }, orgFacilitator, localities, may };
}
