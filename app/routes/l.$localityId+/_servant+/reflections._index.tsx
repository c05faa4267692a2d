import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { ReflectionForm } from "~/components/servant/reflection-form";
import { ReflectionEntry } from "~/components/servant/reflection-entry";
import { withStrings } from "~/i18n/strings";
import servantStyles from "~/styles/servant.css";
import { actOnReflections, loadMyReflections } from "./reflections-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: servantStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "servant.reflections.title");
export const handle = { strings: ["servant"] };
export const clientLoader = withStrings(["servant"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadMyReflections(await requireLocalityAccess(request, params.localityId, "reflections.write"), new URL(request.url));
}

/** POST intent=write (body, workshopId?, theme?), or intent=share|unshare|delete with reflectionId (one's own only; another's answers 404). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "reflections.write");
  const result = await actOnReflections(access, request, form);
  if ("reply" in result) return data({ reply: result.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/reflections?done=${result.done}`, { status: 303 });
}

const NOTICES: Record<string, string> = {
  created: "servant.reflections.created",
  updated: "servant.reflections.updated",
  deleted: "servant.reflections.deleted",
  shared: "servant.reflections.sharedNotice",
  unshared: "servant.reflections.unsharedNotice",
};

/** My reflective log: write a reflection, and my entries, newest first, each private until I share it. */
export default function ReflectionsPage() {
  const { t } = useTranslation();
  const { locality, reflections, workshops, start } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const [search] = useSearchParams();
  const notice = NOTICES[search.get("done") ?? ""];
  const base = `/l/${locality.id}/reflections`;
  return (
    <section className="page reflections-page" aria-labelledby="reflections-title">
      <h1 id="reflections-title">{t("servant.reflections.title")}</h1>
      <p className="lead">{t("servant.reflections.lead")}</p>
      <p className="reflection-links">
        <Link to={`${base}/shared`}>{t("servant.reflections.sharedNav")}</Link>
        <Link to={`/l/${locality.id}/deck`}>{t("servant.reflections.deckNav")}</Link>
      </p>
      {notice ? (
        <p role="status" className="card notice">
          {t(notice)}
        </p>
      ) : null}
      <div id="write-reflection">
        <ReflectionForm
          // A fresh, empty form after each saved reflection (the newest entry's id changes).
          key={reflections[0]?.id ?? "none"}
          id="write-reflection-form"
          title={t("servant.reflections.writeTitle")}
          lastResult={refused?.reply}
          defaults={{ workshopId: start.workshopId, theme: start.theme }}
          workshops={workshops}
          intent="write"
          submitLabel={t("servant.reflections.save")}
        />
      </div>
      <h2 id="mine-title">{t("servant.reflections.mineTitle")}</h2>
      {reflections.length === 0 ? <p>{t("servant.reflections.none")}</p> : null}
      <ul className="reflection-list" aria-labelledby="mine-title">
        {reflections.map((r) => (
          <ReflectionEntry key={r.id} localityId={locality.id} reflection={r} showPrivacy>
            <div className="reflection-actions">
              <Link to={`${base}/${r.id}/edit`} className="button">
                {t("servant.reflections.edit")}
              </Link>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="reflectionId" value={r.id} />
                <button type="submit" name="intent" value={r.sharedAt ? "unshare" : "share"} className="button">
                  {r.sharedAt ? t("servant.reflections.unshare") : t("servant.reflections.share")}
                </button>
              </Form>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="reflectionId" value={r.id} />
                <button type="submit" name="intent" value="delete" className="button danger">
                  {t("servant.reflections.delete")}
                </button>
              </Form>
            </div>
          </ReflectionEntry>
        ))}
      </ul>
    </section>
  );
}
