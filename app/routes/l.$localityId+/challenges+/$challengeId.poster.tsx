import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { challengeAcceptsIdeas, challengeLanguages } from "~/domain/ideas";
import { LANGUAGES, directionOf } from "~/i18n/config";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { pageTitle } from "~/components/ui/page-title";
import { findPosterChallenge, publicIdeaUrl, qrDataUri, shortIdeaLink } from "./qr-poster.server";
import posterStyles from "~/styles/poster.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: posterStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "phone.poster.title");
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "ideas.view");
  const challenge = await findPosterChallenge(await getDb(), locality.id, params.challengeId);
  if (!challenge) throw notFound();
  const origin = new URL(request.url).origin;
  const short = shortIdeaLink(origin, challenge.linkCode);
  // Each language's block is written in that language, whatever the page's own language.
  const blocks = await Promise.all(
    challengeLanguages(challenge.languages).map(async (lang) => {
      const t = translator(lang);
      const url = publicIdeaUrl(origin, challenge.linkCode, lang);
      return {
        lang,
        dir: directionOf(lang),
        url,
        qr: await qrDataUri(url),
        qrAlt: t("phone.poster.qrAlt", { url }),
        languageName: LANGUAGES.find((l) => l.code === lang)?.nativeName ?? lang,
        invitation: t("phone.poster.invitation"),
        orType: t("phone.poster.orType"),
        download: `/l/${locality.id}/challenges/${challenge.id}/qr.svg?lng=${lang}`,
      };
    }),
  );
  return {
    locality: { id: locality.id, name: locality.name },
    challenge: { id: challenge.id, question: challenge.question, open: challengeAcceptsIdeas(challenge) },
    short,
    blocks,
  };
}

/** A printable A4 poster: per language, the question, an invitation, the QR code and the short link. */
export default function ChallengePoster() {
  const { t } = useTranslation();
  const { locality, challenge, short, blocks } = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <section className="page poster-page" aria-labelledby="poster-title">
      <div className="poster-screen">
        <p className="breadcrumb">
          <Link to={`/l/${locality.id}/challenges/${challenge.id}`}>{t("phone.poster.back")}</Link>
        </p>
        <h1 id="poster-title">{t("phone.poster.title")}</h1>
        <p className="lead">{t("phone.poster.lead")}</p>
        {challenge.open ? null : <p className="card notice">{t("phone.poster.closed")}</p>}
        <p className="poster-actions">
          {canPrint ? (
            <button type="button" className="button primary" onClick={() => window.print()}>
              {t("phone.poster.print")}
            </button>
          ) : null}
          {blocks.map((b) => (
            <a key={b.lang} href={b.download} className="button" download>
              {t("phone.poster.download")} <span lang={b.lang}>({b.languageName})</span>
            </a>
          ))}
        </p>
      </div>
      <div className="poster-sheet">
        {blocks.map((b) => (
          <article key={b.lang} className="poster-block" lang={b.lang} dir={b.dir}>
            <p className="poster-place">{locality.name}</p>
            <h2 className="poster-question" dir="auto">
              {challenge.question}
            </h2>
            <p className="poster-invitation">{b.invitation}</p>
            <img className="poster-qr" src={b.qr} alt={b.qrAlt} width={240} height={240} />
            <p className="poster-link">
              {b.orType} <strong dir="ltr">{short}</strong>
            </p>
          </article>
        ))}
      </div>
    </section>
  );
}
