/**
 * The "Exchange" section of a prototype's and an insight's page: whether it is shared with the
 * organisation (and the note), where it has travelled ("try it here" drafts in other localities),
 * and for a draft made from the exchange, where it came from. Facilitators share, change the note
 * and withdraw through /l/<locality>/exchange-share.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { findCopyOf, findShareOf, rolesInOrganisation } from "~/data/exchange.server";
import { can, isLocalityRole } from "~/domain/access/policy";
import { shareState, type ExchangeKind } from "~/domain/exchange";
import { asPrototypeStatus } from "~/domain/prototype-records";

export type ExchangeSectionData = Awaited<ReturnType<typeof loadExchangeSection>>;

export async function loadExchangeSection(access: LocalityAccess, target: { kind: ExchangeKind; id: string }) {
  const db = await getDb();
  const slug = access.locality.organisation.slug;
  const [share, copy] = await Promise.all([
    findShareOf(db, target.kind === "prototype" ? { prototypeId: target.id } : { insightId: target.id }),
    target.kind === "prototype" ? findCopyOf(db, target.id) : Promise.resolve(null),
  ]);
  // Links into other localities' drafts only for people who may open them.
  const roles = share?.copies.length ? await rolesInOrganisation(db, access.locality.organisation.id, access.user.id) : null;
  const mayOpen = (localityId: string) =>
    roles !== null &&
    (roles.orgFacilitator || roles.memberships.some((m) => m.localityId === localityId && isLocalityRole(m.role) && can(m.role, "prototypes.view")));
  return {
    target,
    exchangePath: `/orgs/${slug}/exchange`,
    mayShare: can(access.role, "exchange.share"),
    mayView: can(access.role, "exchange.view"),
    state: shareState(share),
    share: share
      ? {
          id: share.id,
          note: share.note,
          sharedAt: share.sharedAt.toISOString(),
          revokedAt: share.revokedAt?.toISOString() ?? null,
        }
      : null,
    travelled: (share?.copies ?? []).map((c) => ({
      id: c.id,
      locality: c.locality.name,
      title: c.prototype?.title ?? null,
      status: c.prototype ? asPrototypeStatus(c.prototype.status) : null,
      createdAt: c.createdAt.toISOString(),
      href: c.prototype && mayOpen(c.locality.id) ? `/l/${c.locality.id}/prototypes/${c.prototype.id}` : null,
    })),
    from: copy
      ? {
          locality: copy.share.locality.name,
          shareId: copy.share.id,
          stillShared: copy.share.revokedAt === null,
          href: `/orgs/${slug}/exchange/${copy.share.id}`,
        }
      : null,
  };
}
