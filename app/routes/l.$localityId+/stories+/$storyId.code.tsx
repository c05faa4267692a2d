import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useSettledActionData } from "~/components/ui/use-live-updates";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { badRequest } from "~/http/http-errors.server";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CodingView } from "~/components/analysis/coding-view";
import { createExcerptFromForm, deleteExcerptFromForm, loadCodingPage, updateExcerptFromForm } from "./coding-page.server";
import analysisStyles from "~/styles/analysis.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: analysisStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "analysis.coding.title");

export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  return loadCodingPage(access, params.storyId, await i18nServer.getLocale(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "stories.code");
  switch (form.get("intent")) {
    case "create": {
      const result = await createExcerptFromForm(access, params.storyId, form, await i18nServer.getLocale(request), formLoadOf(request, form, access.user.id));
      return data({ intent: "create" as const, ...result }, { status: result.ok ? 200 : 400 });
    }
    case "update": {
      const result = await updateExcerptFromForm(access, params.storyId, form);
      return data({ intent: "update" as const, ...result }, { status: result.ok ? 200 : 400 });
    }
    case "delete":
      return data({ intent: "delete" as const, ...(await deleteExcerptFromForm(access, params.storyId, form)) });
    default:
      throw badRequest();
  }
}

/** Coding a story: its redacted text with everyone's highlights, and the excerpts beside it. */
export default function CodeStoryPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useSettledActionData<typeof action>();
  return (
    <section className="page coding-page" aria-labelledby="coding-title">
      <p className="breadcrumb">
        <Link to={`/l/${page.locality.id}/stories/${page.story.id}`}>{t("analysis.coding.back")}</Link>
        {" · "}
        <Link to={`/l/${page.locality.id}/analysis`}>{t("analysis.title")}</Link>
      </p>
      <h1 id="coding-title">{t("analysis.coding.heading", { title: page.story.title })}</h1>
      <p className="lead">{t("analysis.coding.lead", { pseudonym: page.story.pseudonym })}</p>
      <CodingView page={page} result={result} />
    </section>
  );
}
