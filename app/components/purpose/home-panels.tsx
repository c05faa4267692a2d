import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { levelPairKey } from "~/domain/connectedness";

/** The locality home's purpose: the start of the agreed text with a link to all of it, or an invitation to write one. */
export function PurposeSummary({
  localityId,
  purpose,
}: {
  localityId: string;
  purpose: { hasDocument: boolean; agreed: { name: string; text: string; truncated: boolean } | null };
}) {
  const { t } = useTranslation();
  const path = `/l/${localityId}/purpose`;
  return (
    <section className="card purpose-summary" aria-labelledby="home-purpose-title">
      <h2 id="home-purpose-title">{t("purpose.home.title")}</h2>
      {purpose.agreed ? (
        <>
          <blockquote dir="auto">
            <p>{purpose.agreed.text}</p>
          </blockquote>
          <Link to={path} className="purpose-more">
            {t("purpose.home.readMore")}
          </Link>
        </>
      ) : (
        <>
          <p>{t("purpose.home.none")}</p>
          <Link to={path} className="button">
            {t("purpose.home.write")}
          </Link>
        </>
      )}
    </section>
  );
}

export type HomeProgress = {
  people: number;
  sectors: number;
  ties: number;
  crossSectorTies: number;
  levelPairs: Record<string, number>;
  endorsements: number;
};

/** "28 people from 5 sectors · 112 ties (41 across sectors) · purpose endorsed by 21", each part a link to its page. */
export function ProgressPanel({ localityId, progress }: { localityId: string; progress: HomeProgress }) {
  const { t } = useTranslation();
  const pair = (a: Parameters<typeof levelPairKey>[0], b: Parameters<typeof levelPairKey>[0]) => progress.levelPairs[levelPairKey(a, b)] ?? 0;
  const sep = (
    <span className="progress-sep" aria-hidden="true">
      ·
    </span>
  );
  return (
    <section className="card progress-panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t("purpose.home.progressTitle")}</h2>
      <p className="progress-line">
        <Link to={`/l/${localityId}/people`}>
          {t("purpose.home.people", { count: progress.people })} {t("purpose.home.fromSectors", { count: progress.sectors })}
        </Link>
        {sep}
        <Link to={`/l/${localityId}/relationships`}>
          {t("purpose.home.ties", { count: progress.ties })} {t("purpose.home.acrossSectors", { count: progress.crossSectorTies })}
        </Link>
        {sep}
        <Link to={`/l/${localityId}/purpose`}>{t("purpose.home.endorsedBy", { count: progress.endorsements })}</Link>
      </p>
      <p className="progress-levels">
        <span className="label">{t("purpose.home.levelsTitle")}:</span>{" "}
        {t("purpose.home.levels", {
          residentProfessional: pair("resident", "professional"),
          professionalPolitician: pair("professional", "politician"),
          residentPolitician: pair("resident", "politician"),
        })}
      </p>
    </section>
  );
}
