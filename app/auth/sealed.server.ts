/**
 * Secrets kept for a while without being stored in clear (an invitation's link remembered for a
 * repeat of the form that made it, app/data/form-submissions.server.ts): sealed with AES-256-GCM
 * under a key derived (HKDF-SHA-256) from SESSION_SECRET and the purpose, so a sealed value is
 * useless without the secret and cannot be passed off as another purpose's.
 */
import crypto from "node:crypto";
import { env } from "~/config/env.server";

const VERSION = "s1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  const secret = env().SESSION_SECRET;
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", secret, "coproduce/sealed", `sealed:${purpose}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

/** `plain` sealed for `purpose`: "s1.<iv>.<ciphertext>.<tag>" (base64url). */
export function seal(purpose: string, plain: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(`${VERSION}:${purpose}`));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** What `seal(purpose, …)` sealed; null for anything else (tampered, another purpose, another secret). */
export function unseal(purpose: string, sealed: unknown): string | null {
  if (typeof sealed !== "string") return null;
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, iv, body, tag] = parts.map((p) => Buffer.from(p, "base64url"));
  if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), iv!, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${purpose}`));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
