import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { pageTitle } from "~/components/ui/page-title";
import { ReflectionForm } from "~/components/servant/reflection-form";
import { withStrings } from "~/i18n/strings";
import servantStyles from "~/styles/servant.css";
import { editReflection, loadOwnReflection } from "./reflections-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: servantStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "servant.reflections.editTitle");
export const handle = { strings: ["servant"] };
export const clientLoader = withStrings(["servant"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadOwnReflection(await requireLocalityAccess(request, params.localityId, "reflections.write"), params.reflectionId);
}

/** POST body, workshopId?, theme?: saved (one's own reflection only; another's answers 404), back to the log. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const access = await requireLocalityAccess(request, params.localityId, "reflections.write");
  const result = await editReflection(access, params.reflectionId, form);
  if ("reply" in result) return data({ reply: result.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/reflections?done=${result.done}`, { status: 303 });
}

export default function EditReflectionPage() {
  const { t } = useTranslation();
  const { locality, reflection, workshops } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const back = `/l/${locality.id}/reflections`;
  return (
    <section className="page reflections-page" aria-labelledby="edit-reflection-heading">
      <p>
        <Link to={back}>{t("servant.reflections.nav")}</Link>
      </p>
      <h1 id="edit-reflection-heading">{t("servant.reflections.editTitle")}</h1>
      <ReflectionForm
        id="edit-reflection"
        title={reflection.sharedAt ? t("servant.reflections.shared") : t("servant.reflections.private")}
        lastResult={refused?.reply}
        defaults={{ body: reflection.body, workshopId: reflection.workshop?.id ?? "", theme: reflection.theme ? String(reflection.theme) : "" }}
        workshops={workshops}
        submitLabel={t("servant.reflections.saveChanges")}
        cancelTo={back}
      />
    </section>
  );
}
