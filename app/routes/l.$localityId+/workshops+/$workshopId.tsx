import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import {
  countWorkshopTies,
  findWorkshop,
  listAttendees,
  listWorkshopSuggestions,
  openExerciseBoard,
  peopleLanguages,
  saveWorkshopNotes,
  suggestWorkshopTies,
  updateWorkshop,
} from "~/data/workshops.server";
import { can } from "~/domain/access/policy";
import { ReflectOnSession } from "~/components/servant/reflect-on-session";
import { parseLanguages } from "~/domain/person-fields";
import {
  commonLanguages,
  EXERCISES,
  exerciseBoardInput,
  exerciseBoardTitle,
  notesInput,
  toSessionDateTimeInput,
  WORKSHOP_LIMITS,
  workshopInput,
} from "~/domain/workshops";
import { CsrfField } from "~/components/ui/csrf-field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { FieldErrors, TextAreaField } from "~/components/ui/field";
import { WorkshopForm } from "~/components/workshops/workshop-form";
import { AgendaList, AgendaTime, RunControls } from "~/components/workshops/agenda";
import { loadAgenda } from "./session-plan.server";
import { runSession } from "./session-run.server";
import { i18nServer } from "~/i18n/i18next.server";
import { translator } from "~/i18n/translate";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import workshopStyles from "~/styles/workshops.css";
import planStyles from "~/styles/session-plans.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: workshopStyles },
  { rel: "stylesheet", href: planStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  const t = translator(locale);
  return [{ title: `${d ? d.workshop.title : t("workshops.title")} · ${t("app.name")}` }];
};
export const handle = { strings: ["relationships", "servant"] };
export const clientLoader = withStrings(["relationships", "servant"]);

const idParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The workshop of this locality named in the URL, or 404 (another locality's is not found either). */
async function workshopOr404(localityId: string, rawId: string | undefined) {
  const id = idParam.safeParse(rawId);
  if (!id.success) throw notFound();
  const workshop = await findWorkshop(await getDb(), localityId, id.data);
  if (!workshop) throw notFound();
  return workshop;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "workshops.view");
  const { locality, role } = access;
  const workshop = await workshopOr404(locality.id, params.workshopId);
  const db = await getDb();
  const mayManage = can(role, "workshops.manage");
  const [attendees, suggestions, tieCounts, languages, agenda] = await Promise.all([
    listAttendees(db, workshop.id),
    listWorkshopSuggestions(db, locality.id, workshop.id),
    countWorkshopTies(db, locality.id, workshop.id),
    mayManage ? peopleLanguages(db, locality.id) : Promise.resolve([]),
    loadAgenda(access, workshop),
  ]);
  const { board, planSteps: _steps, ...rest } = workshop;
  return {
    locality,
    workshop: { ...rest, board: board && !board.archivedAt ? { id: board.id, title: board.title } : null },
    startsAtInput: toSessionDateTimeInput(workshop.startsAt),
    attendees,
    suggestions: suggestions.map((s) => ({
      id: s.id,
      a: s.personA.displayName,
      b: s.personB.displayName,
      confirmedByA: s.confirmedByA,
      confirmedByB: s.confirmedByB,
    })),
    confirmedTies: tieCounts.find((c) => c.status === "confirmed")?._count._all ?? 0,
    mayManage,
    mayConfirmTies: can(role, "ties.record"),
    mayReflect: can(role, "reflections.write"),
    languageOptions: mayManage ? commonLanguages([...languages, workshop.languages]) : [],
    agenda,
  };
}

const INTENTS = ["update", "notes", "board", "suggest-ties", "run"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "workshops.manage");
  const { locality, user } = access;
  const form = await readForm(request, context);
  const intent = z.enum(INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  if (intent.data === "run") {
    const ran = await runSession(access, params.workshopId, form);
    if (!ran.ok) return data({ intent: "run" as const, reply: null, suggested: null, run: ran.reason }, { status: ran.reason === "unreachable" ? 503 : 409 });
    return redirect(`/l/${locality.id}/workshops/${params.workshopId}#section-plan`, { status: 303 });
  }
  const workshop = await workshopOr404(locality.id, params.workshopId);
  const db = await getDb();
  const base = { localityId: locality.id, workshopId: workshop.id, actorId: user.id };
  switch (intent.data) {
    case "update": {
      const submission = parseWithZod(form, { schema: workshopInput });
      if (submission.status !== "success") return data({ intent: "update" as const, reply: submission.reply(), suggested: null }, { status: 400 });
      await updateWorkshop(db, { ...base, values: submission.value });
      return data({ intent: "update" as const, reply: submission.reply(), suggested: null });
    }
    case "notes": {
      const submission = parseWithZod(form, { schema: notesInput });
      if (submission.status !== "success") return data({ intent: "notes" as const, reply: submission.reply(), suggested: null }, { status: 400 });
      await saveWorkshopNotes(db, { ...base, notes: submission.value.notes });
      return data({ intent: "notes" as const, reply: submission.reply(), suggested: null });
    }
    case "board": {
      const submission = parseWithZod(form, { schema: exerciseBoardInput });
      if (submission.status !== "success") return data({ intent: "board" as const, reply: submission.reply(), suggested: null }, { status: 400 });
      const t = translator(await i18nServer.getLocale(request));
      const title = exerciseBoardTitle(submission.value, (exercise) => t(`workshops.board.exercises.${exercise}`));
      const opened = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () => {
        const board = await openExerciseBoard(db, { ...base, title });
        return { kept: board !== null, value: board };
      });
      if (!opened) throw notFound();
      return redirect(`/l/${locality.id}/boards/${opened.boardId}`, { status: 303 });
    }
    case "suggest-ties": {
      // A double press suggests once, and every copy reports how many the first one suggested.
      const added = await oncePerFormLoad(db, formLoadOf(request, form, user.id), async () => {
        const count = await suggestWorkshopTies(db, base);
        return count === null ? { kept: false, value: null } : kept(count);
      });
      if (added === null) throw notFound();
      return data({ intent: "suggest-ties" as const, reply: null, suggested: added });
    }
  }
}

function NotesForm({ notes, lastResult }: { notes: string; lastResult: Parameters<typeof useValidatedForm>[0]["lastResult"] }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof notesInput>>({
    id: "workshop-notes",
    lastResult,
    defaultValue: { notes },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: notesInput }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <CsrfField />
      <input type="hidden" name="intent" value="notes" />
      <TextAreaField meta={fields.notes} label={t("workshops.notes.label")} hint={t("workshops.notes.hint")} rows={8} maxLength={WORKSHOP_LIMITS.notes} />
      <div>
        <button type="submit" className="button primary">
          {t("workshops.notes.save")}
        </button>
      </div>
    </Form>
  );
}

function BoardForm({ lastResult }: { lastResult: Parameters<typeof useValidatedForm>[0]["lastResult"] }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm<z.input<typeof exerciseBoardInput>>({
    id: "workshop-board",
    lastResult,
    defaultValue: { exercise: "hopes_fears" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: exerciseBoardInput }),
  });
  const select = getSelectProps(fields.exercise, { ariaAttributes: true });
  const custom = getInputProps(fields.customTitle, { type: "text", ariaAttributes: true });
  const customHint = `${fields.customTitle.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <CsrfField />
      <input type="hidden" name="intent" value="board" />
      <div className="field">
        <label htmlFor={fields.exercise.id}>{t("workshops.board.exercise")}</label>
        <select {...select} key={select.key}>
          {EXERCISES.map((e) => (
            <option key={e} value={e}>
              {t(`workshops.board.exercises.${e}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.exercise.errorId} errors={fields.exercise.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.customTitle.id}>{t("workshops.board.customTitle")}</label>
        <p id={customHint} className="hint">
          {t("workshops.board.customTitleHint")}
        </p>
        <input
          {...custom}
          key={custom.key}
          maxLength={WORKSHOP_LIMITS.boardTitle}
          dir="auto"
          aria-describedby={[custom["aria-describedby"], customHint].filter(Boolean).join(" ")}
        />
        <FieldErrors id={fields.customTitle.errorId} errors={fields.customTitle.errors} />
      </div>
      <div>
        <button type="submit" className="button primary">
          {t("workshops.board.open")}
        </button>
      </div>
    </Form>
  );
}

/** One session: details, who came, its board, its notes and the ties it suggested. */
export default function WorkshopPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const outlet = useOutlet();
  const navigation = useNavigation();
  const locale = useRootData()?.locale ?? "en";
  const when = dateFormatter(locale, { dateStyle: "full", timeStyle: "short" });
  // The attendance page (a child route) replaces this page.
  if (outlet) return outlet;

  const { workshop, locality } = d;
  const base = `/l/${locality.id}/workshops/${workshop.id}`;
  const languages = parseLanguages(workshop.languages);
  const reply = (intent: string) => (result?.intent === intent ? result.reply : undefined);
  const saved = (intent: "update" | "notes") => result?.intent === intent && result.reply?.status === "success" && navigation.state === "idle";
  const startsAt = new Date(workshop.startsAt);
  const run = result && "run" in result ? result.run : null;
  const runMessage = run === "unreachable" ? t("plans.run.unreachable") : run === "no-agenda" ? t("plans.run.noAgenda") : null;
  return (
    <section className="page workshop-page" aria-labelledby="workshop-title">
      <p className="breadcrumb">
        <Link to={`/l/${locality.id}/workshops`}>{t("workshops.back")}</Link>
      </p>
      <h1 id="workshop-title" dir="auto">
        {workshop.title}
      </h1>

      <dl className="workshop-facts card">
        <div>
          <dt>{t("workshops.when")}</dt>
          <dd>
            <time dateTime={startsAt.toISOString()}>{when.format(startsAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("workshops.fields.place")}</dt>
          <dd dir="auto">{workshop.place || t("workshops.notSet")}</dd>
        </div>
        <div>
          <dt>{t("workshops.fields.languages")}</dt>
          <dd>{languages.map((c) => t(`languageNames.${c}`, { defaultValue: c })).join(t("workshops.listSeparator")) || t("workshops.noLanguages")}</dd>
        </div>
        <div>
          <dt>{t("workshops.fields.interpreting")}</dt>
          <dd dir="auto">{workshop.interpreting || t("workshops.noInterpreting")}</dd>
        </div>
        {workshop.durationMinutes ? (
          <div>
            <dt>{t("plans.runSheet.length")}</dt>
            <dd>{t("plans.runSheet.lengthValue", { minutes: workshop.durationMinutes })}</dd>
          </div>
        ) : null}
      </dl>
      {d.mayReflect ? <ReflectOnSession localityId={locality.id} workshopId={workshop.id} /> : null}
      {saved("update") ? (
        <p className="card success" role="status">
          {t("workshops.savedDetails")}
        </p>
      ) : null}

      <h2>{t("workshops.fields.agenda")}</h2>
      {workshop.agenda ? (
        <p className="workshop-text" dir="auto">
          {workshop.agenda}
        </p>
      ) : (
        <p className="muted">{t("workshops.noAgenda")}</p>
      )}

      <h2 id="section-plan">{t("plans.agenda.title")}</h2>
      {d.agenda.steps.length ? (
        <>
          <AgendaTime agenda={d.agenda} />
          {d.mayManage ? <RunControls agenda={d.agenda} message={runMessage} /> : null}
          <AgendaList agenda={d.agenda} localityId={locality.id} />
        </>
      ) : (
        <p className="muted">{d.mayManage ? t("plans.agenda.noneFacilitator") : t("plans.agenda.none")}</p>
      )}
      {d.mayManage ? (
        <p className="plan-links">
          <Link className="button" to={`${base}/plan`}>
            {t("plans.agenda.choose")}
          </Link>
          {d.agenda.steps.length ? <Link to={`${base}/run-sheet`}>{t("plans.agenda.runSheet")}</Link> : null}
        </p>
      ) : null}

      <h2 id="workshop-attendance">{t("workshops.attendance.whoCame")}</h2>
      <p className="summary">{t("workshops.attended", { count: d.attendees.length })}</p>
      {d.attendees.length ? (
        <ul className="workshop-attendees" aria-labelledby="workshop-attendance">
          {d.attendees.map((p) => (
            <li key={p.id}>
              <span dir="auto">{p.displayName}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("workshops.attendance.none")}</p>
      )}
      {d.mayManage ? (
        <p>
          <Link className="button primary" to={`${base}/attendance`}>
            {t("workshops.attendance.take")}
          </Link>
        </p>
      ) : null}

      <h2 id="workshop-ties">{t("workshops.ties.title")}</h2>
      <p>{t("workshops.ties.confirmedCount", { count: d.confirmedTies })}</p>
      {result?.intent === "suggest-ties" && result.suggested !== null ? (
        <p className="card success" role="status">
          {result.suggested > 0 ? t("workshops.ties.added", { count: result.suggested }) : t("workshops.ties.noneNew")}
        </p>
      ) : null}
      {d.suggestions.length ? (
        <>
          <p>{t("workshops.ties.waiting", { count: d.suggestions.length })}</p>
          <ul className="workshop-suggestions" aria-labelledby="workshop-ties">
            {d.suggestions.map((s) => (
              <li key={s.id}>
                <span dir="auto">{s.a}</span> — <span dir="auto">{s.b}</span>{" "}
                <span className="muted">
                  (
                  {[
                    s.confirmedByA ? t("workshops.ties.confirmedBy", { name: s.a }) : null,
                    s.confirmedByB ? t("workshops.ties.confirmedBy", { name: s.b }) : null,
                  ]
                    .filter(Boolean)
                    .join(t("workshops.listSeparator")) || t("workshops.ties.nobodyYet")}
                  )
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.mayConfirmTies ? (
        <p>
          <Link to={`/l/${locality.id}/ties/suggested`}>{t("workshops.ties.toConfirmLink")}</Link>
        </p>
      ) : null}
      {d.mayManage ? (
        <Form method="post" className="stack">
          <CsrfField />
          <p className="hint" id="suggest-hint">
            {t("workshops.ties.suggestHint")}
          </p>
          <div>
            <button type="submit" name="intent" value="suggest-ties" className="button" aria-describedby="suggest-hint" disabled={d.attendees.length < 2}>
              {t("workshops.ties.suggest")}
            </button>
          </div>
        </Form>
      ) : null}

      <h2 id="section-board">{t("workshops.board.title")}</h2>
      {workshop.board ? (
        <p>
          <Link className="button" to={`/l/${locality.id}/boards/${workshop.board.id}`}>
            {t("workshops.board.goTo", { title: workshop.board.title })}
          </Link>
        </p>
      ) : d.mayManage ? (
        <div className="card">
          <p>{t("workshops.board.lead")}</p>
          <BoardForm lastResult={reply("board")} />
        </div>
      ) : (
        <p className="muted">{t("workshops.board.none")}</p>
      )}

      <h2 id="section-notes">{t("workshops.notes.title")}</h2>
      {d.mayManage ? (
        <div className="card">
          {saved("notes") ? (
            <p className="notice success" role="status">
              {t("workshops.notes.saved")}
            </p>
          ) : null}
          <NotesForm key={workshop.notes} notes={workshop.notes} lastResult={reply("notes")} />
        </div>
      ) : workshop.notes ? (
        <p className="workshop-text" dir="auto">
          {workshop.notes}
        </p>
      ) : (
        <p className="muted">{t("workshops.notes.none")}</p>
      )}

      {d.mayManage ? (
        <details className="card workshop-edit" open={result?.intent === "update" && result.reply?.status === "error"}>
          <summary>{t("workshops.editTitle")}</summary>
          <WorkshopForm
            id="edit-workshop"
            intent="update"
            lastResult={reply("update")}
            defaultValue={{
              title: workshop.title,
              startsAt: d.startsAtInput,
              place: workshop.place,
              agenda: workshop.agenda,
              languages,
              interpreting: workshop.interpreting,
              durationMinutes: workshop.durationMinutes ?? undefined,
            }}
            languageOptions={d.languageOptions}
            submitLabel={t("workshops.saveDetails")}
          />
        </details>
      ) : null}
    </section>
  );
}
