import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Shown in place of a story that was withdrawn while someone had it open. */
export function WithdrawnNotice({ localityId }: { localityId: string }) {
  const { t } = useTranslation();
  return (
    <div className="card notice coding-withdrawn" role="alert">
      <p>
        <strong>{t("analysis.coding.withdrawn")}</strong>
      </p>
      <p>
        <Link to={`/l/${localityId}/stories`}>{t("analysis.coding.toStories")}</Link>
      </p>
    </div>
  );
}
