import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SERVANT_ROLES, type ServantRole } from "~/domain/servant-roles";

type Person = { id: string; displayName: string; servantRoles: readonly ServantRole[] };
type Weaver = { id: string; spans: string[]; crossSectorTies: number };

/**
 * On the relationship view: who carries which public servant role, and "who weaves between
 * sectors?" both as the group said it (people marked weaver) and as the ties show it (the people
 * whose ties span the most sectors).
 */
export function WeavingSection({ localityId, people, weavers }: { localityId: string; people: readonly Person[]; weavers: readonly Weaver[] }) {
  const { t } = useTranslation();
  const name = new Map(people.map((p) => [p.id, p.displayName]));
  const sep = t("people.listSeparator");
  const profile = (id: string) => (
    <Link to={`/l/${localityId}/people/${id}`} dir="auto">
      {name.get(id) ?? id}
    </Link>
  );
  const carrying = (role: ServantRole) => people.filter((p) => p.servantRoles.includes(role));
  const marked = carrying("weaver");
  return (
    <section aria-labelledby="weaving-title" className="card weaving-section">
      <h2 id="weaving-title">{t("servant.weaving.title")}</h2>
      <p className="hint">{t("servant.weaving.lead")}</p>

      <h3 id="weavers-marked-title">{t("servant.weaving.markedTitle")}</h3>
      {marked.length ? (
        <ul aria-labelledby="weavers-marked-title" className="inline-list">
          {marked.map((p) => (
            <li key={p.id}>{profile(p.id)}</li>
          ))}
        </ul>
      ) : (
        <p>{t("servant.weaving.markedNone")}</p>
      )}

      <h3 id="weavers-computed-title">{t("servant.weaving.computedTitle")}</h3>
      <p className="hint">{t("servant.weaving.computedLead")}</p>
      {weavers.length ? (
        <div className="table-scroll" role="region" aria-labelledby="weavers-caption" tabIndex={0}>
          <table className="data-table weavers-table">
            <caption id="weavers-caption">{t("servant.weaving.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("servant.weaving.person")}</th>
                <th scope="col">{t("servant.weaving.sectors")}</th>
                <th scope="col">{t("servant.weaving.crossTies")}</th>
              </tr>
            </thead>
            <tbody>
              {weavers.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{profile(w.id)}</th>
                  <td>
                    <strong>{w.spans.length}</strong>: {w.spans.map((s) => t(`sectors.${s}`, { defaultValue: s })).join(sep)}
                  </td>
                  <td>{w.crossSectorTies}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("servant.weaving.computedNone")}</p>
      )}

      <h3 id="roles-carried-title">{t("servant.weaving.rolesTitle")}</h3>
      <p className="hint">
        {t("servant.roles.lead")} <Link to={`/l/${localityId}/deck`}>{t("servant.reflections.deckNav")}</Link>
      </p>
      <dl className="servant-role-meanings roles-carried">
        {SERVANT_ROLES.map((role) => {
          const holders = carrying(role);
          return (
            <div key={role} data-role={role}>
              <dt>{t(`servant.roles.names.${role}`)}</dt>
              <dd>
                <span className="hint">{t(`servant.roles.explain.${role}`)}</span>
                {holders.length ? (
                  <ul className="inline-list">
                    {holders.map((p) => (
                      <li key={p.id}>{profile(p.id)}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t("servant.weaving.nobody")}</p>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
