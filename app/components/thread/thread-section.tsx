import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { FACETS, type ThreadLinkView } from "~/domain/golden-thread";

type LinkView = Omit<ThreadLinkView, "priorityId">;
export type ThreadSectionProps = {
  localityId: string;
  section: {
    target: { type: "prototype" | "challenge" | "measure"; id: string };
    links: LinkView[];
    options: Array<{ id: string; kind: "outcome" | "principle"; title: string; isExample: boolean; priorityTitle: string | null }>;
    mayLink: boolean;
    organisationSlug: string;
    facet: string | null;
  };
  /** Heading level of the section's title (2 on a page, 3 inside a card). */
  level?: 2 | 3;
};

const REFUSALS = ["otherOrganisation", "notLinkable", "archived", "already", "notFound", "invalid"] as const;
const DONE = ["link", "unlink", "facet"] as const;

/**
 * "Golden thread": what a prototype, challenge or measure is for — the priority outcomes it is
 * linked to and the design principles it follows, each saying the version it was linked against
 * (and when the thread has changed since). Facilitators link and unlink; a prototype has a facet.
 */
export function ThreadSection({ localityId, section, level = 2 }: ThreadSectionProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const uid = useId();
  const Heading = `h${level}` as "h2";
  const mine = params.get("on") === section.target.id || (!params.get("on") && section.target.type !== "measure");
  const refused = mine ? params.get("thread") : null;
  const done = mine ? params.get("threadDone") : null;
  const refusedKnown = refused && (REFUSALS as readonly string[]).includes(refused) ? refused : null;
  const doneKnown = done && (DONE as readonly string[]).includes(done) ? done : null;
  const action = `/l/${localityId}/thread-links`;
  const own = section.target.type === "measure" ? `thread-${section.target.id}` : "golden-thread";
  const hidden = (
    <>
      <CsrfField />
      <input type="hidden" name="targetType" value={section.target.type} />
      <input type="hidden" name="targetId" value={section.target.id} />
      <input type="hidden" name="back" value={pathname} />
    </>
  );
  const outcomes = section.links.filter((l) => l.itemKind === "outcome");
  const principles = section.links.filter((l) => l.itemKind === "principle");
  const list = (links: LinkView[]) => (
    <ul className="thread-links">
      {links.map((l) => (
        <li key={l.linkId}>
          <bdi>{l.title}</bdi>
          {l.priorityTitle ? (
            <span className="muted">
              {" "}
              · <bdi>{l.priorityTitle}</bdi>
            </span>
          ) : null}{" "}
          <span className={l.older ? "badge thread-older" : "badge"}>{t("threadLinks.version", { number: l.versionNumber })}</span>
          {l.older ? (
            <span className="thread-older-note">
              {" "}
              {l.titleAtLink !== l.title
                ? t("threadLinks.olderWas", { title: l.titleAtLink, number: l.currentVersion })
                : t("threadLinks.older", { number: l.currentVersion })}
            </span>
          ) : null}
          {l.archived ? <span className="badge thread-archived">{t("threadLinks.archived")}</span> : null}
          {section.mayLink ? (
            <Form method="post" action={action} className="inline-form">
              {hidden}
              <input type="hidden" name="intent" value="unlink" />
              <input type="hidden" name="linkId" value={l.linkId} />
              <button type="submit" className="button small">
                {t("threadLinks.unlink")}
                <span className="visually-hidden">: {l.title}</span>
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <section id={own} className="card thread-section-links" aria-labelledby={`${uid}-title`}>
      <Heading id={`${uid}-title`}>{t("threadLinks.title")}</Heading>
      {/* Only when there is something to say: the page has its own status region too. */}
      {refusedKnown || doneKnown ? (
        <div role="status">
          {refusedKnown ? <p className="card error">{t(`threadLinks.refused.${refusedKnown}`)}</p> : null}
          {doneKnown ? <p className="card success">{t(`threadLinks.done.${doneKnown}`)}</p> : null}
        </div>
      ) : null}
      <p className="thread-sub">{t("threadLinks.outcomes")}</p>
      {outcomes.length ? list(outcomes) : <p className="muted">{t("threadLinks.noOutcomes")}</p>}
      <p className="thread-sub">{t("threadLinks.principles")}</p>
      {principles.length ? list(principles) : <p className="muted">{t("threadLinks.noPrinciples")}</p>}
      {section.target.type === "prototype" ? (
        <p>
          {t("threadLinks.facet")}: {section.facet ? t(`threadLinks.facets.${section.facet}`) : t("threadLinks.noFacet")}
        </p>
      ) : null}
      {section.mayLink && section.options.length ? (
        <Form method="post" action={action} className="thread-link-form">
          {hidden}
          <input type="hidden" name="intent" value="link" />
          <div className="field">
            <label htmlFor={`${uid}-item`}>{t("threadLinks.choose")}</label>
            <select id={`${uid}-item`} name="itemId" required>
              <optgroup label={t("threadLinks.outcomes")}>
                {section.options
                  .filter((o) => o.kind === "outcome")
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.priorityTitle ? `${o.priorityTitle} — ` : ""}
                      {o.title}
                      {o.isExample ? ` (${t("threadLinks.example")})` : ""}
                    </option>
                  ))}
              </optgroup>
              <optgroup label={t("threadLinks.principles")}>
                {section.options
                  .filter((o) => o.kind === "principle")
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title}
                    </option>
                  ))}
              </optgroup>
            </select>
          </div>
          <button type="submit" className="button">
            {t("threadLinks.link")}
          </button>
        </Form>
      ) : null}
      {section.mayLink && section.target.type === "prototype" ? (
        <Form method="post" action={action} className="thread-link-form">
          {hidden}
          <input type="hidden" name="intent" value="facet" />
          <div className="field">
            <label htmlFor={`${uid}-facet`}>{t("threadLinks.facet")}</label>
            <select id={`${uid}-facet`} name="facet" defaultValue={section.facet ?? ""}>
              <option value="">{t("threadLinks.noFacet")}</option>
              {FACETS.map((f) => (
                <option key={f} value={f}>
                  {t(`threadLinks.facets.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("threadLinks.setFacet")}
          </button>
        </Form>
      ) : null}
      <p className="thread-read">
        <Link to={`/orgs/${section.organisationSlug}/thread`}>{t("threadLinks.read")}</Link>
      </p>
    </section>
  );
}
