/**
 * One test cycle's page on the server: its plan, who took part, evidence, what was learned, cost
 * and reach, the group's confidence, its decision and amendments — and every form on it. Members
 * and facilitators plan, record and rate while it is open; facilitators decide (which closes it)
 * and correct a closed cycle by amendments. Each form's outcome is a conform reply (errors beside
 * the fields, input kept, 400) or a redirect back saying what was done.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireLocalityAccess, type LocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import {
  addCount,
  addEvidence,
  addParticipant,
  amendCycle,
  decideCycle,
  findCycle,
  findCycleBoard,
  listLocalityPeople,
  markCycleStarted,
  openCycleBoard,
  rateConfidence,
  removeFromCycle,
  updateCycle,
  userNames,
  type AddOutcome,
  type CycleRecord,
} from "~/data/cycles.server";
import { can, type LocalityAction } from "~/domain/access/policy";
import {
  amendInput,
  amendmentChanges,
  confidenceSummary,
  countInput,
  CYCLE_LANGUAGES,
  cycleLanguages,
  cycleStarted,
  CYCLE_INTENTS,
  type CycleIntent,
  decisionInput,
  figureInput,
  idInput,
  mayMarkStarted,
  noteInput,
  parseWholeNumber,
  penceToPoundsInput,
  photoInput,
  participantInput,
  planInput,
  planRecord,
  ratingInput,
  resultsInput,
  resultsRecord,
  toCycleDateInput,
  type CycleValues,
} from "~/domain/cycles";
import { costPerPerson, cycleState } from "~/domain/prototypes";
import { encodePhoto } from "~/use-cases/encode-photo.server";
import { i18nServer } from "~/i18n/i18next.server";
import { translator } from "~/i18n/translate";
import { requirePrototype } from "./prototype-access.server";
import { feedbackCounts } from "~/data/feedback.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The prototype and its cycle named in the URL, or 404 (malformed, another prototype's or locality's). */
async function requireCycle(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string }) {
  const prototype = await requirePrototype(access, params.prototypeId);
  if (!params.cycleId || !ID.test(params.cycleId)) throw notFound();
  const cycle = await findCycle(await getDb(), access.locality.id, prototype.id, params.cycleId);
  if (!cycle) throw notFound();
  return { prototype, cycle };
}

function values(cycle: CycleRecord): CycleValues {
  return {
    believe: cycle.believe,
    willResult: cycle.willResult,
    knowWhen: cycle.knowWhen,
    method: cycle.method,
    startsOn: cycle.startsOn,
    endsOn: cycle.endsOn,
    place: cycle.place,
    languages: cycle.languages,
    interpreting: cycle.interpreting,
    learned: cycle.learned,
    costPence: cycle.costPence,
    peopleReached: cycle.peopleReached,
    decisionReason: cycle.decisionReason,
  };
}

/** The forms' starting values (what is stored, as the inputs show it). */
function formDefaults(cycle: CycleRecord) {
  return {
    believe: cycle.believe,
    willResult: cycle.willResult,
    knowWhen: cycle.knowWhen,
    method: cycle.method,
    startsOn: toCycleDateInput(cycle.startsOn),
    endsOn: toCycleDateInput(cycle.endsOn),
    place: cycle.place,
    languages: cycleLanguages(cycle.languages),
    interpreting: cycle.interpreting,
    learned: cycle.learned,
    cost: penceToPoundsInput(cycle.costPence),
    reached: cycle.peopleReached === null ? "" : String(cycle.peopleReached),
    decisionReason: cycle.decisionReason ?? "",
  };
}

export async function loadCyclePage(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string }) {
  const { prototype, cycle } = await requireCycle(access, params);
  const db = await getDb();
  const now = new Date();
  const status = prototype.status;
  const mayEdit = can(access.role, "prototypes.edit");
  const mayDecide = can(access.role, "prototypes.decide");
  const closed = cycle.decision !== null;
  const [names, people, board, answered] = await Promise.all([
    userNames(db, [cycle.decidedById, ...cycle.amendments.map((a) => a.createdById)]),
    mayEdit && !closed ? listLocalityPeople(db, access.locality.id) : Promise.resolve([]),
    cycle.boardId ? findCycleBoard(db, access.locality.id, cycle.boardId) : Promise.resolve(null),
    feedbackCounts(db, [cycle.id]),
  ]);
  const mine = (moment: string) => cycle.ratings.find((r) => r.userId === access.user.id && r.moment === moment)?.rating ?? null;
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototype: { id: prototype.id, title: prototype.title, status },
    cycle: {
      id: cycle.id,
      number: cycle.number,
      state: cycleState(cycle, now),
      believe: cycle.believe,
      willResult: cycle.willResult,
      knowWhen: cycle.knowWhen,
      method: cycle.method,
      startsOn: cycle.startsOn?.toISOString() ?? null,
      endsOn: cycle.endsOn?.toISOString() ?? null,
      place: cycle.place,
      languages: cycleLanguages(cycle.languages),
      interpreting: cycle.interpreting,
      learned: cycle.learned,
      costPence: cycle.costPence,
      peopleReached: cycle.peopleReached,
      costPerPerson: costPerPerson(cycle.costPence, cycle.peopleReached),
      decision: cycle.decision
        ? {
            decision: cycle.decision,
            reason: cycle.decisionReason ?? "",
            at: cycle.decidedAt?.toISOString() ?? null,
            by: cycle.decidedById ? (names.get(cycle.decidedById) ?? null) : null,
          }
        : null,
    },
    participants: cycle.participants.map((p) => ({ id: p.id, role: p.role, name: p.person.displayName, personId: p.person.id })),
    counts: cycle.counts,
    evidence: cycle.evidence.map((e) => ({ id: e.id, kind: e.kind, text: e.text, width: e.width, height: e.height, createdAt: e.createdAt.toISOString() })),
    confidence: confidenceSummary(cycle.ratings),
    myRatings: { before: mine("before"), after: mine("after") },
    amendments: cycle.amendments.map((a) => ({
      id: a.id,
      field: a.field,
      before: a.before,
      after: a.after,
      reason: a.reason,
      by: a.createdById ? (names.get(a.createdById) ?? null) : null,
      at: a.createdAt.toISOString(),
    })),
    feedback: {
      // People who answered from phones: published answers only.
      answers: answered.get(cycle.id)?.people ?? 0,
      open: cycle.feedbackOpen,
      /** none: no public link yet; open: it takes answers; closed: closed (by the decision, or by a facilitator). */
      link: cycle.feedbackOpen ? ("open" as const) : cycle.feedbackCode ? ("closed" as const) : ("none" as const),
    },
    board: board ? { id: board.id, title: board.title } : null,
    people: people.map((p) => ({ id: p.id, name: p.displayName })),
    languageOptions: [...CYCLE_LANGUAGES],
    defaults: formDefaults(cycle),
    may: {
      edit: mayEdit && !closed,
      start: mayEdit && mayMarkStarted(cycle, now),
      decide: mayDecide && !closed,
      amend: mayDecide && closed,
    },
  };
}

// --- actions -------------------------------------------------------------------------------

const NEEDS: Record<CycleIntent, LocalityAction> = {
  plan: "prototypes.edit",
  results: "prototypes.edit",
  start: "prototypes.edit",
  participant: "prototypes.edit",
  "remove-participant": "prototypes.edit",
  count: "prototypes.edit",
  "remove-count": "prototypes.edit",
  note: "prototypes.edit",
  figure: "prototypes.edit",
  photo: "prototypes.edit",
  "remove-evidence": "prototypes.edit",
  board: "prototypes.edit",
  rate: "prototypes.edit",
  decide: "prototypes.decide",
  amend: "prototypes.decide",
};

/** Forms that add something: run once per form load (a double submit adds once; every copy gets the first answer). */
const ONCE_PER_FORM_LOAD: ReadonlySet<CycleIntent> = new Set(["participant", "count", "note", "figure", "photo", "board", "decide", "amend"]);

/** Where each form's "done" sends the page (its section). */
const SECTION: Record<CycleIntent, string> = {
  plan: "plan",
  results: "learning",
  start: "plan",
  participant: "people",
  "remove-participant": "people",
  count: "people",
  "remove-count": "people",
  note: "evidence",
  figure: "evidence",
  photo: "evidence",
  "remove-evidence": "evidence",
  board: "evidence",
  rate: "confidence",
  decide: "decision",
  amend: "amendments",
};

export type CycleActionOutcome =
  | { kind: "reply"; intent: CycleIntent; reply: SubmissionResult<string[]> }
  | { kind: "done"; intent: CycleIntent; location: string };

/**
 * Runs one of the cycle page's forms. Signed out → sign-in; outsiders → 404; a role without the
 * right → 403 (a member's decision too). A closed cycle refuses every change but an amendment.
 */
export async function runCycleAction(
  request: Request,
  params: { localityId?: string; prototypeId?: string; cycleId?: string },
  context: AppLoadContext,
): Promise<CycleActionOutcome> {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const form = await readForm(request, context);
  const intent = z.enum(CYCLE_INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  if (!can(access.role, NEEDS[intent.data])) throw forbidden();
  const run = () => runIntent(request, access, params, form, intent.data);
  if (!ONCE_PER_FORM_LOAD.has(intent.data)) return run();
  return oncePerFormLoad(await getDb(), formLoadOf(request, form, access.user.id), async () => {
    const outcome = await run();
    return { kept: outcome.kind === "done", value: outcome };
  });
}

const ADD_ERRORS: Record<Exclude<AddOutcome, "added">, string> = {
  closed: "cycles.errors.closed",
  "unknown-person": "cycles.errors.otherLocalityPerson",
  already: "cycles.errors.alreadyTakingPart",
  full: "cycles.errors.full",
};

async function runIntent(
  request: Request,
  access: LocalityAccess,
  params: { prototypeId?: string; cycleId?: string },
  form: FormData,
  intent: CycleIntent,
): Promise<CycleActionOutcome> {
  const { prototype, cycle } = await requireCycle(access, params);
  const db = await getDb();
  const ref = { localityId: access.locality.id, prototypeId: prototype.id, cycleId: cycle.id, actorId: access.user.id };
  const base = `/l/${access.locality.id}/prototypes/${prototype.id}/cycles/${cycle.id}`;
  const done = (name: CycleIntent = intent): CycleActionOutcome => ({ kind: "done", intent: name, location: `${base}?done=${name}#${SECTION[name]}` });
  const reply = (r: SubmissionResult<string[]>): CycleActionOutcome => ({ kind: "reply", intent, reply: r });
  /** A form-level message (for forms whose fields were fine): the input is kept as sent. */
  const refuse = (message: string, fields: Record<string, string[]> = {}): CycleActionOutcome =>
    reply({ status: "error", initialValue: formValues(form), error: { "": Object.keys(fields).length ? null : [message], ...fields } } as SubmissionResult<
      string[]
    >);

  const closed = cycle.decision !== null;
  if (closed && intent !== "amend") return refuse("cycles.errors.closed");

  switch (intent) {
    case "plan": {
      const submission = parseWithZod(form, { schema: planInput });
      if (submission.status !== "success") return reply(submission.reply());
      if (!(await updateCycle(db, ref, planRecord(submission.value), "plan"))) return reply(submission.reply({ formErrors: ["cycles.errors.closed"] }));
      return done();
    }
    case "results": {
      const submission = parseWithZod(form, { schema: resultsInput });
      if (submission.status !== "success") return reply(submission.reply());
      if (!(await updateCycle(db, ref, resultsRecord(submission.value), "results"))) return reply(submission.reply({ formErrors: ["cycles.errors.closed"] }));
      return done();
    }
    case "start": {
      if (!mayMarkStarted(cycle)) return refuse(cycleStarted(cycle) ? "cycles.errors.alreadyStarted" : "cycles.errors.startAfterEnd");
      if (!(await markCycleStarted(db, ref))) return refuse("cycles.errors.alreadyStarted");
      return done();
    }
    case "participant": {
      const submission = parseWithZod(form, { schema: participantInput });
      if (submission.status !== "success") return reply(submission.reply());
      const outcome = await addParticipant(db, ref, submission.value);
      if (outcome === "unknown-person") return reply(submission.reply({ fieldErrors: { personId: [ADD_ERRORS[outcome]] } }));
      if (outcome !== "added") return reply(submission.reply({ formErrors: [ADD_ERRORS[outcome]] }));
      return done();
    }
    case "count": {
      const submission = parseWithZod(form, { schema: countInput });
      if (submission.status !== "success") return reply(submission.reply());
      const count = parseWholeNumber(submission.value.count, 1, Number.MAX_SAFE_INTEGER)!;
      const outcome = await addCount(db, ref, { label: submission.value.label, count });
      if (outcome !== "added") return reply(submission.reply({ formErrors: [ADD_ERRORS[outcome]] }));
      return done();
    }
    case "note":
    case "figure": {
      const submission = parseWithZod(form, { schema: intent === "note" ? noteInput : figureInput });
      if (submission.status !== "success") return reply(submission.reply());
      const outcome = await addEvidence(db, ref, { kind: intent, text: submission.value.text });
      if (outcome !== "added") return reply(submission.reply({ formErrors: [ADD_ERRORS[outcome]] }));
      return done();
    }
    case "photo": {
      const file = form.get("photo");
      const chosen = file instanceof File && (file.size > 0 || file.name !== "") ? file : null;
      const submission = parseWithZod(textOnly(form), { schema: photoInput });
      if (submission.status !== "success" || !chosen) {
        return reply(
          submission.reply({
            fieldErrors: {
              photo: [chosen ? "cycles.errors.photoAgain" : "cycles.errors.photoMissing"],
              ...(submission.status === "success" ? {} : { alt: submission.error?.alt ?? ["cycles.errors.photoAlt"] }),
            },
          }),
        );
      }
      const encoded = await encodePhoto(chosen);
      if (!encoded.ok) return reply(submission.reply({ fieldErrors: { photo: [photoError(encoded.error), "cycles.errors.photoAgain"] } }));
      const outcome = await addEvidence(db, ref, { kind: "photo", text: submission.value.alt, photo: encoded.photo });
      if (outcome !== "added") return reply(submission.reply({ formErrors: [ADD_ERRORS[outcome]] }));
      return done();
    }
    case "remove-participant":
    case "remove-count":
    case "remove-evidence": {
      const submission = parseWithZod(form, { schema: idInput });
      if (submission.status !== "success") throw badRequest();
      const what = intent === "remove-participant" ? "participant" : intent === "remove-count" ? "count" : "evidence";
      if (!(await removeFromCycle(db, ref, what, submission.value.id))) throw notFound();
      return done();
    }
    case "board": {
      const t = translator(await i18nServer.getLocale(request));
      const title = t("cycles.board.title", { number: cycle.number, title: prototype.title }).slice(0, 120);
      const opened = await openCycleBoard(db, ref, title);
      if (!opened) return refuse("cycles.errors.closed");
      return { kind: "done", intent, location: `/l/${access.locality.id}/boards/${opened.boardId}` };
    }
    case "rate": {
      const submission = parseWithZod(form, { schema: ratingInput });
      if (submission.status !== "success") return reply(submission.reply());
      const toNumber = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      if (!(await rateConfidence(db, ref, { before: toNumber(submission.value.before), after: toNumber(submission.value.after) })))
        return reply(submission.reply({ formErrors: ["cycles.errors.closed"] }));
      return done();
    }
    case "decide": {
      const submission = parseWithZod(form, { schema: decisionInput });
      if (submission.status !== "success") return reply(submission.reply());
      const outcome = await decideCycle(db, ref, submission.value);
      if (!outcome.ok) return reply(submission.reply({ formErrors: [outcome.error === "closed" ? "cycles.errors.closed" : "cycles.errors.noLearning"] }));
      return done();
    }
    case "amend": {
      if (!closed) return refuse("cycles.errors.notClosed");
      const submission = parseWithZod(form, { schema: amendInput });
      if (submission.status !== "success") return reply(submission.reply());
      const changes = amendmentChanges(values(cycle), submission.value);
      if (!changes.length) return reply(submission.reply({ formErrors: ["cycles.errors.nothingChanged"] }));
      if (!(await amendCycle(db, ref, { changes, reason: submission.value.reason })))
        return reply(submission.reply({ formErrors: ["cycles.errors.notClosed"] }));
      return done();
    }
  }
}

/** A form's text fields (not its file), for a reply that keeps what was typed. */
function textOnly(form: FormData): FormData {
  const out = new FormData();
  for (const [name, value] of form) if (typeof value === "string") out.append(name, value);
  return out;
}

function formValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string" || name.startsWith("_")) continue;
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

/** encodePhoto's errors (stories' keys) as this page names them. */
function photoError(error: string): string {
  if (error.endsWith(".tooLarge")) return "cycles.errors.photoTooLarge";
  if (error.endsWith(".type")) return "cycles.errors.photoType";
  if (error.endsWith(".missing")) return "cycles.errors.photoMissing";
  return "cycles.errors.photoNotImage";
}
