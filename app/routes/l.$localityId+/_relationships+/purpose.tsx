import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { agreePurposeVersion, endorsePurpose, withdrawEndorsement } from "~/data/purpose.server";
import { loadPurposePage, startPurpose } from "./purpose-page.server";
import { agreeInput, endorseInput } from "~/domain/purpose";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { CsrfField } from "~/components/ui/csrf-field";
import { pageTitle } from "~/components/ui/page-title";
import { AgreedPurpose, AgreeForm, EndorsementPanel, EndorsersList } from "~/components/purpose/purpose-panels";
import documentStyles from "~/styles/document.css";
import purposeStyles from "~/styles/purpose.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: documentStyles },
  { rel: "stylesheet", href: purposeStyles },
];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "purpose.title");

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "locality.view");
  return loadPurposePage(access);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const intent = form.get("intent");
  switch (intent) {
    case "start": {
      const access = await requireLocalityAccess(request, params.localityId, "documents.create");
      const documentId = await startPurpose(access, await i18nServer.getLocale(request), formLoadOf(request, form, access.user.id));
      return redirect(`/l/${access.locality.id}/documents/${documentId}`);
    }
    case "agree": {
      const { locality, user } = await requireLocalityAccess(request, params.localityId, "purpose.agree");
      const submission = parseWithZod(form, { schema: agreeInput });
      if (submission.status !== "success") return data({ intent: "agree" as const, reply: submission.reply(), done: null }, { status: 400 });
      const agreed = await agreePurposeVersion(await getDb(), { localityId: locality.id, actorId: user.id, versionId: submission.value.versionId });
      // A version of another locality's (or another kind of) document is not reachable from here.
      if (!agreed) throw notFound();
      return data({
        intent: "agree" as const,
        reply: submission.reply(),
        done: agreed.changed ? ("agreed" as const) : ("unchanged" as const),
        name: agreed.name,
      });
    }
    case "endorse": {
      const { locality, user } = await requireLocalityAccess(request, params.localityId, "purpose.endorse");
      const submission = parseWithZod(form, { schema: endorseInput });
      if (submission.status !== "success") throw badRequest();
      const outcome = await endorsePurpose(await getDb(), { localityId: locality.id, userId: user.id, versionId: submission.value.versionId });
      if (outcome === "stale") return data({ intent: "endorse" as const, done: "stale" as const }, { status: 409 });
      return data({ intent: "endorse" as const, done: "endorsed" as const });
    }
    case "withdraw": {
      const { locality, user } = await requireLocalityAccess(request, params.localityId, "purpose.endorse");
      await withdrawEndorsement(await getDb(), { localityId: locality.id, userId: user.id });
      return data({ intent: "withdraw" as const, done: "withdrawn" as const });
    }
    default:
      throw badRequest();
  }
}

/** The locality's common purpose: the agreed version, who endorsed it, and (for facilitators) which version is agreed. */
export default function PurposePage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locale = useRootData()?.locale ?? "en";
  const navigation = useNavigation();
  const dateFormat = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const { locality, document, agreed, may } = page;
  const documentPath = document ? `/l/${locality.id}/documents/${document.id}` : null;
  const starting = navigation.state !== "idle" && navigation.formData?.get("intent") === "start";

  const message = result
    ? result.done === "agreed" || result.done === "unchanged"
      ? t(result.done === "agreed" ? "purpose.done.agreed" : "purpose.done.unchanged", { name: "name" in result ? result.name : "" })
      : result.done === "endorsed"
        ? t("purpose.done.endorsed")
        : result.done === "withdrawn"
          ? t("purpose.done.withdrawn")
          : result.done === "stale"
            ? t("purpose.done.stale")
            : null
    : null;

  return (
    <section className="page purpose-page" aria-labelledby="purpose-title">
      <h1 id="purpose-title">{t("purpose.title")}</h1>
      <p className="lead">{t("purpose.lead")}</p>
      <div role="status" className="purpose-status">
        {message ? <p className={`card ${result?.done === "stale" ? "notice" : "success"}`}>{message}</p> : null}
      </div>

      {!document ? (
        <div className="card stack purpose-start">
          <p>{t("purpose.noDocument")}</p>
          {may.start ? (
            <Form method="post" className="stack">
              <CsrfField />
              <p className="hint">{t("purpose.startHint")}</p>
              <p>
                <button type="submit" name="intent" value="start" className="button primary" aria-disabled={starting || undefined}>
                  {t("purpose.start")}
                </button>
              </p>
            </Form>
          ) : null}
        </div>
      ) : null}

      {agreed ? (
        <AgreedPurpose agreed={agreed} dateFormat={dateFormat} />
      ) : document ? (
        <div className="card notice purpose-not-agreed">
          <p>
            <strong>{t("purpose.notAgreed")}</strong>
          </p>
          <p className="hint">{t("purpose.notAgreedHint")}</p>
        </div>
      ) : null}

      {documentPath ? (
        <p className="purpose-document-link">
          <Link to={documentPath} className="button">
            {may.edit ? t("purpose.openDocument") : t("purpose.readDocument")}
          </Link>
        </p>
      ) : null}

      {agreed ? (
        <div className="purpose-columns">
          <EndorsementPanel mine={page.mine} agreedVersionId={agreed.versionId} mayEndorse={may.endorse} dateFormat={dateFormat} />
          <EndorsersList endorsers={page.endorsers} earlier={page.earlier} dateFormat={dateFormat} />
        </div>
      ) : null}

      {may.agree && document ? (
        <AgreeForm
          versions={page.versions}
          agreedVersionId={agreed?.versionId ?? null}
          lastResult={result && result.intent === "agree" ? result.reply : undefined}
          dateFormat={dateFormat}
        />
      ) : null}
    </section>
  );
}
