// Longbridge test cycles for the access-control table's cycle rows, made once per test process in
// the e2e server's database (the demo data need not have them): an open cycle (ratings), a cycle
// a facilitator can decide (what was learned is written), and a photo among the open one's
// evidence. Synchronous, so a row's `path` can ask for it.
import { seedCycles } from "../../factories/cycles";

export type CycleAccess = { prototypeId: string; cycleId: string; decideCycleId: string; photoId: string };

const made = new Map<string, CycleAccess>();

/** The access table's cycles in locality `L` (made on first use). */
export function cycleAccess(localityId: string): CycleAccess {
  let found = made.get(localityId);
  if (!found) {
    const seeded = seedCycles({
      localityId,
      title: "Access table prototype (cycles)",
      cycles: [
        { startsInDays: -1, photo: true },
        { startsInDays: -7, learned: "Seeded: parents came back." },
      ],
    });
    found = { prototypeId: seeded.prototypeId, cycleId: seeded.cycles[0]!.id, decideCycleId: seeded.cycles[1]!.id, photoId: seeded.cycles[0]!.photoId! };
    made.set(localityId, found);
  }
  return found;
}

/** …/prototypes/P/cycles of the access table's prototype. */
export function cyclesPath(localityId: string): string {
  return `/l/${localityId}/prototypes/${cycleAccess(localityId).prototypeId}/cycles`;
}
