import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { getDb } from "~/data/db.server";
import { listLocalitiesFor } from "~/data/localities.server";
import { STAGES } from "~/domain/stages";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { localities, organisations } = await listLocalitiesFor(await getDb(), user.id);
  return { name: user.name, localities, organisations };
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function Home() {
  const { t } = useTranslation();
  const { name, localities, organisations } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">{t("home.greeting", { name })}</h1>
      {organisations.length > 0 ? (
        <nav aria-label={t("home.organisations")} className="card">
          <h2>{t("home.organisations")}</h2>
          <ul className="link-list">
            {organisations.map((o) => (
              <li key={o.slug}>
                <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <h2>{t("home.localities")}</h2>
      {localities.length === 0 ? (
        <p>{t("home.none")}</p>
      ) : (
        <ul className="card-grid">
          {localities.map((l) => {
            const stage = STAGES.find((s) => s.number === l.currentStage) ?? STAGES[0];
            return (
              <li key={l.id} className="card">
                <h3>
                  <Link to={`/l/${l.id}`}>{l.name}</Link>
                </h3>
                <p className="muted">{l.organisation}</p>
                <p>{t("home.stageNow", { stage: t(`stages.${stage.key}.name`), number: stage.number })}</p>
                <p className="badge">{t(`roles.${l.role}`)}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
