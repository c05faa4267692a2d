import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { cardKeys } from "~/domain/public-servant-deck";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";

export type ReflectionView = {
  id: string;
  body: string;
  theme: number | null;
  workshop: { id: string; title: string } | null;
  sharedAt: string | null;
  createdAt: string;
  author?: string;
};

/** One reflection: what it is about, when, whether it is shared, its text; `children` holds its author's buttons. */
export function ReflectionEntry({
  localityId,
  reflection,
  showPrivacy,
  children,
}: {
  localityId: string;
  reflection: ReflectionView;
  showPrivacy: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const date = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <li className="card reflection" data-reflection={reflection.id}>
      <p className="reflection-meta">
        {reflection.author ? <strong dir="auto">{t("servant.reflections.by", { name: reflection.author })}</strong> : null}
        <span>{t("servant.reflections.writtenOn", { date: date.format(new Date(reflection.createdAt)) })}</span>
        {showPrivacy ? (
          reflection.sharedAt ? (
            <span className="badge">{t("servant.reflections.shared")}</span>
          ) : (
            <span className="badge reflection-private">{t("servant.reflections.private")}</span>
          )
        ) : reflection.sharedAt ? (
          <span>{t("servant.reflections.sharedOn", { date: date.format(new Date(reflection.sharedAt)) })}</span>
        ) : null}
      </p>
      {reflection.workshop || reflection.theme ? (
        <p className="reflection-meta">
          {reflection.workshop ? (
            <Link to={`/l/${localityId}/workshops/${reflection.workshop.id}`} dir="auto">
              {t("servant.reflections.afterSession", { title: reflection.workshop.title })}
            </Link>
          ) : null}
          {reflection.theme ? <span>{t("servant.reflections.onTheme", { number: reflection.theme, title: t(cardKeys(reflection.theme).title) })}</span> : null}
        </p>
      ) : null}
      <p className="reflection-body" dir="auto">
        {reflection.body}
      </p>
      {children}
    </li>
  );
}
