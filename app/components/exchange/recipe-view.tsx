import { useTranslation } from "react-i18next";
import { usePounds } from "~/components/prototypes/cycle-facts";
import type { DroppedQuotes, InsightRecipe, InvolvedGroup, PrototypeRecipe } from "~/domain/exchange";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";

type Quote = { id: string; pseudonym: string; quote: string; insight: string };

function Groups({ groups }: { groups: InvolvedGroup[] }) {
  const { t } = useTranslation();
  return (
    <ul className="exchange-groups">
      {groups.map((g) => (
        <li key={`${g.role}-${g.sector}`}>
          {t("exchange.recipe.group", {
            count: g.count,
            sector: t(`sectors.${g.sector}`, { defaultValue: g.sector }),
            role: t(`exchange.recipe.roles.${g.role}`, { defaultValue: g.role }),
          })}
        </li>
      ))}
    </ul>
  );
}

/** A prototype's recipe: what it is, who was involved (never named), how it was tested, what was learned and decided, what it cost. */
export function PrototypeRecipeView({ recipe }: { recipe: PrototypeRecipe }) {
  const { t } = useTranslation();
  const pounds = usePounds();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "medium" });
  const notWritten = <span className="muted">{t("exchange.recipe.notWritten")}</span>;
  const hours = (n: number) => t("exchange.recipe.hours", { count: n });
  return (
    <div className="exchange-recipe">
      <section className="card" aria-labelledby="recipe-what">
        <h2 id="recipe-what">{t("exchange.recipe.what")}</h2>
        <dl className="exchange-facts">
          <div>
            <dt>{t("exchange.recipe.summary")}</dt>
            <dd dir="auto">{recipe.summary || notWritten}</dd>
          </div>
          <div>
            <dt>{t("exchange.recipe.forWhom")}</dt>
            <dd dir="auto">{recipe.forWhom || notWritten}</dd>
          </div>
          <div>
            <dt>{t("exchange.recipe.status")}</dt>
            <dd>
              <span className="badge">{t(`exchange.statuses.${recipe.status}`)}</span>
            </dd>
          </div>
          {recipe.publicSummary ? (
            <div>
              <dt>{t("exchange.recipe.publicSummary")}</dt>
              <dd dir="auto">{recipe.publicSummary}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="recipe-who">
        <h2 id="recipe-who">{t("exchange.recipe.who")}</h2>
        <p className="hint">{t("exchange.recipe.whoHint")}</p>
        {recipe.involved.length ? <Groups groups={recipe.involved} /> : <p className="muted">{t("exchange.recipe.nobody")}</p>}
        <h3>{t("exchange.recipe.partners")}</h3>
        {recipe.partners.length ? (
          <ul className="exchange-partners">
            {recipe.partners.map((p, i) => (
              <li key={i}>
                <strong dir="auto">{p.name}</strong> <span className="badge">{t(`prototypes.partners.roles.${p.role}`, { defaultValue: p.role })}</span>{" "}
                <span className="badge">{t(`prototypes.partners.kinds.${p.pledgeKind}`, { defaultValue: p.pledgeKind })}</span>
                {p.amount !== null ? (
                  <>
                    {" "}
                    <span dir="ltr">{p.pledgeKind === "money" ? pounds(p.amount) : hours(p.amount)}</span>
                  </>
                ) : null}
                {p.pledge ? (
                  <>
                    {" — "}
                    <bdi>{p.pledge}</bdi>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("exchange.recipe.noPartners")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="recipe-tested">
        <h2 id="recipe-tested">{t("exchange.recipe.tested")}</h2>
        {recipe.cycles.length ? (
          <ol className="exchange-cycles">
            {recipe.cycles.map((c) => (
              <li key={c.number}>
                <h3>{t("exchange.recipe.cycle", { number: c.number, method: t(`cycles.methods.${c.method}`, { defaultValue: c.method }) })}</h3>
                <dl className="exchange-facts">
                  <div>
                    <dt>{t("exchange.recipe.hypothesis")}</dt>
                    <dd>
                      {(["believe", "willResult", "knowWhen"] as const).map((part) => (
                        <span key={part} className="exchange-hypothesis-part">
                          <span className="muted">{t(`cycles.fields.${part}`)} </span>
                          <bdi>{c[part]}</bdi>
                        </span>
                      ))}
                    </dd>
                  </div>
                  {c.startsOn || c.endsOn ? (
                    <div>
                      <dt>{t("exchange.recipe.when")}</dt>
                      <dd>
                        {c.startsOn && c.endsOn
                          ? t("exchange.recipe.range", { from: day.format(new Date(c.startsOn)), to: day.format(new Date(c.endsOn)) })
                          : day.format(new Date((c.startsOn ?? c.endsOn)!))}
                      </dd>
                    </div>
                  ) : null}
                  {c.tookPart.length || c.others.length ? (
                    <div>
                      <dt>{t("exchange.recipe.tookPart")}</dt>
                      <dd>
                        <Groups groups={c.tookPart} />
                        {c.others.length ? (
                          <ul className="exchange-groups">
                            {c.others.map((o, i) => (
                              <li key={i}>
                                {o.count} <bdi>{o.label}</bdi>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t("exchange.recipe.learned")}</dt>
                    <dd dir="auto">{c.learned || notWritten}</dd>
                  </div>
                  <div>
                    <dt>{t("exchange.recipe.decided")}</dt>
                    <dd>
                      {c.decision ? (
                        <>
                          <strong>{t(`cycles.decisions.${c.decision}`, { defaultValue: c.decision })}</strong>
                          {c.decidedAt ? ` · ${day.format(new Date(c.decidedAt))}` : null}
                          {c.decisionReason ? (
                            <>
                              {" — "}
                              <bdi>{c.decisionReason}</bdi>
                            </>
                          ) : null}
                        </>
                      ) : (
                        <span className="muted">{t("exchange.recipe.notDecided")}</span>
                      )}
                    </dd>
                  </div>
                  {c.costPence !== null || c.peopleReached !== null ? (
                    <div>
                      <dt>{t("exchange.recipe.cycleCost")}</dt>
                      <dd>
                        {c.costPence !== null ? <span dir="ltr">{pounds(c.costPence)}</span> : null}
                        {c.costPence !== null && c.peopleReached !== null ? " · " : null}
                        {c.peopleReached !== null ? t("exchange.recipe.reached", { count: c.peopleReached }) : null}
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("exchange.recipe.noCycles")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="recipe-cost">
        <h2 id="recipe-cost">{t("exchange.recipe.cost")}</h2>
        <ul className="exchange-cost">
          <li>
            {recipe.cost.costPence !== null ? t("exchange.recipe.costTotal", { amount: pounds(recipe.cost.costPence) }) : t("exchange.recipe.costUnknown")}
          </li>
          {recipe.cost.peopleReached !== null ? <li>{t("exchange.recipe.reached", { count: recipe.cost.peopleReached })}</li> : null}
          {recipe.cost.costPerPerson !== null ? <li>{t("exchange.recipe.perPerson", { amount: pounds(recipe.cost.costPerPerson) })}</li> : null}
          {recipe.pledgedPence !== null ? <li>{t("exchange.recipe.pledged", { amount: pounds(recipe.pledgedPence) })}</li> : null}
          <li>{t("exchange.recipe.peopleTookPart", { count: recipe.peopleTookPart })}</li>
        </ul>
      </section>
    </div>
  );
}

/** An insight's recipe: its statement, confidence, questions and how much evidence stands behind it. */
export function InsightRecipeView({ recipe }: { recipe: InsightRecipe }) {
  const { t } = useTranslation();
  return (
    <section className="card exchange-recipe" aria-labelledby="recipe-insight">
      <h2 id="recipe-insight">{t("exchange.recipe.insight")}</h2>
      <p className="exchange-statement" dir="auto">
        {recipe.statement}
      </p>
      <p>
        {t("exchange.recipe.confidence")}: <span className="badge">{t(`exchange.confidence.${recipe.confidence}`)}</span>
      </p>
      <p>{t("exchange.recipe.evidence", { count: recipe.evidence.excerpts, stories: recipe.evidence.stories, storytellers: recipe.evidence.storytellers })}</p>
      <h3>{t("exchange.recipe.questions")}</h3>
      {recipe.questions.length ? (
        <ul className="exchange-questions">
          {recipe.questions.map((q, i) => (
            <li key={i} dir="auto">
              {q}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("exchange.recipe.noQuestions")}</p>
      )}
    </section>
  );
}

/** What people said: redacted quotes whose storytellers agreed to other localities, and how many were left out and why. */
export function QuotesView({ quotes, dropped, kind }: { quotes: Quote[]; dropped: DroppedQuotes; kind: "prototype" | "insight" }) {
  const { t } = useTranslation();
  const left = dropped.consent + dropped.withdrawn;
  return (
    <section className="card exchange-quotes" aria-labelledby="recipe-quotes">
      <h2 id="recipe-quotes">{t("exchange.quotes.title")}</h2>
      <p className="hint">{t(`exchange.quotes.lead.${kind}`)}</p>
      {quotes.length ? (
        <ul className="exchange-quote-list">
          {quotes.map((q) => (
            <li key={q.id}>
              <blockquote dir="auto">{q.quote}</blockquote>
              <p className="muted">
                — <bdi>{q.pseudonym}</bdi>
                {kind === "prototype" ? (
                  <>
                    {" · "}
                    <bdi>{q.insight}</bdi>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("exchange.quotes.none")}</p>
      )}
      {left ? (
        <p className="exchange-dropped">
          {t("exchange.quotes.dropped", { count: left })}{" "}
          {[
            dropped.consent ? t("exchange.quotes.droppedConsent", { count: dropped.consent }) : null,
            dropped.withdrawn ? t("exchange.quotes.droppedWithdrawn", { count: dropped.withdrawn }) : null,
          ]
            .filter(Boolean)
            .join(t("exchange.quotes.separator"))}
        </p>
      ) : null}
    </section>
  );
}
