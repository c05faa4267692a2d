/**
 * A prototype's measures and their readings, and what its test cycles cost and reached. Every
 * change is one transaction with its activity-log entry. Measures have no locality of their own:
 * callers pass a prototype already found in the person's locality (requirePrototype), and every
 * query here is scoped by that prototype.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { MEASURE_LIMITS, inRange, type MeasureInput, type ReadingInput } from "~/domain/measures";

export type PrototypeScope = { localityId: string; prototypeId: string; actorId: string };

/** The prototype's measures (oldest first) with their readings (by date) and each reading's cycle number. */
export function listMeasures(db: Db, prototypeId: string) {
  return db.measure.findMany({
    where: { prototypeId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MEASURE_LIMITS.measures,
    select: {
      id: true,
      name: true,
      unit: true,
      baseline: true,
      target: true,
      betterWhen: true,
      minValue: true,
      maxValue: true,
      readings: {
        orderBy: [{ takenOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        take: MEASURE_LIMITS.readings,
        select: { id: true, value: true, takenOn: true, source: true, cycleId: true, cycle: { select: { number: true } } },
      },
    },
  });
}
export type MeasureRow = Awaited<ReturnType<typeof listMeasures>>[number];

/** The prototype's test cycles, by number: their dates, cost in pence and people reached (entered on each cycle's page). */
export function listCycleCosts(db: Db, prototypeId: string) {
  return db.testCycle.findMany({
    where: { prototypeId },
    orderBy: { number: "asc" },
    select: { id: true, number: true, method: true, startsOn: true, endsOn: true, costPence: true, peopleReached: true },
  });
}

export function findMeasure(db: Db, prototypeId: string, measureId: string) {
  return db.measure.findFirst({
    where: { id: measureId, prototypeId },
    select: { id: true, name: true, unit: true, minValue: true, maxValue: true, _count: { select: { readings: true } } },
  });
}

/** A reading of one of the prototype's measures (null: none such, or another prototype's). */
export function findReading(db: Db, prototypeId: string, readingId: string) {
  return db.measureReading.findFirst({
    where: { id: readingId, measure: { prototypeId } },
    select: { id: true, measureId: true, value: true, takenOn: true, source: true, cycleId: true },
  });
}

/** Whether a test cycle is this prototype's (a reading may only name one of its own prototype's cycles). */
export async function isPrototypeCycle(db: Db, prototypeId: string, cycleId: string): Promise<boolean> {
  return (await db.testCycle.count({ where: { id: cycleId, prototypeId } })) === 1;
}

export type MeasureOutcome = { ok: true; measureId: string } | { ok: false; error: "limit" | "gone" | "readingsOutside" };

/** Adds a measure to the prototype (at most MEASURE_LIMITS.measures). */
export async function createMeasure(db: Db, scope: PrototypeScope, input: MeasureInput): Promise<MeasureOutcome> {
  return db.$transaction(async (tx) => {
    if ((await tx.measure.count({ where: { prototypeId: scope.prototypeId } })) >= MEASURE_LIMITS.measures) return { ok: false, error: "limit" } as const;
    const measure = await tx.measure.create({ data: { prototypeId: scope.prototypeId, ...input }, select: { id: true } });
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "measure.create",
      targetType: "measure",
      targetId: measure.id,
      detail: { prototypeId: scope.prototypeId, name: input.name, unit: input.unit },
    });
    return { ok: true, measureId: measure.id } as const;
  });
}

/**
 * Changes a measure. A new range that would leave any of its readings outside is refused (the
 * readings stay as they were recorded: correct them first, or widen the range).
 */
export async function updateMeasure(db: Db, scope: PrototypeScope, measureId: string, input: MeasureInput): Promise<MeasureOutcome> {
  return db.$transaction(async (tx) => {
    const before = await tx.measure.findFirst({ where: { id: measureId, prototypeId: scope.prototypeId }, select: { id: true } });
    if (!before) return { ok: false, error: "gone" } as const;
    const readings = await tx.measureReading.findMany({ where: { measureId }, select: { value: true } });
    if (readings.some((r) => !inRange(r.value, input))) return { ok: false, error: "readingsOutside" } as const;
    await tx.measure.update({ where: { id: measureId }, data: input });
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "measure.update",
      targetType: "measure",
      targetId: measureId,
      detail: { prototypeId: scope.prototypeId, name: input.name, unit: input.unit },
    });
    return { ok: true, measureId } as const;
  });
}

/** Removes a measure and its readings. False when it was already gone. */
export async function removeMeasure(db: Db, scope: PrototypeScope, measureId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const measure = await tx.measure.findFirst({
      where: { id: measureId, prototypeId: scope.prototypeId },
      select: { name: true, _count: { select: { readings: true } } },
    });
    if (!measure) return false;
    const { count } = await tx.measure.deleteMany({ where: { id: measureId, prototypeId: scope.prototypeId } });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "measure.remove",
      targetType: "measure",
      targetId: measureId,
      detail: { prototypeId: scope.prototypeId, name: measure.name, readings: measure._count.readings },
    });
    return true;
  });
}

export type ReadingOutcome = { ok: true; readingId: string } | { ok: false; error: "limit" | "gone" | "cycle" | "range" };

/** Checks inside a change's transaction: the measure is still the prototype's, the value in its (current) range, the cycle the prototype's. */
async function checkReading(
  tx: Pick<Db, "measure" | "testCycle">,
  scope: PrototypeScope,
  measureId: string,
  input: ReadingInput,
): Promise<"gone" | "cycle" | "range" | null> {
  const measure = await tx.measure.findFirst({ where: { id: measureId, prototypeId: scope.prototypeId }, select: { minValue: true, maxValue: true } });
  if (!measure) return "gone";
  if (!inRange(input.value, measure)) return "range";
  if (input.cycleId !== null && (await tx.testCycle.count({ where: { id: input.cycleId, prototypeId: scope.prototypeId } })) !== 1) return "cycle";
  return null;
}

/** Adds a reading to one of the prototype's measures (at most MEASURE_LIMITS.readings each). */
export async function createReading(db: Db, scope: PrototypeScope, measureId: string, input: ReadingInput): Promise<ReadingOutcome> {
  return db.$transaction(async (tx) => {
    const problem = await checkReading(tx, scope, measureId, input);
    if (problem) return { ok: false, error: problem } as const;
    if ((await tx.measureReading.count({ where: { measureId } })) >= MEASURE_LIMITS.readings) return { ok: false, error: "limit" } as const;
    const reading = await tx.measureReading.create({
      data: { measureId, value: input.value, takenOn: input.takenOn, source: input.source, cycleId: input.cycleId, createdById: scope.actorId },
      select: { id: true },
    });
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "measure.reading.create",
      targetType: "measureReading",
      targetId: reading.id,
      detail: { prototypeId: scope.prototypeId, measureId, value: input.value, takenOn: input.takenOn.toISOString().slice(0, 10) },
    });
    return { ok: true, readingId: reading.id } as const;
  });
}

/** Changes a reading (its value, date, source, cycle); it stays with its measure. */
export async function updateReading(db: Db, scope: PrototypeScope, readingId: string, input: ReadingInput): Promise<ReadingOutcome> {
  return db.$transaction(async (tx) => {
    const reading = await tx.measureReading.findFirst({
      where: { id: readingId, measure: { prototypeId: scope.prototypeId } },
      select: { measureId: true, value: true, takenOn: true },
    });
    if (!reading) return { ok: false, error: "gone" } as const;
    const problem = await checkReading(tx, scope, reading.measureId, input);
    if (problem) return { ok: false, error: problem } as const;
    await tx.measureReading.update({
      where: { id: readingId },
      data: { value: input.value, takenOn: input.takenOn, source: input.source, cycleId: input.cycleId },
    });
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "measure.reading.update",
      targetType: "measureReading",
      targetId: readingId,
      detail: {
        prototypeId: scope.prototypeId,
        measureId: reading.measureId,
        from: reading.value,
        to: input.value,
        takenOn: input.takenOn.toISOString().slice(0, 10),
      },
    });
    return { ok: true, readingId } as const;
  });
}

/** Removes a reading. False when it was already gone. */
export async function removeReading(db: Db, scope: PrototypeScope, readingId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const reading = await tx.measureReading.findFirst({
      where: { id: readingId, measure: { prototypeId: scope.prototypeId } },
      select: { measureId: true, value: true, takenOn: true },
    });
    if (!reading) return false;
    const { count } = await tx.measureReading.deleteMany({ where: { id: readingId } });
    if (count === 0) return false;
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "measure.reading.remove",
      targetType: "measureReading",
      targetId: readingId,
      detail: { prototypeId: scope.prototypeId, measureId: reading.measureId, value: reading.value, takenOn: reading.takenOn.toISOString().slice(0, 10) },
    });
    return true;
  });
}
