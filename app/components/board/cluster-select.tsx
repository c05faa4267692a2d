import { useState } from "react";
import { useTranslation } from "react-i18next";

type ClusterChoice = { id: string; name: string };

/**
 * A select of the board's clusters ("move to", "merge into"). Until someone reaches it (focus,
 * pointer, touch) it holds only its current choice: an outline of 500 clusters would otherwise
 * put a quarter of a million options in the page. `none` labels a first, empty choice.
 */
export function ClusterSelect({
  id,
  value,
  onChange,
  clusters,
  none,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
  clusters: readonly ClusterChoice[];
  none?: string;
}) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  const wake = () => {
    if (!full) setFull(true);
  };
  const shown = full ? clusters : clusters.filter((c) => c.id === value);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} onFocus={wake} onPointerDown={wake} onMouseEnter={wake} onTouchStart={wake}>
      {none !== undefined ? <option value="">{none}</option> : null}
      {shown.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name || t("board.untitledCluster")}
        </option>
      ))}
    </select>
  );
}
