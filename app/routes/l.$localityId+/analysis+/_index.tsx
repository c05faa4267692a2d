import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useSettledActionData } from "~/components/ui/use-live-updates";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { badRequest } from "~/http/http-errors.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { AnalysisHeader } from "~/components/analysis/analysis-nav";
import { Codebook, type CodebookResult } from "~/components/analysis/codebook";
import { createCodeFromForm, deleteCodeFromForm, loadCodebook, mergeCodeFromForm, updateCodeFromForm } from "./analysis-page.server";
import analysisStyles from "~/styles/analysis.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: analysisStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "analysis.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCodebook(await requireLocalityAccess(request, params.localityId, "stories.view"));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  switch (form.get("intent")) {
    case "create": {
      const access = await requireLocalityAccess(request, params.localityId, "stories.code");
      const result = await createCodeFromForm(access, form, formLoadOf(request, form, access.user.id));
      return data({ intent: "create" as const, ...result }, { status: result.ok ? 200 : 400 });
    }
    case "update": {
      const result = await updateCodeFromForm(await requireLocalityAccess(request, params.localityId, "stories.code"), form);
      return data({ intent: "update" as const, ...result }, { status: result.ok ? 200 : 400 });
    }
    case "merge": {
      const result = await mergeCodeFromForm(await requireLocalityAccess(request, params.localityId, "codes.manage"), form);
      return data({ intent: "merge" as const, ...result }, { status: result.ok ? 200 : 400 });
    }
    case "delete": {
      const result = await deleteCodeFromForm(await requireLocalityAccess(request, params.localityId, "codes.manage"), form);
      return data({ intent: "delete" as const, ...result }, { status: result.inUse ? 409 : 200 });
    }
    default:
      throw badRequest();
  }
}

/** The locality's codebook: every code, how much it is used, and (by role) create, rename, merge, delete. */
export default function AnalysisPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useSettledActionData<typeof action>() as CodebookResult;
  return (
    <section className="page analysis-page" aria-labelledby="analysis-title">
      <AnalysisHeader localityId={page.locality.id} title={t("analysis.title")} />
      <p className="lead">{t("analysis.codebook.lead")}</p>
      <Codebook page={page} result={result} />
    </section>
  );
}
