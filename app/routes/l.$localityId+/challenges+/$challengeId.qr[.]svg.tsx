import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { challengeLanguages } from "~/domain/ideas";
import { findPosterChallenge, publicIdeaUrl, qrSvg } from "./qr-poster.server";

/** The challenge's QR code as an SVG file to download (?lng= one of its languages). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "ideas.view");
  const challenge = await findPosterChallenge(await getDb(), locality.id, params.challengeId);
  if (!challenge) throw notFound();
  const url = new URL(request.url);
  const languages = challengeLanguages(challenge.languages);
  const asked = url.searchParams.get("lng");
  const lang = languages.find((l) => l === asked) ?? languages[0]!;
  const svg = await qrSvg(publicIdeaUrl(url.origin, challenge.linkCode, lang));
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="idea-link-${challenge.linkCode}-${lang}.svg"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
