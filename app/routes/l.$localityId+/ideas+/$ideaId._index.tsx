import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadIdeaPage, runIdeaAction } from "./idea-page.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { CsrfField } from "~/components/ui/csrf-field";
import { IdeaFacts } from "~/components/ideas/idea-facts";
import { IdeaTexts } from "~/components/ideas/idea-texts";
import { CommentForm, DetailsForm, PromoteForm, ReportForm, StatusForm, TranslationForm } from "~/components/ideas/idea-forms";
import ideaStyles from "~/styles/ideas.css";
import { isFormerMember } from "~/domain/data-rights";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ideaStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? d.idea.title : t("ideas.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["ideas"] };
export const clientLoader = withStrings(["ideas"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadIdeaPage(await requireLocalityAccess(request, params.localityId, "ideas.view"), params.ideaId);
}

/** The idea page's forms (intent=details|translate|remove-translation|comment|delete-comment|report|status|promote). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await runIdeaAction(request, params, context);
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  return data({ intent: outcome.intent, reply: outcome.reply }, { status: 400 });
}

/** One idea as a record: its words (and translations), details, insights, votes, comments, status and decisions. */
export default function IdeaPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const locale = useRootData()?.locale ?? "en";
  const when = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const { idea } = page;
  const base = `/l/${page.locality.id}`;
  const reply = (intent: string) => (result?.intent === intent ? (result.reply as SubmissionResult<string[]>) : undefined);
  const done = params.get("done");
  const doneKnown = done && ["details", "translate", "remove-translation", "comment", "delete-comment", "report", "status", "promote"].includes(done);
  const statusName = (s: string | undefined) => (s ? t(`ideas.statuses.${s}`, { defaultValue: s }) : "");
  return (
    <article className="page ideas-page idea-page" aria-labelledby="idea-title">
      <p className="breadcrumbs">
        <Link to={`${base}/ideas?challenge=${idea.challenge.id}`}>{t("ideas.back")}</Link>
      </p>
      <div role="status">{doneKnown ? <p className="card success">{t(`ideas.done.${done}`)}</p> : null}</div>
      {idea.moderation !== "published" ? <p className="card notice">{t(`ideas.moderation.${idea.moderation}`, { defaultValue: "" })}</p> : null}
      <h1 id="idea-title" dir="auto">
        {idea.title}
      </h1>
      <p className="muted idea-challenge">
        {t("ideas.challenge")}{" "}
        <Link to={`${base}/challenges/${idea.challenge.id}`} dir="auto">
          {idea.challenge.question}
        </Link>
      </p>
      {idea.mine ? <p className="muted">{t("ideas.mine")}</p> : null}
      {idea.authorName ? <p className="muted">{t("ideas.author", { name: idea.authorName })}</p> : null}
      <IdeaFacts idea={idea} comments={page.comments.length} base={base} />
      {idea.reports !== null && idea.reports > 0 ? <p className="muted">{t("ideas.reports", { count: idea.reports })}</p> : null}

      <IdeaTexts text={idea.text} language={idea.language} dir={idea.dir} translations={idea.translations} removable />
      {idea.hasPhoto ? <img className="idea-photo" src={`${base}/ideas/${idea.id}/photo`} alt={t("ideas.photoAlt")} /> : null}

      <h2>{t("ideas.record.about")}</h2>
      <dl className="idea-details card">
        <div>
          <dt>{t("ideas.record.description")}</dt>
          <dd dir="auto">{idea.description || <span className="muted">{t("ideas.record.notWritten")}</span>}</dd>
        </div>
        <div>
          <dt>{t("ideas.record.whoWouldUse")}</dt>
          <dd dir="auto">{idea.whoWouldUse || <span className="muted">{t("ideas.record.notWritten")}</span>}</dd>
        </div>
        <div>
          <dt>{t("ideas.record.whoCouldDeliver")}</dt>
          <dd dir="auto">{idea.whoCouldDeliver || <span className="muted">{t("ideas.record.notWritten")}</span>}</dd>
        </div>
        <div>
          <dt>{t("ideas.record.insights")}</dt>
          <dd>
            {idea.insights.length ? (
              <ul className="idea-insights">
                {idea.insights.map((i) => (
                  <li key={i.id}>
                    <Link to={`${base}/insights/${i.id}`} dir="auto">
                      {i.statement}
                    </Link>
                    {idea.insightsAreDefault ? <span className="muted"> {t("ideas.record.insightsDefault")}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t("ideas.record.noInsights")}</span>
            )}
          </dd>
        </div>
        {idea.prototype ? (
          <div>
            <dt>{t("ideas.record.prototype")}</dt>
            <dd>
              <Link to={`${base}/prototypes/${idea.prototype.id}`} dir="auto">
                {idea.prototype.title}
              </Link>{" "}
              <span className="badge">{t(`ideas.prototypes.statuses.${idea.prototype.status}`, { defaultValue: idea.prototype.status })}</span>
            </dd>
          </div>
        ) : null}
      </dl>

      <h2>{t("ideas.record.history")}</h2>
      {page.history.length ? (
        <ol className="idea-history">
          {page.history.map((h) => {
            const kind = h.action.replace(/^idea\./, "");
            const what = t(`ideas.history.${kind}`, { from: statusName(h.detail.from), to: statusName(h.detail.to), defaultValue: h.action });
            return (
              <li key={h.id}>
                <time dateTime={h.createdAt}>{when.format(new Date(h.createdAt))}</time> ·{" "}
                {h.actor ? t("ideas.record.historyBy", { what, name: h.actor }) : what}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{t("ideas.record.noHistory")}</p>
      )}

      {page.may.shortlist && idea.moderation === "published" ? (
        <section className="card idea-decide" aria-labelledby="decide-title">
          <h2 id="decide-title">{t("ideas.status.heading")}</h2>
          <StatusForm lastResult={reply("status")} choices={page.statusChoices} />
          {idea.prototype && idea.status === "prototyping" ? null : (
            <>
              <h3>{t("ideas.promote.heading")}</h3>
              <PromoteForm lastResult={reply("promote")} allowed={page.may.promote} />
            </>
          )}
        </section>
      ) : null}

      <section aria-labelledby="comments-title" id="comments">
        <h2 id="comments-title">{t("ideas.comments.heading")}</h2>
        {page.comments.length ? (
          <ol className="idea-comments">
            {page.comments.map((c) => (
              <li key={c.id} className="card">
                <p className="muted">
                  <span dir="auto">{isFormerMember(c.authorName) ? t("formerMember") : c.authorName}</span> ·{" "}
                  <time dateTime={c.createdAt}>{when.format(new Date(c.createdAt))}</time>
                </p>
                <p className="idea-comment-body" dir="auto">
                  {c.body}
                </p>
                {c.mayDelete ? (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="delete-comment" />
                    <input type="hidden" name="commentId" value={c.id} />
                    <button type="submit" className="button-link">
                      {t("ideas.comments.delete")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("ideas.comments.none")}</p>
        )}
        {page.may.contribute ? <CommentForm lastResult={reply("comment")} /> : null}
      </section>

      {page.may.contribute ? (
        <>
          <section className="card" aria-labelledby="translate-title">
            <h2 id="translate-title">{t("ideas.translate.heading")}</h2>
            <TranslationForm lastResult={reply("translate")} languages={page.translationLanguages} />
          </section>
          <section className="card" aria-labelledby="details-title">
            <h2 id="details-title">{t("ideas.details.heading")}</h2>
            <DetailsForm lastResult={reply("details")} defaults={page.detailDefaults} insights={page.localityInsights} />
          </section>
        </>
      ) : null}
      {page.reportedByMe && idea.moderation === "published" ? <p className="card notice">{t("ideas.report.already")}</p> : null}
      {page.may.report ? (
        <section className="card" aria-labelledby="report-title">
          <h2 id="report-title">{t("ideas.report.heading")}</h2>
          <ReportForm lastResult={reply("report")} />
        </section>
      ) : null}
    </article>
  );
}
