/**
 * Test cycles of a prototype in the database: planning one (numbered 1, 2, … per prototype),
 * its plan and results while it is open, who took part, counts of others, evidence (notes,
 * figures, photos, a board), confidence ratings, the decision that closes it (facilitators;
 * audited; closes its public feedback link) and the amendments that correct it afterwards.
 * A closed cycle changes only by amendments: every write here but `amendCycle` is conditional
 * on the cycle having no decision. The prototype's status is derived from its cycles
 * (`prototypeStatusFrom`) and written by `syncPrototypeStatus` after each change.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";
import { amendedValues, CYCLE_LIMITS, prototypeStatusFrom, startOfToday, type AmendableField, type CycleValues } from "~/domain/cycles";
import { STATUS_AFTER_DECISION, type CycleDecision, type ParticipantRole, type PrototypeStatus } from "~/domain/prototypes";

type Tx = Pick<Db, "testCycle" | "prototype">;

/** Writes the status the prototype's cycles leave it in (when it differs); returns it. */
export async function syncPrototypeStatus(db: Tx, prototypeId: string, now: Date = new Date()): Promise<PrototypeStatus | null> {
  const [prototype, cycles] = await Promise.all([
    db.prototype.findUnique({ where: { id: prototypeId }, select: { status: true } }),
    db.testCycle.findMany({ where: { prototypeId }, select: { number: true, decision: true, decidedAt: true, startsOn: true } }),
  ]);
  if (!prototype) return null;
  const status = prototypeStatusFrom(cycles, now);
  if (status !== prototype.status) await db.prototype.updateMany({ where: { id: prototypeId, status: prototype.status }, data: { status } });
  return status;
}

// --- the list ----------------------------------------------------------------------------------

/** A prototype's cycles, newest first, with what each holds. */
export function listCycles(db: Db, localityId: string, prototypeId: string) {
  return db.testCycle.findMany({
    where: { prototypeId, localityId },
    orderBy: { number: "desc" },
    take: 200,
    select: {
      id: true,
      number: true,
      believe: true,
      willResult: true,
      method: true,
      startsOn: true,
      endsOn: true,
      place: true,
      decision: true,
      decidedAt: true,
      _count: { select: { participants: true, evidence: true } },
      counts: { select: { count: true } },
    },
  });
}

export type NewCycle = {
  localityId: string;
  prototypeId: string;
  actorId: string;
  values: Omit<CycleValues, "learned" | "costPence" | "peopleReached" | "decisionReason">;
};

/**
 * Plans a cycle: the next number of its prototype (two planned at once take 1 and 2: a clash on
 * the unique number is tried again with the next), audited, and the prototype's status follows
 * (a cycle whose start date has come makes it "testing").
 */
export async function createCycle(db: Db, input: NewCycle): Promise<{ id: string; number: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const last = await tx.testCycle.aggregate({ where: { prototypeId: input.prototypeId }, _max: { number: true } });
        const number = (last._max.number ?? 0) + 1;
        const cycle = await tx.testCycle.create({
          data: { ...input.values, prototypeId: input.prototypeId, localityId: input.localityId, number, createdById: input.actorId },
          select: { id: true, number: true },
        });
        await recordAudit(tx, {
          localityId: input.localityId,
          actorId: input.actorId,
          action: "cycle.create",
          targetType: "cycle",
          targetId: cycle.id,
          detail: { prototypeId: input.prototypeId, number },
        });
        await syncPrototypeStatus(tx, input.prototypeId);
        return cycle;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25 * (attempt + 1)));
    }
  }
}

// --- one cycle ---------------------------------------------------------------------------------

/** One cycle of this prototype in this locality, with everything its page shows (no photo bytes). */
export function findCycle(db: Db, localityId: string, prototypeId: string, cycleId: string) {
  return db.testCycle.findFirst({
    where: { id: cycleId, prototypeId, localityId },
    select: {
      id: true,
      prototypeId: true,
      localityId: true,
      number: true,
      believe: true,
      willResult: true,
      knowWhen: true,
      method: true,
      startsOn: true,
      endsOn: true,
      place: true,
      languages: true,
      interpreting: true,
      learned: true,
      costPence: true,
      peopleReached: true,
      decision: true,
      decisionReason: true,
      decidedAt: true,
      decidedById: true,
      feedbackOpen: true,
      feedbackCode: true,
      boardId: true,
      createdById: true,
      createdAt: true,
      participants: {
        select: { id: true, role: true, person: { select: { id: true, displayName: true, sector: true, organisation: true } } },
        orderBy: [{ person: { displayName: "asc" } }, { role: "desc" }],
      },
      counts: { select: { id: true, label: true, count: true }, orderBy: { id: "asc" } },
      evidence: {
        select: { id: true, kind: true, text: true, mimeType: true, width: true, height: true, createdById: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      ratings: { select: { userId: true, moment: true, rating: true } },
      amendments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
}

export type CycleRecord = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

/** Names of users (who decided, who amended, who added evidence), by id. */
export async function userNames(db: Db, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The core group of the locality (people a cycle's participants are chosen from). */
export function listLocalityPeople(db: Db, localityId: string) {
  return db.person.findMany({ where: { localityId }, orderBy: [{ displayName: "asc" }, { id: "asc" }], select: { id: true, displayName: true }, take: 2000 });
}

/** The board linked to a cycle, if it is still there (not archived). */
export function findCycleBoard(db: Db, localityId: string, boardId: string) {
  return db.board.findFirst({ where: { id: boardId, localityId, archivedAt: null }, select: { id: true, title: true } });
}

type CycleRef = { localityId: string; prototypeId: string; cycleId: string; actorId: string };
const open = (ref: CycleRef) => ({ id: ref.cycleId, prototypeId: ref.prototypeId, localityId: ref.localityId, decision: null });

/** Changes an open cycle's plan or results; false when it was closed meanwhile. */
export async function updateCycle(db: Db, ref: CycleRef, values: Partial<CycleValues>, part: "plan" | "results"): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.testCycle.updateMany({ where: open(ref), data: values });
    if (!count) return false;
    await recordAudit(tx, {
      localityId: ref.localityId,
      actorId: ref.actorId,
      action: "cycle.update",
      targetType: "cycle",
      targetId: ref.cycleId,
      detail: { prototypeId: ref.prototypeId, part, fields: Object.keys(values) },
    });
    if (part === "plan") await syncPrototypeStatus(tx, ref.prototypeId);
    return true;
  });
}

/**
 * Marks an open cycle started today: its start date becomes today (UK), and the prototype is
 * "testing". False when it was closed or had started meanwhile.
 */
export async function markCycleStarted(db: Db, ref: CycleRef, now: Date = new Date()): Promise<boolean> {
  const today = startOfToday(now);
  return db.$transaction(async (tx) => {
    const { count } = await tx.testCycle.updateMany({
      where: { ...open(ref), OR: [{ startsOn: null }, { startsOn: { gt: now } }] },
      data: { startsOn: today },
    });
    if (!count) return false;
    await recordAudit(tx, {
      localityId: ref.localityId,
      actorId: ref.actorId,
      action: "cycle.start",
      targetType: "cycle",
      targetId: ref.cycleId,
      detail: { prototypeId: ref.prototypeId },
    });
    await syncPrototypeStatus(tx, ref.prototypeId, now);
    return true;
  });
}

async function isOpen(db: Pick<Db, "testCycle">, ref: CycleRef): Promise<boolean> {
  return (await db.testCycle.count({ where: open(ref) })) > 0;
}

export type AddOutcome = "added" | "closed" | "unknown-person" | "already" | "full";

/** Adds a person of THIS locality's core group as someone who would use or deliver it. */
export async function addParticipant(db: Db, ref: CycleRef, input: { personId: string; role: ParticipantRole }): Promise<AddOutcome> {
  const person = await db.person.findFirst({ where: { id: input.personId, localityId: ref.localityId }, select: { id: true } });
  if (!person) return "unknown-person";
  return db.$transaction(async (tx) => {
    if (!(await isOpen(tx, ref))) return "closed";
    if ((await tx.cycleParticipant.count({ where: { cycleId: ref.cycleId } })) >= CYCLE_LIMITS.participants) return "full";
    const existing = await tx.cycleParticipant.findFirst({ where: { cycleId: ref.cycleId, personId: person.id, role: input.role }, select: { id: true } });
    if (existing) return "already";
    await tx.cycleParticipant.create({ data: { cycleId: ref.cycleId, personId: person.id, role: input.role } });
    return "added";
  });
}

/** Adds a count of others who took part ("12 parents"). */
export async function addCount(db: Db, ref: CycleRef, input: { label: string; count: number }): Promise<AddOutcome> {
  return db.$transaction(async (tx) => {
    if (!(await isOpen(tx, ref))) return "closed";
    if ((await tx.cycleCount.count({ where: { cycleId: ref.cycleId } })) >= CYCLE_LIMITS.counts) return "full";
    await tx.cycleCount.create({ data: { cycleId: ref.cycleId, label: input.label, count: input.count } });
    return "added";
  });
}

export type EvidenceInput =
  | { kind: "note" | "figure"; text: string }
  | { kind: "photo"; text: string; photo: { data: Uint8Array; mime: string; width: number; height: number } };

/** Adds a note, a figure or a photo (already re-encoded, without its metadata). */
export async function addEvidence(db: Db, ref: CycleRef, input: EvidenceInput): Promise<AddOutcome> {
  return db.$transaction(async (tx) => {
    if (!(await isOpen(tx, ref))) return "closed";
    const all = await tx.cycleEvidence.count({ where: { cycleId: ref.cycleId } });
    if (all >= CYCLE_LIMITS.evidence) return "full";
    if (input.kind === "photo" && (await tx.cycleEvidence.count({ where: { cycleId: ref.cycleId, kind: "photo" } })) >= CYCLE_LIMITS.photosPerCycle)
      return "full";
    await tx.cycleEvidence.create({
      data: {
        cycleId: ref.cycleId,
        kind: input.kind,
        text: input.text,
        createdById: ref.actorId,
        ...(input.kind === "photo"
          ? { mimeType: input.photo.mime, bytes: Buffer.from(input.photo.data), width: input.photo.width, height: input.photo.height }
          : {}),
      },
    });
    return "added";
  });
}

/** Removes a participant, a count or a piece of evidence of an open cycle; false when there was none (or it is closed). */
export async function removeFromCycle(db: Db, ref: CycleRef, what: "participant" | "count" | "evidence", id: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await isOpen(tx, ref))) return false;
    const where = { id, cycleId: ref.cycleId };
    const { count } =
      what === "participant"
        ? await tx.cycleParticipant.deleteMany({ where })
        : what === "count"
          ? await tx.cycleCount.deleteMany({ where })
          : await tx.cycleEvidence.deleteMany({ where });
    return count > 0;
  });
}

/** A photo of a cycle's evidence, with the cycle's place (for the photo route). */
export function findEvidencePhoto(db: Db, localityId: string, prototypeId: string, cycleId: string, evidenceId: string) {
  return db.cycleEvidence.findFirst({
    where: { id: evidenceId, kind: "photo", cycle: { id: cycleId, prototypeId, localityId } },
    select: { mimeType: true, bytes: true },
  });
}

/**
 * Sets this person's confidence before and/or after (one rating per person per moment, changed
 * by rating again); false when the cycle is closed.
 */
export async function rateConfidence(db: Db, ref: CycleRef, ratings: { before?: number; after?: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await isOpen(tx, ref))) return false;
    for (const moment of ["before", "after"] as const) {
      const rating = ratings[moment];
      if (rating === undefined) continue;
      await tx.confidenceRating.upsert({
        where: { cycleId_userId_moment: { cycleId: ref.cycleId, userId: ref.actorId, moment } },
        create: { cycleId: ref.cycleId, userId: ref.actorId, moment, rating },
        update: { rating },
      });
    }
    return true;
  });
}

/** Opens a board for the cycle's evidence and links it; the linked one when it has one. Null: closed or gone. */
export async function openCycleBoard(db: Db, ref: CycleRef, title: string): Promise<{ boardId: string; created: boolean } | null> {
  const cycle = await db.testCycle.findFirst({
    where: { id: ref.cycleId, prototypeId: ref.prototypeId, localityId: ref.localityId },
    select: { boardId: true, decision: true },
  });
  if (!cycle) return null;
  if (cycle.boardId) return { boardId: cycle.boardId, created: false };
  if (cycle.decision !== null) return null;
  return db.$transaction(async (tx) => {
    const board = await tx.board.create({ data: { localityId: ref.localityId, title, purpose: "exercise", createdById: ref.actorId }, select: { id: true } });
    await recordAudit(tx, {
      localityId: ref.localityId,
      actorId: ref.actorId,
      action: "board.create",
      targetType: "board",
      targetId: board.id,
      detail: { title },
    });
    const { count } = await tx.testCycle.updateMany({ where: { ...open(ref), boardId: null }, data: { boardId: board.id } });
    if (!count) {
      // Someone else linked a board meanwhile (or the cycle closed): theirs stands, ours goes to the archive.
      await tx.board.update({ where: { id: board.id }, data: { archivedAt: new Date() } });
      const now = await tx.testCycle.findFirst({ where: { id: ref.cycleId }, select: { boardId: true } });
      return now?.boardId ? { boardId: now.boardId, created: false } : null;
    }
    await recordAudit(tx, {
      localityId: ref.localityId,
      actorId: ref.actorId,
      action: "cycle.board",
      targetType: "cycle",
      targetId: ref.cycleId,
      detail: { prototypeId: ref.prototypeId, boardId: board.id },
    });
    return { boardId: board.id, created: true };
  });
}

export type DecideOutcome = { ok: true; status: PrototypeStatus } | { ok: false; error: "closed" | "no-learning" };

/**
 * Records the decision that closes a cycle (facilitators): refused when nothing learned is
 * written, or when it was decided meanwhile (two decisions at once: one wins). Closes the cycle's
 * public feedback link, audits the decision, and the prototype's status follows it.
 */
export async function decideCycle(db: Db, ref: CycleRef, input: { decision: CycleDecision; reason: string }, now: Date = new Date()): Promise<DecideOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.testCycle.updateMany({
      where: { ...open(ref), NOT: { learned: "" } },
      data: { decision: input.decision, decisionReason: input.reason, decidedAt: now, decidedById: ref.actorId, feedbackOpen: false },
    });
    if (!count) {
      const cycle = await tx.testCycle.findFirst({ where: { id: ref.cycleId }, select: { decision: true } });
      return { ok: false, error: cycle?.decision ? "closed" : "no-learning" };
    }
    const before = await tx.prototype.findUnique({ where: { id: ref.prototypeId }, select: { status: true } });
    const status = (await syncPrototypeStatus(tx, ref.prototypeId, now)) ?? STATUS_AFTER_DECISION[input.decision];
    await recordAudit(tx, {
      localityId: ref.localityId,
      actorId: ref.actorId,
      action: "cycle.decide",
      targetType: "cycle",
      targetId: ref.cycleId,
      detail: { prototypeId: ref.prototypeId, decision: input.decision, from: before?.status ?? null, to: status },
    });
    return { ok: true, status };
  });
}

/**
 * Corrects a closed cycle: each changed field becomes an amendment (before, after, reason, who,
 * when) and the field takes its corrected value. False when the cycle is not closed.
 */
export async function amendCycle(
  db: Db,
  ref: CycleRef,
  input: { changes: ReadonlyArray<{ field: AmendableField; before: string; after: string }>; reason: string },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.testCycle.updateMany({
      where: { id: ref.cycleId, prototypeId: ref.prototypeId, localityId: ref.localityId, NOT: { decision: null } },
      data: amendedValues(input.changes),
    });
    if (!count) return false;
    const at = new Date();
    for (const c of input.changes) {
      await tx.cycleAmendment.create({
        data: { cycleId: ref.cycleId, field: c.field, before: c.before, after: c.after, reason: input.reason, createdById: ref.actorId, createdAt: at },
      });
    }
    await recordAudit(tx, {
      localityId: ref.localityId,
      actorId: ref.actorId,
      action: "cycle.amend",
      targetType: "cycle",
      targetId: ref.cycleId,
      detail: { prototypeId: ref.prototypeId, fields: input.changes.map((c) => c.field) },
    });
    return true;
  });
}
