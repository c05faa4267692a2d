import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLiveUpdates } from "~/components/ui/use-live-updates";

/** The analysis pages' heading and tabs; they reload when the locality's coding changes. */
export function AnalysisHeader({ localityId, title }: { localityId: string; title: string }) {
  const { t } = useTranslation();
  useLiveUpdates(`/l/${localityId}/analysis/events`);
  const base = `/l/${localityId}/analysis`;
  return (
    <>
      <h1 id="analysis-title">{title}</h1>
      <nav aria-label={t("analysis.nav.label")} className="analysis-nav">
        <NavLink to={base} end>
          {t("analysis.nav.codebook")}
        </NavLink>
        <NavLink to={`${base}/counts`}>{t("analysis.nav.counts")}</NavLink>
        <NavLink to={`${base}/coders`}>{t("analysis.nav.coders")}</NavLink>
        <NavLink to={`${base}/disagreements`}>{t("analysis.nav.disagreements")}</NavLink>
      </nav>
    </>
  );
}
