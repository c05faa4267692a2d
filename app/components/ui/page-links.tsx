import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageInfo } from "~/domain/paging";

/**
 * Links to the previous and next page of a long list (app/domain/paging.ts), keeping the rest of
 * the address (filters, language) and landing on the list itself (`anchor`, the id of its
 * heading or caption). Plain links: they work without JavaScript.
 */
export function PageLinks({ info, label, anchor }: { info: PageInfo; label: string; anchor: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (info.pages <= 1) return null;
  const to = (page: number) => {
    const params = new URLSearchParams(location.search);
    if (page === 1) params.delete("page");
    else params.set("page", String(page));
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}#${anchor}`;
  };
  return (
    <nav className="page-links" aria-label={label}>
      <p className="page-links-status">
        {t("paging.showing", { from: info.from, to: info.to, total: info.total })} · {t("paging.page", { page: info.page, pages: info.pages })}
      </p>
      <ul>
        {info.page > 1 ? (
          <li>
            <Link to={to(info.page - 1)} rel="prev">
              {t("paging.previous")}
            </Link>
          </li>
        ) : null}
        {info.page < info.pages ? (
          <li>
            <Link to={to(info.page + 1)} rel="next">
              {t("paging.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
