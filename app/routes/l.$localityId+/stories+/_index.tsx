import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadStoryList } from "./story-page.server";
import { readStoryFilter } from "./story-filter.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import { pageTitle } from "~/components/ui/page-title";
import { storyDate } from "~/components/stories/story-parts";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  return loadStoryList(access, await i18nServer.getLocale(request), readStoryFilter(new URL(request.url)));
}

/** The locality's stories: what members may read, and (facilitators) every story, with those that still need consent marked. */
export default function Stories() {
  const { t } = useTranslation();
  const { locality, stories, total, methods, languages, filter, may } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const [search] = useSearchParams();
  return (
    <section className="page stories-page" aria-labelledby="stories-title">
      <h1 id="stories-title">{t("stories.title")}</h1>
      <p className="lead">{may.manage ? t("stories.leadFacilitator") : t("stories.lead")}</p>
      <div role="status">{search.get("withdrawn") ? <p className="card success">{t("stories.withdrawnDone")}</p> : null}</div>
      {may.manage ? (
        <p>
          <Link to={`/l/${locality.id}/stories/new`} className="button primary">
            {t("stories.capture")}
          </Link>
        </p>
      ) : null}
      {total > 1 && (methods.length > 1 || languages.length > 1) ? (
        <Form method="get" className="card story-filter" aria-label={t("stories.filter.label")}>
          <div className="field">
            <label htmlFor="filter-method">{t("stories.fields.method")}</label>
            <select id="filter-method" name="method" defaultValue={filter.method ?? ""}>
              <option value="">{t("stories.filter.any")}</option>
              {methods.map((m) => (
                <option key={m} value={m}>
                  {t(`stories.methods.${m}`, { defaultValue: m })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-language">{t("stories.fields.language")}</label>
            <select id="filter-language" name="language" defaultValue={filter.language ?? ""}>
              <option value="">{t("stories.filter.any")}</option>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {t(`languageNames.${l}`, { defaultValue: l })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("stories.filter.apply")}
          </button>
        </Form>
      ) : null}
      {stories.length ? (
        <ul className="record-list story-list">
          {stories.map((s) => (
            <li key={s.id} className={`card record story-card${s.hasConsent ? "" : " needs-consent"}`}>
              <h2 className="record-title">
                <Link to={`/l/${locality.id}/stories/${s.id}`} dir="auto">
                  {s.title}
                </Link>
              </h2>
              {s.hasConsent ? null : <p className="badge warning">{t("stories.needsConsent")}</p>}
              <p>
                <span dir="auto">{s.storytellerPseudonym}</span> · {t(`stories.methods.${s.method}`, { defaultValue: s.method })} ·{" "}
                {t(`languageNames.${s.language}`, { defaultValue: s.language })}
              </p>
              <p className="muted">
                {storyDate(locale, s.occurredOn)}
                {s.place ? (
                  <>
                    {" · "}
                    <span dir="auto">{s.place}</span>
                  </>
                ) : null}
                {s.interviewer ? (
                  <>
                    {" · "}
                    {t("stories.collectedBy", { name: s.interviewer })}
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{total ? t("stories.noneMatch") : may.manage ? t("stories.noneFacilitator") : t("stories.none")}</p>
      )}
    </section>
  );
}
