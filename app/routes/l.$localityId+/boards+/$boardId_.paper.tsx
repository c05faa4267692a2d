import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { readForm } from "~/http/read-form.server";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import { dateFormatter } from "~/i18n/dates";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { BatchForm, BlankCardsForm } from "~/components/paper/paper-forms";
import { loadPaperPage, paperAction } from "./paper-page.server";
import paperStyles from "~/styles/paper.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: paperStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "paper.page.title");
export const handle = { strings: ["board"] };
export const clientLoader = withStrings(["board"]);

/** Paper and this board (facilitators): print links, blank cards, phone cards waiting, a pasted batch. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "boards.facilitate");
  return loadPaperPage(access, params.boardId, new URL(request.url).origin);
}

/** POST intent=batch|place|reject|rotate (facilitators). Done: back to the page with what happened; refused: the form as typed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "boards.facilitate");
  const outcome = await paperAction(access, params.boardId, form, formLoadOf(request, form, access.user.id));
  const here = `/l/${access.locality.id}/boards/${params.boardId}/paper`;
  if (outcome.ok) {
    const done =
      outcome.intent === "batch"
        ? `added=${outcome.added}`
        : outcome.intent === "rotate"
          ? "rotated=1"
          : `card=${outcome.decided ? outcome.intent : "already"}`;
    return redirect(`${here}?${done}`, { status: 303 });
  }
  const status = outcome.error.kind === "unreachable" ? 503 : outcome.error.kind === "boardFull" || outcome.error.kind === "clusterGone" ? 409 : 400;
  return data(outcome, { status });
}

export default function PaperPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const locale = useRootData()?.locale ?? "en";
  const format = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const base = `/l/${d.locality.id}/boards/${d.board.id}`;
  const added = params.get("added");
  const card = params.get("card");
  // A refused form is shown as typed; what an earlier form did is no longer news.
  const done = failed
    ? null
    : added && /^\d+$/.test(added)
      ? t("paper.page.batch.added", { count: Number(added) })
      : params.get("rotated") === "1"
        ? t("paper.page.blank.rotated")
        : card === "place"
          ? t("paper.page.pending.placed")
          : card === "reject"
            ? t("paper.page.pending.rejected")
            : card === "already"
              ? t("paper.page.pending.already")
              : null;
  const placeFailed = failed && !failed.ok && failed.intent === "place" ? failed.error : null;
  return (
    <section className="page" aria-labelledby="paper-title">
      <p className="breadcrumb">
        <Link to={base}>{t("paper.page.back")}</Link>
      </p>
      <h1 id="paper-title">{t("paper.page.title")}</h1>
      <p dir="auto">
        <strong>{d.board.title}</strong>
      </p>
      <p className="lead">{t("paper.page.lead")}</p>
      {done ? (
        <p className="card notice" role="status">
          {done}
        </p>
      ) : null}
      {placeFailed ? (
        <p className="form-error" role="alert">
          {placeFailed.kind === "unreachable" ? t("paper.page.errors.unreachable") : t(`paper.page.errors.${placeFailed.kind}`, { ...placeFailed })}
        </p>
      ) : null}

      <section className="paper-section" aria-labelledby="paper-pending">
        <h2 id="paper-pending">{t("paper.page.pending.heading")}</h2>
        {d.pending.length === 0 ? (
          <p className="muted">{t("paper.page.pending.none")}</p>
        ) : (
          <ul className="paper-pending">
            {d.pending.map((c) => (
              <li key={c.id} className="card paper-pending-item">
                <p className="paper-pending-text" dir="auto" lang={c.language}>
                  {c.text}
                </p>
                <p className="muted">{t("paper.page.pending.sent", { when: format.format(new Date(c.at)) })}</p>
                <Form method="post" action={`${base}/paper`} className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="card" value={c.id} />
                  <button type="submit" name="intent" value="place" className="button primary">
                    {t("paper.page.pending.place")}
                  </button>
                  <button type="submit" name="intent" value="reject" className="button">
                    {t("paper.page.pending.reject")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <BatchForm
        action={`${base}/paper`}
        clusters={d.clusters}
        notesOnBoard={d.notesOnBoard}
        failed={failed && !failed.ok && failed.intent === "batch" ? failed : null}
      />

      <section className="paper-section" aria-labelledby="paper-print">
        <h2 id="paper-print">{t("paper.page.print.heading")}</h2>
        <p>{t("paper.page.print.body")}</p>
        <p>
          <Link to={`${base}/cards`} className="button">
            {t("paper.page.print.link")}
          </Link>
        </p>
      </section>

      <BlankCardsForm action={`${base}/cards/blank`} paperAction={`${base}/paper`} cardLink={d.cardLink} locked={d.board.locked} />
    </section>
  );
}
