import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { getPerson, linkPerson, removePerson, unlinkedMembers, updatePerson } from "~/data/people.server";
import { can } from "~/domain/access/policy";
import { personInput, profileFields } from "~/domain/people";
import { CsrfField } from "~/components/ui/csrf-field";
import { PersonForm } from "~/components/people/person-form";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import peopleStyles from "~/styles/people.css";
import { countTiesOf } from "~/data/ties.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(root?.locale ?? "en");
  return [{ title: `${t("relationships.profile.editTitle", { name: data?.person.displayName ?? "" })} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

const idParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The person, if the user may edit them: facilitators anyone, members only their own linked profile. */
async function editable(request: Request, params: { localityId?: string; personId?: string }) {
  const access = await requireLocalityAccess(request, params.localityId, "people.view");
  const id = idParam.safeParse(params.personId);
  if (!id.success) throw notFound();
  const person = await getPerson(await getDb(), access.locality.id, id.data);
  if (!person) throw notFound();
  const manage = can(access.role, "people.manage");
  const own = person.userId !== null && person.userId === access.user.id && can(access.role, "people.editSelf");
  if (!manage && !own) throw forbidden();
  return { ...access, person, manage };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, person, manage } = await editable(request, params);
  const db = await getDb();
  const tieCount = manage ? await countTiesOf(db, person.id) : 0;
  return {
    locality,
    person: {
      ...profileFields(person),
      // Those who may edit a profile may see all of it (facilitators, or the person themselves).
      email: person.email,
      emailVisibility: person.emailVisibility,
      phone: person.phone,
      phoneVisibility: person.phoneVisibility,
      howToReach: person.howToReach,
      howToReachVisibility: person.howToReachVisibility,
      userId: manage ? person.userId : null,
      linkedName: manage ? (person.user?.name ?? null) : null,
    },
    tieCount,
    manage,
    members: manage ? await unlinkedMembers(db, locality.id) : [],
  };
}

const linkInput = z.object({ intent: z.literal("link"), userId: z.union([idParam, z.literal("")]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { locality, person, manage, user } = await editable(request, params);
  const db = await getDb();
  const intent = form.get("intent");
  if (intent === "remove") {
    if (!manage) throw forbidden();
    if (form.get("confirm") !== "yes")
      return data({ reply: null, linkError: null, removeError: "relationships.profile.removeConfirmMissing" }, { status: 400 });
    await removePerson(db, { localityId: locality.id, actorId: user.id, personId: person.id });
    return redirect(`/l/${locality.id}/people?removed=1`, { status: 303 });
  }
  if (intent === "link") {
    if (!manage) throw forbidden();
    const parsed = linkInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ reply: null, linkError: "relationships.profile.linkErrors.notMember", removeError: null }, { status: 400 });
    const result = await linkPerson(db, { localityId: locality.id, actorId: user.id, personId: person.id, userId: parsed.data.userId || null });
    if (!result.ok) return data({ reply: null, linkError: `relationships.profile.linkErrors.${result.error}`, removeError: null }, { status: 400 });
    return redirect(`/l/${locality.id}/people/${person.id}/edit`, { status: 303 });
  }
  const submission = parseWithZod(form, { schema: personInput });
  if (submission.status !== "success") return data({ reply: submission.reply(), linkError: null, removeError: null }, { status: 400 });
  await updatePerson(db, { localityId: locality.id, actorId: user.id, personId: person.id, person: submission.value });
  return redirect(`/l/${locality.id}/people/${person.id}`, { status: 303 });
}

/** Edit a profile; facilitators also link it to an account or remove the person. */
export default function EditPerson() {
  const { t } = useTranslation();
  const { locality, person, tieCount, manage, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { id, userId, linkedName, ...values } = person;
  return (
    <section className="page person-edit" aria-labelledby="edit-title">
      <p>
        <Link to={`/l/${locality.id}/people/${id}`}>{person.displayName}</Link>
      </p>
      <h1 id="edit-title" dir="auto">
        {t("relationships.profile.editTitle", { name: person.displayName })}
      </h1>
      <PersonForm
        id="person-edit"
        localityId={locality.id}
        lastResult={result?.reply}
        defaultValue={{ ...values, mode: "check" }}
        submitLabel={t("relationships.profile.save")}
      />
      {manage ? (
        <>
          <Form method="post" className="card stack" aria-labelledby="link-title">
            <h2 id="link-title">{t("relationships.profile.linkTitle")}</h2>
            <p className="hint">{t("relationships.profile.linkLead")}</p>
            <CsrfField />
            <input type="hidden" name="intent" value="link" />
            <div className="field">
              <label htmlFor="link-user">{t("relationships.fields.account")}</label>
              <select
                id="link-user"
                name="userId"
                defaultValue={userId ?? ""}
                aria-describedby={result?.linkError ? "link-error" : undefined}
                aria-invalid={result?.linkError ? true : undefined}
              >
                <option value="">{t("relationships.fields.noAccount")}</option>
                {userId ? <option value={userId}>{linkedName}</option> : null}
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.email})
                  </option>
                ))}
              </select>
              {result?.linkError ? (
                <ul id="link-error" className="field-errors">
                  <li>{t(result.linkError)}</li>
                </ul>
              ) : null}
            </div>
            <button type="submit" className="button">
              {t("relationships.profile.link")}
            </button>
          </Form>
          <Form method="post" className="card stack danger-zone" aria-labelledby="remove-title">
            <h2 id="remove-title">{t("relationships.profile.removeTitle")}</h2>
            <p>{t("relationships.profile.removeLead", { ties: tieCount })}</p>
            <CsrfField />
            <input type="hidden" name="intent" value="remove" />
            <label className="checkbox">
              <input type="checkbox" name="confirm" value="yes" required aria-describedby={result?.removeError ? "remove-error" : undefined} />
              <span>{t("relationships.profile.removeConfirm")}</span>
            </label>
            {result?.removeError ? (
              <p id="remove-error" className="field-errors">
                {t(result.removeError)}
              </p>
            ) : null}
            <button type="submit" className="button danger">
              {t("relationships.profile.remove", { name: person.displayName })}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
