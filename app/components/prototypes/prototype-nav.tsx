import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type PrototypeNavProps = {
  localityId: string;
  prototype: { id: string; title: string; status: string };
  /** The heading's id (the page's <section> is labelled by it). */
  headingId: string;
};

/**
 * The top of every page of one prototype: the way back to the list, its title and status, and
 * its pages (overview, test cycles, measures) as a navigation the current page is marked in.
 */
export function PrototypeNav({ localityId, prototype, headingId }: PrototypeNavProps) {
  const { t } = useTranslation();
  const base = `/l/${localityId}/prototypes/${prototype.id}`;
  return (
    <header className="prototype-header">
      <p className="breadcrumbs">
        <Link to={`/l/${localityId}/prototypes`}>{t("prototypes.nav.all")}</Link>
      </p>
      <h1 id={headingId} dir="auto">
        {prototype.title}
      </h1>
      <p>
        <span className="visually-hidden">{t("prototypes.statusLabel")}: </span>
        <span className={`badge prototype-status status-${prototype.status}`}>
          {t(`prototypes.statuses.${prototype.status}`, { defaultValue: prototype.status })}
        </span>
      </p>
      <nav className="prototype-tabs" aria-label={t("prototypes.nav.label")}>
        <ul>
          <li>
            <NavLink to={base} end>
              {t("prototypes.nav.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/cycles`}>{t("prototypes.nav.cycles")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/measures`}>{t("prototypes.nav.measures")}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}
