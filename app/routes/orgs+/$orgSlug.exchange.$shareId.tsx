import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { requireExchangeAccess } from "~/auth/exchange-access.server";
import { TravelledList } from "~/components/exchange/exchange-section";
import { InsightRecipeView, PrototypeRecipeView, QuotesView } from "~/components/exchange/recipe-view";
import { CsrfField } from "~/components/ui/csrf-field";
import { pageTitle } from "~/components/ui/page-title";
import { EXCHANGE_LIMITS } from "~/domain/exchange";
import { i18nServer } from "~/i18n/i18next.server";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import exchangeStyles from "~/styles/exchange.css";
import { loadSharePage, runSharePageAction, type SharePageReply } from "./exchange-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exchangeStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "exchange.share.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireExchangeAccess(request, params.orgSlug, "view");
  const page = await loadSharePage(access, params.shareId, await i18nServer.getLocale(request));
  // Withdrawn by its locality: "no longer shared" (410) to everyone but its facilitators.
  return data(page, { status: page.gone ? 410 : 200 });
}

/** The page's forms: intent=comment|remove-comment|try. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireExchangeAccess(request, params.orgSlug, "view");
  const outcome = await runSharePageAction(request, context, access, params.shareId, await i18nServer.getLocale(request));
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  const { kind: _kind, status, ...reply } = outcome;
  return data(reply, { status });
}

// This page's strings come with it (app/i18n/strings.ts): the exchange's are in the "prototypes" part.
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

const DONE = new Set(["comment", "remove-comment"]);

/**
 * One share: its recipe read live from the origin, the quotes that may travel (redacted), the
 * facilitator's note, comments, where it has travelled, and "try it here".
 */
export default function SharePage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SharePageReply | undefined;
  const [params] = useSearchParams();
  const uid = useId();
  const locale = useRootData()?.locale ?? "en";
  const day = dateFormatter(locale, { dateStyle: "medium" });
  const when = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const list = `/orgs/${page.organisation.slug}/exchange`;
  const done = params.get("done");
  // A withdrawal is said once, at the top; the fields carry their own errors.
  const errorsOf = (intent: SharePageReply["intent"]) => (reply?.intent === intent ? reply.errors.filter((e) => e !== "exchange.errors.withdrawn") : []);

  if (page.gone) {
    return (
      <section className="page exchange-page" aria-labelledby="share-title">
        <p className="breadcrumbs">
          <Link to={list}>{t("exchange.share.back")}</Link>
        </p>
        <h1 id="share-title">{t("exchange.share.goneTitle")}</h1>
        <p className="card">{t("exchange.share.gone", { locality: page.locality.name, date: day.format(new Date(page.revokedAt)) })}</p>
      </section>
    );
  }
  const title = page.recipe.kind === "prototype" ? page.recipe.prototype.title : page.recipe.insight.statement;
  const commentErrors = errorsOf("comment");
  const tryErrors = errorsOf("try");
  return (
    <article className="page exchange-page" aria-labelledby="share-title">
      <p className="breadcrumbs">
        <Link to={list}>{t("exchange.share.back")}</Link>
      </p>
      <div role="status">
        {done && DONE.has(done) ? <p className="card success">{t(`exchange.share.done.${done}`)}</p> : null}
        {reply?.errors.includes("exchange.errors.withdrawn") ? <p className="card error">{t("exchange.errors.withdrawn")}</p> : null}
      </div>
      <p className="exchange-item-meta">
        <span className="badge">{t(`exchange.kinds.${page.kind}`)}</span> {t("exchange.share.from", { locality: page.locality.name })}
        {" · "}
        {t("exchange.list.sharedOn", { date: day.format(new Date(page.sharedAt)) })}
      </p>
      <h1 id="share-title" dir="auto">
        {title}
      </h1>
      {page.revokedAt ? <p className="card error">{t("exchange.share.revokedForOrigin", { date: day.format(new Date(page.revokedAt)) })}</p> : null}
      {page.origin ? (
        <p>
          <Link to={page.origin}>{t(`exchange.share.origin.${page.kind}`)}</Link>
        </p>
      ) : null}
      {page.note ? (
        <section className="card" aria-labelledby="share-note">
          <h2 id="share-note">{t("exchange.share.note", { locality: page.locality.name })}</h2>
          <blockquote className="exchange-note" dir="auto">
            {page.note}
          </blockquote>
        </section>
      ) : null}

      {page.recipe.kind === "prototype" ? <PrototypeRecipeView recipe={page.recipe.prototype} /> : <InsightRecipeView recipe={page.recipe.insight} />}
      <QuotesView quotes={page.recipe.quotes} dropped={page.recipe.dropped} kind={page.recipe.kind} />

      <section className="card" aria-labelledby="share-travelled" id="travelled">
        <h2 id="share-travelled">{t("exchange.travelled.title")}</h2>
        {page.travelled.length ? <TravelledList items={page.travelled} /> : <p className="muted">{t("exchange.travelled.none")}</p>}
        {page.may.try ? (
          page.tryHere.length ? (
            <Form method="post" className="exchange-try" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="try" />
              <h3>{t("exchange.try.title")}</h3>
              <p className="hint" id={`${uid}-try-hint`}>
                {t(`exchange.try.lead.${page.kind}`)}
              </p>
              <div className="field">
                <label htmlFor={`${uid}-try`}>{t("exchange.try.locality")}</label>
                <select
                  id={`${uid}-try`}
                  name="localityId"
                  defaultValue={reply?.intent === "try" ? reply.values.localityId : page.tryHere[0]?.id}
                  aria-describedby={`${uid}-try-hint${tryErrors.length ? ` ${uid}-try-error` : ""}`}
                  aria-invalid={tryErrors.length ? true : undefined}
                >
                  {page.tryHere.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.draftId ? t("exchange.try.already", { locality: l.name }) : l.name}
                    </option>
                  ))}
                </select>
                {tryErrors.length ? (
                  <ul className="field-errors" id={`${uid}-try-error`}>
                    {tryErrors.map((e) => (
                      <li key={e}>{t(e)}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <button type="submit" className="button primary">
                {t("exchange.try.submit")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("exchange.try.nowhere")}</p>
          )
        ) : null}
      </section>

      <section className="card" aria-labelledby="share-comments" id="comments">
        <h2 id="share-comments">{t("exchange.comments.title")}</h2>
        {page.comments.length ? (
          <ol className="exchange-comments">
            {page.comments.map((c) => (
              <li key={c.id} id={`comment-${c.id}`}>
                <p className="exchange-comment-meta">
                  <strong>{c.author ? <bdi>{c.author}</bdi> : t("formerMember")}</strong>
                  {c.locality ? (
                    <>
                      {" · "}
                      <bdi>{c.locality}</bdi>
                    </>
                  ) : null}
                  {" · "}
                  <time dateTime={c.createdAt}>{when.format(new Date(c.createdAt))}</time>
                </p>
                {c.removed ? (
                  <p className="muted">{t("exchange.comments.removed")}</p>
                ) : (
                  <p className="exchange-comment-body" dir="auto">
                    {c.body}
                  </p>
                )}
                {c.mayRemove ? (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="remove-comment" />
                    <input type="hidden" name="commentId" value={c.id} />
                    <button type="submit" className="button small">
                      {t("exchange.comments.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("exchange.comments.none")}</p>
        )}
        {errorsOf("remove-comment").length ? <p className="card error">{t("exchange.errors.commentGone")}</p> : null}
        {page.may.comment ? (
          <Form method="post" className="exchange-comment-form" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="comment" />
            <div className="field">
              <label htmlFor={`${uid}-comment`}>{t("exchange.comments.label")}</label>
              <p className="hint" id={`${uid}-comment-hint`}>
                {t("exchange.comments.hint", { max: EXCHANGE_LIMITS.comment })}
              </p>
              <textarea
                id={`${uid}-comment`}
                name="body"
                rows={4}
                defaultValue={reply?.intent === "comment" ? reply.values.body : ""}
                aria-describedby={`${uid}-comment-hint${commentErrors.length ? ` ${uid}-comment-error` : ""}`}
                aria-invalid={commentErrors.length ? true : undefined}
                dir="auto"
              />
              {commentErrors.length ? (
                <ul className="field-errors" id={`${uid}-comment-error`}>
                  {commentErrors.map((e) => (
                    <li key={e}>{t(e, { max: EXCHANGE_LIMITS.comment })}</li>
                  ))}
                </ul>
              ) : null}
            </div>
            <button type="submit" className="button primary">
              {t("exchange.comments.submit")}
            </button>
          </Form>
        ) : null}
      </section>
    </article>
  );
}
