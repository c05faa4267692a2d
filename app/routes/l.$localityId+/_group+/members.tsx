import { getFormProps } from "@conform-to/react";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import { seal, unseal } from "~/auth/sealed.server";
import { listMembers, changeMembership } from "~/data/members.server";
import { createInvite, listInvites, revokeInvite } from "~/data/invites.server";
import { createInviteSchema } from "~/domain/invites";
import { changeRoleSchema, removeMemberSchema } from "~/domain/localities";
import { LOCALITY_ROLES } from "~/domain/access/policy";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { pageTitle } from "~/components/ui/page-title";
import { dateFormatter } from "~/i18n/dates";
import { useRootData } from "~/root";
import { withStrings } from "~/i18n/strings";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

/** The purpose an invitation's token is sealed for while its form's result is remembered. */
const INVITE_LINK = "invite-link";

const revokeSchema = z.object({ intent: z.literal("revoke-invite"), inviteId: z.string().min(1).max(64) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "members.view");
  const db = await getDb();
  const [members, invites] = await Promise.all([listMembers(db, locality.id), listInvites(db, locality.id)]);
  return { locality, members, invites, me: user.id };
}

type ActionResult = { kind: "invite-created"; link: string } | { kind: "member-error"; message: string } | { kind: "done" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const intent = form.get("intent");
  const db = await getDb();

  if (intent === "create-invite") {
    const { locality, user } = await requireLocalityAccess(request, params.localityId, "invites.manage");
    const submission = parseWithZod(form, { schema: createInviteSchema });
    if (submission.status !== "success") return data({ kind: "invite-form" as const, reply: submission.reply() }, { status: 400 });
    const { role, usage, days, note } = submission.value;
    // Once per form load: a double submit makes one invitation, and every copy shows its link
    // (remembered sealed, never in clear, for the copies).
    const { sealed } = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () => {
      const { token } = await createInvite(db, { localityId: locality.id, actorId: user.id, role, singleUse: usage === "single", days, note });
      return kept({ sealed: seal(INVITE_LINK, token) });
    });
    const token = unseal(INVITE_LINK, sealed);
    if (token === null) throw new Error("members: the invitation's link could not be unsealed (SESSION_SECRET changed?)");
    const link = new URL(`/invite/${token}`, request.url).toString();
    return data({ kind: "invite-created" as const, link } satisfies ActionResult);
  }
  if (intent === "revoke-invite") {
    const { locality, user } = await requireLocalityAccess(request, params.localityId, "invites.manage");
    const parsed = revokeSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw badRequest();
    await revokeInvite(db, { localityId: locality.id, inviteId: parsed.data.inviteId, actorId: user.id });
    return data({ kind: "done" as const } satisfies ActionResult);
  }
  if (intent === "change-role" || intent === "remove-member") {
    const { locality, user } = await requireLocalityAccess(request, params.localityId, "members.manage");
    const parsed = (intent === "change-role" ? changeRoleSchema : removeMemberSchema).safeParse(Object.fromEntries(form));
    if (!parsed.success) throw badRequest();
    const newRole = "role" in parsed.data ? parsed.data.role : null;
    const result = await changeMembership(db, { localityId: locality.id, actorId: user.id, membershipId: parsed.data.membershipId, newRole });
    if (result === "not-found") throw new Response("Not Found", { status: 404 });
    if (result === "last-facilitator")
      return data({ kind: "member-error" as const, message: "members.lastFacilitator" } satisfies ActionResult, { status: 409 });
    return data({ kind: "done" as const } satisfies ActionResult);
  }
  throw badRequest();
}

// This page's strings come with it (app/i18n/strings.ts).
export const handle = { strings: ["pages"] };
export const clientLoader = withStrings(["pages"]);

export default function Members() {
  const { t } = useTranslation();
  const { members, invites, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof createInviteSchema>>({
    lastResult: result && "reply" in result ? result.reply : undefined,
    defaultValue: { role: "member", usage: "single", days: "7" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createInviteSchema }),
    shouldValidate: "onBlur",
  });
  const roleOptions = LOCALITY_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const dateFormat = dateFormatter(useRootData()?.locale ?? "en", { dateStyle: "medium" });

  return (
    <section className="page" aria-labelledby="members-title">
      <h1 id="members-title">{t("members.title")}</h1>
      {result?.kind === "member-error" ? <FormError errors={[result.message]} /> : null}

      <h2 id="members-list">{t("members.current", { count: members.length })}</h2>
      <ul className="member-list" aria-labelledby="members-list">
        {members.map((m) => (
          <li key={m.id} className="card member">
            <div>
              <p className="person-name" dir="auto">
                {m.name}
                {m.userId === me ? ` ${t("members.you")}` : ""}
              </p>
              <p className="muted" dir="ltr">
                {m.email}
              </p>
            </div>
            <Form method="post" className="inline-form">
              <CsrfField />
              <input type="hidden" name="membershipId" value={m.id} />
              <label htmlFor={`role-${m.id}`} className="visually-hidden">
                {t("members.roleFor", { name: m.name })}
              </label>
              <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                {roleOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <button type="submit" name="intent" value="change-role" className="button" aria-label={t("members.changeRoleFor", { name: m.name })}>
                {t("members.changeRole")}
              </button>
              <button type="submit" name="intent" value="remove-member" className="button danger" aria-label={t("members.removeName", { name: m.name })}>
                {t("members.remove")}
              </button>
            </Form>
          </li>
        ))}
      </ul>

      <h2>{t("members.inviteTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="card stack">
        <CsrfField />
        <input type="hidden" name="intent" value="create-invite" />
        <SelectField meta={fields.role} label={t("fields.role")} options={roleOptions} />
        <SelectField
          meta={fields.usage}
          label={t("fields.inviteUsage")}
          options={[
            { value: "single", label: t("members.usageSingle") },
            { value: "multi", label: t("members.usageMulti") },
          ]}
        />
        <TextField meta={fields.days} label={t("fields.inviteDays")} type="number" min={1} max={30} inputMode="numeric" />
        <TextField meta={fields.note} label={t("fields.inviteNote")} hint={t("members.noteHint")} />
        <button type="submit" className="button primary">
          {t("members.createInvite")}
        </button>
      </Form>
      {result?.kind === "invite-created" ? (
        <div className="card success" role="status">
          <p>{t("members.inviteCreated")}</p>
          <label htmlFor="invite-link">{t("members.inviteLink")}</label>
          <input id="invite-link" readOnly value={result.link} dir="ltr" className="copy-field" />
        </div>
      ) : null}

      <h2 id="invites-title">{t("members.invites")}</h2>
      {invites.length === 0 ? (
        <p>{t("members.noInvites")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="invites-title" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("fields.inviteUsage")}</th>
                <th scope="col">{t("members.expires")}</th>
                <th scope="col">{t("members.status")}</th>
                <th scope="col">{t("fields.inviteNote")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("members.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id}>
                  <td>{t(`roles.${i.role}`)}</td>
                  <td>
                    {i.singleUse ? t("members.usageSingle") : t("members.usageMulti")} ({t("members.uses", { count: i.uses })})
                  </td>
                  <td>
                    <time dateTime={i.expiresAt}>{dateFormat.format(new Date(i.expiresAt))}</time>
                  </td>
                  <td>{t(`members.inviteState.${i.state}`)}</td>
                  <td dir="auto">{i.note}</td>
                  <td>
                    {i.state === "valid" ? (
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="inviteId" value={i.id} />
                        <button type="submit" name="intent" value="revoke-invite" className="button danger">
                          {t("members.revoke")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
