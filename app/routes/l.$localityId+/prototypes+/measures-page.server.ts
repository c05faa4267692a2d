/**
 * A prototype's measures page on the server: its measures with their readings (and what the chart
 * of each is drawn from), its test cycles' costs and cost per person reached, and the forms —
 * members and facilitators add, edit and remove measures and readings; viewers read. Each form's
 * outcome is a conform reply (errors beside the fields, input kept) or a redirect back saying
 * what was done.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { AppLoadContext } from "@remix-run/node";
import { requireLocalityAccess, type LocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import {
  createMeasure,
  createReading,
  findMeasure,
  findReading,
  listCycleCosts,
  listMeasures,
  removeMeasure,
  removeReading,
  updateMeasure,
  updateReading,
  type PrototypeScope,
} from "~/data/measures.server";
import { can } from "~/domain/access/policy";
import { MEASURE_INTENTS, dayOf, measureInput, readingInput, summariseChart, summariseCosts, todayInLondon, type MeasureIntent } from "~/domain/measures";
import { requirePrototype } from "./prototype-access.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const idOf = (value: unknown) => (typeof value === "string" && ID.test(value) ? value : null);

export async function loadMeasuresPage(access: LocalityAccess, rawPrototypeId: string | undefined, url: URL) {
  const prototype = await requirePrototype(access, rawPrototypeId);
  const db = await getDb();
  const [measures, cycles] = await Promise.all([listMeasures(db, prototype.id), listCycleCosts(db, prototype.id)]);
  const mayEdit = can(access.role, "prototypes.edit");
  const chartCycles = cycles.map((c) => ({ number: c.number, startsOn: c.startsOn ? dayOf(c.startsOn) : null, endsOn: c.endsOn ? dayOf(c.endsOn) : null }));
  const views = measures.map((m) => {
    const readings = m.readings.map((r) => ({
      id: r.id,
      value: r.value,
      takenOn: dayOf(r.takenOn),
      source: r.source,
      cycleId: r.cycleId,
      cycleNumber: r.cycle?.number ?? null,
    }));
    return {
      id: m.id,
      name: m.name,
      unit: m.unit,
      baseline: m.baseline,
      target: m.target,
      betterWhen: m.betterWhen === "down" ? ("down" as const) : ("up" as const),
      minValue: m.minValue,
      maxValue: m.maxValue,
      readings,
      summary: summariseChart(m, readings),
    };
  });
  const editMeasure = mayEdit ? idOf(url.searchParams.get("measure")) : null;
  const editReading = mayEdit ? idOf(url.searchParams.get("reading")) : null;
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototype: { id: prototype.id, title: prototype.title, status: prototype.status },
    today: todayInLondon(),
    measures: views,
    cycles: cycles.map((c) => ({ id: c.id, number: c.number, startsOn: c.startsOn ? dayOf(c.startsOn) : null, endsOn: c.endsOn ? dayOf(c.endsOn) : null })),
    /** The cycles as the charts draw them (a band over the dates of each cycle a reading names). */
    chartCycles,
    costs: summariseCosts(cycles),
    /** The measure or reading whose edit form is open (?measure=…, ?reading=…), if it is this prototype's. */
    editing: {
      measureId: editMeasure && views.some((m) => m.id === editMeasure) ? editMeasure : null,
      readingId: editReading && views.some((m) => m.readings.some((r) => r.id === editReading)) ? editReading : null,
    },
    may: { edit: mayEdit },
  };
}
export type MeasuresPage = Awaited<ReturnType<typeof loadMeasuresPage>>;

// --- actions -------------------------------------------------------------------------------

export type MeasureActionOutcome =
  | { kind: "reply"; intent: MeasureIntent; target: string | null; reply: SubmissionResult<string[]> }
  | { kind: "done"; intent: MeasureIntent; location: string };

/** The forms that add something: run once per form load (app/data/form-submissions.server.ts). */
const ONCE_PER_FORM_LOAD: ReadonlySet<MeasureIntent> = new Set(["add-measure", "add-reading"]);

/**
 * Runs one of the measures page's forms. Signed out → sign-in; outsiders, another locality's
 * prototype or a measure or reading not of this prototype → 404; viewers → 403. Adding a
 * measure or a reading happens once per form load.
 */
export async function runMeasureAction(
  request: Request,
  params: { localityId?: string; prototypeId?: string },
  context: AppLoadContext,
): Promise<MeasureActionOutcome> {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const form = await readForm(request, context);
  const intent = z.enum(MEASURE_INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  if (!can(access.role, "prototypes.edit")) throw forbidden();
  const prototype = await requirePrototype(access, params.prototypeId);
  const scope: PrototypeScope = { localityId: access.locality.id, prototypeId: prototype.id, actorId: access.user.id };
  const run = () => runIntent(scope, form, intent.data);
  if (!ONCE_PER_FORM_LOAD.has(intent.data)) return run();
  return oncePerFormLoad(await getDb(), formLoadOf(request, form, access.user.id), async () => {
    const outcome = await run();
    return { kept: outcome.kind === "done", value: outcome };
  });
}

async function runIntent(scope: PrototypeScope, form: FormData, intent: MeasureIntent): Promise<MeasureActionOutcome> {
  const db = await getDb();
  const page = `/l/${scope.localityId}/prototypes/${scope.prototypeId}/measures`;
  const done = (anchor: string): MeasureActionOutcome => ({ kind: "done", intent, location: `${page}?done=${intent}#${anchor}` });
  const reply = (target: string | null, r: SubmissionResult<string[]>): MeasureActionOutcome => ({ kind: "reply", intent, target, reply: r });
  const today = todayInLondon();

  switch (intent) {
    case "add-measure": {
      const submission = parseWithZod(form, { schema: measureInput });
      if (submission.status !== "success") return reply(null, submission.reply());
      const outcome = await createMeasure(db, scope, submission.value);
      if (!outcome.ok) return reply(null, submission.reply({ formErrors: ["measures.errors.measureLimit"] }));
      return done(`measure-${outcome.measureId}`);
    }
    case "edit-measure": {
      const measure = await requireMeasure(db, scope, form);
      const submission = parseWithZod(form, { schema: measureInput });
      if (submission.status !== "success") return reply(measure.id, submission.reply());
      const outcome = await updateMeasure(db, scope, measure.id, submission.value);
      if (!outcome.ok) {
        if (outcome.error === "readingsOutside") return reply(measure.id, submission.reply({ formErrors: ["measures.errors.readingsOutside"] }));
        throw notFound();
      }
      return done(`measure-${measure.id}`);
    }
    case "remove-measure": {
      const measure = await requireMeasure(db, scope, form);
      await removeMeasure(db, scope, measure.id);
      return done("measures-title");
    }
    case "add-reading": {
      const measure = await requireMeasure(db, scope, form);
      const submission = parseWithZod(form, { schema: readingInput(measure, today) });
      if (submission.status !== "success") return reply(measure.id, submission.reply());
      const outcome = await createReading(db, scope, measure.id, submission.value);
      if (!outcome.ok) return reply(measure.id, submission.reply(readingProblem(outcome.error)));
      return done(`measure-${measure.id}`);
    }
    case "edit-reading": {
      const reading = await requireReading(db, scope, form);
      const measure = await findMeasure(db, scope.prototypeId, reading.measureId);
      if (!measure) throw notFound();
      const submission = parseWithZod(form, { schema: readingInput(measure, today) });
      if (submission.status !== "success") return reply(reading.id, submission.reply());
      const outcome = await updateReading(db, scope, reading.id, submission.value);
      if (!outcome.ok) return reply(reading.id, submission.reply(readingProblem(outcome.error)));
      return done(`measure-${measure.id}`);
    }
    case "remove-reading": {
      const reading = await requireReading(db, scope, form);
      await removeReading(db, scope, reading.id);
      return done(`measure-${reading.measureId}`);
    }
  }
}

/** Why a valid-looking reading was refused, beside the field it concerns. */
function readingProblem(error: "limit" | "gone" | "cycle" | "range"): { formErrors?: string[]; fieldErrors?: Record<string, string[]> } {
  switch (error) {
    case "cycle":
      return { fieldErrors: { cycleId: ["measures.errors.cycle"] } };
    case "range":
      return { fieldErrors: { value: ["measures.errors.rangeChanged"] } };
    case "limit":
      return { formErrors: ["measures.errors.readingLimit"] };
    case "gone":
      return { formErrors: ["measures.errors.gone"] };
  }
}

/** The measure a form names (`measureId`), of this prototype, or 404. */
async function requireMeasure(db: Awaited<ReturnType<typeof getDb>>, scope: PrototypeScope, form: FormData) {
  const id = idOf(form.get("measureId"));
  const measure = id ? await findMeasure(db, scope.prototypeId, id) : null;
  if (!measure) throw notFound();
  return measure;
}

/** The reading a form names (`readingId`), of one of this prototype's measures, or 404. */
async function requireReading(db: Awaited<ReturnType<typeof getDb>>, scope: PrototypeScope, form: FormData) {
  const id = idOf(form.get("readingId"));
  const reading = id ? await findReading(db, scope.prototypeId, id) : null;
  if (!reading) throw notFound();
  return reading;
}
