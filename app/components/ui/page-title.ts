import type { MetaDescriptor } from "@remix-run/node";
import { translator } from "~/i18n/translate";

type Match = { id: string; data: unknown };

/** "<page> · Coproduce" in the page's language (from the root loader's locale). */
export function pageTitle(matches: Match[], key: string, values?: Record<string, string>): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(root?.locale ?? "en");
  return [{ title: `${t(key, values)} · ${t("app.name")}` }];
}
