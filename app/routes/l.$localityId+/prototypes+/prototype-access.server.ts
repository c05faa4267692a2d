/** The prototype named in a URL, for every page of one prototype (its overview, cycles, measures, feedback), with its status up to date. */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { findPrototypeHeader, type PrototypeHeader } from "~/data/prototypes.server";
import { syncPrototypeStatus } from "~/data/cycles.server";
import { notFound } from "~/http/http-errors.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The prototype `rawId` of this person's locality, or 404 (a malformed id, another locality's, none). */
export async function requirePrototype(access: LocalityAccess, rawId: string | undefined): Promise<PrototypeHeader> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const db = await getDb();
  const prototype = await findPrototypeHeader(db, access.locality.id, rawId);
  if (!prototype) throw notFound();
  // Its status follows its cycles, and a start date may have passed since the last change.
  const status = (await syncPrototypeStatus(db, prototype.id)) ?? prototype.status;
  return { ...prototype, status };
}
