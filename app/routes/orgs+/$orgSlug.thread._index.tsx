import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireThreadAccess } from "~/auth/thread-access.server";
import { pageTitle } from "~/components/ui/page-title";
import { ThreadView } from "~/components/thread/thread-view";
import type { ThreadReply } from "~/components/thread/thread-forms";
import { withStrings } from "~/i18n/strings";
import threadStyles from "~/styles/thread.css";
import { THREAD_INTENTS } from "~/domain/golden-thread";
import { loadThreadPage, runThreadAction } from "./thread-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) => pageTitle(matches, "thread.pageTitle", { organisation: d?.organisation.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadThreadPage(await requireThreadAccess(request, params.orgSlug, "view"));
}

/** The thread's forms (organisation facilitators): intent=add|edit|move|archive|restore|delete. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireThreadAccess(request, params.orgSlug, "edit");
  const outcome = await runThreadAction(request, context, access);
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  const { kind: _kind, ...reply } = outcome;
  return data(reply, { status: outcome.errors.includes("thread.errors.stale") ? 409 : 400 });
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

/**
 * The organisation's golden thread: purpose → vision → priorities → priority outcomes (each with
 * its measures), design principles and big moves; items under review and invented examples say so.
 * Organisation facilitators change it here; every change is a new version (see its history).
 */
export default function GoldenThreadPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ThreadReply;
  const [params] = useSearchParams();
  const done = params.get("done");
  const doneKnown = done && (THREAD_INTENTS as readonly string[]).includes(done);
  return (
    <section className="page thread-page" aria-labelledby="thread-title">
      <div className="page-heading">
        <h1 id="thread-title">{t("thread.title")}</h1>
      </div>
      <p className="muted">
        {page.orgFacilitator ? <Link to={`/orgs/${page.organisation.slug}`}>{page.organisation.name}</Link> : page.organisation.name}
        {" · "}
        {page.thread.version > 0 ? t("thread.versionNow", { number: page.thread.version }) : t("thread.noVersion")}
        {" · "}
        <Link to={`/orgs/${page.organisation.slug}/thread/history`}>{t("thread.history.link")}</Link>
      </p>
      <p className="lead">{t("thread.lead")}</p>
      <div role="status">{doneKnown ? <p className="card success">{t(`thread.done.${done}`)}</p> : null}</div>
      <ThreadView thread={page.thread} uses={page.uses} mayEdit={page.mayEdit} reply={reply} />
    </section>
  );
}
