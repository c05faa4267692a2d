import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** On a session's page, for members: a private reflection on it ("Reflect on this session"). */
export function ReflectOnSession({ localityId, workshopId }: { localityId: string; workshopId: string }) {
  const { t } = useTranslation();
  return (
    <p className="reflect-on-session">
      <Link to={`/l/${localityId}/reflections?workshop=${workshopId}#write-reflection`} className="button" aria-describedby="reflect-on-session-hint">
        {t("servant.reflections.reflectOnSession")}
      </Link>{" "}
      <span id="reflect-on-session-hint" className="hint">
        {t("servant.reflections.reflectHint")}
      </span>
    </p>
  );
}
