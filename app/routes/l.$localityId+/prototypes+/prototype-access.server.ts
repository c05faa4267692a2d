/** The prototype named in a URL, for every page of one prototype (its overview, cycles, measures, feedback). */
import type { LocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { findPrototypeHeader, type PrototypeHeader } from "~/data/prototypes.server";
import { notFound } from "~/http/http-errors.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The prototype `rawId` of this person's locality, or 404 (a malformed id, another locality's, none). */
export async function requirePrototype(access: LocalityAccess, rawId: string | undefined): Promise<PrototypeHeader> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const prototype = await findPrototypeHeader(await getDb(), access.locality.id, rawId);
  if (!prototype) throw notFound();
  return prototype;
}
