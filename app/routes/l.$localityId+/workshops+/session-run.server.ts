/**
 * Running a session (facilitators): Start, Next, Previous and End step through its agenda. The
 * step's board follows: its prompt becomes the step's prompt and its timer is set to the step's
 * minutes and started, for everyone who has the board open (server-side edits through the
 * collaboration server); a board the session leaves has its timer paused. The boards change
 * first: when the collaboration server cannot be reached nothing changes and the page says so.
 */
import type { LocalityAccess } from "~/auth/permissions.server";
import { applyServerChange } from "~/collab/backend.server";
import { pauseTimer, restartTimer, setBoardPrompt } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { getDb } from "~/data/db.server";
import { existingBoards, setCurrentStep } from "~/data/session-plans.server";
import { moveStep, parseSteps, runInput } from "~/domain/session-plans";
import { badRequest } from "~/http/http-errors.server";
import { requireWorkshopPlan } from "./session-plan.server";

export type RunOutcome = { ok: true; step: number | null } | { ok: false; reason: "no-agenda" | "unreachable" };

export async function runSession(access: LocalityAccess, rawId: string | undefined, form: FormData, now = Date.now()): Promise<RunOutcome> {
  const parsed = runInput.safeParse({ move: form.get("move") });
  if (!parsed.success) throw badRequest();
  const db = await getDb();
  const workshop = await requireWorkshopPlan(access, rawId);
  const steps = parseSteps(workshop.planSteps);
  if (!steps.length) return { ok: false, reason: "no-agenda" };
  const was = workshop.currentStep !== null && workshop.currentStep < steps.length ? workshop.currentStep : null;
  const next = moveStep(was, parsed.data.move, steps.length);
  // Only boards of this locality that are still there.
  const boards = await existingBoards(
    db,
    access.locality.id,
    steps.flatMap((s) => (s.boardId ? [s.boardId] : [])),
  );
  const boardOf = (index: number | null) => {
    const id = index === null ? undefined : steps[index]?.boardId;
    return id && boards.has(id) ? id : null;
  };
  const leaving = boardOf(was);
  const arriving = boardOf(next);
  try {
    if (leaving && leaving !== arriving) await applyServerChange(boardDocName(access.locality.id, leaving), (doc) => pauseTimer(doc, now));
    if (arriving && next !== null) {
      const step = steps[next]!;
      await applyServerChange(boardDocName(access.locality.id, arriving), (doc) => {
        setBoardPrompt(doc, step.prompt);
        restartTimer(doc, { durationMs: step.minutes * 60_000, now });
      });
    }
  } catch (error) {
    console.warn("session run: a board could not be reached", error);
    return { ok: false, reason: "unreachable" };
  }
  await setCurrentStep(db, { localityId: access.locality.id, workshopId: workshop.id, actorId: access.user.id, step: next, was });
  return { ok: true, step: next };
}
