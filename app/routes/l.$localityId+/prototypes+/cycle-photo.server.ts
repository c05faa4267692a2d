/** A photo of a test cycle's evidence: served only to people who may view the prototype. */
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { findEvidencePhoto } from "~/data/cycles.server";
import { requirePrototype } from "./prototype-access.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The photo's bytes as stored (re-encoded without metadata when added), with its type, never
 * sniffed, never kept by shared caches. Another locality's, another cycle's or none → 404.
 */
export async function loadCyclePhoto(access: LocalityAccess, params: { prototypeId?: string; cycleId?: string; evidenceId?: string }): Promise<Response> {
  const prototype = await requirePrototype(access, params.prototypeId);
  if (!params.cycleId || !ID.test(params.cycleId) || !params.evidenceId || !ID.test(params.evidenceId)) throw notFound();
  const photo = await findEvidencePhoto(await getDb(), access.locality.id, prototype.id, params.cycleId, params.evidenceId);
  if (!photo?.bytes || !photo.mimeType) throw notFound();
  const bytes = new Uint8Array(photo.bytes);
  return new Response(bytes, {
    headers: {
      "Content-Type": photo.mimeType,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
