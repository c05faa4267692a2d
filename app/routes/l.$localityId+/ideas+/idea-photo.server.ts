/** An idea's photo: published ideas' photos for everyone in the locality, others' for moderators only. */
import type { LocalityAccess } from "~/auth/permissions.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { findIdeaPhoto } from "~/data/ideas-moderation.server";
import { can } from "~/domain/access/policy";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An idea's photo: facilitators (ideas.moderate) see it while the idea waits or is hidden; once
 * published, everyone who sees ideas does. Never stored by shared caches.
 */
export async function loadIdeaPhoto(access: LocalityAccess, rawIdeaId: string | undefined): Promise<Response> {
  if (!rawIdeaId || !ID.test(rawIdeaId)) throw notFound();
  const found = await findIdeaPhoto(await getDb(), access.locality.id, rawIdeaId);
  if (!found?.photo) throw notFound();
  if (found.moderation !== "published" && !can(access.role, "ideas.moderate")) throw forbidden();
  const bytes = new Uint8Array(found.photo.bytes);
  return new Response(bytes, {
    headers: {
      "Content-Type": found.photo.mimeType,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}
