import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertCsrf } from "~/auth/csrf.server";
import { badRequest } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { feedbackSubmissionExists } from "~/data/feedback.server";
import { acceptsFeedback, feedbackLanguages, parseAnswers, readAnswerValues } from "~/domain/feedback";
import { HONEYPOT_FIELD, SUBMISSION_KEY } from "~/domain/idea-submission";
import { i18nServer } from "~/i18n/i18next.server";
import { translator } from "~/i18n/translate";
import { withDevice } from "./device-cookie.server";
import { newSubmissionKey, senderHashes } from "./idea-submission.server";
import { feedbackRateLimits, findFeedbackByCode, publicQuestions, storeAnswers } from "./feedback-submission.server";
import { FeedbackForm, type FeedbackFormState } from "~/components/phone/feedback-form";
import { LanguageLinks, PhoneErrorPage, PhoneMessage, PhoneSent } from "~/components/phone/phone-parts";
import { PRIVATE_HEADERS, privatePageHeaders, publicNotFound, publicPageMeta } from "~/components/phone/public-page";
import feedbackPhoneStyles from "~/styles/feedback-phone.css";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

/** A public page for phones: no site header, no app scripts; one small stylesheet and the offline helper. */
export const handle = { bare: { stylesheet: feedbackPhoneStyles, script: "/feedback-offline.js" } };

export const headers = privatePageHeaders;

export const meta = publicPageMeta;

async function pageContext(request: Request, code: string | undefined) {
  const [db, locale] = await Promise.all([getDb(), i18nServer.getLocale(request)]);
  const t = translator(locale);
  const cycle = await findFeedbackByCode(db, code);
  if (!cycle) throw publicNotFound(t("feedback.phone.notFound.title"));
  return { db, locale, t, cycle };
}

/** Where a sent form lands (after the POST, so a reload sends nothing). */
function thanksPath(code: string, locale: string): string {
  return `/f/${code}?lng=${locale}&sent=1`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t, cycle } = await pageContext(request, params.code);
  const languages = feedbackLanguages(cycle.languages);
  const url = new URL(request.url);
  // The questions are written in the cycle's languages only: another language opens the first of them.
  if (!(languages as string[]).includes(locale)) {
    url.searchParams.set("lng", languages[0]!);
    throw redirect(`${url.pathname}${url.search}`, { headers: PRIVATE_HEADERS });
  }
  const { headers } = withDevice(request);
  const common = {
    locale,
    languages,
    code: cycle.feedbackCode!,
    localityName: cycle.prototype.locality.name,
    prototypeTitle: cycle.prototype.title,
    pageTitle: t("feedback.phone.pageTitle", { place: cycle.prototype.locality.name }),
  };
  if (url.searchParams.get("sent") === "1") return data({ ...common, state: "sent" as const, pageTitle: t("feedback.phone.thanks.title") }, { headers });
  const questions = publicQuestions(cycle, locale);
  if (!acceptsFeedback(cycle) || questions.length === 0) {
    return data({ ...common, state: "closed" as const, pageTitle: t("feedback.phone.closed.title") }, { status: 410, headers });
  }
  return data({ ...common, state: "open" as const, questions, submissionKey: newSubmissionKey() }, { headers });
}

type Refused = { outcome: "refused"; form: FeedbackFormState };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, locale, cycle } = await pageContext(request, params.code);
  const { device, headers } = withDevice(request);
  const questions = publicQuestions(cycle, locale);
  if (!acceptsFeedback(cycle) || questions.length === 0) return data({ outcome: "closed" as const }, { status: 410, headers });
  if (!(feedbackLanguages(cycle.languages) as string[]).includes(locale)) throw badRequest();

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  const values = readAnswerValues(form, questions);
  const sentKey = form.get("submissionKey");
  const validKey = typeof sentKey === "string" && SUBMISSION_KEY.test(sentKey) ? sentKey : null;
  const submissionKey = validKey ?? newSubmissionKey();
  const refuse = (status: number, extra: Partial<FeedbackFormState>) =>
    data<Refused>(
      { outcome: "refused", form: { values, errors: {}, empty: false, submissionKey, limitedMinutes: null, sendAgain: false, ...extra } },
      { status, headers },
    );
  const thanks = () => redirect(thanksPath(cycle.feedbackCode!, locale), { status: 303, headers });

  // A stale form token (the browser dropped its cookies while the page was open): nothing chosen is lost, send again.
  try {
    assertCsrf(context.csrf, form);
  } catch {
    return refuse(403, { sendAgain: true });
  }
  // The honeypot: a robot is thanked, and nothing is stored or counted.
  const trap = form.get(HONEYPOT_FIELD);
  if (typeof trap === "string" && trap.trim() !== "") return thanks();
  // The same form sent again (double tap, retry, the offline outbox): thanked again, nothing new stored.
  if (validKey && (await feedbackSubmissionExists(db, cycle.id, validKey))) return thanks();

  const parsed = parseAnswers(values, questions);
  if (!parsed.ok) return refuse(400, { errors: parsed.errors, empty: parsed.empty });

  const sender = senderHashes(device, context.clientAddress);
  const limits = feedbackRateLimits();
  const allowed = await limits.check(sender);
  if (!allowed.allowed) {
    headers.set("Retry-After", String(allowed.retryAfterSeconds));
    return refuse(429, { limitedMinutes: Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60)) });
  }
  const stored = await storeAnswers(db, { cycleId: cycle.id, language: locale, submissionKey, sender, answers: parsed.answers });
  if (stored.created) await limits.record(sender);
  return thanks();
}

export default function PhoneFeedbackPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (page.state === "closed" || result?.outcome === "closed") {
    return (
      <PhoneMessage title={t("feedback.phone.closed.title")}>
        <p>{t("feedback.phone.closed.body")}</p>
      </PhoneMessage>
    );
  }
  if (page.state === "sent") {
    return (
      <PhoneSent
        title={t("feedback.phone.thanks.title")}
        body={t("feedback.phone.thanks.body")}
        again={{ href: `/f/${page.code}?lng=${page.locale}`, text: t("feedback.phone.thanks.again") }}
        againClassName="fb-again"
      />
    );
  }
  const state: FeedbackFormState =
    result?.outcome === "refused"
      ? result.form
      : { values: {}, errors: {}, empty: false, submissionKey: page.submissionKey, limitedMinutes: null, sendAgain: false };
  return (
    <section className="phone-page" aria-labelledby="fb-title">
      <header className="phone-head">
        <p className="phone-place">{t("feedback.phone.asks", { place: page.localityName })}</p>
        <LanguageLinks languages={page.languages} current={page.locale} />
      </header>
      <h1 id="fb-title">{t("feedback.phone.title")}</h1>
      <p className="fb-about">
        {t("feedback.phone.about")} <bdi>{page.prototypeTitle}</bdi>
      </p>
      <p className="phone-lead">{t("feedback.phone.lead")}</p>
      <FeedbackForm questions={page.questions} state={state} />
    </section>
  );
}

export function ErrorBoundary() {
  return <PhoneErrorPage notFound="feedback.phone.notFound" />;
}
