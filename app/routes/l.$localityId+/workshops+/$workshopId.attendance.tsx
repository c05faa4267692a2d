import { useCallback, useEffect, useState } from "react";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useFetchers, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { findWorkshop, listAttendees, listLocalityPeople, setAttendance } from "~/data/workshops.server";
import { matchesFilter, WORKSHOP_LIMITS } from "~/domain/workshops";
import { CsrfField } from "~/components/ui/csrf-field";
import type { loader as rootLoader } from "~/root";
import { translator } from "~/i18n/translate";
import { withStrings } from "~/i18n/strings";
import workshopStyles from "~/styles/workshops.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: workshopStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? t("workshops.attendance.heading", { title: d.workshop.title }) : t("workshops.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

async function workshopOr404(localityId: string, rawId: string | undefined) {
  const parsed = id.safeParse(rawId);
  if (!parsed.success) throw notFound();
  const workshop = await findWorkshop(await getDb(), localityId, parsed.data);
  if (!workshop) throw notFound();
  return workshop;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  const workshop = await workshopOr404(locality.id, params.workshopId);
  const db = await getDb();
  const [people, attendees] = await Promise.all([listLocalityPeople(db, locality.id), listAttendees(db, workshop.id)]);
  return {
    locality,
    workshop: { id: workshop.id, title: workshop.title },
    people,
    present: attendees.map((a) => a.id),
  };
}

/** One tick (with JavaScript, a fetcher per person) or the whole list (the plain form). */
const toggleInput = z.object({ intent: z.literal("toggle"), personId: id, present: z.enum(["true", "false"]) });
const saveInput = z.object({
  intent: z.literal("save"),
  shown: z.array(id).max(2000),
  present: z.array(id).max(2000),
  q: z.string().max(WORKSHOP_LIMITS.filter).default(""),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  const form = await readForm(request, context);
  const workshop = await workshopOr404(locality.id, params.workshopId);
  const db = await getDb();
  const base = { localityId: locality.id, workshopId: workshop.id, actorId: user.id };
  if (form.get("intent") === "toggle") {
    const parsed = toggleInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw badRequest();
    const present = parsed.data.present === "true";
    const outcome = await setAttendance(db, { ...base, shown: [parsed.data.personId], present: present ? [parsed.data.personId] : [] });
    if (outcome === "no-workshop") throw notFound();
    if (outcome === "bad-person") throw badRequest();
    return data({ ok: true, personId: parsed.data.personId, present });
  }
  const parsed = saveInput.safeParse({
    intent: form.get("intent"),
    shown: form.getAll("shown"),
    present: form.getAll("present"),
    q: form.get("q") ?? undefined,
  });
  if (!parsed.success) throw badRequest();
  // Once per form load: parallel copies of one save do not race each other to add the same marks.
  const outcome = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () => {
    const saved = await setAttendance(db, { ...base, shown: parsed.data.shown, present: parsed.data.present });
    return { kept: saved === "saved", value: saved };
  });
  if (outcome === "no-workshop") throw notFound();
  if (outcome === "bad-person") throw badRequest();
  const search = new URLSearchParams({ saved: "1" });
  if (parsed.data.q) search.set("q", parsed.data.q);
  return redirect(`/l/${locality.id}/workshops/${workshop.id}/attendance?${search}`, { status: 303 });
}

type Person = { id: string; displayName: string; sector: string; organisation: string };

function PersonRow({ person, present, csrf, onSaved }: { person: Person; present: boolean; csrf: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>({ key: `attendance-${person.id}` });
  const done = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (done) onSaved();
  }, [done, onSaved]);
  const pending = fetcher.formData?.get("present");
  const checked = pending === "true" ? true : pending === "false" ? false : present;
  const inputId = `present-${person.id}`;
  return (
    <li className={checked ? "attendance-row is-present" : "attendance-row"}>
      <input type="hidden" name="shown" value={person.id} />
      <input
        id={inputId}
        type="checkbox"
        name="present"
        value={person.id}
        checked={checked}
        onChange={(event) =>
          fetcher.submit({ intent: "toggle", personId: person.id, present: String(event.currentTarget.checked), _csrf: csrf }, { method: "post" })
        }
      />
      <label htmlFor={inputId}>
        <span className="attendance-name" dir="auto">
          {person.displayName}
        </span>
        <span className="attendance-detail">
          {t(`sectors.${person.sector}`, { defaultValue: person.sector })}
          {person.organisation ? (
            <>
              {" "}
              · <span dir="auto">{person.organisation}</span>
            </>
          ) : null}
        </span>
      </label>
    </li>
  );
}

/** Attendance on a phone: tick who is here. Each tick saves at once; without JavaScript, one Save. */
export default function Attendance() {
  const { t } = useTranslation();
  const { locality, workshop, people, present } = useLoaderData<typeof loader>();
  const csrf = useRouteLoaderData<typeof rootLoader>("root")?.csrfToken ?? "";
  const [search] = useSearchParams();
  const [filter, setFilter] = useState(search.get("q") ?? "");
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const [savedOnce, setSavedOnce] = useState(false);
  const onSaved = useCallback(() => setSavedOnce(true), []);

  // What the list shows now: the server's marks, with the ticks still on their way laid over them.
  const fetchers = useFetchers().filter((f) => f.key.startsWith("attendance-"));
  const here = new Set(present);
  for (const f of fetchers) {
    const personId = f.formData?.get("personId");
    if (typeof personId !== "string") continue;
    if (f.formData?.get("present") === "true") here.add(personId);
    else here.delete(personId);
  }
  const saving = fetchers.some((f) => f.state !== "idle");
  const touched = saving || savedOnce;
  const shown = people.filter((p) => matchesFilter(p.displayName, filter) || matchesFilter(p.organisation, filter));
  const base = `/l/${locality.id}/workshops/${workshop.id}`;
  const savedWithoutScript = search.get("saved") === "1" && !touched;

  return (
    <section className="page attendance-page" aria-labelledby="attendance-title">
      <p className="breadcrumb">
        <Link to={base}>{t("workshops.attendance.backToSession")}</Link>
      </p>
      <h1 id="attendance-title" dir="auto">
        {t("workshops.attendance.heading", { title: workshop.title })}
      </h1>
      <p className="lead">{scripted ? t("workshops.attendance.leadScripted") : t("workshops.attendance.leadPlain")}</p>

      <div className="attendance-bar" role="status" aria-live="polite">
        <span className="attendance-count">{t("workshops.attendance.count", { count: here.size, total: people.length })}</span>
        <span className="attendance-state">
          {saving ? t("workshops.attendance.saving") : savedOnce || savedWithoutScript ? t("workshops.attendance.saved") : ""}
        </span>
      </div>

      <Form method="get" className="attendance-filter" role="search" onSubmit={(e) => scripted && e.preventDefault()}>
        <label htmlFor="attendance-filter">{t("workshops.attendance.filter")}</label>
        <div className="attendance-filter-row">
          <input
            id="attendance-filter"
            name="q"
            type="search"
            value={filter}
            maxLength={WORKSHOP_LIMITS.filter}
            autoComplete="off"
            dir="auto"
            onChange={(e) => setFilter(e.currentTarget.value)}
          />
          {scripted ? null : (
            <button type="submit" className="button">
              {t("workshops.attendance.find")}
            </button>
          )}
        </div>
      </Form>
      {filter && !scripted ? (
        <p>
          <Link to="?">{t("workshops.attendance.showEveryone")}</Link>
        </p>
      ) : null}

      <Form method="post" className="attendance-form">
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="q" value={filter} />
        <fieldset className="attendance-fieldset">
          <legend className="visually-hidden">{t("workshops.attendance.legend")}</legend>
          {shown.length ? (
            <ul className="attendance-list">
              {shown.map((p) => (
                <PersonRow key={p.id} person={p} present={here.has(p.id)} csrf={csrf} onSaved={onSaved} />
              ))}
            </ul>
          ) : (
            <p>{t("workshops.attendance.noMatch", { filter })}</p>
          )}
        </fieldset>
        {scripted ? null : (
          <div className="attendance-save">
            <button type="submit" className="button primary">
              {t("workshops.attendance.save")}
            </button>
          </div>
        )}
      </Form>
      <p>
        <Link className="button" to={base}>
          {t("workshops.attendance.done")}
        </Link>
      </p>
    </section>
  );
}
