import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { cycleLanguages } from "~/domain/cycles";

export type Amendment = { id: string; field: string; before: string; after: string; reason: string; by: string | null; at: string };

/**
 * Money in pounds: "£240.50" in both languages (Arabic's own format writes "UK£", which the groups
 * do not use; their documents write £ and Western digits).
 */
const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
export function usePounds() {
  return (pence: number) => POUNDS.format(pence / 100);
}

/** A calendar day of a cycle (stored as the start of that day in UK time). */
export function useCycleDay() {
  const locale = useRootData()?.locale ?? "en";
  const format = dateFormatter(locale, { dateStyle: "medium" });
  return (iso: string) => format.format(new Date(iso));
}

/** A stored value of a cycle's field (as amendments keep it) in words. */
export function useFieldValue() {
  const { t } = useTranslation();
  const pounds = usePounds();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "medium" });
  return (field: string, value: string): string => {
    if (value === "") return t("cycles.notSet");
    switch (field) {
      case "method":
        return t(`cycles.methods.${value}`, { defaultValue: value });
      case "startsOn":
      case "endsOn": {
        const [y, m, d] = value.split("-").map(Number);
        return day.format(new Date(Date.UTC(y!, m! - 1, d!, 12)));
      }
      case "languages":
        return cycleLanguages(value)
          .map((c) => t(`languageNames.${c}`, { defaultValue: c }))
          .join(t("cycles.listSeparator"));
      case "costPence":
        return pounds(Number(value));
      default:
        return value;
    }
  };
}

/** The corrections of one field, shown beside it: before, after, why, who and when. */
export function FieldAmendments({ field, amendments }: { field: string; amendments: readonly Amendment[] }) {
  const { t } = useTranslation();
  const value = useFieldValue();
  const locale = useRootData()?.locale ?? "en";
  const when = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const mine = amendments.filter((a) => a.field === field);
  if (!mine.length) return null;
  return (
    <ul className="cycle-amendments-inline">
      {mine.map((a) => (
        <li key={a.id}>
          <span className="badge amended">{t("cycles.amend.badge")}</span> {t("cycles.amend.was")} <q dir="auto">{value(field, a.before)}</q> ·{" "}
          <time dateTime={a.at}>{when.format(new Date(a.at))}</time>
          {a.by ? (
            <>
              {" "}
              · <span dir="auto">{a.by}</span>
            </>
          ) : null}
          <br />
          <span className="muted">{t("cycles.amend.because")} </span>
          <span dir="auto">{a.reason}</span>
        </li>
      ))}
    </ul>
  );
}

/** One fact of a cycle: its name, its value (or "not set"), and its corrections beside it. */
export function Fact({
  label,
  field,
  amendments,
  children,
  empty,
}: {
  label: string;
  field: string;
  amendments: readonly Amendment[];
  children: ReactNode;
  empty?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {empty ? <span className="muted">{t("cycles.notSet")}</span> : children}
        <FieldAmendments field={field} amendments={amendments} />
      </dd>
    </div>
  );
}
