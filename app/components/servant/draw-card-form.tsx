import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { cardKeys, isCardNumber } from "~/domain/public-servant-deck";

/**
 * "Draw a card" (facilitators, on a board that is not a challenge's): one card of the public
 * servant deck not on the board yet becomes a note. Works without JavaScript; the board page
 * comes back with `?card=` saying what came of it.
 */
export function DrawCardForm({ localityId, boardId }: { localityId: string; boardId: string }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const action = `/l/${localityId}/boards/${boardId}/draw-card`;
  const busy = navigation.state !== "idle" && navigation.formAction === action;
  const outcome = search.get("card");
  const number = outcome && /^[0-9]{1,2}$/.test(outcome) ? Number(outcome) : null;
  let message: string | null = null;
  if (number !== null && isCardNumber(number)) message = t("servant.deck.draw.drawn", { number, title: t(cardKeys(number).title) });
  else if (outcome === "all-drawn") message = t("servant.deck.draw.allDrawn");
  else if (outcome === "not-here") message = t("servant.deck.draw.notHere");
  else if (outcome === "unreachable") message = t("servant.deck.draw.unreachable");
  return (
    <div className="draw-card">
      <Form method="post" action={action} className="inline-form draw-card-form">
        <CsrfField />
        <button type="submit" className="button" disabled={busy}>
          {t("servant.deck.draw.button")}
        </button>{" "}
        <Link to={`/l/${localityId}/deck`}>{t("servant.deck.draw.seeDeck")}</Link>
      </Form>
      {message ? (
        <p role="status" className={`notice draw-card-status${outcome === "unreachable" || outcome === "not-here" ? " error" : ""}`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
