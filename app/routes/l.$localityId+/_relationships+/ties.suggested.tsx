import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { confirmSuggestedTie, declineSuggestedTie, listSuggestedTies, personIdsOfUser } from "~/data/workshops.server";
import { can } from "~/domain/access/policy";
import { sidesFor, type TieSide } from "~/domain/workshops";
import { CsrfField } from "~/components/ui/csrf-field";
import { pageTitle } from "~/components/ui/page-title";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import workshopStyles from "~/styles/workshops.css";
import { findSuggestedTie } from "~/data/ties.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: workshopStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workshops.suggested.title");
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role, user } = await requireLocalityAccess(request, params.localityId, "ties.record");
  const db = await getDb();
  const mine = await personIdsOfUser(db, locality.id, user.id);
  const onBehalf = can(role, "ties.manage");
  const ties = await listSuggestedTies(db, locality.id, onBehalf ? undefined : { personIds: mine });
  return {
    locality,
    onBehalf,
    linked: mine.length > 0,
    suggestions: ties.map((tie) => ({
      id: tie.id,
      a: { name: tie.personA.displayName, confirmed: tie.confirmedByA, hasAccount: Boolean(tie.personA.userId) },
      b: { name: tie.personB.displayName, confirmed: tie.confirmedByB, hasAccount: Boolean(tie.personB.userId) },
      mySides: sidesFor(tie, mine),
      session: tie.workshop ? { id: tie.workshop.id, title: tie.workshop.title, startsAt: tie.workshop.startsAt } : null,
      since: tie.since,
    })),
  };
}

const tieId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const decision = z.object({
  intent: z.enum(["confirm", "decline"]),
  tieId,
  /** Which side a facilitator confirms on someone's behalf; a member's own side is worked out here. */
  side: z.enum(["a", "b"]).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locality, role, user } = await requireLocalityAccess(request, params.localityId, "ties.record");
  const form = await readForm(request, context);
  const parsed = decision.safeParse({ intent: form.get("intent"), tieId: form.get("tieId"), side: form.get("side") || undefined });
  if (!parsed.success) throw badRequest();
  const db = await getDb();
  const onBehalf = can(role, "ties.manage");
  const tie = await findSuggestedTie(db, locality.id, parsed.data.tieId);
  if (!tie) throw notFound();
  const mySides = sidesFor(tie, await personIdsOfUser(db, locality.id, user.id));
  if (!onBehalf && mySides.length === 0) throw forbidden();
  if (!onBehalf && parsed.data.side && !mySides.includes(parsed.data.side)) throw forbidden();

  if (parsed.data.intent === "decline") {
    if (!(await declineSuggestedTie(db, { localityId: locality.id, tieId: parsed.data.tieId, actorId: user.id, onBehalf: mySides.length === 0 })))
      throw notFound();
    return data({ outcome: "declined" as const });
  }
  const sides: TieSide[] = parsed.data.side ? [parsed.data.side] : mySides;
  if (!sides.length) throw badRequest(); // a facilitator names the side they confirm for
  const status = await confirmSuggestedTie(db, {
    localityId: locality.id,
    tieId: parsed.data.tieId,
    actorId: user.id,
    sides,
    onBehalf: sides.some((s) => !mySides.includes(s)),
  });
  if (!status) throw notFound();
  return data({ outcome: status === "confirmed" ? ("confirmed" as const) : ("waiting" as const) });
}

function DecisionForm({
  tieId,
  intent,
  side,
  label,
  className,
  disabled,
}: {
  tieId: string;
  intent: "confirm" | "decline";
  side?: TieSide;
  label: string;
  className: string;
  disabled: boolean;
}) {
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="tieId" value={tieId} />
      {side ? <input type="hidden" name="side" value={side} /> : null}
      <button type="submit" name="intent" value={intent} className={className} disabled={disabled}>
        {label}
      </button>
    </Form>
  );
}

/** Ties that attending a session together suggested, waiting for the people to confirm them. */
export default function SuggestedTies() {
  const { t } = useTranslation();
  const { locality, onBehalf, linked, suggestions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const date = dateFormatter(useRootData()?.locale ?? "en", { dateStyle: "medium" });
  return (
    <section className="page suggested-ties-page" aria-labelledby="suggested-title">
      <p className="breadcrumb">
        <Link to={`/l/${locality.id}/workshops`}>{t("workshops.back")}</Link>
      </p>
      <h1 id="suggested-title">{t("workshops.suggested.title")}</h1>
      <p className="lead">{onBehalf ? t("workshops.suggested.leadFacilitator") : t("workshops.suggested.leadMember")}</p>
      {result ? (
        <p className="card success" role="status">
          {t(`workshops.suggested.outcome.${result.outcome}`)}
        </p>
      ) : null}
      {!onBehalf && !linked ? <p className="card notice">{t("workshops.suggested.notLinked")}</p> : null}
      {suggestions.length === 0 ? (
        <p>{t("workshops.suggested.none")}</p>
      ) : (
        <ul className="suggestion-list">
          {suggestions.map((s) => {
            const mine = s.mySides.length > 0;
            const other = s.mySides.includes("a") ? s.b : s.a;
            const myPending = s.mySides.some((side) => !(side === "a" ? s.a.confirmed : s.b.confirmed));
            const headingId = `suggestion-${s.id}`;
            return (
              <li key={s.id} className="card suggestion" aria-labelledby={headingId}>
                <h2 id={headingId} className="suggestion-title">
                  {mine && !onBehalf ? (
                    <span dir="auto">{t("workshops.suggested.youAnd", { name: other.name })}</span>
                  ) : (
                    <>
                      <span dir="auto">{s.a.name}</span> <span aria-hidden="true">↔</span>
                      <span className="visually-hidden">{t("workshops.suggested.and")}</span> <span dir="auto">{s.b.name}</span>
                    </>
                  )}
                </h2>
                <p className="muted">
                  {s.session
                    ? t("workshops.suggested.metAt", { session: s.session.title, date: date.format(new Date(s.session.startsAt)) })
                    : date.format(new Date(s.since))}
                </p>
                <ul className="suggestion-sides">
                  {[s.a, s.b].map((p, i) => (
                    <li key={i}>
                      <span dir="auto">{p.name}</span>: {p.confirmed ? t("workshops.suggested.sideConfirmed") : t("workshops.suggested.sideWaiting")}
                      {!p.hasAccount ? <span className="muted"> ({t("workshops.suggested.noAccount")})</span> : null}
                    </li>
                  ))}
                </ul>
                <div className="suggestion-actions">
                  {mine && myPending ? (
                    <DecisionForm tieId={s.id} intent="confirm" className="button primary" disabled={busy} label={t("workshops.suggested.confirmMine")} />
                  ) : null}
                  {onBehalf
                    ? (["a", "b"] as const)
                        .filter((side) => !s[side].confirmed && !s.mySides.includes(side))
                        .map((side) => (
                          <DecisionForm
                            key={side}
                            tieId={s.id}
                            intent="confirm"
                            side={side}
                            className="button"
                            disabled={busy}
                            label={t("workshops.suggested.confirmFor", { name: s[side].name })}
                          />
                        ))
                    : null}
                  {mine || onBehalf ? (
                    <DecisionForm
                      tieId={s.id}
                      intent="decline"
                      className="button danger"
                      disabled={busy}
                      label={mine ? t("workshops.suggested.declineMine") : t("workshops.suggested.decline")}
                    />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
