/**
 * Figures, money and days on the measures page in the page's language. Arabic keeps Western
 * digits, as the app's dates do (app/i18n/dates.ts); days are UK calendar days.
 */
import { dateFormatter } from "~/i18n/dates";

export type MeasureFormat = {
  /** A figure: 1,234.5 (at most two decimals). */
  number: (value: number) => string;
  /** A figure with its unit: "45%", "£30", "9 sessions a month". */
  quantity: (value: number, unit: string) => string;
  /** Pence as pounds: "£12.50". */
  money: (pence: number) => string;
  /** A day (YYYY-MM-DD): "3 Mar 2026". */
  day: (day: string) => string;
};

const CURRENCY_BEFORE = new Set(["£", "$", "€"]);

export function measureFormat(locale: string): MeasureFormat {
  const tag = locale === "ar" ? "ar-u-nu-latn" : "en-GB";
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  // Pounds written by hand ("£12.50" in both languages): browsers' currency names differ ("UK£").
  const pounds = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const days = dateFormatter(locale, { day: "numeric", month: "short", year: "numeric" });
  const number = (value: number) => numbers.format(value);
  return {
    number,
    quantity(value, unit) {
      const u = unit.trim();
      if (CURRENCY_BEFORE.has(u)) return `${u}${number(value)}`;
      if (u === "%") return `${number(value)}%`;
      return u ? `${number(value)} ${u}` : number(value);
    },
    money: (pence) => `£${pounds.format(pence / 100)}`,
    // Noon UTC: the same calendar day in London all year.
    day: (day) => days.format(new Date(`${day.slice(0, 10)}T12:00:00Z`)),
  };
}
