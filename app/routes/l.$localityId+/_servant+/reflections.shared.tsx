import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { pageTitle } from "~/components/ui/page-title";
import { ReflectionEntry } from "~/components/servant/reflection-entry";
import { withStrings } from "~/i18n/strings";
import servantStyles from "~/styles/servant.css";
import { loadSharedReflections } from "./reflections-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: servantStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "servant.reflections.sharedTitle");
export const handle = { strings: ["servant"] };
export const clientLoader = withStrings(["servant"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadSharedReflections(await requireLocalityAccess(request, params.localityId, "reflections.write"));
}

/** What members chose to share from their reflective logs (their private ones are never here). */
export default function SharedReflectionsPage() {
  const { t } = useTranslation();
  const { locality, reflections } = useLoaderData<typeof loader>();
  return (
    <section className="page reflections-page" aria-labelledby="shared-title">
      <p>
        <Link to={`/l/${locality.id}/reflections`}>{t("servant.reflections.nav")}</Link>
      </p>
      <h1 id="shared-title">{t("servant.reflections.sharedTitle")}</h1>
      <p className="lead">{t("servant.reflections.sharedLead", { locality: locality.name })}</p>
      {reflections.length === 0 ? <p>{t("servant.reflections.sharedNone")}</p> : null}
      <ul className="reflection-list" aria-label={t("servant.reflections.sharedTitle")}>
        {reflections.map((r) => (
          <ReflectionEntry key={r.id} localityId={locality.id} reflection={r} showPrivacy={false} />
        ))}
      </ul>
    </section>
  );
}
