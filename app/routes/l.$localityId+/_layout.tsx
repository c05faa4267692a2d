import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { can } from "~/domain/access/policy";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role } = await requireLocalityAccess(request, params.localityId, "locality.view");
  return {
    locality,
    role,
    may: { manageMembers: can(role, "members.manage"), viewAudit: can(role, "audit.view"), setStage: can(role, "stage.set") },
  };
}

export default function LocalityLayout() {
  const { t } = useTranslation();
  const { locality, role, may } = useLoaderData<typeof loader>();
  return (
    <div className="locality">
      <div className="locality-bar">
        <p className="locality-name">
          <NavLink to={`/l/${locality.id}`} end>
            {locality.name}
          </NavLink>
          <span className="badge">{t(`roles.${role}`)}</span>
        </p>
        <nav aria-label={t("locality.navLabel")} className="locality-nav">
          <NavLink to={`/l/${locality.id}`} end>
            {t("locality.overview")}
          </NavLink>
          <NavLink to={`/l/${locality.id}/people`}>{t("locality.people")}</NavLink>
          <NavLink to={`/l/${locality.id}/relationships`}>{t("locality.relationships")}</NavLink>
          <NavLink to={`/l/${locality.id}/workshops`}>{t("locality.workshops")}</NavLink>
          <NavLink to={`/l/${locality.id}/purpose`}>{t("locality.purpose")}</NavLink>
          <NavLink to={`/l/${locality.id}/stories`}>{t("locality.stories")}</NavLink>
          <NavLink to={`/l/${locality.id}/analysis`}>{t("locality.analysis")}</NavLink>
          <NavLink to={`/l/${locality.id}/insights`}>{t("locality.insights")}</NavLink>
          <NavLink to={`/l/${locality.id}/challenges`}>{t("locality.ideas")}</NavLink>
          <NavLink to={`/l/${locality.id}/prototypes`}>{t("locality.prototypes")}</NavLink>
          <NavLink to={`/l/${locality.id}/boards`}>{t("locality.boards")}</NavLink>
          <NavLink to={`/l/${locality.id}/documents`}>{t("locality.documents")}</NavLink>
          {may.manageMembers ? <NavLink to={`/l/${locality.id}/members`}>{t("locality.members")}</NavLink> : null}
          {may.viewAudit ? <NavLink to={`/l/${locality.id}/audit`}>{t("locality.audit")}</NavLink> : null}
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
