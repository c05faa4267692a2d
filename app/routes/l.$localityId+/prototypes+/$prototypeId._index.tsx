import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { loadPrototypePage, runPrototypeAction } from "./prototype-page.server";
import { PrototypeNav } from "~/components/prototypes/prototype-nav";
import { AboutForm, PartnerForm, PersonForm, PublicSummaryForm, RemoveButton, StartButton } from "~/components/prototypes/prototype-forms";
import { EvidenceChain } from "~/components/prototypes/evidence-chain";
import { ThreadSection } from "~/components/thread/thread-section";
import threadStyles from "~/styles/thread.css";
import { loadThreadSection } from "../thread-section.server";
import { cycleLine } from "~/components/prototypes/prototype-list-views";
import { announcedDone, formatPounds } from "~/domain/prototype-records";
import prototypeStyles from "~/styles/prototypes.css";
import pageStyles from "~/styles/prototype-pages.css";
import exchangeStyles from "~/styles/exchange.css";
import { ExchangeSection } from "~/components/exchange/exchange-section";
import { loadExchangeSection } from "../exchange-section.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: prototypeStyles },
  { rel: "stylesheet", href: pageStyles },
  { rel: "stylesheet", href: threadStyles },
  { rel: "stylesheet", href: exchangeStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? d.prototype.title : t("prototypes.list.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const page = await loadPrototypePage(access, params.prototypeId, await i18nServer.getLocale(request));
  // The prototype exists and may be seen: its thread links and exchange section, at once.
  const [thread, exchange] = await Promise.all([
    loadThreadSection(access, { prototypeId: page.prototype.id }),
    loadExchangeSection(access, { kind: "prototype", id: page.prototype.id }),
  ]);
  return { ...page, thread, exchange };
}

/** The page's forms (intent=about|add-person|remove-person|add-partner|remove-partner|public-summary|open-plan|open-board). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await runPrototypeAction(request, params, context, await i18nServer.getLocale(request));
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  return data({ intent: outcome.intent, reply: outcome.reply }, { status: 400 });
}

/**
 * One prototype: what it is and who it is for; the core-group people who would use or deliver
 * it; partners and their pledges; its plan and board; its test cycles and measures in brief; the
 * public summary; and where it came from (the stories' excerpts → insight → challenge → idea).
 */
export default function PrototypePage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { prototype, may } = page;
  const base = `/l/${page.locality.id}`;
  const here = `${base}/prototypes/${prototype.id}`;
  const reply = (intent: string) => (result?.intent === intent ? (result.reply as SubmissionResult<string[]>) : undefined);
  const done = announcedDone(params.get("done"));
  const aboutErrors = Boolean(reply("about")?.error);
  const amount = (p: { pledgeKind: string; amount: number | null }) =>
    p.amount === null ? null : p.pledgeKind === "money" ? formatPounds(p.amount) : t("prototypes.partners.hours", { count: p.amount });
  const notWritten = <span className="muted">{t("prototypes.about.notWritten")}</span>;

  return (
    <article className="page prototype-page" aria-labelledby="prototype-title">
      <PrototypeNav localityId={page.locality.id} prototype={prototype} headingId="prototype-title" />
      <div role="status">{done ? <p className="card success">{t(`prototypes.done.${done}`)}</p> : null}</div>

      <section id="about" className="card prototype-section" aria-labelledby="about-title">
        <h2 id="about-title">{t("prototypes.about.heading")}</h2>
        <dl className="prototype-about">
          <div>
            <dt>{t("prototypes.about.summary")}</dt>
            <dd dir="auto">{prototype.summary || notWritten}</dd>
          </div>
          <div>
            <dt>{t("prototypes.about.forWhom")}</dt>
            <dd dir="auto">{prototype.forWhom || notWritten}</dd>
          </div>
        </dl>
        {may.edit ? (
          <details className="prototype-edit" open={aboutErrors || undefined}>
            <summary>{t("prototypes.about.edit")}</summary>
            <AboutForm lastResult={reply("about")} defaults={page.defaults.about} />
          </details>
        ) : null}
      </section>

      <ThreadSection localityId={page.locality.id} section={page.thread} />

      <ExchangeSection localityId={page.locality.id} section={page.exchange} />

      <section id="people" className="card prototype-section" aria-labelledby="people-title">
        <h2 id="people-title">{t("prototypes.people.heading")}</h2>
        <p className="hint">{t("prototypes.people.lead")}</p>
        <div className="prototype-people">
          {(["use", "deliver"] as const).map((role) => (
            <section key={role} aria-labelledby={`people-${role}`}>
              <h3 id={`people-${role}`}>{t(`prototypes.people.${role}`)}</h3>
              {page.people[role].length ? (
                <ul className="prototype-people-list">
                  {page.people[role].map((p) => (
                    <li key={p.entryId}>
                      <Link to={`${base}/people/${p.personId}`} dir="auto">
                        {p.name}
                      </Link>
                      {p.organisation ? (
                        <span className="muted" dir="auto">
                          {" "}
                          ({p.organisation})
                        </span>
                      ) : null}
                      {may.edit ? (
                        <RemoveButton
                          intent="remove-person"
                          entryId={p.entryId}
                          text={t("prototypes.people.remove")}
                          label={t("prototypes.people.removeLabel", { name: p.name, role: t(`prototypes.people.${role}`) })}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t("prototypes.people.nobody")}</p>
              )}
            </section>
          ))}
        </div>
        {may.edit ? (
          <section className="prototype-add-section" aria-labelledby="people-add">
            <h3 id="people-add">{t("prototypes.people.add")}</h3>
            {page.choices.length ? (
              <PersonForm lastResult={reply("add-person")} people={page.choices} />
            ) : (
              <p>
                {t("prototypes.people.noCoreGroup")} <Link to={`${base}/people`}>{t("prototypes.people.coreGroupLink")}</Link>
              </p>
            )}
          </section>
        ) : null}
      </section>

      <section id="partners" className="card prototype-section" aria-labelledby="partners-title">
        <h2 id="partners-title">{t("prototypes.partners.heading")}</h2>
        {page.partners.length ? (
          <ul className="prototype-partners">
            {page.partners.map((p) => (
              <li key={p.id}>
                <p className="prototype-partner-name" dir="auto">
                  {p.name}
                </p>
                <p>
                  <span className="badge">{t(`prototypes.partners.roles.${p.role}`, { defaultValue: p.role })}</span>{" "}
                  <span className="badge pledge-kind">{t(`prototypes.partners.kinds.${p.pledgeKind}`, { defaultValue: p.pledgeKind })}</span>
                  {amount(p) ? (
                    <>
                      {" "}
                      <strong className="pledge-amount" dir="ltr">
                        {amount(p)}
                      </strong>
                    </>
                  ) : null}
                </p>
                <p dir="auto">{p.pledge}</p>
                {may.edit ? (
                  <RemoveButton
                    intent="remove-partner"
                    entryId={p.id}
                    text={t("prototypes.partners.remove")}
                    label={t("prototypes.partners.removeLabel", { name: p.name })}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("prototypes.partners.none")}</p>
        )}
        {may.edit ? (
          <section className="prototype-add-section" aria-labelledby="partners-add">
            <h3 id="partners-add">{t("prototypes.partners.add")}</h3>
            <PartnerForm lastResult={reply("add-partner")} />
          </section>
        ) : null}
      </section>

      <section id="plan" className="card prototype-section" aria-labelledby="plan-title">
        <h2 id="plan-title">{t("prototypes.plan.heading")}</h2>
        <p className="hint">{t("prototypes.plan.lead")}</p>
        <ul className="prototype-plan-links">
          <li>
            {page.plan ? (
              <Link className="button" to={`${base}/documents/${page.plan.id}`}>
                {t("prototypes.plan.open")}
              </Link>
            ) : may.edit ? (
              <StartButton intent="open-plan" text={t("prototypes.plan.start")} />
            ) : (
              <span className="muted">{t("prototypes.plan.none")}</span>
            )}
          </li>
          <li>
            {page.board ? (
              <Link className="button" to={`${base}/boards/${page.board.id}`}>
                {t("prototypes.board.open")}
              </Link>
            ) : may.edit ? (
              <StartButton intent="open-board" text={t("prototypes.board.start")} />
            ) : (
              <span className="muted">{t("prototypes.board.none")}</span>
            )}
          </li>
        </ul>
      </section>

      <div className="prototype-pair">
        <section id="cycles" className="card prototype-section" aria-labelledby="cycles-title">
          <h2 id="cycles-title">{t("prototypes.cycles.heading")}</h2>
          <ul className="prototype-facts">
            <li>{page.cycles.count ? t("prototypes.cycles.count", { count: page.cycles.count }) : t("prototypes.cycles.none")}</li>
            {page.cycles.latest ? <li>{cycleLine(t, page.cycles.latest)}</li> : null}
            {page.cycles.count ? <li>{t("prototypes.cycles.tookPart", { count: page.cycles.peopleTookPart })}</li> : null}
          </ul>
          <p>
            <Link to={`${here}/cycles`}>{t("prototypes.cycles.link")}</Link>
          </p>
        </section>
        <section id="measures" className="card prototype-section" aria-labelledby="measures-title">
          <h2 id="measures-title">{t("prototypes.measures.heading")}</h2>
          <p>{t("prototypes.measures.count", { count: page.measures.count })}</p>
          <p>
            <Link to={`${here}/measures`}>{t("prototypes.measures.link")}</Link>
          </p>
        </section>
      </div>

      <section id="public-summary" className="card prototype-section" aria-labelledby="public-summary-title">
        <h2 id="public-summary-title">{t("prototypes.publicSummary.heading")}</h2>
        <p className="hint">{t("prototypes.publicSummary.lead")}</p>
        {may.decide ? (
          <PublicSummaryForm lastResult={reply("public-summary")} defaultValue={page.defaults.publicSummary} />
        ) : prototype.publicSummary ? (
          <p className="prototype-public-summary" dir="auto">
            {prototype.publicSummary}
          </p>
        ) : (
          <p className="muted">{t("prototypes.publicSummary.none")}</p>
        )}
      </section>

      <section id="chain" className="prototype-section" aria-labelledby="chain-title">
        <h2 id="chain-title">{t("prototypes.chain.heading")}</h2>
        <p className="hint">{t("prototypes.chain.lead")}</p>
        <EvidenceChain localityId={page.locality.id} chain={page.chain} prototypeTitle={prototype.title} />
      </section>
    </article>
  );
}
