import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertCsrf } from "~/auth/csrf.server";
import { badRequest } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { HONEYPOT_FIELD, SUBMISSION_KEY } from "~/domain/idea-submission";
import { parseLinkCode } from "~/domain/ideas";
import { noteLinkPath, parseCardText } from "~/domain/paper-cards";
import { LANGUAGES } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { translator } from "~/i18n/translate";
import { withDevice } from "./device-cookie.server";
import { newSubmissionKey, senderHashes } from "./idea-submission.server";
import { cardBoardState, cardRateLimits, directWriter, existingCard, findCardBoard, placeMemberCard, storePendingCard } from "./card-submission.server";
import { CardForm, type CardFormState } from "~/components/paper/card-form";
import { LanguageLinks, PhoneErrorPage, PhoneMessage, PhoneSent } from "~/components/phone/phone-parts";
import { privatePageHeaders, publicNotFound, publicPageMeta } from "~/components/phone/public-page";
import phoneStyles from "~/styles/phone.css";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

/** A public page for phones: no site header, no app scripts; the phone pages' one small stylesheet. */
export const handle = { bare: { stylesheet: phoneStyles } };

export const headers = privatePageHeaders;

export const meta = publicPageMeta;

const PAGE_LANGUAGES = LANGUAGES.map((l) => l.code);

async function pageContext(request: Request, code: string | undefined) {
  const [db, locale] = await Promise.all([getDb(), i18nServer.getLocale(request)]);
  const t = translator(locale);
  const board = await findCardBoard(db, code);
  if (!board) throw publicNotFound(t("paper.phone.notFound.title"));
  return { db, locale, t, board };
}

/** Where a sent card lands (after the POST, so a reload sends nothing). */
const thanksPath = (code: string, locale: string) => `/card/${code}?lng=${locale}&sent=1`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t, board } = await pageContext(request, params.code);
  const { headers } = withDevice(request);
  const common = { locale, languages: PAGE_LANGUAGES, code: parseLinkCode(params.code) ?? "", boardTitle: board.title, localityName: board.locality.name };
  const state = cardBoardState(board);
  if (state !== "open") return data({ ...common, state, pageTitle: t(`paper.phone.${state}.title`) }, { status: 410, headers });
  if (new URL(request.url).searchParams.get("sent") === "1")
    return data({ ...common, state: "sent" as const, pageTitle: t("paper.phone.sent.title") }, { headers });
  const writer = await directWriter(request, board);
  return data(
    {
      ...common,
      state: "form" as const,
      pageTitle: t("paper.phone.pageTitle", { place: board.locality.name }),
      writer: writer ? writer.name : null,
      submissionKey: newSubmissionKey(),
    },
    { headers },
  );
}

type Refused = { outcome: "refused"; form: CardFormState };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, locale, board } = await pageContext(request, params.code);
  const { device, headers } = withDevice(request);
  const state = cardBoardState(board);
  if (state !== "open") return data({ outcome: "closed" as const, state }, { status: 410, headers });

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  const rawText = form.get("text");
  const text = typeof rawText === "string" ? rawText : "";
  const sentKey = form.get("submissionKey");
  const validKey = typeof sentKey === "string" && SUBMISSION_KEY.test(sentKey) ? sentKey : null;
  const submissionKey = validKey ?? newSubmissionKey();
  const writer = await directWriter(request, board);
  const refuse = (status: number, extra: Partial<CardFormState>) =>
    data<Refused>(
      {
        outcome: "refused",
        form: { text, error: null, submissionKey, limitedMinutes: null, sendAgain: false, full: false, writer: writer?.name ?? null, ...extra },
      },
      { status, headers },
    );
  const code = parseLinkCode(params.code) ?? "";
  const thanks = () => redirect(thanksPath(code, locale), { status: 303, headers });
  const onBoard = (noteId: string) => redirect(noteLinkPath(board.localityId, board.id, noteId), { status: 303, headers });

  // A stale form token (the browser dropped its cookies while the page was open): nothing typed is lost, send again.
  try {
    assertCsrf(context.csrf, form);
  } catch {
    return refuse(403, { sendAgain: true });
  }
  // The honeypot: a robot is thanked, and nothing is stored or counted.
  const trap = form.get(HONEYPOT_FIELD);
  if (typeof trap === "string" && trap.trim() !== "") return thanks();
  // The same form sent again (double tap, retry): the same card, nothing new stored.
  if (validKey) {
    const existing = await existingCard(db, board, validKey);
    if (existing?.noteId && existing.status === "placed" && writer) return onBoard(existing.noteId);
    if (existing) return thanks();
  }

  const parsed = parseCardText(text);
  if (!parsed.ok) return refuse(400, { error: parsed.error });

  if (writer) {
    let sent: Awaited<ReturnType<typeof placeMemberCard>>;
    try {
      sent = await placeMemberCard(db, { board, text: parsed.text, language: locale, submissionKey, author: writer });
    } catch {
      return refuse(503, { error: "unreachable" });
    }
    if (sent.kind === "full") return refuse(409, { full: true });
    return sent.kind === "placed" ? onBoard(sent.noteId) : thanks();
  }

  const sender = senderHashes(device, context.clientAddress);
  const limits = cardRateLimits();
  const allowed = await limits.check(sender);
  if (!allowed.allowed) {
    headers.set("Retry-After", String(allowed.retryAfterSeconds));
    return refuse(429, { limitedMinutes: Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60)) });
  }
  const stored = await storePendingCard(db, { board, text: parsed.text, language: locale, submissionKey, sender });
  if (stored.kind === "pending" && stored.created) await limits.record(sender);
  return thanks();
}

export default function PhoneCardPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const closed = page.state === "locked" || page.state === "archived" ? page.state : result?.outcome === "closed" ? result.state : null;
  if (closed === "locked" || closed === "archived") {
    return (
      <PhoneMessage title={t(`paper.phone.${closed}.title`)}>
        <p>{t(`paper.phone.${closed}.body`)}</p>
      </PhoneMessage>
    );
  }
  if (page.state === "sent") {
    return (
      <PhoneSent
        title={t("paper.phone.sent.title")}
        body={t("paper.phone.sent.body")}
        again={{ href: `/card/${page.code}?lng=${page.locale}`, text: t("paper.phone.sent.again") }}
      />
    );
  }
  if (page.state !== "form") return null;
  const state: CardFormState =
    result?.outcome === "refused"
      ? result.form
      : { text: "", error: null, submissionKey: page.submissionKey, limitedMinutes: null, sendAgain: false, full: false, writer: page.writer };
  return (
    <section className="phone-page" aria-labelledby="card-title">
      <header className="phone-head">
        <p className="phone-place">{t("paper.phone.place", { place: page.localityName })}</p>
        <LanguageLinks languages={page.languages} current={page.locale} />
      </header>
      <h1 id="card-title">{t("paper.phone.title")}</h1>
      <p className="phone-lead">
        {t("paper.phone.board")} <strong dir="auto">{page.boardTitle}</strong>
      </p>
      <CardForm state={state} />
    </section>
  );
}

export function ErrorBoundary() {
  return <PhoneErrorPage notFound="paper.phone.notFound" />;
}
