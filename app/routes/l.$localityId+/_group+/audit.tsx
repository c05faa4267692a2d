import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listAudit } from "~/data/audit.server";
import { readStageMove } from "~/domain/stage-checklist";
import { pageTitle } from "~/components/ui/page-title";
import { useRootData } from "~/root";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "audit.view");
  const entries = await listAudit(await getDb(), locality.id);
  return {
    entries: entries.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      actor: e.actor?.name ?? null,
      action: e.action,
      target: `${e.targetType} ${e.targetId}`,
      // A move between stages says from where to where, and how many checklist items were open.
      move: e.action === "locality.stage" ? readStageMove(e.detail) : null,
    })),
  };
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function Audit() {
  const { t } = useTranslation();
  const { entries } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const format = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="lead">{t("audit.lead")}</p>
      <div className="table-scroll" role="region" aria-labelledby="audit-title" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.record")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{format.format(new Date(e.at))}</time>
                </td>
                <td>{e.actor ?? t("audit.system")}</td>
                <td>
                  {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                  {e.move ? <p className="hint">{t("stageGuide.auditMove", e.move)}</p> : null}
                </td>
                <td>
                  <code dir="ltr">{e.target}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
