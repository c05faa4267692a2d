import { useEffect, useState } from "react";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { pageTitle } from "~/components/ui/page-title";
import { can } from "~/domain/access/policy";
import { cardKeys, DECK_SIZE, PUBLIC_SERVANT_DECK } from "~/domain/public-servant-deck";
import { withStrings } from "~/i18n/strings";
import servantStyles from "~/styles/servant.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: servantStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "servant.deck.title");
export const handle = { strings: ["servant"] };
export const clientLoader = withStrings(["servant"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role } = await requireLocalityAccess(request, params.localityId, "locality.view");
  return { locality: { id: locality.id, name: locality.name }, mayReflect: can(role, "reflections.write") };
}

/** The ten theme cards with their challenge questions; prints as cards, two to a row. */
export default function DeckPage() {
  const { t } = useTranslation();
  const { locality, mayReflect } = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <section className="page deck-page" aria-labelledby="deck-title">
      <h1 id="deck-title">{t("servant.deck.title")}</h1>
      <p className="lead">{t("servant.deck.lead")}</p>
      <p className="hint">{t("servant.deck.provenance")}</p>
      <p className="deck-actions">
        {canPrint ? (
          <button type="button" className="button primary" onClick={() => window.print()}>
            {t("servant.deck.print")}
          </button>
        ) : null}
        {mayReflect ? <Link to={`/l/${locality.id}/reflections`}>{t("servant.reflections.nav")}</Link> : null}
      </p>
      <ol className="deck-cards">
        {PUBLIC_SERVANT_DECK.map((card) => {
          const keys = cardKeys(card.number);
          return (
            <li key={card.number} className="deck-card">
              <p className="deck-card-number">{t("servant.deck.cardLabel", { number: card.number, total: DECK_SIZE })}</p>
              <h2 id={`card-${card.number}-title`}>{t(keys.title)}</h2>
              <p className="deck-card-theme">
                {t("servant.deck.stem")} {t(keys.theme)}
              </p>
              <p className="deck-card-question">
                <strong>{t("servant.deck.question")}</strong>
                {t(keys.question)}
              </p>
              <p className="deck-card-source">{card.question === "research" ? t("servant.deck.sourceResearch") : t("servant.deck.sourceProduct")}</p>
              {mayReflect ? (
                <p className="deck-actions">
                  <Link to={`/l/${locality.id}/reflections?theme=${card.number}#write-reflection`}>
                    {t("servant.deck.reflect")}
                    <span className="visually-hidden"> ({t(keys.title)})</span>
                  </Link>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
