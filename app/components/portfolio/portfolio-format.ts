/** Days, months and money on the portfolio's pages in the page's language (Western digits, UK days). */
import { toCycleDateInput } from "~/domain/cycles";
import { dateFormatter } from "~/i18n/dates";
import { measureFormat } from "~/components/prototypes/measure-format";

export type PortfolioFormat = {
  /** An ISO moment as the UK calendar day it falls on: "3 Mar 2026". */
  day: (iso: string) => string;
  /** "YYYY-MM" as "Mar 2026". */
  month: (month: string) => string;
  money: (pence: number) => string;
  number: (value: number) => string;
};

export function portfolioFormat(locale: string): PortfolioFormat {
  const f = measureFormat(locale);
  const months = dateFormatter(locale, { month: "short", year: "numeric" });
  return {
    day: (iso) => f.day(toCycleDateInput(iso)),
    month: (month) => months.format(new Date(`${month}-15T12:00:00Z`)),
    money: f.money,
    number: f.number,
  };
}
