import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { LANGUAGES, directionOf } from "~/i18n/config";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { pageTitle } from "~/components/ui/page-title";
import { qrDataUri } from "../challenges+/qr-poster.server";
import { loadFeedbackPoster, publicFeedbackUrl, shortFeedbackLink } from "./feedback-page.server";
import posterStyles from "~/styles/poster.css";
import feedbackStyles from "~/styles/feedback.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: posterStyles },
  { rel: "stylesheet", href: feedbackStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback.poster.title");
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const { prototype, cycle, languages, state } = await loadFeedbackPoster(access, params);
  const origin = new URL(request.url).origin;
  const code = cycle.feedbackCode;
  // Each language's block is written in that language, whatever the page's own language.
  const blocks = code
    ? await Promise.all(
        languages.map(async (lang) => {
          const t = translator(lang);
          const url = publicFeedbackUrl(origin, code, lang);
          return {
            lang,
            dir: directionOf(lang),
            qr: await qrDataUri(url),
            qrAlt: t("feedback.poster.qrAlt", { url }),
            languageName: LANGUAGES.find((l) => l.code === lang)?.nativeName ?? lang,
            heading: t("feedback.phone.title"),
            invitation: t("feedback.poster.invitation"),
            orType: t("feedback.poster.orType"),
          };
        }),
      )
    : [];
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototype: { id: prototype.id, title: prototype.title },
    cycle: { id: cycle.id, number: cycle.number },
    state,
    short: code ? shortFeedbackLink(origin, code) : null,
    blocks,
  };
}

/** A printable A4 poster: per language of the cycle, an invitation, the QR code and the short link. */
export default function FeedbackPoster() {
  const { t } = useTranslation();
  const { locality, prototype, cycle, state, short, blocks } = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <section className="page poster-page" aria-labelledby="poster-title">
      <div className="poster-screen">
        <p className="breadcrumbs">
          <Link to={`/l/${locality.id}/prototypes/${prototype.id}/cycles/${cycle.id}/feedback`}>{t("feedback.poster.back")}</Link>
        </p>
        <h1 id="poster-title">{t("feedback.poster.title")}</h1>
        <p className="lead">{t("feedback.poster.lead")}</p>
        {state === "none" ? <p className="card notice">{t("feedback.poster.none")}</p> : null}
        {state === "closed" || state === "ended" ? <p className="card notice">{t("feedback.poster.closed")}</p> : null}
        {canPrint && blocks.length ? (
          <p className="poster-actions">
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t("feedback.poster.print")}
            </button>
          </p>
        ) : null}
      </div>
      {blocks.length ? (
        <div className="poster-sheet">
          {blocks.map((b) => (
            <article key={b.lang} className="poster-block" lang={b.lang} dir={b.dir}>
              <p className="poster-place">{locality.name}</p>
              <h2 className="poster-question">{b.heading}</h2>
              <p className="poster-prototype" dir="auto">
                {prototype.title}
              </p>
              <p className="poster-invitation">{b.invitation}</p>
              <img className="poster-qr" src={b.qr} alt={b.qrAlt} width={240} height={240} />
              <p className="poster-link">
                {b.orType} <strong dir="ltr">{short}</strong>
              </p>
            </article>
          ))}
        </div>
      ) : null}
    </section>
  );
}
