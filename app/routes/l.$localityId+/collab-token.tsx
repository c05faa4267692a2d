import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { issueCollabToken } from "~/auth/collab-token.server";
import { notFound } from "~/http/http-errors.server";
import { env } from "~/config/env.server";
import { formatDocumentName, parseDocumentName } from "~/collab/names";
import { documentAccess } from "~/collab/document-access.server";
import { getDb } from "~/data/db.server";
import { can } from "~/domain/access/policy";
import { COLLAB_LIMITS } from "~/collab/limits";
import { collabSocketUrls } from "~/collab/collab-addresses.server";

/**
 * GET /l/<locality>/collab-token?doc=<document name>: a ≤ 10-minute token for one document of
 * this locality that exists (a board or shared document record): read-write for members and
 * facilitators, read-only for viewers — and for members while a board is locked. The browser
 * asks again before it expires, so a revoked membership stops working within that time.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, locality } = await requireLocalityAccess(request, params.localityId, "documents.view");
  const url = new URL(request.url);
  const name = parseDocumentName(url.searchParams.get("doc"));
  if (!name || name.localityId !== locality.id) throw notFound();
  const access = await documentAccess(await getDb(), role, name, user.id);
  if (!access) throw notFound();
  const doc = formatDocumentName(name);
  // In a draft nobody facilitates: it holds one person's notes.
  const facilitate = access === "read-write" && name.kind !== "draft" && can(role, "boards.facilitate");
  const token = await issueCollabToken(env().SESSION_SECRET, { userId: user.id, name: user.name, doc, access, facilitate });
  // Every collaboration address, turned per request: the browser moves on when one is down.
  const urls = collabSocketUrls(env().COLLAB_PUBLIC_URL, url);
  return Response.json(
    { token, access, facilitate, url: urls[0], urls, expiresInSeconds: COLLAB_LIMITS.tokenSeconds },
    { headers: { "Cache-Control": "no-store" } },
  );
}
