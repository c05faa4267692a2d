/**
 * One prototype's page on the server: what it is and who it is for, the core-group people who
 * would use or deliver it, partners and their pledges, its plan and board, its test cycles and
 * measures in brief, the public summary, and the evidence chain it came from (idea → challenge →
 * insight → the stories' redacted excerpts). Members and facilitators edit; facilitators write
 * the public summary; viewers read. Each form's outcome is a conform reply (errors beside the
 * fields, input kept) or a redirect back with what was done.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireLocalityAccess, type LocalityAccess } from "~/auth/permissions.server";
import { applyServerChange } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { appendRichText } from "~/collab/rich-text";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { listInsightEvidence, listUsableExcerpts } from "~/data/insights.server";
import {
  addPrototypePartner,
  addPrototypePerson,
  coreGroupPeople,
  cycleTurnout,
  findPrototypeRecord,
  latestCycle,
  openPrototypeBoard,
  openPrototypePlan,
  planAndBoard,
  removePrototypePartner,
  removePrototypePerson,
  setPublicSummary,
  updatePrototypeAbout,
  type PrototypeRecordRow,
} from "~/data/prototypes.server";
import { can, type LocalityAction } from "~/domain/access/policy";
import { LIMITS } from "~/domain/limits";
import {
  PROTOTYPE_INTENTS,
  PROTOTYPE_LIMITS,
  type PrototypeIntent,
  aboutInput,
  changedFields,
  partnerInput,
  peopleTookPart,
  personInput,
  publicSummaryInput,
  removeInput,
} from "~/domain/prototype-records";
import { cycleState } from "~/domain/prototypes";
import { badRequest, forbidden, notFound } from "~/http/http-errors.server";
import { readForm } from "~/http/read-form.server";
import { translator } from "~/i18n/translate";
import { quoteReader, readerExcerpts } from "~/use-cases/quote-excerpts.server";
import { storyLabels } from "~/use-cases/read-story.server";
import { requirePrototype } from "./prototype-access.server";

/** How many insights (and excerpts of each) the evidence chain shows. */
const CHAIN_INSIGHTS = 5;
const CHAIN_EXCERPTS = 6;

async function requireRecord(access: LocalityAccess, rawId: string | undefined): Promise<PrototypeRecordRow> {
  const header = await requirePrototype(access, rawId);
  const row = await findPrototypeRecord(await getDb(), access.locality.id, header.id);
  if (!row) throw notFound();
  return row;
}

/**
 * Where the prototype came from: its idea (named only while published, or to facilitators, as on
 * the list), the idea's challenge, the insights it answers (or its challenge's insight), and for
 * each insight the redacted excerpts of usable stories behind it — a withdrawn story's, or one
 * whose consent is gone, is not there.
 */
async function evidenceChain(access: LocalityAccess, row: PrototypeRecordRow, locale: string) {
  const db = await getDb();
  const idea = row.idea && (row.idea.moderation === "published" || can(access.role, "ideas.moderate")) ? row.idea : null;
  if (!idea) return { idea: null, challenge: null, insights: [] };
  const answered = idea.insights.length ? idea.insights.map((i) => i.insight) : idea.challenge.insight ? [idea.challenge.insight] : [];
  const quote = quoteReader(db, locale);
  const labels = storyLabels(db, locale, quote.identifiers);
  // Every insight's evidence, and every usable excerpt among them, in one read each.
  const chosen = answered.slice(0, CHAIN_INSIGHTS);
  const found = new Map(
    (chosen.length
      ? await listInsightEvidence(
          db,
          access.locality.id,
          chosen.map((i) => i.id),
        )
      : []
    ).map((i) => [i.id, i]),
  );
  const excerptIdsOf = (id: string) => (found.get(id)?.evidence ?? []).map((e) => e.excerptId).filter((e): e is string => e !== null);
  const allIds = [...new Set(chosen.flatMap((i) => excerptIdsOf(i.id)))];
  const usable = allIds.length ? await listUsableExcerpts(db, access.locality.id, { ids: allIds }) : [];
  const byId = new Map(usable.map((e) => [e.id, e]));
  const insights = await Promise.all(
    chosen.flatMap((insight) => {
      const full = found.get(insight.id);
      if (!full) return [];
      const ordered = excerptIdsOf(full.id).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      return [
        readerExcerpts(ordered.slice(0, CHAIN_EXCERPTS), quote, labels).then((excerpts) => ({
          id: full.id,
          statement: full.statement,
          excerpts: excerpts.map((e) => ({ id: e.id, storyId: e.storyId, storyTitle: e.storyTitle, pseudonym: e.pseudonym, quote: e.quote })),
          more: Math.max(0, ordered.length - CHAIN_EXCERPTS),
        })),
      ];
    }),
  );
  return {
    idea: { id: idea.id, title: idea.title },
    challenge: { id: idea.challenge.id, question: idea.challenge.question },
    insights,
  };
}

export async function loadPrototypePage(access: LocalityAccess, rawId: string | undefined, locale: string) {
  const db = await getDb();
  const row = await requireRecord(access, rawId);
  const mayEdit = can(access.role, "prototypes.edit");
  const [latest, turnout, linked, people, chain] = await Promise.all([
    latestCycle(db, row.id),
    cycleTurnout(db, { prototypeId: row.id }),
    planAndBoard(db, access.locality.id, row),
    mayEdit ? coreGroupPeople(db, access.locality.id) : Promise.resolve([]),
    evidenceChain(access, row, locale),
  ]);
  const person = (p: PrototypeRecordRow["people"][number]) => ({
    entryId: p.id,
    personId: p.person.id,
    name: p.person.displayName,
    organisation: p.person.organisation,
  });
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototype: {
      id: row.id,
      title: row.title,
      status: row.status,
      summary: row.summary,
      forWhom: row.forWhom,
      publicSummary: row.publicSummary,
    },
    people: {
      use: row.people.filter((p) => p.role === "use").map(person),
      deliver: row.people.filter((p) => p.role === "deliver").map(person),
    },
    partners: row.partners.map((p) => ({ id: p.id, name: p.name, role: p.role, pledgeKind: p.pledgeKind, pledge: p.pledge, amount: p.amount })),
    plan: linked.plan,
    board: linked.board,
    cycles: {
      count: row._count.cycles,
      latest: latest ? { number: latest.number, state: cycleState(latest), decision: latest.decision } : null,
      peopleTookPart: peopleTookPart(turnout.participantIds, turnout.counts),
    },
    measures: { count: row._count.measures },
    chain,
    /** The core group, to choose from (members and facilitators only). */
    choices: people.map((p) => ({ id: p.id, name: p.displayName, organisation: p.organisation })),
    defaults: {
      about: { title: row.title, summary: row.summary, forWhom: row.forWhom },
      publicSummary: row.publicSummary,
    },
    may: { edit: mayEdit, decide: can(access.role, "prototypes.decide") },
  };
}

// --- actions -------------------------------------------------------------------------------

const NEEDS: Record<PrototypeIntent, LocalityAction> = {
  about: "prototypes.edit",
  "add-person": "prototypes.edit",
  "remove-person": "prototypes.edit",
  "add-partner": "prototypes.edit",
  "remove-partner": "prototypes.edit",
  "public-summary": "prototypes.decide",
  "open-plan": "prototypes.edit",
  "open-board": "prototypes.edit",
};

/** The forms that create something: run once per form load (app/data/form-submissions.server.ts). */
const ONCE_PER_FORM_LOAD: ReadonlySet<PrototypeIntent> = new Set(["add-person", "add-partner", "open-plan", "open-board"]);

/** Where each form's section is on the page (the redirect comes back to it). */
const SECTION: Record<PrototypeIntent, string> = {
  about: "about",
  "add-person": "people",
  "remove-person": "people",
  "add-partner": "partners",
  "remove-partner": "partners",
  "public-summary": "public-summary",
  "open-plan": "plan",
  "open-board": "plan",
};

export type PrototypeActionOutcome =
  | { kind: "reply"; intent: PrototypeIntent; reply: SubmissionResult<string[]> }
  | { kind: "done"; intent: PrototypeIntent; location: string };

/**
 * Runs one of the prototype page's forms. Signed out → sign-in; outsiders and other localities'
 * prototypes → 404; a role without the right → 403. A form that adds something runs once per
 * form load; a reply with errors gives the key back, for the corrected form.
 */
export async function runPrototypeAction(
  request: Request,
  params: { localityId?: string; prototypeId?: string },
  context: AppLoadContext,
  locale: string,
): Promise<PrototypeActionOutcome> {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const form = await readForm(request, context);
  const intent = z.enum(PROTOTYPE_INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw badRequest();
  if (!can(access.role, NEEDS[intent.data])) throw forbidden();
  const run = () => runIntent(access, params.prototypeId, form, intent.data, locale);
  if (!ONCE_PER_FORM_LOAD.has(intent.data)) return run();
  return oncePerFormLoad(await getDb(), formLoadOf(request, form, access.user.id), async () => {
    const outcome = await run();
    return { kept: outcome.kind === "done", value: outcome };
  });
}

/** A title made from a pattern and the prototype's title, within `max` characters, without the translator's direction marks. */
function titled(t: ReturnType<typeof translator>, key: string, title: string, max: number): string {
  const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, "");
  const frame = plain(t(key, { title: "" }));
  const room = Math.max(1, max - frame.length);
  const cut = title.length > room ? `${title.slice(0, room - 1).trimEnd()}…` : title;
  return plain(t(key, { title: cut }));
}

async function runIntent(
  access: LocalityAccess,
  rawId: string | undefined,
  form: FormData,
  intent: PrototypeIntent,
  locale: string,
): Promise<PrototypeActionOutcome> {
  const row = await requireRecord(access, rawId);
  const db = await getDb();
  const localityId = access.locality.id;
  const base = `/l/${localityId}/prototypes/${row.id}`;
  const done = (name: PrototypeIntent, location = `${base}?done=${name}#${SECTION[name]}`): PrototypeActionOutcome => ({
    kind: "done",
    intent: name,
    location,
  });
  const reply = (name: PrototypeIntent, r: SubmissionResult<string[]>): PrototypeActionOutcome => ({ kind: "reply", intent: name, reply: r });
  const who = { localityId, prototypeId: row.id, actorId: access.user.id };

  switch (intent) {
    case "about": {
      const submission = parseWithZod(form, { schema: aboutInput });
      if (submission.status !== "success") return reply(intent, submission.reply());
      const fields = changedFields({ title: row.title, summary: row.summary, forWhom: row.forWhom }, submission.value);
      if (!(await updatePrototypeAbout(db, { ...who, values: submission.value, fields }))) throw notFound();
      return done(intent);
    }
    case "add-person": {
      const submission = parseWithZod(form, { schema: personInput });
      if (submission.status !== "success") return reply(intent, submission.reply());
      const outcome = await addPrototypePerson(db, { ...who, ...submission.value, max: PROTOTYPE_LIMITS.people });
      if (outcome === "not-in-locality") return reply(intent, submission.reply({ fieldErrors: { personId: ["prototypes.errors.personElsewhere"] } }));
      if (outcome === "already") return reply(intent, submission.reply({ fieldErrors: { personId: ["prototypes.errors.personAlready"] } }));
      if (outcome === "full") return reply(intent, submission.reply({ formErrors: ["prototypes.errors.peopleFull"] }));
      return done(intent);
    }
    case "remove-person": {
      const submission = parseWithZod(form, { schema: removeInput });
      if (submission.status !== "success" || !(await removePrototypePerson(db, { ...who, entryId: submission.value.entryId }))) throw notFound();
      return done(intent);
    }
    case "add-partner": {
      const submission = parseWithZod(form, { schema: partnerInput });
      if (submission.status !== "success") return reply(intent, submission.reply());
      if ((await addPrototypePartner(db, { ...who, values: submission.value, max: PROTOTYPE_LIMITS.partners })) === "full")
        return reply(intent, submission.reply({ formErrors: ["prototypes.errors.partnersFull"] }));
      return done(intent);
    }
    case "remove-partner": {
      const submission = parseWithZod(form, { schema: removeInput });
      if (submission.status !== "success" || !(await removePrototypePartner(db, { ...who, entryId: submission.value.entryId }))) throw notFound();
      return done(intent);
    }
    case "public-summary": {
      const submission = parseWithZod(form, { schema: publicSummaryInput });
      if (submission.status !== "success") return reply(intent, submission.reply());
      if (!(await setPublicSummary(db, { ...who, publicSummary: submission.value.publicSummary }))) throw notFound();
      return done(intent);
    }
    case "open-plan": {
      const t = translator(locale);
      const opened = await openPrototypePlan(db, { ...who, title: titled(t, "prototypes.plan.documentTitle", row.title, LIMITS.documentTitle) });
      if (!opened) throw notFound();
      if (opened.created) {
        // A short starter in the starter's language, written through the collab server like any edit; if that fails the plan starts empty.
        const docName = richTextDocName(localityId, opened.documentId);
        try {
          await applyServerChange(docName, (doc) =>
            appendRichText(doc, [
              { type: "heading", level: 2, text: t("prototypes.plan.starter.what") },
              { type: "paragraph", text: t("prototypes.plan.starter.whatPrompt") },
              { type: "heading", level: 2, text: t("prototypes.plan.starter.who") },
              { type: "paragraph", text: t("prototypes.plan.starter.whoPrompt") },
              { type: "heading", level: 2, text: t("prototypes.plan.starter.need") },
              { type: "paragraph", text: t("prototypes.plan.starter.needPrompt") },
              { type: "heading", level: 2, text: t("prototypes.plan.starter.know") },
              { type: "paragraph", text: t("prototypes.plan.starter.knowPrompt") },
            ]),
          );
        } catch (error) {
          console.warn(`prototypes: the plan's starter text of ${docName} was not written`, error);
        }
      }
      return done(intent, `/l/${localityId}/documents/${opened.documentId}`);
    }
    case "open-board": {
      const t = translator(locale);
      const opened = await openPrototypeBoard(db, { ...who, title: titled(t, "prototypes.board.title", row.title, LIMITS.boardTitle) });
      if (!opened) throw notFound();
      return done(intent, `/l/${localityId}/boards/${opened.boardId}`);
    }
  }
}
