import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadCyclePage, runCycleAction } from "./cycle-page.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError } from "~/components/ui/field";
import { PrototypeNav } from "~/components/prototypes/prototype-nav";
import {
  AmendForm,
  CountForm,
  DecisionForm,
  EvidenceTextForm,
  ParticipantForm,
  PhotoForm,
  PlanForm,
  RatingForm,
  RemoveButton,
  ResultsForm,
  StartForm,
} from "~/components/prototypes/cycle-forms";
import { CycleConfidence } from "~/components/prototypes/cycle-confidence";
import { Fact, FieldAmendments, useFieldValue, usePounds, useCycleDay } from "~/components/prototypes/cycle-facts";
import { PARTICIPANT_ROLES } from "~/domain/prototypes";
import { CYCLE_INTENTS } from "~/domain/cycles";
import prototypeStyles from "~/styles/prototypes.css";
import cycleStyles from "~/styles/cycles.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: prototypeStyles },
  { rel: "stylesheet", href: cycleStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  const name = d ? `${t("cycles.cycleNumber", { number: d.cycle.number })} · ${d.prototype.title}` : t("cycles.title");
  return [{ title: `${name} · ${t("app.name")}` }];
};
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCyclePage(await requireLocalityAccess(request, params.localityId, "prototypes.view"), params);
}

/** The cycle page's forms (intent=plan|results|start|participant|count|note|figure|photo|remove-*|board|rate|decide|amend). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await runCycleAction(request, params, context);
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  return data({ intent: outcome.intent, reply: outcome.reply }, { status: 400 });
}

/** One test cycle: plan → try → learn → decide, with who took part, evidence, confidence and corrections. */
export default function CyclePage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  // Each navigation (a form done, a redirect back) starts the forms afresh; a refusal (no navigation) keeps what was typed.
  const fresh = useLocation().key;
  const locale = useRootData()?.locale ?? "en";
  const when = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const day = useCycleDay();
  const pounds = usePounds();
  const value = useFieldValue();
  const { cycle, amendments } = page;
  const base = `/l/${page.locality.id}/prototypes/${page.prototype.id}`;
  const reply = (intent: string) => (result?.intent === intent ? (result.reply as SubmissionResult<string[]>) : undefined);
  const failed = (intent: string) => reply(intent)?.status === "error";
  const done = params.get("done");
  const doneKnown = done && (CYCLE_INTENTS as readonly string[]).includes(done) ? done : done === "create" ? "create" : null;
  // A refusal for a form no longer on the page (the cycle closed or started meanwhile) is said at the top.
  const formShown = (intent: string) =>
    intent === "start" ? page.may.start : intent === "decide" ? page.may.decide : intent === "amend" ? page.may.amend : page.may.edit;
  const topErrors = result && !formShown(result.intent) ? (result.reply?.error?.[""] ?? undefined) : undefined;
  const notes = page.evidence.filter((e) => e.kind === "note");
  const figures = page.evidence.filter((e) => e.kind === "figure");
  const photos = page.evidence.filter((e) => e.kind === "photo");
  const method = t(`cycles.methods.${cycle.method}`, { defaultValue: cycle.method });
  const othersTotal = page.counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <section className="page prototype-page cycle-page" aria-labelledby="prototype-title">
      <PrototypeNav localityId={page.locality.id} prototype={page.prototype} headingId="prototype-title" />
      <p className="breadcrumbs">
        <Link to={`${base}/cycles`}>{t("cycles.back")}</Link>
      </p>
      <h2 id="cycle-title" className="cycle-title">
        {t("cycles.cycleTitle", { number: cycle.number, method })}{" "}
        <span className={`badge cycle-state state-${cycle.state}`}>
          <span className="visually-hidden">{t("cycles.stateLabel")}: </span>
          {t(`cycles.states.${cycle.state}`)}
        </span>
      </h2>
      <div role="status">{doneKnown ? <p className="card success">{t(`cycles.done.${doneKnown}`)}</p> : null}</div>
      {topErrors ? <FormError errors={topErrors} /> : null}
      {cycle.decision ? <p className="card notice">{t("cycles.closedNote")}</p> : null}

      <section aria-labelledby="plan" className="cycle-section">
        <h2 id="plan">{t("cycles.sections.plan")}</h2>
        <dl className="card cycle-facts">
          <Fact label={t("cycles.fields.believe")} field="believe" amendments={amendments}>
            <span dir="auto">{cycle.believe}</span>
          </Fact>
          <Fact label={t("cycles.fields.willResult")} field="willResult" amendments={amendments}>
            <span dir="auto">{cycle.willResult}</span>
          </Fact>
          <Fact label={t("cycles.fields.knowWhen")} field="knowWhen" amendments={amendments}>
            <span dir="auto">{cycle.knowWhen}</span>
          </Fact>
          <Fact label={t("cycles.fields.method")} field="method" amendments={amendments}>
            {method}
          </Fact>
          <Fact label={t("cycles.fields.startsOn")} field="startsOn" amendments={amendments} empty={!cycle.startsOn}>
            {cycle.startsOn ? <time dateTime={cycle.startsOn}>{day(cycle.startsOn)}</time> : null}
          </Fact>
          <Fact label={t("cycles.fields.endsOn")} field="endsOn" amendments={amendments} empty={!cycle.endsOn}>
            {cycle.endsOn ? <time dateTime={cycle.endsOn}>{day(cycle.endsOn)}</time> : null}
          </Fact>
          <Fact label={t("cycles.fields.place")} field="place" amendments={amendments} empty={!cycle.place}>
            <span dir="auto">{cycle.place}</span>
          </Fact>
          <Fact label={t("cycles.fields.languages")} field="languages" amendments={amendments} empty={!cycle.languages.length}>
            {value("languages", cycle.languages.join(","))}
          </Fact>
          <Fact label={t("cycles.fields.interpreting")} field="interpreting" amendments={amendments} empty={!cycle.interpreting}>
            <span dir="auto">{cycle.interpreting}</span>
          </Fact>
        </dl>
        {page.may.start ? <StartForm key={fresh} lastResult={reply("start")} /> : null}
        {page.may.edit ? (
          <details key={fresh} className="card cycle-edit" open={failed("plan")}>
            <summary>{t("cycles.edit.plan")}</summary>
            <PlanForm
              key={fresh}
              id="cycle-plan"
              intent="plan"
              lastResult={reply("plan")}
              defaults={page.defaults}
              languageOptions={page.languageOptions}
              submitLabel={t("cycles.edit.save")}
            />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="people" className="cycle-section">
        <h2 id="people">{t("cycles.sections.people")}</h2>
        <p className="summary">{t("cycles.people.summary", { people: page.participants.length, others: othersTotal })}</p>
        <div className="cycle-columns">
          {PARTICIPANT_ROLES.map((role) => {
            const people = page.participants.filter((p) => p.role === role);
            return (
              <div key={role} className="card">
                <h3 id={`people-${role}`}>{t(`cycles.roles.${role}`)}</h3>
                {people.length ? (
                  <ul className="cycle-people" aria-labelledby={`people-${role}`}>
                    {people.map((p) => (
                      <li key={p.id}>
                        <span dir="auto">{p.name}</span>
                        {page.may.edit ? <RemoveButton intent="remove-participant" id={p.id} label={t("cycles.people.removeOne", { name: p.name })} /> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t("cycles.people.none")}</p>
                )}
              </div>
            );
          })}
          <div className="card">
            <h3 id="people-others">{t("cycles.counts.title")}</h3>
            {page.counts.length ? (
              <ul className="cycle-people" aria-labelledby="people-others">
                {page.counts.map((c) => (
                  <li key={c.id}>
                    <span>
                      {c.count} <span dir="auto">{c.label}</span>
                    </span>
                    {page.may.edit ? (
                      <RemoveButton intent="remove-count" id={c.id} label={t("cycles.counts.removeOne", { count: c.count, label: c.label })} />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("cycles.counts.none")}</p>
            )}
          </div>
        </div>
        {page.may.edit ? (
          <div className="cycle-columns">
            <div className="card">
              <h3>{t("cycles.people.addTitle")}</h3>
              <ParticipantForm key={fresh} lastResult={reply("participant")} people={page.people} />
            </div>
            <div className="card">
              <h3>{t("cycles.counts.addTitle")}</h3>
              <CountForm key={fresh} lastResult={reply("count")} />
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="evidence" className="cycle-section">
        <h2 id="evidence">{t("cycles.sections.evidence")}</h2>
        <h3 id="evidence-notes">{t("cycles.evidence.notes")}</h3>
        {notes.length ? (
          <ul className="cycle-evidence" aria-labelledby="evidence-notes">
            {notes.map((e) => (
              <li key={e.id} className="card">
                <p className="cycle-text" dir="auto">
                  {e.text}
                </p>
                {page.may.edit ? <RemoveButton intent="remove-evidence" id={e.id} label={t("cycles.evidence.removeNote")} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("cycles.evidence.noNotes")}</p>
        )}
        <h3 id="evidence-figures">{t("cycles.evidence.figures")}</h3>
        {figures.length ? (
          <ul className="cycle-evidence" aria-labelledby="evidence-figures">
            {figures.map((e) => (
              <li key={e.id} className="card">
                <p className="cycle-text" dir="auto">
                  {e.text}
                </p>
                {page.may.edit ? <RemoveButton intent="remove-evidence" id={e.id} label={t("cycles.evidence.removeFigure", { text: e.text })} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("cycles.evidence.noFigures")}</p>
        )}
        <p>
          <Link to={`${base}/measures`}>{t("cycles.evidence.measuresLink")}</Link>
        </p>
        <h3 id="evidence-photos">{t("cycles.evidence.photos")}</h3>
        {photos.length ? (
          <ul className="cycle-photos" aria-labelledby="evidence-photos">
            {photos.map((e) => (
              <li key={e.id}>
                <figure className="card">
                  <img
                    src={`${base}/cycles/${cycle.id}/photos/${e.id}`}
                    alt={e.text}
                    width={e.width ?? undefined}
                    height={e.height ?? undefined}
                    loading="lazy"
                  />
                  <figcaption dir="auto" aria-hidden="true">
                    {e.text}
                  </figcaption>
                  {page.may.edit ? <RemoveButton intent="remove-evidence" id={e.id} label={t("cycles.evidence.removePhoto", { text: e.text })} /> : null}
                </figure>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("cycles.evidence.noPhotos")}</p>
        )}
        <h3 id="evidence-board">{t("cycles.board.heading")}</h3>
        {page.board ? (
          <p>
            <Link className="button" to={`/l/${page.locality.id}/boards/${page.board.id}`}>
              {t("cycles.board.goTo", { title: page.board.title })}
            </Link>
          </p>
        ) : page.may.edit ? (
          <Form method="post" className="stack">
            <CsrfField />
            <input type="hidden" name="intent" value="board" />
            <p className="hint" id="cycle-board-hint">
              {t("cycles.board.lead")}
            </p>
            <FormError errors={reply("board")?.error?.[""] ?? undefined} />
            <div>
              <button type="submit" className="button" aria-describedby="cycle-board-hint">
                {t("cycles.board.open")}
              </button>
            </div>
          </Form>
        ) : (
          <p className="muted">{t("cycles.board.none")}</p>
        )}
        <h3 id="evidence-feedback">{t("cycles.feedback.heading")}</h3>
        <p>
          {t("cycles.feedback.answers", { count: page.feedback.answers })} <span className="muted">{t(`cycles.feedback.link_${page.feedback.link}`)}</span>
        </p>
        <p>
          <Link to={`${base}/cycles/${cycle.id}/feedback`}>{t("cycles.feedback.link")}</Link>
        </p>
        {page.may.edit ? (
          <div className="cycle-columns">
            <div className="card">
              <h4>{t("cycles.evidence.addNote")}</h4>
              <EvidenceTextForm kind="note" key={fresh} lastResult={reply("note")} />
            </div>
            <div className="card">
              <h4>{t("cycles.evidence.addFigure")}</h4>
              <EvidenceTextForm kind="figure" key={fresh} lastResult={reply("figure")} />
            </div>
            <div className="card">
              <h4>{t("cycles.evidence.addPhoto")}</h4>
              <PhotoForm key={fresh} lastResult={reply("photo")} />
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="learning" className="cycle-section">
        <h2 id="learning">{t("cycles.sections.learning")}</h2>
        <div className="card">
          {cycle.learned ? (
            <p className="cycle-text" dir="auto">
              {cycle.learned}
            </p>
          ) : (
            <p className="muted">{t("cycles.learning.none")}</p>
          )}
          <FieldAmendments field="learned" amendments={amendments} />
        </div>
        <dl className="card cycle-facts">
          <Fact label={t("cycles.fields.cost")} field="costPence" amendments={amendments} empty={cycle.costPence === null}>
            {cycle.costPence === null ? null : pounds(cycle.costPence)}
          </Fact>
          <Fact label={t("cycles.fields.reached")} field="peopleReached" amendments={amendments} empty={cycle.peopleReached === null}>
            {cycle.peopleReached}
          </Fact>
          <div>
            <dt>{t("cycles.learning.costPerPerson")}</dt>
            <dd>{cycle.costPerPerson === null ? <span className="muted">{t("cycles.learning.costPerPersonUnknown")}</span> : pounds(cycle.costPerPerson)}</dd>
          </div>
        </dl>
        {page.may.edit ? (
          <details key={fresh} className="card cycle-edit" open={failed("results") || !cycle.learned}>
            <summary>{t("cycles.edit.results")}</summary>
            <ResultsForm key={fresh} lastResult={reply("results")} defaults={page.defaults} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="confidence" className="cycle-section">
        <h2 id="confidence">{t("cycles.sections.confidence")}</h2>
        <p className="hint">{t("cycles.confidence.lead")}</p>
        <CycleConfidence summary={page.confidence} headingId="confidence" />
        {page.may.edit ? (
          <div className="card">
            <h3>{t("cycles.confidence.yours")}</h3>
            <RatingForm key={fresh} lastResult={reply("rate")} mine={page.myRatings} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="decision" className="cycle-section">
        <h2 id="decision">{t("cycles.sections.decision")}</h2>
        {cycle.decision ? (
          <div className="card cycle-decision">
            <p>
              <span className={`badge decision-${cycle.decision.decision}`}>{t(`cycles.decisions.${cycle.decision.decision}`)}</span>{" "}
              <span className="muted">{t(`cycles.decisionHints.${cycle.decision.decision}`)}</span>
            </p>
            <p className="cycle-text" dir="auto">
              {cycle.decision.reason}
            </p>
            <FieldAmendments field="decisionReason" amendments={amendments} />
            <p className="muted">
              {cycle.decision.at ? <time dateTime={cycle.decision.at}>{when.format(new Date(cycle.decision.at))}</time> : null}
              {cycle.decision.by ? (
                <>
                  {" · "}
                  {t("cycles.decision.by")} <span dir="auto">{cycle.decision.by}</span>
                </>
              ) : null}
            </p>
          </div>
        ) : page.may.decide ? (
          <div className="card">
            <DecisionForm key={fresh} lastResult={reply("decide")} learned={Boolean(cycle.learned)} />
          </div>
        ) : (
          <p className="muted">{t("cycles.decision.none")}</p>
        )}
      </section>

      {cycle.decision ? (
        <section aria-labelledby="amendments" className="cycle-section">
          <h2 id="amendments">{t("cycles.sections.amendments")}</h2>
          {amendments.length ? (
            <div className="table-scroll" role="region" aria-labelledby="amendments-caption" tabIndex={0}>
              <table className="data-table cycle-amendments">
                <caption id="amendments-caption">{t("cycles.amend.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("cycles.amend.field")}</th>
                    <th scope="col">{t("cycles.amend.before")}</th>
                    <th scope="col">{t("cycles.amend.after")}</th>
                    <th scope="col">{t("cycles.amend.reasonColumn")}</th>
                    <th scope="col">{t("cycles.amend.whoWhen")}</th>
                  </tr>
                </thead>
                <tbody>
                  {amendments.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{t(`cycles.fieldNames.${a.field}`, { defaultValue: a.field })}</th>
                      <td dir="auto">{value(a.field, a.before)}</td>
                      <td dir="auto">{value(a.field, a.after)}</td>
                      <td dir="auto">{a.reason}</td>
                      <td>
                        {a.by ? <span dir="auto">{a.by}</span> : null} <time dateTime={a.at}>{when.format(new Date(a.at))}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("cycles.amend.none")}</p>
          )}
          {page.may.amend ? (
            <details key={fresh} className="card cycle-edit" open={failed("amend")}>
              <summary>{t("cycles.amend.title")}</summary>
              <AmendForm key={fresh} lastResult={reply("amend")} defaults={page.defaults} languageOptions={page.languageOptions} />
            </details>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
