import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadPrototypeList } from "./prototype-list.server";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { PrototypeBoard, PrototypeTable, ViewChoice } from "~/components/prototypes/prototype-list-views";
import prototypeStyles from "~/styles/prototypes.css";
import pageStyles from "~/styles/prototype-pages.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: prototypeStyles },
  { rel: "stylesheet", href: pageStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "prototypes.list.title");
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPrototypeList(await requireLocalityAccess(request, params.localityId, "prototypes.view"), new URL(request.url));
}

/**
 * The locality's prototypes: a board with a column per status (planned → testing → adopted,
 * adapted, stopped, scaled), or a table (?view=table: a plain link, so it works without
 * JavaScript). Each links to its page, with its test cycles, the latest one, and who took part.
 */
export default function Prototypes() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const base = `/l/${page.locality.id}`;
  return (
    <section className="page prototypes-page" aria-labelledby="prototypes-title">
      <h1 id="prototypes-title">{t("prototypes.list.title")}</h1>
      <p className="lead">{t("prototypes.list.lead")}</p>
      <p className="prototype-links">
        <Link to={`${base}/ideas`}>{t("prototypes.list.ideasLink")}</Link>
      </p>
      {page.prototypes.length ? (
        <>
          <ViewChoice base={`${base}/prototypes`} view={page.view} />
          {page.view === "table" ? (
            <PrototypeTable localityId={page.locality.id} localityName={page.locality.name} prototypes={page.prototypes} />
          ) : (
            <PrototypeBoard localityId={page.locality.id} prototypes={page.prototypes} columns={page.columns} />
          )}
        </>
      ) : (
        <p className="card notice">{t("prototypes.list.none")}</p>
      )}
    </section>
  );
}
