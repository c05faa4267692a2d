import { useTranslation } from "react-i18next";
import { SECTORS } from "~/domain/person-fields";

/**
 * Sector colours are defined once, in app/styles/people.css (`--sector-<name>`): the badges use
 * them through classes (the content security policy forbids inline styles) and the map reads them
 * from the stylesheet. Always shown with the sector's name, never colour alone.
 */
export function sectorColour(sector: string, from: Element = document.documentElement): string {
  const known = (SECTORS as readonly string[]).includes(sector) ? sector : "other";
  return getComputedStyle(from).getPropertyValue(`--sector-${known}`).trim() || "#5f6368";
}

/** A sector's name with its colour swatch (never colour alone). */
export function SectorBadge({ sector }: { sector: string }) {
  const { t } = useTranslation();
  return (
    <span className="sector-badge">
      <span className={`swatch sector-${(SECTORS as readonly string[]).includes(sector) ? sector : "other"}`} aria-hidden="true" />
      {t(`sectors.${sector}`, { defaultValue: sector })}
    </span>
  );
}

export function SectorLegend() {
  const { t } = useTranslation();
  return (
    <div className="sector-legend">
      <h3 id="legend-title">{t("relationships.map.legend")}</h3>
      <ul aria-labelledby="legend-title">
        {SECTORS.map((s) => (
          <li key={s}>
            <SectorBadge sector={s} />
          </li>
        ))}
      </ul>
    </div>
  );
}
