import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { findPhoto } from "~/data/stories.server";
import { requireReadableStory } from "~/use-cases/read-story.server";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One photo of a story, behind the same gate as the story; never stored by shared caches. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.view");
  const db = await getDb();
  const story = await requireReadableStory(db, access, params.storyId);
  const photoId = id.safeParse(params.photoId);
  if (!photoId.success) throw notFound();
  const photo = await findPhoto(db, story.id, photoId.data);
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.data), {
    headers: {
      "Content-Type": photo.mime,
      "Content-Length": String(photo.data.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}
