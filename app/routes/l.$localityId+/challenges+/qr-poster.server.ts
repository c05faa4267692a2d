/**
 * The challenge's QR poster: for each language the challenge offers, the public link with
 * ?lng=<language> (so the page opens in the language it was printed in) and its QR code, made
 * with the `qrcode` library as SVG on the server.
 */
import QRCode from "qrcode";
import { findChallengeLink } from "~/data/challenges.server";

/** The full public link of a challenge code, from the request's origin. */
export function publicIdeaUrl(origin: string, linkCode: string, language?: string): string {
  const url = new URL(`/i/${linkCode}`, origin);
  if (language) url.searchParams.set("lng", language);
  return url.toString();
}

/** The link as a person would type it off a poster (no scheme, no language). */
export function shortIdeaLink(origin: string, linkCode: string): string {
  const url = new URL(`/i/${linkCode}`, origin);
  return `${url.host}${url.pathname}`;
}

/** A QR code (error correction M, a quiet zone of 2 modules) of `text`, as an SVG document. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

/** The same as a data: URI for an <img> (the CSP allows img data:). */
export async function qrDataUri(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString("base64")}`;
}

/** The challenge a poster is for, in the locality the person may see (null: not there). */
export async function findPosterChallenge(db: import("~/data/db.server").Db, localityId: string, challengeId: string | undefined) {
  if (!challengeId || !/^[A-Za-z0-9_-]{1,64}$/.test(challengeId)) return null;
  return findChallengeLink(db, localityId, challengeId);
}
