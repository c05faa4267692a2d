import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadStoryPage } from "./story-page.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { useRootData } from "~/root";
import { RedactedText } from "~/components/stories/redacted-text";
import { ConsentSummary, OriginalText, StoryMetaList, StoryTabs } from "~/components/stories/story-parts";
import { StoryPhotos } from "~/components/stories/story-photos";
import { WithdrawnNotice } from "~/components/stories/withdrawn-notice";
import { useLiveUpdates } from "~/components/ui/use-live-updates";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: d ? `${d.story.title} · ${t("app.name")}` : t("app.name") }];
};
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  const wantOriginal = new URL(request.url).searchParams.get("view") === "original";
  return loadStoryPage(access, params.storyId, await i18nServer.getLocale(request), wantOriginal);
}

/** One story: redacted for everyone (facilitators may switch to the original, which is logged). */
export default function StoryPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const locale = useRootData()?.locale ?? "en";
  const { locality, story, original, may } = page;
  const base = `/l/${locality.id}/stories/${story.id}`;
  // Live: marked identifiers, consent and text changes reload the page; a withdrawal replaces it.
  // Not while the original is shown: each load of the original is recorded in the activity log.
  const live = useLiveUpdates(original ? null : `${base}/events`);
  if (live.lastEvent === "withdrawn") return <WithdrawnNotice localityId={locality.id} />;
  return (
    <article className="page story-page" aria-labelledby="story-title">
      <p className="breadcrumb">
        <Link to={`/l/${locality.id}/stories`}>{t("stories.back")}</Link>
      </p>
      <h1 id="story-title" dir="auto">
        {story.title}
      </h1>
      {may.manage ? <StoryTabs localityId={locality.id} storyId={story.id} /> : null}
      {search.get("created") ? (
        <p className="card success" role="status">
          {t("stories.created")}
        </p>
      ) : null}
      <div className="story-layout">
        <div className="story-main">
          {may.manage ? (
            <div className="story-view-toggle" role="group" aria-label={t("stories.view.label")}>
              <p className="hint">{original ? t("stories.view.originalHint") : t("stories.view.redactedHint")}</p>
              {original ? (
                <Link to={base} className="button">
                  {t("stories.view.showRedacted")}
                </Link>
              ) : (
                <Link to={`${base}?view=original`} className="button">
                  {t("stories.view.showOriginal")}
                </Link>
              )}
            </div>
          ) : null}
          <section aria-labelledby="story-text-heading">
            <h2 id="story-text-heading">{original ? t("stories.originalText") : t("stories.text")}</h2>
            {!page.hasText ? (
              <p className="muted">{t("stories.noText")}</p>
            ) : original ? (
              <OriginalText segments={original.segments} lang={story.language} />
            ) : (
              <RedactedText segments={page.redacted} lang={story.language} />
            )}
          </section>
          {may.code && page.hasText ? (
            <p>
              <Link to={`${base}/code`} className="button primary">
                {t("stories.codeThis")}
              </Link>
            </p>
          ) : null}
          {page.photos.length ? <StoryPhotos localityId={locality.id} storyId={story.id} photos={page.photos} /> : null}
        </div>
        <aside className="story-side" aria-label={t("stories.aboutStory")}>
          <StoryMetaList story={story} locale={locale} />
          {original ? (
            <section className="card identity" aria-labelledby="identity-title">
              <h2 id="identity-title">{t("stories.sections.identity")}</h2>
              {original.identity ? (
                <dl className="story-meta">
                  <div>
                    <dt>{t("stories.fields.realName")}</dt>
                    <dd dir="auto">{original.identity.realName || t("stories.notRecorded")}</dd>
                  </div>
                  <div>
                    <dt>{t("stories.fields.contact")}</dt>
                    <dd dir="auto">{original.identity.contact || t("stories.notRecorded")}</dd>
                  </div>
                </dl>
              ) : (
                <p className="muted">{t("stories.noIdentity")}</p>
              )}
            </section>
          ) : null}
          <ConsentSummary consent={page.consent} locale={locale} />
          {may.manage ? (
            <p>
              <Link to={`${base}/consent`}>{page.consent ? t("stories.consent.change") : t("stories.consent.record")}</Link>
            </p>
          ) : null}
        </aside>
      </div>
    </article>
  );
}
