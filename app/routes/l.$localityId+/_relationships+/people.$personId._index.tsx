import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { getPerson, listPeopleWithTies, personOfUser } from "~/data/people.server";
import { recordTie, removeTie, tiesOfPerson, workshopOptions } from "~/data/ties.server";
import { can } from "~/domain/access/policy";
import { profileFields, tieInput, visibleContact } from "~/domain/people";
import { CsrfField } from "~/components/ui/csrf-field";
import { SectorBadge } from "~/components/people/sector";
import { TieForm } from "~/components/people/tie-form";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { translator } from "~/i18n/translate";
import { useRootData } from "~/root";
import peopleStyles from "~/styles/people.css";
import servantStyles from "~/styles/servant.css";
import { ProfileServantRoles } from "~/components/servant/servant-roles";
import { parseServantRoles } from "~/domain/servant-roles";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleStyles },
  { rel: "stylesheet", href: servantStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(root?.locale ?? "en");
  return [{ title: `${data?.person.displayName ?? t("relationships.people.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships", "servant"] };
export const clientLoader = withStrings(["relationships", "servant"]);

const personIdParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

async function loadPerson(localityId: string, rawId: string | undefined) {
  const id = personIdParam.safeParse(rawId);
  if (!id.success) throw notFound();
  const person = await getPerson(await getDb(), localityId, id.data);
  if (!person) throw notFound();
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality, role, user } = await requireLocalityAccess(request, params.localityId, "people.view");
  const db = await getDb();
  const person = await loadPerson(locality.id, params.personId);
  const [ties, everyone, me, workshops] = await Promise.all([
    tiesOfPerson(db, locality.id, person.id),
    listPeopleWithTies(db, locality.id),
    personOfUser(db, locality.id, user.id),
    workshopOptions(db, locality.id),
  ]);
  const isSelf = person.userId !== null && person.userId === user.id;
  const manage = can(role, "ties.manage");
  // Who this person can be tied to from here: anyone (facilitators), or — for a member — the
  // member's own person when this is someone else's profile (a member records ties they are part of).
  const mayRecord = manage || (can(role, "ties.record") && me !== null);
  const others = everyone.filter((p) => p.id !== person.id);
  const tieTargets = manage || isSelf ? others : me ? others.filter((p) => p.id === me.id) : [];
  // Contact details are filtered HERE, so a field a viewer may not see never leaves the server.
  const { contact } = visibleContact(person, { role, userId: user.id });
  return {
    locality,
    person: {
      ...profileFields(person),
      hasAccount: person.userId !== null,
      linkedName: role === "facilitator" ? (person.user?.name ?? null) : null,
      isSelf,
      contact,
      servantRoles: parseServantRoles(person.servantRoles),
    },
    ties: ties.map((tie) => ({ ...tie, mayRemove: manage || (can(role, "ties.record") && me !== null && (tie.other.id === me.id || person.id === me.id)) })),
    mayEdit: can(role, "people.manage") || (can(role, "people.editSelf") && isSelf),
    mayRecord: mayRecord && tieTargets.length > 0,
    needsLink: can(role, "ties.record") && !manage && me === null,
    tieTargets: tieTargets.map((p) => ({ value: p.id, label: p.displayName })),
    introducers: everyone.map((p) => ({ value: p.id, label: p.displayName })),
    workshops: workshops.map((w) => ({ value: w.id, label: w.title, startsAt: w.startsAt })),
  };
}

const removeTieInput = z.object({ intent: z.literal("remove-tie"), tieId: personIdParam });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { locality, role, user } = await requireLocalityAccess(request, params.localityId, "ties.record");
  const db = await getDb();
  const person = await loadPerson(locality.id, params.personId);
  const manage = can(role, "ties.manage");
  const mustInclude = manage ? undefined : ((await personOfUser(db, locality.id, user.id))?.id ?? null);
  const base = `/l/${locality.id}/people/${person.id}`;

  if (form.get("intent") === "remove-tie") {
    const parsed = removeTieInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw notFound();
    const result = await removeTie(db, { localityId: locality.id, actorId: user.id, tieId: parsed.data.tieId, mustInclude });
    if (result === "notFound") throw notFound();
    if (result === "notYours") throw forbidden();
    return redirect(`${base}?tie=removed`, { status: 303 });
  }

  const submission = parseWithZod(form, { schema: tieInput });
  if (submission.status !== "success") return data({ reply: submission.reply(), exists: false }, { status: 400 });
  // Once per form load: a double submit records the tie once and each copy is told it was recorded.
  const result = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () => {
    const recorded = await recordTie(db, { localityId: locality.id, actorId: user.id, personId: person.id, input: submission.value, mustInclude });
    return { kept: recorded.ok, value: recorded };
  });
  if (result.ok) return redirect(`${base}?tie=${result.updated ? "updated" : "recorded"}`, { status: 303 });
  if (result.error === "notYours") throw forbidden();
  const field = result.error === "introducedBy" ? "introducedById" : result.error === "workshop" ? "workshopId" : "otherPersonId";
  const message = `relationships.ties.errors.${result.error}`;
  return data(
    { reply: submission.reply({ fieldErrors: { [field]: [message] } }), exists: result.error === "exists" },
    { status: result.error === "exists" ? 409 : 400 },
  );
}

function Contact({ label, field }: { label: string; field: { value: string; audience: string } | null }) {
  const { t } = useTranslation();
  if (!field) return null;
  return (
    <div className="contact-item">
      <dt>{label}</dt>
      <dd>
        <span dir="auto">{field.value}</span>{" "}
        <span className="muted">({t("relationships.audienceNote", { audience: t(`relationships.audiences.${field.audience}`) })})</span>
      </dd>
    </div>
  );
}

/** A person's profile, the contact details the viewer may see, their ties, and a form to record one. */
export default function PersonProfile() {
  const { t } = useTranslation();
  const { locality, person, ties, mayEdit, mayRecord, needsLink, tieTargets, introducers, workshops } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const locale = useRootData()?.locale ?? "en";
  const date = dateFormatter(locale, { dateStyle: "medium" });
  const languageName = (code: string) => t(`languageNames.${code}`, { defaultValue: code });
  const sep = t("people.listSeparator");
  const notice = search.get("tie") ?? (search.get("merged") ? "merged" : null);
  const { contact } = person;
  const hasContact = contact.email || contact.phone || contact.howToReach;
  return (
    <section className="page person-page" aria-labelledby="person-title">
      <p>
        <Link to={`/l/${locality.id}/people`}>{t("relationships.nav.back")}</Link>
      </p>
      <h1 id="person-title" dir="auto">
        {person.displayName}
      </h1>
      {notice ? (
        <p role="status" className="notice">
          {notice === "merged"
            ? t("relationships.people.merged")
            : t(`relationships.ties.${notice === "removed" ? "removed" : notice === "updated" ? "updated" : "recorded"}`)}
        </p>
      ) : null}
      <div className="card profile">
        <p>
          <SectorBadge sector={person.sector} /> {person.isSelf ? <span className="badge">{t("relationships.people.you")}</span> : null}
        </p>
        {person.roleTitle || person.organisation ? <p dir="auto">{[person.roleTitle, person.organisation].filter(Boolean).join(", ")}</p> : null}
        <dl className="profile-facts">
          <div>
            <dt>{t("relationships.fields.bringsKinds")}</dt>
            <dd>
              {person.bringsKinds.length ? person.bringsKinds.map((k) => t(`relationships.bringsKinds.${k}`)).join(sep) : t("relationships.profile.nothingYet")}
              {person.brings ? (
                <>
                  <br />
                  <span dir="auto">{person.brings}</span>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t("relationships.profile.labels.caresAbout")}</dt>
            <dd dir="auto">{person.caresAbout || t("relationships.profile.nothingYet")}</dd>
          </div>
          <div>
            <dt>{t("relationships.fields.languages")}</dt>
            <dd>{person.languages.map(languageName).join(sep)}</dd>
          </div>
          <div>
            <dt>{t("relationships.sections.account")}</dt>
            <dd>
              {person.linkedName
                ? t("relationships.profile.linked", { name: person.linkedName })
                : person.hasAccount
                  ? t("relationships.people.hasAccount")
                  : t("relationships.people.noAccount")}
            </dd>
          </div>
        </dl>
        <h2>{t("relationships.sections.contact")}</h2>
        {hasContact ? (
          <dl className="contact-list">
            <Contact label={t("relationships.profile.labels.email")} field={contact.email} />
            <Contact label={t("relationships.profile.labels.phone")} field={contact.phone} />
            <Contact label={t("relationships.profile.labels.howToReach")} field={contact.howToReach} />
          </dl>
        ) : (
          <p className="muted">{t("relationships.profile.noContact")}</p>
        )}
        {mayEdit ? (
          <p>
            <Link to={`/l/${locality.id}/people/${person.id}/edit`} className="button">
              {t("relationships.profile.edit")}
            </Link>
          </p>
        ) : null}
      </div>

      <ProfileServantRoles personId={person.id} localityId={locality.id} name={person.displayName} roles={person.servantRoles} mayEdit={mayEdit} />

      <h2 id="ties-title">{t("relationships.ties.title")}</h2>
      {ties.length === 0 ? <p>{t("relationships.ties.none")}</p> : null}
      <ul className="record-list tie-list" aria-labelledby="ties-title">
        {ties.map((tie) => (
          <li key={tie.id} className="card tie">
            <p>
              <Link to={`/l/${locality.id}/people/${tie.other.id}`} dir="auto">
                {tie.other.displayName}
              </Link>{" "}
              <SectorBadge sector={tie.other.sector} />
            </p>
            <p>
              {t(`relationships.ties.kinds.${tie.kind}`, { defaultValue: tie.kind })}
              {tie.introducedBy ? <> ({t("relationships.ties.viaIntroducer", { name: tie.introducedBy.displayName })})</> : null}
              {tie.workshop ? <> ({t("relationships.ties.viaWorkshop", { title: tie.workshop.title })})</> : null}
              {" · "}
              {t(`relationships.ties.strengths.${tie.strength}`, { defaultValue: String(tie.strength) })}
              {" · "}
              {t("relationships.ties.since")} {date.format(new Date(tie.since))}
              {tie.status === "suggested" ? (
                <>
                  {" "}
                  · <span className="badge">{t("relationships.ties.suggested")}</span>
                </>
              ) : null}
            </p>
            {tie.note ? (
              <p dir="auto" className="muted">
                {tie.note}
              </p>
            ) : null}
            {tie.mayRemove ? (
              <Form method="post" className="inline-form">
                <CsrfField />
                <input type="hidden" name="intent" value="remove-tie" />
                <input type="hidden" name="tieId" value={tie.id} />
                <button type="submit" className="button danger">
                  {t("relationships.ties.remove", { name: tie.other.displayName })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {needsLink ? <p className="notice">{t("relationships.ties.noOwnPerson")}</p> : null}
      {mayRecord ? (
        <TieForm
          lastResult={result?.reply}
          people={tieTargets}
          introducers={introducers.filter((p) => p.value !== person.id)}
          workshops={workshops.map((w) => ({ value: w.value, label: `${w.label} (${date.format(new Date(w.startsAt))})` }))}
          exists={Boolean(result?.exists)}
        />
      ) : null}
    </section>
  );
}
