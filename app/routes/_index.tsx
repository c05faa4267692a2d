import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSessionUser } from "~/auth/session.server";
import { STAGES } from "~/domain/stages";
import { pageTitle } from "~/components/ui/page-title";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "landing.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/home");
  return null;
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function Landing() {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="landing-title">
      <h1 id="landing-title">{t("landing.title")}</h1>
      <p className="lead">{t("landing.lead")}</p>
      <ol className="stage-list compact">
        {STAGES.map((s) => (
          <li key={s.key}>
            <strong>{t(`stages.${s.key}.name`)}</strong> — {t(`stages.${s.key}.summary`)}
          </li>
        ))}
      </ol>
      <p>
        <Link to="/sign-in" className="button primary">
          {t("nav.signIn")}
        </Link>
      </p>
      <p className="muted">{t("landing.invited")}</p>
    </section>
  );
}
