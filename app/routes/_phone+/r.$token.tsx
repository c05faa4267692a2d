import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/data/db.server";
import { i18nServer } from "~/i18n/i18next.server";
import { translator } from "~/i18n/translate";
import { findReceipt } from "./idea-receipt.server";
import { LanguageLinks, PhoneMessage } from "~/components/phone/phone-parts";
import { ReceiptStatus } from "~/components/phone/receipt-view";
import { PRIVATE_HEADERS, privatePageHeaders, publicNotFound, publicPageMeta } from "~/components/phone/public-page";
import phoneStyles from "~/styles/phone.css";
// The browser's shared chunk (app/components/ui/shared-chunk.client.ts): this route imports no strings.
import "~/components/ui/shared-chunk.client";

/** A public page for phones (no site header, no app scripts). */
export const handle = { bare: { stylesheet: phoneStyles } };

export const headers = privatePageHeaders;

export const meta = publicPageMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [db, locale] = await Promise.all([getDb(), i18nServer.getLocale(request)]);
  const t = translator(locale);
  const receipt = await findReceipt(db, params.token);
  if (!receipt) throw publicNotFound(t("phone.receipt.notFound.title"));
  const url = new URL(request.url);
  const link = new URL(`/r/${params.token}`, url.origin);
  link.searchParams.set("lng", locale);
  return data(
    {
      locale,
      receipt,
      isNew: url.searchParams.get("new") === "1",
      link: link.toString(),
      pageTitle: t("phone.receipt.title"),
    },
    { headers: PRIVATE_HEADERS },
  );
}

export default function ReceiptPage() {
  const { t } = useTranslation();
  const { locale, receipt, isNew, link } = useLoaderData<typeof loader>();
  return (
    <section className="phone-page receipt" aria-labelledby="receipt-title">
      <header className="phone-head">
        <p className="phone-place">{receipt.localityName}</p>
        <LanguageLinks languages={receipt.languages} current={locale} />
      </header>
      {isNew ? (
        <div className="phone-done" role="status">
          <p className="phone-done-title">{t("phone.receipt.new")}</p>
          <p>{t("phone.receipt.keep")}</p>
          <p className="phone-receipt-link">
            <span>{t("phone.receipt.link")}</span>{" "}
            <a href={link} dir="ltr">
              {link}
            </a>
          </p>
        </div>
      ) : null}
      <h1 id="receipt-title">{t("phone.receipt.title")}</h1>
      <h2>{t("phone.receipt.question")}</h2>
      <p className="receipt-question" dir="auto">
        {receipt.question}
      </p>
      <h2>{t("phone.receipt.yourIdea")}</h2>
      <blockquote className="receipt-idea" lang={receipt.language} dir="auto">
        {receipt.text}
      </blockquote>
      <h2>{t("phone.receipt.whereNow")}</h2>
      <ReceiptStatus view={receipt.view} />
      {receipt.linkCode ? (
        <p className="receipt-again">
          <a href={`/i/${receipt.linkCode}?lng=${locale}`}>{t("phone.receipt.sendAnother")}</a>
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <PhoneMessage title={notFound ? t("phone.receipt.notFound.title") : t("errors.500.title")}>
      <p>{notFound ? t("phone.receipt.notFound.body") : t("errors.500.body")}</p>
    </PhoneMessage>
  );
}
