import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireThreadAccess } from "~/auth/thread-access.server";
import { pageTitle } from "~/components/ui/page-title";
import { useRootData } from "~/root";
import { withStrings } from "~/i18n/strings";
import threadStyles from "~/styles/thread.css";
import { loadThreadHistory } from "./thread-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) =>
  pageTitle(matches, "thread.history.pageTitle", { organisation: d?.organisation.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadThreadHistory(await requireThreadAccess(request, params.orgSlug, "view"));
}

export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

/** Every version of the thread, newest first: when, by whom, and what changed. */
export default function ThreadHistoryPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const when = new Intl.DateTimeFormat(locale === "ar" ? "ar" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="page thread-page" aria-labelledby="history-title">
      <h1 id="history-title">{t("thread.history.title")}</h1>
      <p>
        <Link to={`/orgs/${page.organisation.slug}/thread`}>{t("thread.history.back")}</Link>
      </p>
      {page.versions.length === 0 ? (
        <p>{t("thread.history.none")}</p>
      ) : (
        <ol className="thread-history" reversed>
          {page.versions.map((v) => (
            <li key={v.number}>
              <h2>{t("thread.history.version", { number: v.number })}</h2>
              <p className="muted">
                {when.format(new Date(v.createdAt))}
                {v.by ? ` · ${v.by}` : ""}
              </p>
              <ul>
                {v.changes.map((c, i) => (
                  <li key={`${c.itemId}-${i}`}>
                    {t(`thread.change.${c.change}`, { kind: t(`thread.kinds.${c.kind}`) })}: <bdi>{c.title}</bdi>
                    {c.before !== undefined ? (
                      <>
                        {" "}
                        ({t("thread.change.was")} <bdi>{c.before}</bdi>)
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
