import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertCsrf } from "~/auth/csrf.server";
import { badRequest } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { challengeAcceptsIdeas, challengeLanguages } from "~/domain/ideas";
import { parseSubmission, photoErrorOf, readSubmissionForm, type SubmissionError, type SubmissionField } from "~/domain/idea-submission";
import { i18nServer } from "~/i18n/i18next.server";
import { translator } from "~/i18n/translate";
import { withDevice } from "./device-cookie.server";
import { ideaRateLimits } from "./idea-rate-limits.server";
import { existingReceipt, findChallengeByCode, newSubmissionKey, pageStamp, senderHashes, storePhoneIdea } from "./idea-submission.server";
import { encodePhoto, type EncodedPhoto } from "~/use-cases/encode-photo.server";
import { IdeaForm, type IdeaFormState } from "~/components/phone/idea-form";
import { LanguageLinks, PhoneErrorPage, PhoneMessage } from "~/components/phone/phone-parts";
import { privatePageHeaders, publicNotFound, publicPageMeta } from "~/components/phone/public-page";
import phoneStyles from "~/styles/phone.css";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

/** A public page for phones: no site header, no app scripts; one small stylesheet and the offline helper. */
export const handle = { bare: { stylesheet: phoneStyles, script: "/phone-offline.js" } };

export const headers = privatePageHeaders;

export const meta = publicPageMeta;

async function pageContext(request: Request, code: string | undefined) {
  const [db, locale] = await Promise.all([getDb(), i18nServer.getLocale(request)]);
  const t = translator(locale);
  const challenge = await findChallengeByCode(db, code);
  if (!challenge) throw publicNotFound(t("phone.notFound.title"));
  return { db, locale, t, challenge };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t, challenge } = await pageContext(request, params.code);
  const { headers } = withDevice(request);
  const common = {
    locale,
    languages: challengeLanguages(challenge.languages),
    localityName: challenge.locality.name,
    question: challenge.question,
    pageTitle: t("phone.pageTitle", { place: challenge.locality.name }),
  };
  if (!challengeAcceptsIdeas(challenge)) return data({ ...common, open: false as const, pageTitle: t("phone.closed.title") }, { status: 410, headers });
  return data({ ...common, open: true as const, submissionKey: newSubmissionKey(), stamp: pageStamp(challenge.id) }, { headers });
}

type Refused = { outcome: "refused"; form: IdeaFormState };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, locale, challenge } = await pageContext(request, params.code);
  const { device, headers } = withDevice(request);
  if (!challengeAcceptsIdeas(challenge)) return data({ outcome: "closed" as const }, { status: 410, headers });

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  const input = readSubmissionForm(form, locale);
  const submissionKey = input.submissionKey ?? newSubmissionKey();
  const values = { text: input.text, language: input.language, name: input.name, contact: input.contact };
  const refuse = (status: number, extra: Partial<IdeaFormState>) =>
    data<Refused>(
      { outcome: "refused", form: { values, errors: {}, submissionKey, stamp: input.stamp, limitedMinutes: null, sendAgain: false, ...extra } },
      { status, headers },
    );

  // A stale form token (the browser dropped its cookies while the page was open): nothing typed is lost, send again.
  try {
    assertCsrf(context.csrf, form);
  } catch {
    return refuse(403, { sendAgain: true });
  }
  // The honeypot: a robot is told "sent", and nothing is stored or counted.
  if (input.honeypot) return data({ outcome: "quiet" as const }, { headers });

  const receiptPath = (secret: string) => `/r/${secret}?new=1&lng=${locale}`;
  // The same form sent again (double tap, retry, the offline outbox): the same receipt.
  if (input.submissionKey) {
    const existing = await existingReceipt(db, challenge.id, input.submissionKey);
    if (existing?.secret) return redirect(receiptPath(existing.secret), { status: 303, headers });
    if (existing) return data({ outcome: "quiet" as const }, { headers });
  }

  const parsed = parseSubmission(values);
  const errors: Partial<Record<SubmissionField, SubmissionError>> = parsed.ok ? {} : { ...parsed.errors };
  const file = form.get("photo");
  let photo: EncodedPhoto | null = null;
  if (file instanceof File && (file.size > 0 || file.name !== "")) {
    const encoded = await encodePhoto(file);
    if (encoded.ok) photo = encoded.photo;
    else errors.photo = photoErrorOf(encoded.error);
  }
  if (!parsed.ok || errors.photo) return refuse(400, { errors });

  const sender = senderHashes(device, context.clientAddress);
  const limits = ideaRateLimits();
  const allowed = await limits.check(sender);
  if (!allowed.allowed) {
    headers.set("Retry-After", String(allowed.retryAfterSeconds));
    return refuse(429, { limitedMinutes: Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60)) });
  }
  const stored = await storePhoneIdea(db, { challenge, idea: parsed.idea, photo, submissionKey, sender, stamp: input.stamp });
  if (stored.created) await limits.record(sender);
  if (!stored.secret) return data({ outcome: "quiet" as const }, { headers });
  return redirect(receiptPath(stored.secret), { status: 303, headers });
}

export default function PhoneIdeaPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!page.open || result?.outcome === "closed") {
    return (
      <PhoneMessage title={t("phone.closed.title")}>
        <p>{t("phone.closed.body")}</p>
      </PhoneMessage>
    );
  }
  if (result?.outcome === "quiet") {
    return (
      <PhoneMessage title={t("phone.quietlySent.title")}>
        <p>{t("phone.quietlySent.body")}</p>
      </PhoneMessage>
    );
  }
  const state: IdeaFormState =
    result?.outcome === "refused"
      ? result.form
      : {
          values: { text: "", language: page.locale, name: "", contact: "" },
          errors: {},
          submissionKey: page.submissionKey,
          stamp: page.stamp,
          limitedMinutes: null,
          sendAgain: false,
        };
  return (
    <section className="phone-page" aria-labelledby="phone-question">
      <header className="phone-head">
        <p className="phone-place">{t("phone.asks", { place: page.localityName })}</p>
        <LanguageLinks languages={page.languages} current={page.locale} />
      </header>
      <h1 id="phone-question" dir="auto">
        {page.question}
      </h1>
      <p className="phone-lead">{t("phone.lead")}</p>
      <IdeaForm state={state} pageLanguage={page.locale} />
      <p className="phone-next">{t("phone.next")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <PhoneErrorPage notFound="phone.notFound" />;
}
