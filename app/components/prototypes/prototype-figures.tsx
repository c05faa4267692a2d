import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type PrototypeFiguresData = { prototypes: number; cycles: number; adopted: number; scaled: number; people: number };

/** Stage 4 on the locality home: "3 prototypes · 5 test cycles · 1 adopted · 64 people took part", a link to the prototypes. */
export function PrototypeFigures({ localityId, figures }: { localityId: string; figures: PrototypeFiguresData }) {
  const { t } = useTranslation();
  const parts = [
    t("prototypeFigures.prototypes", { count: figures.prototypes }),
    t("prototypeFigures.cycles", { count: figures.cycles }),
    t("prototypeFigures.adopted", { count: figures.adopted }),
    ...(figures.scaled > 0 ? [t("prototypeFigures.scaled", { count: figures.scaled })] : []),
    t("prototypeFigures.people", { count: figures.people }),
  ];
  return (
    <section className="card progress-panel prototype-figures" aria-labelledby="prototype-figures-title">
      <h2 id="prototype-figures-title">{t("prototypeFigures.title")}</h2>
      <p className="progress-line">
        <Link to={`/l/${localityId}/prototypes`}>{parts.join(" · ")}</Link>
      </p>
    </section>
  );
}
