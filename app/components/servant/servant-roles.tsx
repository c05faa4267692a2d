import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/ui/csrf-field";
import { SERVANT_ROLES, type ServantRole } from "~/domain/servant-roles";

/** The roles a person carries, as badges ("No roles said yet." when none and `showNone`). */
export function ServantRoleBadges({ roles, showNone = false }: { roles: readonly ServantRole[]; showNone?: boolean }) {
  const { t } = useTranslation();
  if (roles.length === 0) return showNone ? <p className="muted">{t("servant.roles.none")}</p> : null;
  return (
    <p className="servant-roles">
      <span className="visually-hidden">{t("servant.roles.listLabel")} </span>
      {roles.map((role) => (
        <span key={role} className={`badge servant-role servant-role-${role}`}>
          {t(`servant.roles.names.${role}`)}
        </span>
      ))}
    </p>
  );
}

/**
 * Which roles a person carries: a tick per role with what it means. Posts to the person's roles
 * route (works without JavaScript); `error` is the refused submission's message.
 */
export function ServantRolesForm({ action, name, current, error }: { action: string; name: string; current: readonly ServantRole[]; error?: string | null }) {
  const { t } = useTranslation();
  const chosen = new Set(current);
  const errorId = "servant-roles-error";
  return (
    <Form method="post" action={action} className="stack servant-roles-form">
      <CsrfField />
      <fieldset className="field checkbox-group" aria-describedby={error ? errorId : "servant-roles-hint"} aria-invalid={error ? true : undefined}>
        <legend>{t("servant.roles.legend", { name })}</legend>
        <p id="servant-roles-hint" className="hint">
          {t("servant.roles.hint")}
        </p>
        <div className="servant-role-options">
          {SERVANT_ROLES.map((role) => (
            <label key={role} className="checkbox servant-role-option">
              <input type="checkbox" name="servantRoles" value={role} defaultChecked={chosen.has(role)} aria-describedby={`servant-role-${role}-explain`} />
              <span>
                <strong>{t(`servant.roles.names.${role}`)}</strong>
                <span id={`servant-role-${role}-explain`} className="hint servant-role-explain">
                  {t(`servant.roles.explain.${role}`)}
                </span>
              </span>
            </label>
          ))}
        </div>
        {error ? (
          <ul id={errorId} className="field-errors">
            <li>{t(error)}</li>
          </ul>
        ) : null}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button primary">
          {t("servant.roles.save")}
        </button>
      </div>
    </Form>
  );
}

/** The profile's roles section: the roles, what each means, and the form for those who may set them. */
export function ProfileServantRoles({
  personId,
  localityId,
  name,
  roles,
  mayEdit,
}: {
  personId: string;
  localityId: string;
  name: string;
  roles: readonly ServantRole[];
  mayEdit: boolean;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <section className="card servant-roles-section" aria-labelledby="servant-roles-title">
      <h2 id="servant-roles-title">{t("servant.roles.title")}</h2>
      {search.get("roles") === "saved" ? (
        <p role="status" className="notice">
          {t("servant.roles.saved")}
        </p>
      ) : null}
      <ServantRoleBadges roles={roles} showNone />
      {roles.length ? (
        <dl className="servant-role-meanings">
          {roles.map((role) => (
            <div key={role}>
              <dt>{t(`servant.roles.names.${role}`)}</dt>
              <dd>{t(`servant.roles.explain.${role}`)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {mayEdit ? (
        <ServantRolesForm action={`/l/${localityId}/people/${personId}/roles`} name={name} current={roles} />
      ) : (
        <p className="hint">{t("servant.roles.lead")}</p>
      )}
    </section>
  );
}
