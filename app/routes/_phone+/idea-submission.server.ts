/**
 * Ideas from the public challenge link (/i/<code>): finding the challenge by its code, the page's
 * signed timestamp (the "fast" signal), the sender's keyed hashes, and storing one idea exactly
 * once per submission key, with its spam signals and receipt.
 *
 * The receipt secret is derived from the submission key (an HMAC under SESSION_SECRET), so a
 * repeated send of the same form — a double tap, a retry after a lost connection, the offline
 * outbox — gets the same receipt link back; only its SHA-256 is stored.
 */
import crypto from "node:crypto";
import { env } from "~/config/env.server";
import type { Db } from "~/data/db.server";
import { LIMITS } from "~/domain/limits";
import { parseLinkCode } from "~/domain/ideas";
import { BURST_MINUTES, comparableText, ideaTitle, spamSignals } from "~/domain/idea-submission";
import type { EncodedPhoto } from "~/use-cases/encode-photo.server";
import { isUniqueViolation } from "~/data/unique-violation.server";
import { createPhoneIdea, findChallengeByLinkCode, findReceiptHashOf, spamFacts } from "~/data/phone-ideas.server";

function hmac(purpose: string, value: string): string {
  return crypto.createHmac("sha256", env().SESSION_SECRET).update(`${purpose}:${value}`).digest("base64url");
}

/** The challenge behind a public link code, with its locality's name; null for an unknown (or rotated) code. */
export async function findChallengeByCode(db: Db, rawCode: string | undefined) {
  const code = parseLinkCode(rawCode);
  if (!code) return null;
  return findChallengeByLinkCode(db, code);
}
export type PublicChallenge = NonNullable<Awaited<ReturnType<typeof findChallengeByCode>>>;

/** A fresh submission key for one rendering of the form. */
export function newSubmissionKey(): string {
  return crypto.randomBytes(18).toString("base64url");
}

/** "<ms>.<hmac>": when the form was rendered, signed for this challenge so it cannot be forged. */
export function pageStamp(challengeId: string, now: Date = new Date()): string {
  const ms = String(now.getTime());
  return `${ms}.${hmac(`stamp:${challengeId}`, ms)}`;
}

/** Seconds since the page's stamp was made, or null if it is missing, malformed or not ours. */
export function secondsSinceStamp(stamp: string, challengeId: string, now: Date = new Date()): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp);
  if (!match) return null;
  const expected = Buffer.from(hmac(`stamp:${challengeId}`, match[1]!));
  const sent = Buffer.from(match[2]!);
  if (expected.length !== sent.length || !crypto.timingSafeEqual(expected, sent)) return null;
  const seconds = (now.getTime() - Number(match[1])) / 1000;
  return seconds >= 0 ? seconds : null;
}

/** Keyed hashes of the device cookie and the client address: what is stored and counted, never the raw values. */
export function senderHashes(device: string, address: string): { deviceHash: string; addressHash: string } {
  return { deviceHash: hmac("device", device), addressHash: hmac("address", address) };
}

/** The receipt link's secret for a submission (the same for a repeated send of the same form). */
export function receiptSecret(challengeId: string, submissionKey: string): string {
  return hmac(`receipt:${challengeId}`, submissionKey);
}

export function receiptHashOf(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

/** A receipt secret as it appears in /r/<secret> (43 base64url characters). */
export const RECEIPT_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The receipt of an idea already sent with this key, if there is one (and its link can be given again). */
export async function existingReceipt(db: Db, challengeId: string, submissionKey: string): Promise<{ secret: string | null } | null> {
  const found = await findReceiptHashOf(db, challengeId, submissionKey);
  if (!found) return null;
  const secret = receiptSecret(challengeId, submissionKey);
  // After SESSION_SECRET changed the same key derives another secret: the idea is there, the link cannot be given again.
  return { secret: found.receiptHash === receiptHashOf(secret) ? secret : null };
}

export type NewPhoneIdea = {
  challenge: Pick<PublicChallenge, "id" | "localityId">;
  idea: { text: string; language: string; name: string | null; contact: string | null };
  photo: EncodedPhoto | null;
  submissionKey: string;
  sender: { deviceHash: string; addressHash: string };
  stamp: string;
  now?: Date;
};

/**
 * Stores a phone idea (pending moderation) with its spam signals and optional photo; returns its
 * receipt secret. `created` is false when this submission key had already been stored (a
 * concurrent repeat that lost the race gets the winner's receipt).
 */
export async function storePhoneIdea(db: Db, input: NewPhoneIdea): Promise<{ secret: string | null; created: boolean }> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - BURST_MINUTES * 60_000);
  const { earlier, recentFromDevice, recentFromAddress } = await spamFacts(db, input.challenge.id, input.sender, since);
  const same = comparableText(input.idea.text);
  const signals = spamSignals({
    text: input.idea.text,
    sameTextBefore: earlier.filter((e) => comparableText(e.text) === same).length,
    recentFromDevice,
    recentFromAddress,
    secondsSincePage: secondsSinceStamp(input.stamp, input.challenge.id, now),
  });
  const secret = receiptSecret(input.challenge.id, input.submissionKey);
  try {
    await createPhoneIdea(db, {
      localityId: input.challenge.localityId,
      challengeId: input.challenge.id,
      source: "phone",
      moderation: "pending",
      status: "new",
      title: ideaTitle(input.idea.text, LIMITS.ideaTitle),
      text: input.idea.text,
      language: input.idea.language,
      contributorName: input.idea.name,
      contributorContact: input.idea.contact,
      submissionKey: input.submissionKey,
      receiptHash: receiptHashOf(secret),
      deviceHash: input.sender.deviceHash,
      addressHash: input.sender.addressHash,
      spamSignals: JSON.stringify(signals),
      createdAt: now,
      ...(input.photo
        ? { photo: { create: { mimeType: input.photo.mime, bytes: Buffer.from(input.photo.data), width: input.photo.width, height: input.photo.height } } }
        : {}),
    });
    return { secret, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await existingReceipt(db, input.challenge.id, input.submissionKey);
    if (!existing) throw error;
    return { secret: existing.secret, created: false };
  }
}
