/**
 * Setting the 21st-century public servant roles a person carries: a facilitator for anyone, a
 * member for the person linked to their own account. Viewers never.
 */
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { getPerson, setServantRoles } from "~/data/people.server";
import { can } from "~/domain/access/policy";
import { parseServantRoles, servantRolesRecord } from "~/domain/servant-roles";
import { servantRolesInput } from "~/domain/servant-roles-input";

const personIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The person of this locality named in the URL (404 otherwise), if the signed-in person may set their roles (403 otherwise). */
async function requireRolesEditor(access: LocalityAccess, rawPersonId: string | undefined) {
  const id = personIdParam.safeParse(rawPersonId);
  if (!id.success) throw notFound();
  const person = await getPerson(await getDb(), access.locality.id, id.data);
  if (!person) throw notFound();
  const isSelf = person.userId !== null && person.userId === access.user.id;
  if (!(can(access.role, "people.manage") || (can(access.role, "people.editSelf") && isSelf))) throw forbidden();
  return person;
}

export async function loadRolesPage(access: LocalityAccess, rawPersonId: string | undefined) {
  const person = await requireRolesEditor(access, rawPersonId);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    person: { id: person.id, displayName: person.displayName, servantRoles: parseServantRoles(person.servantRoles) },
  };
}

export type SaveRolesResult = { ok: true; personId: string } | { ok: false; error: string; chosen: string[] };

/** Saves the ticked roles; a role outside the four refuses the whole submission (nothing saved). */
export async function saveRoles(access: LocalityAccess, rawPersonId: string | undefined, form: FormData): Promise<SaveRolesResult> {
  const person = await requireRolesEditor(access, rawPersonId);
  const parsed = servantRolesInput.safeParse({ servantRoles: form.getAll("servantRoles") });
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues[0]?.message ?? "servant.roles.errors.unknown",
      chosen: parseServantRoles(form.getAll("servantRoles").join(",")),
    };
  }
  await setServantRoles(await getDb(), {
    localityId: access.locality.id,
    actorId: access.user.id,
    personId: person.id,
    servantRoles: servantRolesRecord(parsed.data.servantRoles),
  });
  return { ok: true, personId: person.id };
}
