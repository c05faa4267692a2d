import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireExchangeAccess } from "~/auth/exchange-access.server";
import { pageTitle } from "~/components/ui/page-title";
import { EXCHANGE_LIMITS } from "~/domain/exchange";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import exchangeStyles from "~/styles/exchange.css";
import { loadExchangeList } from "./exchange-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exchangeStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) =>
  pageTitle(matches, "exchange.list.pageTitle", { organisation: d?.organisation.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadExchangeList(await requireExchangeAccess(request, params.orgSlug, "view"), new URL(request.url));
}

// This page's strings come with it (app/i18n/strings.ts): the exchange's are in the "prototypes" part.
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

/**
 * The organisation's exchange: what each locality shared (prototypes' recipes and insights), found
 * by words, kind and locality. Works without JavaScript (the search is a GET form).
 */
export default function ExchangeList() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "medium" });
  const base = `/orgs/${page.organisation.slug}/exchange`;
  const filtered = Boolean(page.filters.q || page.filters.kind || page.filters.localityId);
  return (
    <section className="page exchange-page" aria-labelledby="exchange-title">
      <div className="page-heading">
        <h1 id="exchange-title">{t("exchange.list.title")}</h1>
      </div>
      <p className="muted">{page.orgFacilitator ? <Link to={`/orgs/${page.organisation.slug}`}>{page.organisation.name}</Link> : page.organisation.name}</p>
      <p className="lead">{t("exchange.list.lead")}</p>
      <Form method="get" className="card exchange-search" role="search" aria-label={t("exchange.list.searchLabel")}>
        <div className="field">
          <label htmlFor="exchange-q">{t("exchange.list.q")}</label>
          <input id="exchange-q" type="search" name="q" defaultValue={page.filters.q} maxLength={EXCHANGE_LIMITS.query} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="exchange-kind">{t("exchange.list.kind")}</label>
          <select id="exchange-kind" name="kind" defaultValue={page.filters.kind ?? ""}>
            <option value="">{t("exchange.list.anyKind")}</option>
            <option value="prototype">{t("exchange.kinds.prototype")}</option>
            <option value="insight">{t("exchange.kinds.insight")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="exchange-locality">{t("exchange.list.locality")}</label>
          <select id="exchange-locality" name="locality" defaultValue={page.filters.localityId ?? ""}>
            <option value="">{t("exchange.list.anyLocality")}</option>
            {page.localities.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="exchange-search-buttons">
          <button type="submit" className="button primary">
            {t("exchange.list.search")}
          </button>
          {filtered ? <Link to={base}>{t("exchange.list.clear")}</Link> : null}
        </div>
      </Form>
      <p role="status">
        {filtered ? t("exchange.list.found", { count: page.items.length, total: page.total }) : t("exchange.list.count", { count: page.total })}
      </p>
      {page.items.length ? (
        <ul className="exchange-list">
          {page.items.map((item) => (
            <li key={item.id} className="card exchange-item">
              <p className="exchange-item-meta">
                <span className="badge">{t(`exchange.kinds.${item.kind}`)}</span> <span dir="auto">{item.locality.name}</span>
                {" · "}
                {t("exchange.list.sharedOn", { date: day.format(new Date(item.sharedAt)) })}
              </p>
              <h2 className="exchange-item-title">
                <Link to={`${base}/${item.id}`} dir="auto">
                  {item.title}
                </Link>
              </h2>
              {item.lead ? (
                <p className="exchange-item-lead" dir="auto">
                  {item.lead}
                </p>
              ) : null}
              {item.note ? (
                <blockquote className="exchange-note" dir="auto">
                  {item.note}
                </blockquote>
              ) : null}
              <p className="muted">
                {item.status ? <span className="badge">{t(`exchange.statuses.${item.status}`)}</span> : null}
                {item.confidence ? <span className="badge">{t(`exchange.confidence.${item.confidence}`)}</span> : null}{" "}
                {t("exchange.list.comments", { count: item.comments })}
                {" · "}
                {t("exchange.list.copies", { count: item.copies })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card muted">{filtered ? t("exchange.list.noMatch") : t("exchange.list.empty")}</p>
      )}
    </section>
  );
}
