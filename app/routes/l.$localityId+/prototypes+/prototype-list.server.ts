/** The prototypes list's data: each prototype with its status, test cycles in brief, who took part, and where it came from. */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listPrototypes } from "~/data/prototypes.server";
import { syncPrototypeStatus } from "~/data/cycles.server";
import { prototypeStatusFrom } from "~/domain/cycles";
import { can } from "~/domain/access/policy";
import { columnsByStatus, listView, peopleTookPart } from "~/domain/prototype-records";
import { cycleState } from "~/domain/prototypes";

/** The prototypes list, as a board of columns by status (`view: "board"`) or a table (`?view=table`). */
export async function loadPrototypeList(access: LocalityAccess, url: URL) {
  const db = await getDb();
  const rows = await listPrototypes(db, access.locality.id);
  const seesAll = can(access.role, "ideas.moderate");
  const now = new Date();
  // A cycle whose start date has just passed makes its prototype "testing": kept true on the record too.
  const stale = rows.filter((p) => prototypeStatusFrom(p.cycles, now) !== p.status);
  await Promise.all(stale.map((p) => syncPrototypeStatus(db, p.id, now)));
  const prototypes = rows.map((p) => {
    // An idea hidden after reports (or otherwise not published) is named only to facilitators.
    const idea = p.idea && (p.idea.moderation === "published" || seesAll) ? p.idea : null;
    const last = p.cycles.at(-1);
    return {
      id: p.id,
      title: p.title,
      status: prototypeStatusFrom(p.cycles, now),
      createdAt: p.createdAt.toISOString(),
      cycles: p.cycles.length,
      lastCycle: last ? { number: last.number, state: cycleState(last, now), decision: last.decision } : null,
      peopleTookPart: peopleTookPart(
        p.cycles.flatMap((c) => c.participants.map((x) => x.personId)),
        p.cycles.flatMap((c) => c.counts.map((x) => x.count)),
      ),
      idea: idea ? { id: idea.id, title: idea.title } : null,
      challenge: idea ? { id: idea.challenge.id, question: idea.challenge.question } : null,
      insight: idea?.challenge.insight ? { id: idea.challenge.insight.id, statement: idea.challenge.insight.statement } : null,
    };
  });
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    view: listView(url),
    prototypes,
    columns: columnsByStatus(prototypes).map((c) => ({ status: c.status, ids: c.prototypes.map((p) => p.id) })),
  };
}
