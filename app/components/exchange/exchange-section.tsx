import { Form, Link, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { asShareOutcome, EXCHANGE_LIMITS, type ExchangeKind } from "~/domain/exchange-fields";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";

export type ExchangeSectionProps = {
  localityId: string;
  section: {
    target: { kind: ExchangeKind; id: string };
    exchangePath: string;
    mayShare: boolean;
    mayView: boolean;
    state: "none" | "shared" | "revoked";
    share: { id: string; note: string; sharedAt: string; revokedAt: string | null } | null;
    travelled: Array<{ id: string; locality: string; title: string | null; status: string | null; createdAt: string; href: string | null }>;
    from: { locality: string; shareId: string; stillShared: boolean; href: string } | null;
  };
};

const DONE = new Set(["shared", "reshared", "updated", "revoked", "tried", "again"]);

/**
 * "Exchange": whether this prototype or insight is shared with the whole organisation (and the
 * note to other places), where it has travelled, and — for a draft tried here from the exchange —
 * where it came from. Facilitators share, change the note, withdraw and share again.
 */
export function ExchangeSection({ localityId, section }: ExchangeSectionProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const uid = useId();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "medium" });
  const outcome = asShareOutcome(params.get("exchange"));
  const { share, state, from } = section;
  const action = `/l/${localityId}/exchange-share`;
  const hidden = (
    <>
      <CsrfField />
      <input type="hidden" name="kind" value={section.target.kind} />
      <input type="hidden" name="itemId" value={section.target.id} />
    </>
  );
  if (!section.mayShare && state !== "shared" && !from && !section.travelled.length) return null;
  return (
    <section id="exchange" className="card exchange-section" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t("exchange.section.title")}</h2>
      {outcome ? (
        <div role="status">
          <p className={DONE.has(outcome) ? "card success" : "card error"}>{t(`exchange.section.outcome.${outcome}`)}</p>
        </div>
      ) : null}
      {from ? (
        <p className="exchange-from">
          {t("exchange.section.from", { locality: from.locality })}{" "}
          {from.stillShared && section.mayView ? (
            <Link to={from.href}>{t("exchange.section.fromLink")}</Link>
          ) : (
            <span className="muted">{t("exchange.section.fromGone")}</span>
          )}
        </p>
      ) : null}
      {state === "shared" && share ? (
        <>
          <p>
            <span className="badge exchange-badge-shared">{t("exchange.section.shared")}</span>{" "}
            {t("exchange.section.sharedSince", { date: day.format(new Date(share.sharedAt)) })}{" "}
            {section.mayView ? <Link to={`${section.exchangePath}/${share.id}`}>{t("exchange.section.open")}</Link> : null}
          </p>
          {share.note ? (
            <blockquote className="exchange-note" dir="auto">
              {share.note}
            </blockquote>
          ) : null}
        </>
      ) : state === "revoked" && share?.revokedAt ? (
        <p>
          <span className="badge exchange-badge-revoked">{t("exchange.section.revoked")}</span>{" "}
          {t("exchange.section.revokedOn", { date: day.format(new Date(share.revokedAt)) })}
        </p>
      ) : section.mayShare ? (
        <p className="muted">{t(`exchange.section.notShared.${section.target.kind}`)}</p>
      ) : null}
      {section.mayShare ? (
        <div className="exchange-share-forms">
          <Form method="post" action={action} className="exchange-share-form">
            {hidden}
            <input type="hidden" name="intent" value="share" />
            <div className="field">
              <label htmlFor={`${uid}-note`}>{t("exchange.section.note")}</label>
              <p className="hint" id={`${uid}-note-hint`}>
                {t("exchange.section.noteHint", { max: EXCHANGE_LIMITS.note })}
              </p>
              <textarea
                id={`${uid}-note`}
                name="note"
                rows={3}
                maxLength={EXCHANGE_LIMITS.note}
                defaultValue={share?.note ?? ""}
                aria-describedby={`${uid}-note-hint`}
                dir="auto"
              />
            </div>
            <p className="hint">{t(`exchange.section.what.${section.target.kind}`)}</p>
            <button type="submit" className="button primary">
              {state === "shared" ? t("exchange.section.saveNote") : state === "revoked" ? t("exchange.section.shareAgain") : t("exchange.section.share")}
            </button>
          </Form>
          {state === "shared" ? (
            <Form method="post" action={action} className="inline-form">
              {hidden}
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="button">
                {t("exchange.section.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {section.travelled.length ? (
        <>
          <h3 className="exchange-sub">{t("exchange.travelled.title")}</h3>
          <TravelledList items={section.travelled} />
        </>
      ) : null}
    </section>
  );
}

/** Where a share has travelled: each locality's draft, linked only for people who may open it. */
export function TravelledList({ items }: { items: ExchangeSectionProps["section"]["travelled"] }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "medium" });
  return (
    <ul className="exchange-travelled">
      {items.map((c) => (
        <li key={c.id}>
          <strong dir="auto">{c.locality}</strong>
          {": "}
          {c.title ? (
            c.href ? (
              <Link to={c.href}>
                <bdi>{c.title}</bdi>
              </Link>
            ) : (
              <bdi>{c.title}</bdi>
            )
          ) : (
            <span className="muted">{t("exchange.travelled.draftGone")}</span>
          )}
          {c.status ? (
            <>
              {" "}
              <span className="badge">{t(`exchange.statuses.${c.status}`)}</span>
            </>
          ) : null}{" "}
          <span className="muted">{t("exchange.travelled.since", { date: day.format(new Date(c.createdAt)) })}</span>
        </li>
      ))}
    </ul>
  );
}
