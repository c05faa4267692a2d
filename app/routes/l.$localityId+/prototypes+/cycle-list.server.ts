/**
 * A prototype's test cycles on the server: the list (each cycle's number, method, dates, state,
 * who took part, evidence and decision) and planning a new one (members and facilitators; once
 * per form load; a cycle that ends before it starts is refused beside its end date).
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { AppLoadContext } from "@remix-run/node";
import { requireLocalityAccess, type LocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { badRequest, forbidden } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import { createCycle, listCycles } from "~/data/cycles.server";
import { feedbackCounts } from "~/data/feedback.server";
import { can } from "~/domain/access/policy";
import { CYCLE_LANGUAGES, planInput, planRecord } from "~/domain/cycles";
import { cycleState } from "~/domain/prototypes";
import { requirePrototype } from "./prototype-access.server";

export async function loadCycleList(access: LocalityAccess, rawPrototypeId: string | undefined) {
  const prototype = await requirePrototype(access, rawPrototypeId);
  const db = await getDb();
  const rows = await listCycles(db, access.locality.id, prototype.id);
  // People who answered from phones: published answers only (sentences waiting for review do not count).
  const answered = await feedbackCounts(
    db,
    rows.map((c) => c.id),
  );
  const now = new Date();
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototype: { id: prototype.id, title: prototype.title, status: prototype.status },
    cycles: rows.map((c) => ({
      id: c.id,
      number: c.number,
      believe: c.believe,
      willResult: c.willResult,
      method: c.method,
      startsOn: c.startsOn?.toISOString() ?? null,
      endsOn: c.endsOn?.toISOString() ?? null,
      place: c.place,
      state: cycleState(c, now),
      decision: c.decision,
      participants: c._count.participants,
      others: c.counts.reduce((sum, n) => sum + n.count, 0),
      evidence: c._count.evidence,
      answers: answered.get(c.id)?.people ?? 0,
    })),
    mayPlan: can(access.role, "prototypes.edit"),
    languageOptions: [...CYCLE_LANGUAGES],
  };
}

export type CycleListOutcome = { kind: "reply"; reply: SubmissionResult<string[]> } | { kind: "done"; location: string };

/** Plans a new cycle (intent=create): once per form load, so a double submit plans one cycle. */
export async function runCycleListAction(
  request: Request,
  params: { localityId?: string; prototypeId?: string },
  context: AppLoadContext,
): Promise<CycleListOutcome> {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const form = await readForm(request, context);
  if (form.get("intent") !== "create") throw badRequest();
  if (!can(access.role, "prototypes.edit")) throw forbidden();
  const prototype = await requirePrototype(access, params.prototypeId);
  const db = await getDb();
  const submission = parseWithZod(form, { schema: planInput });
  if (submission.status !== "success") return { kind: "reply", reply: submission.reply() };
  const created = await oncePerFormLoad(db, formLoadOf(request, form, access.user.id), async () =>
    kept(
      await createCycle(db, {
        localityId: access.locality.id,
        prototypeId: prototype.id,
        actorId: access.user.id,
        values: planRecord(submission.value),
      }),
    ),
  );
  return { kind: "done", location: `/l/${access.locality.id}/prototypes/${prototype.id}/cycles/${created.id}?done=create` };
}
