import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { changeFeedback, loadFeedbackPage, type FeedbackDone } from "./feedback-page.server";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { PrototypeNav } from "~/components/prototypes/prototype-nav";
import { FeedbackLinkPanel } from "~/components/prototypes/feedback-link-panel";
import { FeedbackQuestionsForm, FeedbackQuestionsList } from "~/components/prototypes/feedback-questions";
import { FeedbackResults } from "~/components/prototypes/feedback-results";
import { FeedbackModeration } from "~/components/prototypes/feedback-moderation";
import prototypeStyles from "~/styles/prototypes.css";
import feedbackStyles from "~/styles/feedback.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: prototypeStyles },
  { rel: "stylesheet", href: feedbackStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  const name = d ? `${t("feedback.heading", { number: d.cycle.number })} · ${d.prototype.title}` : t("feedback.title");
  return [{ title: `${name} · ${t("app.name")}` }];
};
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  return loadFeedbackPage(access, params, new URL(request.url).origin);
}

/** POST intent=questions | open | close | rotate | approve | reject (facilitators). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.decide");
  const outcome = await changeFeedback(access, params, await readForm(request, context));
  if (!outcome.ok) {
    const { ok: _, status, ...refusal } = outcome;
    return data(refusal, { status });
  }
  const self = `/l/${access.locality.id}/prototypes/${params.prototypeId}/cycles/${params.cycleId}/feedback`;
  return redirect(`${self}?done=${outcome.done}`, { status: 303 });
}

/** How often an open page looks for new answers while its link takes them (only while the tab is visible). */
const REFRESH_MS = 20_000;

const DONE: readonly FeedbackDone[] = ["questions", "opened", "closed", "rotated", "approve", "reject"];
const LINK_INTENTS = ["open", "close", "rotate"];

/** A cycle's feedback from phones: the public link and poster, the questions, the answers counted, and sentences to review. */
export default function CycleFeedbackPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const listening = page.link.state === "open";
  useEffect(() => {
    if (!listening) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [listening, revalidator]);
  const base = `/l/${page.locality.id}/prototypes/${page.prototype.id}`;
  const cyclePath = `${base}/cycles/${page.cycle.id}`;
  const self = `${cyclePath}/feedback`;
  const done = DONE.find((d) => d === params.get("done"));
  const languageList = page.cycle.languages.map((l) => t(`languageNames.${l}`)).join(t("feedback.listSeparator"));
  const linkErrors = refused && LINK_INTENTS.includes(refused.intent ?? "") && refused.errors.form ? [refused.errors.form] : undefined;
  const questionRefusal = refused?.intent === "questions" ? refused : null;
  const sentenceRefusal = refused && (refused.intent === "approve" || refused.intent === "reject") ? refused : null;
  const inQueue = sentenceRefusal ? page.pending.some((s) => s.id === sentenceRefusal.answerId) : false;
  const otherError = refused && !linkErrors && !questionRefusal && !inQueue ? (refused.errors.form ?? null) : null;
  return (
    <section className="page prototype-page feedback-page" aria-labelledby="prototype-title">
      <PrototypeNav localityId={page.locality.id} prototype={page.prototype} headingId="prototype-title" />
      <p className="breadcrumbs">
        <Link to={cyclePath}>{t("feedback.back", { number: page.cycle.number })}</Link>
      </p>
      <h2 id="feedback-title" className="feedback-heading">
        {t("feedback.heading", { number: page.cycle.number })}
      </h2>
      <p className="lead">{t("feedback.lead")}</p>
      <div role="status">{done ? <p className="card success">{t(`feedback.done.${done}`)}</p> : null}</div>
      {otherError ? (
        <div role="alert" className="form-error">
          <p>{t(otherError)}</p>
        </div>
      ) : null}

      <FeedbackLinkPanel
        state={page.link.state}
        url={page.link.url}
        manage={page.may.manage}
        confirmRotate={params.get("confirm") === "rotate"}
        selfPath={self}
        errors={linkErrors}
      />

      <section className="card feedback-questions" aria-labelledby="questions-title">
        <h2 id="questions-title">{t("feedback.questions.heading")}</h2>
        {page.may.manage && !page.cycle.closed ? (
          <>
            <p id="questions-hint" className="hint">
              {t("feedback.questions.hint", { languages: languageList })}
            </p>
            <FeedbackQuestionsForm
              key={page.questions.map((q) => `${q.id}:${q.kind}:${JSON.stringify(q.prompts)}`).join("|")}
              questions={page.questions}
              languages={page.cycle.languages}
              slots={questionRefusal?.slots ?? null}
              errors={questionRefusal?.errors ?? {}}
            />
          </>
        ) : (
          <>
            {page.cycle.closed ? <p className="muted">{t("feedback.questions.locked")}</p> : null}
            <FeedbackQuestionsList questions={page.questions} languages={page.cycle.languages} />
          </>
        )}
      </section>

      <section className="feedback-answers" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("feedback.results.heading")}</h2>
        <FeedbackResults
          questions={page.questions}
          tallies={page.tallies}
          people={page.people}
          pendingCount={page.pendingCount}
          languages={page.cycle.languages}
          published={page.published}
          manage={page.may.manage}
        />
      </section>

      {page.may.manage ? (
        <section className="feedback-moderation" aria-labelledby="review-title">
          <h2 id="review-title">{t("feedback.moderation.heading")}</h2>
          <p className="hint">{t("feedback.moderation.hint")}</p>
          <FeedbackModeration
            pending={page.pending}
            questions={page.questions}
            languages={page.cycle.languages}
            refusal={sentenceRefusal && inQueue ? { answerId: sentenceRefusal.answerId, errors: sentenceRefusal.errors, text: sentenceRefusal.text } : null}
          />
        </section>
      ) : null}
    </section>
  );
}
