/**
 * Retention of phone contributors' contact details: a contributor who left a name or a way to
 * reach them (to hear back about their idea) has them deleted CONTACT_RETENTION_DAYS after the
 * challenge closed. Run daily by the web process (app/use-cases/schedule-contact-retention.server.ts)
 * and by `npm run retention` (app/cli/retention.ts). The activity log says how many were cleared
 * per locality, never what they were; a second run finds nothing and logs nothing.
 */
import type { Db } from "~/data/db.server";
import { clearContactDetails, ideasHoldingContact } from "~/data/contact-retention.server";
import { challengeClosedAt, contactExpired } from "~/domain/data-rights";

export type RetentionResult = { cleared: number; localities: Array<{ localityId: string; cleared: number }> };

export async function clearExpiredContacts(db: Db, options: { retentionDays: number; now?: Date }): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const byLocality = new Map<string, string[]>();
  for (const idea of await ideasHoldingContact(db)) {
    if (!contactExpired(challengeClosedAt(idea.challenge, now), options.retentionDays, now)) continue;
    const list = byLocality.get(idea.localityId) ?? [];
    list.push(idea.id);
    byLocality.set(idea.localityId, list);
  }
  const cleared = await clearContactDetails(db, byLocality, options.retentionDays);
  const localities = [...cleared].map(([localityId, count]) => ({ localityId, cleared: count }));
  return { cleared: localities.reduce((sum, l) => sum + l.cleared, 0), localities };
}
