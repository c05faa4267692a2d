/**
 * Sessions (Workshop), their attendance, and the ties attending together suggests. Every
 * function takes the locality's id and never reads or writes a record of another locality:
 * a workshop, person or tie of another locality is "not found" (null / false).
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { createBoard } from "./boards.server";
import { pairKey } from "~/domain/ties";
import { confirmSides, suggestTies, type TieSide, type WorkshopInput, workshopRecord } from "~/domain/workshops";
import { isUniqueViolation } from "./unique-violation.server";

const workshopFields = {
  id: true,
  localityId: true,
  title: true,
  startsAt: true,
  place: true,
  agenda: true,
  languages: true,
  interpreting: true,
  notes: true,
  boardId: true,
  durationMinutes: true,
  planRef: true,
  planSteps: true,
  currentStep: true,
} as const;

export type WorkshopSummary = { id: string; title: string; startsAt: Date; place: string; languages: string; attendees: number };

/** A locality's sessions: upcoming (soonest first) and past (latest first). */
export async function listWorkshops(db: Db, localityId: string, now = new Date()): Promise<{ upcoming: WorkshopSummary[]; past: WorkshopSummary[] }> {
  const select = { id: true, title: true, startsAt: true, place: true, languages: true, _count: { select: { attendance: true } } } as const;
  const [upcoming, past] = await Promise.all([
    db.workshop.findMany({ where: { localityId, startsAt: { gte: now } }, orderBy: { startsAt: "asc" }, select }),
    db.workshop.findMany({ where: { localityId, startsAt: { lt: now } }, orderBy: { startsAt: "desc" }, select }),
  ]);
  const flat = ({ _count, ...w }: (typeof upcoming)[number]): WorkshopSummary => ({ ...w, attendees: _count.attendance });
  return { upcoming: upcoming.map(flat), past: past.map(flat) };
}

/** One session of this locality, or null. */
export function findWorkshop(db: Db, localityId: string, workshopId: string) {
  return db.workshop.findFirst({
    where: { id: workshopId, localityId },
    select: { ...workshopFields, board: { select: { id: true, title: true, archivedAt: true } } },
  });
}

/** Who came to a session (names in alphabetical order). */
export async function listAttendees(db: Db, workshopId: string) {
  const rows = await db.attendance.findMany({
    where: { workshopId },
    select: { person: { select: { id: true, displayName: true, sector: true } } },
  });
  return rows.map((r) => r.person).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The people of a locality, for the attendance list (names in alphabetical order). */
export function listLocalityPeople(db: Db, localityId: string) {
  return db.person.findMany({
    where: { localityId },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true, sector: true, organisation: true },
  });
}

/** The languages stored on each of a locality's people (for its common languages). */
export async function peopleLanguages(db: Db, localityId: string): Promise<string[]> {
  return (await db.person.findMany({ where: { localityId }, select: { languages: true } })).map((p) => p.languages);
}

export async function createWorkshop(db: Db, input: { localityId: string; actorId: string; values: WorkshopInput }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const workshop = await tx.workshop.create({
      data: { localityId: input.localityId, createdById: input.actorId, ...workshopRecord(input.values) },
      select: { id: true },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "workshop.create",
      targetType: "workshop",
      targetId: workshop.id,
      detail: { title: input.values.title },
    });
    return workshop;
  });
}

/** Changes a session's details; false if there is no such session in the locality. */
export async function updateWorkshop(db: Db, input: { localityId: string; workshopId: string; actorId: string; values: WorkshopInput }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.workshop.updateMany({ where: { id: input.workshopId, localityId: input.localityId }, data: workshopRecord(input.values) });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "workshop.update",
        targetType: "workshop",
        targetId: input.workshopId,
        detail: { title: input.values.title },
      });
    return count > 0;
  });
}

/** Keeps a session's notes; false if there is no such session in the locality. */
export async function saveWorkshopNotes(db: Db, input: { localityId: string; workshopId: string; actorId: string; notes: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.workshop.updateMany({ where: { id: input.workshopId, localityId: input.localityId }, data: { notes: input.notes } });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "workshop.update",
        targetType: "workshop",
        targetId: input.workshopId,
        detail: { field: "notes" },
      });
    return count > 0;
  });
}

/**
 * Opens a board (purpose "exercise") for a session and links it. A session has one board: when
 * it already has one, that board is returned and nothing is created. Null: no such session.
 */
export async function openExerciseBoard(
  db: Db,
  input: { localityId: string; workshopId: string; actorId: string; title: string },
): Promise<{ boardId: string; created: boolean } | null> {
  const workshop = await db.workshop.findFirst({ where: { id: input.workshopId, localityId: input.localityId }, select: { boardId: true } });
  if (!workshop) return null;
  if (workshop.boardId) return { boardId: workshop.boardId, created: false };
  const board = await createBoard(db, { localityId: input.localityId, actorId: input.actorId, title: input.title, purpose: "exercise" });
  const { count } = await db.workshop.updateMany({ where: { id: input.workshopId, localityId: input.localityId, boardId: null }, data: { boardId: board.id } });
  if (!count) {
    // Someone else linked a board meanwhile: theirs stands; ours goes to the archive, not the list.
    await db.board.update({ where: { id: board.id }, data: { archivedAt: new Date() } });
    const now = await db.workshop.findFirst({ where: { id: input.workshopId, localityId: input.localityId }, select: { boardId: true } });
    return now?.boardId ? { boardId: now.boardId, created: false } : null;
  }
  await recordAudit(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    action: "workshop.board",
    targetType: "workshop",
    targetId: input.workshopId,
    detail: { boardId: board.id, title: input.title },
  });
  return { boardId: board.id, created: true };
}

/**
 * Sets who came, for the people in `shown` (the ones on the form): present if in `present`,
 * absent otherwise; people not shown keep their mark. Ids not of this locality's people are
 * refused as a whole (returns "bad-person"), before anything is written.
 */
export async function setAttendance(
  db: Db,
  input: { localityId: string; workshopId: string; actorId: string; shown: readonly string[]; present: readonly string[] },
): Promise<"saved" | "no-workshop" | "bad-person"> {
  const shown = [...new Set(input.shown)];
  const present = new Set(input.present);
  if ([...present].some((id) => !shown.includes(id))) return "bad-person";
  return db.$transaction(async (tx) => {
    const workshop = await tx.workshop.findFirst({ where: { id: input.workshopId, localityId: input.localityId }, select: { id: true } });
    if (!workshop) return "no-workshop";
    const known = await tx.person.count({ where: { localityId: input.localityId, id: { in: shown } } });
    if (known !== shown.length) return "bad-person";
    const before = new Set(
      (await tx.attendance.findMany({ where: { workshopId: workshop.id, personId: { in: shown } }, select: { personId: true } })).map((a) => a.personId),
    );
    const added = shown.filter((id) => present.has(id) && !before.has(id));
    const removed = shown.filter((id) => !present.has(id) && before.has(id));
    if (removed.length) await tx.attendance.deleteMany({ where: { workshopId: workshop.id, personId: { in: removed } } });
    for (const personId of added) await tx.attendance.create({ data: { workshopId: workshop.id, personId, recordedById: input.actorId } });
    if (added.length || removed.length) {
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "workshop.attendance",
        targetType: "workshop",
        targetId: workshop.id,
        detail: { added, removed },
      });
    }
    return "saved";
  });
}

/**
 * Suggests a tie (kind met_at_session, since the session's date, status suggested, neither side
 * confirmed) for every pair of attendees not tied yet, and not declined before from this session.
 * Idempotent: a second call adds nothing.
 * Returns how many were added, or null when there is no such session in the locality.
 */
export async function suggestWorkshopTies(db: Db, input: { localityId: string; workshopId: string; actorId: string }): Promise<number | null> {
  try {
    return await suggestOnce(db, input);
  } catch (error) {
    // Two presses at once: the second met the first's rows (unique pair). Once more sees them.
    if (isUniqueViolation(error)) return suggestOnce(db, input);
    throw error;
  }
}

/** The pairs declined from this session (from the audit log): not suggested again by it. */
async function declinedPairKeys(db: Pick<Db, "auditEntry">, localityId: string, workshopId: string): Promise<string[]> {
  const entries = await db.auditEntry.findMany({ where: { localityId, action: "tie.decline", detail: { contains: workshopId } }, select: { detail: true } });
  const keys: string[] = [];
  for (const e of entries) {
    try {
      const d = JSON.parse(e.detail) as { personAId?: unknown; personBId?: unknown; workshopId?: unknown };
      if (d.workshopId === workshopId && typeof d.personAId === "string" && typeof d.personBId === "string" && d.personAId !== d.personBId)
        keys.push(pairKey(d.personAId, d.personBId));
    } catch {
      // not ours
    }
  }
  return keys;
}

async function suggestOnce(db: Db, input: { localityId: string; workshopId: string; actorId: string }): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const workshop = await tx.workshop.findFirst({ where: { id: input.workshopId, localityId: input.localityId }, select: { id: true, startsAt: true } });
    if (!workshop) return null;
    const attendees = (
      await tx.attendance.findMany({ where: { workshopId: workshop.id, person: { localityId: input.localityId } }, select: { personId: true } })
    ).map((a) => a.personId);
    if (attendees.length < 2) return 0;
    const existing = await tx.tie.findMany({
      where: { localityId: input.localityId, personAId: { in: attendees }, personBId: { in: attendees } },
      select: { personAId: true, personBId: true },
    });
    const declined = await declinedPairKeys(tx, input.localityId, workshop.id);
    const pairs = suggestTies(attendees, new Set([...existing.map((t) => pairKey(t.personAId, t.personBId)), ...declined]));
    if (!pairs.length) return 0;
    await tx.tie.createMany({
      data: pairs.map((p) => ({
        localityId: input.localityId,
        ...p,
        kind: "met_at_session",
        workshopId: workshop.id,
        since: workshop.startsAt,
        status: "suggested",
        confirmedByA: false,
        confirmedByB: false,
        createdById: input.actorId,
      })),
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "tie.suggest",
      targetType: "workshop",
      targetId: workshop.id,
      detail: { count: pairs.length },
    });
    return pairs.length;
  });
}

const suggestionSelect = {
  id: true,
  personAId: true,
  personBId: true,
  confirmedByA: true,
  confirmedByB: true,
  since: true,
  personA: { select: { id: true, displayName: true, userId: true } },
  personB: { select: { id: true, displayName: true, userId: true } },
  workshop: { select: { id: true, title: true, startsAt: true } },
} as const;

/** Suggested ties of a locality, all of them or only those involving `personIds`; newest session first. */
export function listSuggestedTies(db: Db, localityId: string, only?: { personIds: readonly string[] }) {
  const involving = only ? { OR: [{ personAId: { in: [...only.personIds] } }, { personBId: { in: [...only.personIds] } }] } : {};
  return db.tie.findMany({
    where: { localityId, status: "suggested", ...involving },
    orderBy: [{ since: "desc" }, { createdAt: "asc" }],
    select: suggestionSelect,
  });
}

/** Suggested ties from one session. */
export function listWorkshopSuggestions(db: Db, localityId: string, workshopId: string) {
  return db.tie.findMany({ where: { localityId, workshopId, status: "suggested" }, orderBy: { createdAt: "asc" }, select: suggestionSelect });
}

/** Ties confirmed that came from one session. */
export function countWorkshopTies(db: Db, localityId: string, workshopId: string) {
  return db.tie.groupBy({ by: ["status"], where: { localityId, workshopId }, _count: { _all: true } });
}

/** The people of this locality linked to an account. */
export async function personIdsOfUser(db: Db, localityId: string, userId: string): Promise<string[]> {
  return (await db.person.findMany({ where: { localityId, userId }, select: { id: true } })).map((p) => p.id);
}

/**
 * Confirms `sides` of a suggested tie (a person their own side; a facilitator either, on someone's
 * behalf). Null: no such suggestion in the locality; otherwise the tie's status afterwards.
 */
export async function confirmSuggestedTie(
  db: Db,
  input: { localityId: string; tieId: string; actorId: string; sides: readonly TieSide[]; onBehalf: boolean },
): Promise<"confirmed" | "suggested" | null> {
  return db.$transaction(async (tx) => {
    const tie = await tx.tie.findFirst({
      where: { id: input.tieId, localityId: input.localityId, status: "suggested" },
      select: { id: true, personAId: true, personBId: true, confirmedByA: true, confirmedByB: true },
    });
    if (!tie) return null;
    const next = confirmSides(tie, input.sides);
    await tx.tie.update({ where: { id: tie.id }, data: next });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "tie.confirm",
      targetType: "tie",
      targetId: tie.id,
      detail: { sides: input.sides, onBehalf: input.onBehalf, status: next.status },
    });
    return next.status;
  });
}

/** Declines a suggested tie: the suggestion goes (an audit entry stays). False: no such suggestion. */
export async function declineSuggestedTie(db: Db, input: { localityId: string; tieId: string; actorId: string; onBehalf: boolean }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const tie = await tx.tie.findFirst({
      where: { id: input.tieId, localityId: input.localityId, status: "suggested" },
      select: { id: true, personAId: true, personBId: true, workshopId: true },
    });
    if (!tie) return false;
    await tx.tie.delete({ where: { id: tie.id } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "tie.decline",
      targetType: "tie",
      targetId: tie.id,
      detail: { personAId: tie.personAId, personBId: tie.personBId, workshopId: tie.workshopId, onBehalf: input.onBehalf },
    });
    return true;
  });
}
