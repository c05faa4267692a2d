/**
 * The SESSION_SECRET is not in a backup (it would let whoever holds the file forge collab and
 * internal API tokens), but a backup records a fingerprint of it, so a restore can say when the
 * secret in use now differs (sealed invitation links, story-text signatures and the CSRF tokens of
 * open pages were made with the old one).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/** Where server.ts keeps a generated secret when SESSION_SECRET is unset. */
export const SESSION_SECRET_FILE = path.join(ROOT, "data", "session-secret");

/** The secret the app would use: SESSION_SECRET, else data/session-secret; null when neither. */
export function currentSessionSecret(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  try {
    return fs.readFileSync(SESSION_SECRET_FILE, "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** 16 hex characters of a keyed hash: tells two secrets apart, says nothing about either. */
export function fingerprint(secret: string | null): string | null {
  return secret ? crypto.createHmac("sha256", "coproduce/backup-fingerprint").update(secret).digest("hex").slice(0, 16) : null;
}
