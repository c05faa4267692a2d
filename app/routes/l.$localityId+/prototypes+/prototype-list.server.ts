/** The prototypes list's data. */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listPrototypes } from "~/data/prototypes.server";
import { can } from "~/domain/access/policy";

/** The prototypes list: each prototype, its status, and the idea (and challenge, insight) it came from. */
export async function loadPrototypeList(access: LocalityAccess) {
  const rows = await listPrototypes(await getDb(), access.locality.id);
  const seesAll = can(access.role, "ideas.moderate");
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    prototypes: rows.map((p) => {
      // An idea hidden after reports (or otherwise not published) is named only to facilitators.
      const idea = p.idea && (p.idea.moderation === "published" || seesAll) ? p.idea : null;
      return {
        id: p.id,
        title: p.title,
        status: p.status,
        createdAt: p.createdAt.toISOString(),
        idea: idea ? { id: idea.id, title: idea.title } : null,
        challenge: idea ? { id: idea.challenge.id, question: idea.challenge.question } : null,
        insight: idea?.challenge.insight ? { id: idea.challenge.insight.id, statement: idea.challenge.insight.statement } : null,
      };
    }),
  };
}
