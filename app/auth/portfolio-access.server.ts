/**
 * The gate of the organisation's portfolio (its page, committee report and CSV). Unlike other
 * organisation pages, a locality's facilitator who is not an organisation facilitator passes too,
 * and sees only their own localities' rows (policy.ts `portfolioScope`). Everyone else — members,
 * viewers, people of other organisations, a slug that does not exist — gets 404; signed out goes
 * to sign-in. An action the person's organisation role does not allow (changing the settings)
 * gets 403.
 */
import { z } from "zod";
import { getDb } from "~/data/db.server";
import { findPortfolioViewer } from "~/data/portfolio.server";
import { canInOrganisation, portfolioScope, type OrganisationAction, type PortfolioScope } from "~/domain/access/policy";
import { forbidden, notFound } from "~/http/http-errors.server";
import { requireUser, type SessionUser } from "./session.server";

export type PortfolioAccess = {
  user: SessionUser;
  organisation: { id: string; slug: string; name: string };
  scope: PortfolioScope;
  /** Whether this person may change the portfolio's settings. */
  mayConfigure: boolean;
};

const slugParam = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/);

export async function requirePortfolioAccess(request: Request, rawSlug: string | undefined, action?: OrganisationAction): Promise<PortfolioAccess> {
  const user = await requireUser(request);
  const slug = slugParam.safeParse(rawSlug);
  if (!slug.success) throw notFound();
  const found = await findPortfolioViewer(await getDb(), slug.data, user.id);
  if (!found) throw notFound();
  const orgRole = found.members[0]?.role === "facilitator" ? "facilitator" : null;
  const scope = portfolioScope(
    orgRole,
    found.localities.flatMap((l) => l.memberships.map((m) => ({ localityId: l.id, role: m.role }))),
  );
  if (!scope) throw notFound();
  if (action && !canInOrganisation(orgRole, action)) throw forbidden();
  return {
    user,
    organisation: { id: found.id, slug: found.slug, name: found.name },
    scope,
    mayConfigure: canInOrganisation(orgRole, "portfolio.configure"),
  };
}
